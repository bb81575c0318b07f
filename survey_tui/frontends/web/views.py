"""What the templates draw for a question: plain data (strings, lists, flags) built from the
question, the group's wording and the stored answer, or, after an error, what was posted."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from survey_tui.core import model as qm
from survey_tui.core import texts
from survey_tui.core.answer_rules import answer_rule
from survey_tui.core.answer_text import number_text
from survey_tui.core.i18n import ENGLISH, Words
from survey_tui.frontends.web.forms import (
    OTHER_CHOSEN,
    OTHER_MAX_LENGTH,
    dont_know_name,
    field_name,
    note_name,
    other_name,
    row_name,
    takes_notes,
)


@dataclass
class Choice:
    value: str
    label: str
    checked: bool
    id: str
    number: str = ""  # a scale point's number, shown beside its label
    dont_know: bool = False  # the "don't know" choice after the points, set apart


@dataclass
class RowView:
    id: str
    label: str
    name: str
    choices: list[Choice]


@dataclass
class QuestionView:
    """One question as the templates need it (plain data: strings, lists, flags)."""

    id: str
    type: str
    text: str
    help: Markup | None
    required: bool
    hint: str = ""
    error: str | None = None
    hidden: bool = False
    name: str = ""
    choices: list[Choice] = field(default_factory=list)
    horizontal: bool = False
    other_name: str = ""
    other_value: str = ""
    other_max: int = OTHER_MAX_LENGTH
    value: str = ""
    unit: str = ""
    dont_know_name: str = ""  # a number's "don't know" tick box
    dont_know_label: str = ""
    dont_know_checked: bool = False
    multiline: bool = False
    max_length: int = 0
    columns: list[tuple[str, str]] = field(default_factory=list)
    rows: list[RowView] = field(default_factory=list)
    probes: list[str] = field(default_factory=list)
    note_name: str = ""
    note: str = ""

    @property
    def described_by(self) -> str:
        """Ids of the help, hint and error texts, for ``aria-describedby``."""
        ids = [f"help-{self.id}"] if self.help else []
        ids += [f"hint-{self.id}"] if self.hint else []
        ids += [f"error-{self.id}"] if self.error else []
        return " ".join(ids)


def _posted_or(posted: Mapping[str, Sequence[str]] | None, name: str, stored: Any) -> Any:
    if posted is None:
        return stored
    values = posted.get(name) or []
    return values[0] if values else ""


def question_view(
    q: qm.Questionnaire,
    question: qm.AnyQuestion,
    group: str,
    stored: Any,
    *,
    markdown: Any,
    error: str | None = None,
    hidden: bool = False,
    posted: Mapping[str, Sequence[str]] | None = None,
    note: str | None = None,
    words: Words = ENGLISH,
) -> QuestionView:
    """The view of ``question`` showing ``stored`` (or, after an error, what was ``posted``);
    the product's words (hint, error, "Other") in ``words``' language."""
    view = QuestionView(
        id=question.id,
        type=question.type,
        text=question.text_for(group),
        help=markdown(question.help) if question.help else None,
        required=question.is_required,
        hint=words(answer_rule(question) or ""),
        error=words(error) if error else error,
        hidden=hidden,
        name=field_name(question),
        probes=list(question.probes or []) if q.mode == "interview" else [],
    )
    if takes_notes(q, question):
        view.note_name = note_name(question)
        view.note = str(_posted_or(posted, view.note_name, note or ""))
    if isinstance(question, qm.MatrixQuestion):
        _matrix(q, question, view, stored, posted)
    elif isinstance(question, qm.SingleChoiceQuestion | qm.MultiChoiceQuestion):
        _choices(question, view, stored, posted, words(texts.OTHER_OPTION))
    elif isinstance(question, qm.NumberQuestion):
        _number(question, view, stored, posted)
    elif isinstance(question, qm.TextQuestion):
        view.value = str(_posted_or(posted, view.name, stored or ""))
        view.multiline = question.multiline
        view.max_length = question.max_length
    else:
        _scale(q, question, view, stored, posted)
    return view


def _number(
    question: qm.NumberQuestion,
    view: QuestionView,
    stored: Any,
    posted: Mapping[str, Sequence[str]] | None,
) -> None:
    unsure = stored == qm.DONT_KNOW
    shown = "" if stored is None or unsure else number_text(stored)
    view.value = str(_posted_or(posted, view.name, shown))
    view.unit = question.unit or ""
    if question.dont_know:
        view.dont_know_name = dont_know_name(question)
        view.dont_know_label = question.dont_know
        view.dont_know_checked = bool(_posted_or(posted, view.dont_know_name, unsure))


def _scale_choices(
    q: qm.Questionnaire, question: qm.AnyQuestion, name: str, chosen: str, prefix: str
) -> list[Choice]:
    scale = q.scale_of(question)
    assert scale is not None
    choices = [
        Choice(
            value=str(point),
            label=scale.label_for(point) or "",
            checked=chosen == str(point),
            id=f"{prefix}-{point}",
            number=str(point),
        )
        for point in scale.values
    ]
    if scale.dont_know:
        checked = chosen == qm.DONT_KNOW
        choices.append(
            Choice(qm.DONT_KNOW, scale.dont_know, checked, f"{prefix}-dk", dont_know=True)
        )
    return choices


def _scale(
    q: qm.Questionnaire, question: qm.AnyQuestion, view: QuestionView, stored: Any, posted: Any
) -> None:
    chosen = str(_posted_or(posted, view.name, "" if stored is None else stored))
    view.choices = _scale_choices(q, question, view.name, chosen, f"f-{question.id}")
    scale = q.scale_of(question)
    assert scale is not None
    # Unlabelled or end-labelled points (0-10) sit in a row; labelled points in a column.
    view.horizontal = not scale.labels or scale.labels_ends_only


def _choices(
    question: qm.SingleChoiceQuestion | qm.MultiChoiceQuestion,
    view: QuestionView,
    stored: Any,
    posted: Mapping[str, Sequence[str]] | None,
    other_label: str = texts.OTHER_OPTION,
) -> None:
    known = question.option_values()
    if posted is not None:
        picked = list(posted.get(view.name) or [])
        view.other_value = str(_posted_or(posted, other_name(question), ""))
    else:
        values = stored if isinstance(stored, list) else [] if stored is None else [stored]
        picked = [v for v in values if v in known]
        others = [v for v in values if v not in known]
        view.other_value = others[0] if others else ""
        if others and isinstance(question, qm.SingleChoiceQuestion):
            picked = [OTHER_CHOSEN]
    view.choices = [
        Choice(o.value, o.label, o.value in picked, f"f-{question.id}-{i}")
        for i, o in enumerate(question.options, 1)
    ]
    if question.other:
        view.other_name = other_name(question)
        if isinstance(question, qm.SingleChoiceQuestion):
            view.choices.append(
                Choice(
                    OTHER_CHOSEN,
                    other_label,
                    OTHER_CHOSEN in picked,
                    f"f-{question.id}-other",
                )
            )


def _matrix(
    q: qm.Questionnaire,
    question: qm.MatrixQuestion,
    view: QuestionView,
    stored: Any,
    posted: Mapping[str, Sequence[str]] | None,
) -> None:
    scale = q.scale_of(question)
    assert scale is not None
    rated = stored if isinstance(stored, dict) else {}
    view.columns = [(str(p), scale.label_for(p) or "") for p in scale.values]
    if scale.dont_know:
        view.columns.append(("", scale.dont_know))
    for row in question.rows:
        name = row_name(question, row.id)
        chosen = str(_posted_or(posted, name, rated.get(row.id, "")))
        prefix = f"f-{question.id}-{row.id}"
        view.rows.append(
            RowView(row.id, row.label, name, _scale_choices(q, question, name, chosen, prefix))
        )
