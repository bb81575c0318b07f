"""HTML form fields -> answers: the names of a question's fields and reading a posted page.

Only the *decoding* lives here (which radio was ticked, the text typed); whether an answer is
acceptable is :func:`survey_tui.core.answers.check_answer`, the rule the TUI uses, and numbers
and text are read by :func:`survey_tui.core.answers.parse_answer`, as in ``--plain``.
A request that no page of ours could have sent (an unknown field, an option that does not
exist, an oversized value) raises :class:`BadForm`: the server answers 400, stores nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from survey_tui.core import model as qm
from survey_tui.core.answers import AnswerError, parse_answer

OTHER_CHOSEN = "__other__"  # the radio value of "Other" (option values are slugs: no clash)
OTHER_MAX_LENGTH = 500  # an "Other" answer is a few words; the field says so (maxlength)
NOTE_MAX_LENGTH = 5000  # an interviewer's notes on one question
SHORT_FIELD = 100  # a choice value or a typed number
CONTROL_FIELDS = frozenset({"csrf", "action", "shown", "return"})


class BadForm(Exception):
    """A request no page of this survey sends; the reason goes to the server log."""


def field_name(question: qm.AnyQuestion) -> str:
    return f"q_{question.id}"


def other_name(question: qm.AnyQuestion) -> str:
    return f"q_{question.id}__other"


def row_name(question: qm.AnyQuestion, row_id: str) -> str:
    return f"q_{question.id}__{row_id}"


def dont_know_name(question: qm.AnyQuestion) -> str:
    """A number question's "don't know" tick box (scales send ``dont_know`` as a point)."""
    return f"q_{question.id}__dk"


def note_name(question: qm.AnyQuestion) -> str:
    return f"n_{question.id}"


def takes_notes(q: qm.Questionnaire, question: qm.AnyQuestion) -> bool:
    """Interview guides: a notes field beside every answer that is not itself free text."""
    return q.mode == "interview" and not isinstance(question, qm.TextQuestion)


def field_names(q: qm.Questionnaire, questions: Sequence[qm.AnyQuestion]) -> set[str]:
    """Every field name a page showing ``questions`` can send (besides the control fields)."""
    names: set[str] = set()
    for question in questions:
        if isinstance(question, qm.MatrixQuestion):
            names.update(row_name(question, row.id) for row in question.rows)
        else:
            names.add(field_name(question))
        if isinstance(question, qm.NumberQuestion) and question.dont_know:
            names.add(dont_know_name(question))
        if (
            isinstance(question, qm.SingleChoiceQuestion | qm.MultiChoiceQuestion)
            and question.other
        ):
            names.add(other_name(question))
        if takes_notes(q, question):
            names.add(note_name(question))
    return names


def check_fields(q: qm.Questionnaire, questions: Sequence[qm.AnyQuestion], form: Any) -> None:
    """Refuse unknown field names and single-valued fields sent twice."""
    known = field_names(q, questions) | CONTROL_FIELDS
    repeatable = {field_name(x) for x in questions if isinstance(x, qm.MultiChoiceQuestion)}
    seen: set[str] = set()
    for name, _ in form.items():  # every pair: iterating a MultiDict names each key once
        if name not in known:
            raise BadForm(f"unknown field {name[:40]!r}")
        if name in seen and name not in repeatable:
            raise BadForm(f"field {name!r} sent twice")
        seen.add(name)


def _short(form: Any, name: str) -> str | None:
    raw = form.get(name)
    if raw is None:
        return None
    if not isinstance(raw, str) or len(raw) > SHORT_FIELD:
        raise BadForm(f"field {name!r} is not a short text")
    return raw


def _text(form: Any, name: str, limit: int) -> str:
    raw = form.get(name, "")
    if not isinstance(raw, str) or len(raw) > limit:
        raise BadForm(f"field {name!r} is longer than {limit} characters")
    # A browser sends line breaks as CR LF; the TUI stores LF.
    return raw.replace("\r\n", "\n")


def _point(q: qm.Questionnaire, question: qm.AnyQuestion, form: Any, name: str) -> int | str | None:
    raw = _short(form, name)
    if raw is None or raw == "":
        return None
    scale = q.scale_of(question)
    assert scale is not None
    if raw == qm.DONT_KNOW and scale.dont_know:
        return qm.DONT_KNOW
    if not raw.lstrip("-").isdigit() or int(raw) not in scale.values:
        raise BadForm(f"{raw!r} is not a point of {question.id}'s scale")
    return int(raw)


def read_answer(q: qm.Questionnaire, question: qm.AnyQuestion, form: Any) -> Any:
    """The stored form of what the page sent for ``question`` (None: no answer).

    Raises :class:`AnswerError` for input a person can fix (letters in a number field) and
    :class:`BadForm` for input no page of ours sends.
    """
    if isinstance(question, qm.MatrixQuestion):
        rated = {
            row.id: _point(q, question, form, row_name(question, row.id)) for row in question.rows
        }
        return {row: point for row, point in rated.items() if point is not None} or None
    if isinstance(question, qm.SingleChoiceQuestion):
        return _read_single(question, form)
    if isinstance(question, qm.MultiChoiceQuestion):
        return _read_multi(question, form)
    if isinstance(question, qm.NumberQuestion):
        if question.dont_know and _short(form, dont_know_name(question)):
            return qm.DONT_KNOW  # the tick box wins over a number typed before it was ticked
        raw = _short(form, field_name(question)) or ""
        return parse_answer(question, raw)
    if isinstance(question, qm.TextQuestion):
        # Over-long text is not garbage: check_answer says how much to cut.
        raw = _text(form, field_name(question), question.max_length + 2 * SHORT_FIELD)
        return parse_answer(question, raw)
    return _point(q, question, form, field_name(question))  # likert, nps


def _read_single(question: qm.SingleChoiceQuestion, form: Any) -> str | None:
    raw = _short(form, field_name(question))
    other = ""
    if question.other:
        other = _text(form, other_name(question), OTHER_MAX_LENGTH).strip()
    if raw in (None, "") and other:
        raw = OTHER_CHOSEN  # typing an "Other" answer chooses "Other", as in the TUI
    if raw in (None, ""):
        return None
    if raw == OTHER_CHOSEN and question.other:
        return other or None
    if raw not in question.option_values():
        raise BadForm(f"{raw!r} is not an option of {question.id}")
    return raw


def _read_multi(question: qm.MultiChoiceQuestion, form: Any) -> list[str] | None:
    raws = form.getall(field_name(question), [])
    known = question.option_values()
    if len(raws) > len(known) or any(r not in known for r in raws):
        raise BadForm(f"options of {question.id} that do not exist")
    picked = [value for value in known if value in raws]  # in the order they are listed
    if question.other:
        other = _text(form, other_name(question), OTHER_MAX_LENGTH).strip()
        if other:
            picked.append(other)
    return picked or None


def read_note(q: qm.Questionnaire, question: qm.AnyQuestion, form: Any) -> str | None:
    """The interviewer's note on ``question`` (None: the page has no notes field)."""
    if not takes_notes(q, question) or note_name(question) not in form:
        return None
    return _text(form, note_name(question), NOTE_MAX_LENGTH)


@dataclass
class Read:
    """A page as posted: answers that could be read, and messages for those that could not."""

    values: dict[str, Any] = field(default_factory=dict)
    problems: dict[str, str] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)


def read_page(q: qm.Questionnaire, questions: Sequence[qm.AnyQuestion], form: Any) -> Read:
    """Every question's answer on a posted page (raises BadForm for a forged request)."""
    check_fields(q, questions, form)
    read = Read()
    for question in questions:
        try:
            read.values[question.id] = read_answer(q, question, form)
        except AnswerError as problem:
            read.problems[question.id] = problem.message
        note = read_note(q, question, form)
        if note is not None:
            read.notes[question.id] = note
    return read
