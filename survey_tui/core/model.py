"""The questionnaire model: pydantic classes for every field of docs/questionnaires.md.

Structure is validated here (types, unknown keys, value ranges of single fields); rules that
span fields or refer to other parts of the file (scale names, groups, conditions) are checked by
:mod:`survey_tui.core.semantics`, so that every problem can be reported with its line.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import (
    Field,
    ModelWrapValidatorHandler,
    PrivateAttr,
    model_validator,
)

from survey_tui.core import model_base, questions
from survey_tui.core.conditions import evaluate_source, may_show_for_group
from survey_tui.core.languages import language_name, localize, resolve_language
from survey_tui.core.model_base import *  # noqa: F403  (re-exported, see __all__)
from survey_tui.core.model_base import (
    _AI_WORD,
    NPS_SCALE,
    QUESTIONNAIRE_ID_PATTERN,
    Anonymity,
    FeedbackLog,
    Group,
    Id,
    LanguageTag,
    MatrixRow,
    Number,
    Scale,
    ShownText,
    Strict,
    WholeNumber,
)
from survey_tui.core.questions import *  # noqa: F403
from survey_tui.core.questions import (
    AnyQuestion,
    LikertQuestion,
    MatrixQuestion,
    NpsQuestion,
    NumberQuestion,
    Question,
    TextQuestion,
)

# One namespace for the rest of the code: the parts live in model_base and questions only
# to keep each module readable.
__all__ = [
    "Item",
    "ItemKind",
    "Questionnaire",
    "Section",
    "condition_context",
    "question_seconds",
]
__all__ += model_base.__all__
__all__ += questions.__all__


class Section(Strict):
    id: Id
    title: ShownText
    description: ShownText | None = None
    show_if: str | None = None
    questions: list[Question] = Field(min_length=1)


#: What an analysed item is: a scale question's type, an awareness item or a number.
ItemKind = Literal["likert", "nps", "matrix", "awareness", "number"]


@dataclass(frozen=True)
class Item:
    """One unit of analysis: a scale question, one row of a matrix, or a number question."""

    key: str  # question id, or "matrix_id.row_id"
    question_id: str
    row_id: str | None
    construct: str | None  # None for awareness and number items: in no construct
    scale: Scale | None  # None for numbers (reported in their own units)
    reverse: bool
    label: str
    kind: ItemKind
    dont_know: bool = False  # whether "don't know" is a valid answer

    def score(self, value: float) -> float:
        """The answer on 0-100 (docs/statistics.md), reversed for ``reverse`` items."""
        assert self.scale is not None, "numbers are not scored"
        lo, hi = self.scale.min, self.scale.max
        if self.reverse:
            return 100.0 * (hi - value) / (hi - lo)
        return 100.0 * (value - lo) / (hi - lo)

    def is_favorable(self, value: float) -> bool:
        """Whether the answer is in the favorable set (mirrored for reverse items)."""
        assert self.scale is not None, "numbers have no favorable set"
        lo, hi = self.scale.min, self.scale.max
        probe = lo + hi - value if self.reverse else value
        return probe in self.scale.favorable_values

    @property
    def scored(self) -> bool:
        """On a 0-100 scale (every kind but numbers)."""
        return self.kind != "number"


class Questionnaire(Strict):
    """A loaded, validated questionnaire. Build it with :func:`survey_tui.core.loader.load`."""

    id: Annotated[str, Field(pattern=QUESTIONNAIRE_ID_PATTERN, min_length=1)]
    title: ShownText
    version: WholeNumber
    mode: Literal["survey", "interview"] = "survey"
    # What the questionnaire is about, as reports say it ("AI tools", "the new CI pipeline");
    # default: "AI" when its words mention AI, else neutral wording (docs/reports.md).
    topic: ShownText | None = Field(default=None, min_length=1, max_length=60)
    description: ShownText | None = None
    consent: ShownText | None = None
    # BCP 47 tags; the first is the default language (docs/questionnaires.md, "Languages").
    languages: list[LanguageTag] = Field(default_factory=list)
    estimated_minutes: Number | None = Field(default=None, gt=0)
    groups: list[Group] = Field(min_length=1)
    compare: list[Id] | None = Field(default=None, min_length=2, max_length=2)
    experience_group: Id | None = None  # the group doing the work (workflow scorecards)
    anonymity: Anonymity = Anonymity()
    scales: dict[str, Scale] = Field(default_factory=dict)
    sections: list[Section] = Field(min_length=1)
    feedback_log: FeedbackLog | None = None

    _sha256: str | None = PrivateAttr(default=None)
    # The raw data with its language maps (None: the file has no map), this copy's language
    # and the copies made by in_language, shared by every copy of one file.
    _localized: dict[str, Any] | None = PrivateAttr(default=None)
    _language: str | None = PrivateAttr(default=None)
    _copies: dict[str, Questionnaire] = PrivateAttr(default_factory=dict)

    @model_validator(mode="wrap")
    @classmethod
    def _default_language(
        cls, data: Any, handler: ModelWrapValidatorHandler[Questionnaire]
    ) -> Questionnaire:
        """Validate the default language's texts; keep the language maps for in_language."""
        if not isinstance(data, dict) or not data.get("languages"):
            return handler(data)

        questionnaire = handler(localize(data))
        questionnaire._localized = data
        return questionnaire

    # --- languages ----------------------------------------------------------------------
    @property
    def default_language(self) -> str | None:
        """The first declared language; None when the file has one, undeclared, language."""
        return self.languages[0] if self.languages else None

    @property
    def language(self) -> str | None:
        """The language this copy's texts are in (the default unless made by in_language)."""
        return self._language or self.default_language

    @property
    def language_data(self) -> dict[str, Any] | None:
        """The file's raw data with its language maps (None when it has none): what the
        translation checks and tools read; every model field holds one language's text."""
        return self._localized

    def language_names(self) -> dict[str, str]:
        """Each declared tag with its language's name in that language, in declared order:
        ``{"en": "English", "de": "Deutsch"}`` (what a language picker shows)."""

        return {tag: language_name(tag) for tag in self.languages}

    def in_language(self, tag: str) -> Questionnaire:
        """A copy whose every shown text is in ``tag`` (declared, or falling back along its
        declared prefix: ``pt-BR`` -> ``pt``); ids, option values and scales unchanged, so
        answers in any language are the same data. Unknown tag: :class:`SurveyError`.
        A questionnaire without ``languages`` is returned as it is."""
        if not self.languages:
            return self

        chosen = resolve_language(tag, self.languages)
        if chosen == self.language:
            return self
        if chosen in self._copies:
            return self._copies[chosen]
        if self._localized is None:  # built from plain strings: every language reads alike
            return self
        copy = Questionnaire.model_validate(localize(self._localized, chosen))
        copy._localized = self._localized
        copy._language = chosen
        copy._sha256 = self._sha256
        copy._copies = self._copies
        self._copies[chosen] = copy
        if self.language is not None:
            self._copies.setdefault(self.language, self)
        return copy

    # --- provenance, set by the loader -------------------------------------------------
    @property
    def sha256(self) -> str | None:
        """Hash of the file's bytes; stored with each response."""
        return self._sha256

    # --- lookups ------------------------------------------------------------------------
    @property
    def min_group_size(self) -> int:
        return self.anonymity.min_group_size

    @property
    def group_ids(self) -> list[str]:
        return [g.id for g in self.groups]

    def group(self, group_id: str) -> Group | None:
        return next((g for g in self.groups if g.id == group_id), None)

    @property
    def compare_pair(self) -> tuple[str, str] | None:
        """The ordered pair the gap is computed for (gap = first - second)."""
        if self.compare is not None:
            return (self.compare[0], self.compare[1])
        if len(self.groups) >= 2:
            return (self.groups[0].id, self.groups[1].id)
        return None

    @property
    def experience(self) -> str | None:
        """The group whose scores classify workflows: ``experience_group``, else the second
        group of the compare pair."""
        if self.experience_group is not None:
            return self.experience_group
        pair = self.compare_pair
        return pair[1] if pair else None

    def questions(self) -> Iterator[AnyQuestion]:
        for section in self.sections:
            yield from section.questions

    @cached_property
    def _question_index(self) -> dict[str, tuple[Section, AnyQuestion]]:
        return {q.id: (s, q) for s in self.sections for q in s.questions}

    def question(self, question_id: str) -> AnyQuestion | None:
        found = self._question_index.get(question_id)
        return found[1] if found else None

    def section_of(self, question_id: str) -> Section | None:
        found = self._question_index.get(question_id)
        return found[0] if found else None

    def scale_of(self, question: AnyQuestion) -> Scale | None:
        """The resolved scale of a scored question (likert, matrix, nps, bounded number)."""
        if isinstance(question, LikertQuestion | MatrixQuestion):
            if isinstance(question.scale, Scale):
                return question.scale
            return self.scales.get(question.scale)
        if isinstance(question, NpsQuestion):
            return NPS_SCALE
        return None

    def items(self) -> list[Item]:
        """Every analysed item in file order; matrix rows are items ``matrix_id.row_id``."""
        result: list[Item] = []
        for q in self.questions():
            if isinstance(q, NumberQuestion):
                label = q.text_for(None)
                result.append(
                    Item(q.id, q.id, None, None, None, False, label, "number", bool(q.dont_know))
                )
                continue
            if not isinstance(q, MatrixQuestion | LikertQuestion | NpsQuestion):
                continue
            scale = self.scale_of(q)
            if scale is None:
                continue
            awareness = q.gap == "awareness"
            construct = None if awareness else q.construct or q.id
            reverse = not isinstance(q, NpsQuestion) and q.reverse
            rows = (
                [(f"{q.id}.{r.id}", r.id, r.label) for r in q.rows]
                if isinstance(q, MatrixQuestion)
                else [(q.id, None, q.text_for(None))]
            )
            kind: ItemKind = "awareness" if awareness else q.type
            for key, row_id, label in rows:
                result.append(
                    Item(
                        key,
                        q.id,
                        row_id,
                        construct,
                        scale,
                        reverse,
                        label,
                        kind,
                        scale.dont_know is not None,
                    )
                )
        return result

    def log_workflows(self) -> list[MatrixRow]:
        """The feedback log's workflows (a matrix's rows, or its own list); [] without a log."""
        log = self.feedback_log
        if log is None:
            return []
        if isinstance(log.workflows, list):
            return list(log.workflows)
        matrix = self.question(log.workflows.from_)
        return list(matrix.rows) if isinstance(matrix, MatrixQuestion) else []

    @property
    def subject(self) -> str | None:
        """What reports say the questionnaire is about: ``topic``, else ``"AI"`` when the
        title, description or any question says "AI", else None (reports word it neutrally)."""
        if self.topic is not None:
            return self.topic
        texts = [self.title, self.description or ""]
        for question in self.questions():
            words = question.text.values() if isinstance(question.text, dict) else [question.text]
            texts.extend(words)
        return "AI" if any(_AI_WORD.search(text) for text in texts) else None

    def estimate_minutes(self) -> float:
        """``estimated_minutes`` when given, else a reading-and-answering estimate."""
        if self.estimated_minutes is not None:
            return self.estimated_minutes
        seconds = sum(question_seconds(q) for q in self.questions())
        return max(1.0, round(seconds / 60))

    def is_visible(
        self, question: AnyQuestion, answers: Mapping[str, Any], group: str | None, wave: str | None
    ) -> bool:
        """Whether ``question`` is shown to this respondent given the answers so far."""

        if not question.asked_to(group):
            return False
        section = self.section_of(question.id)
        context = condition_context(answers, group, wave)
        if (
            section is not None
            and section.show_if
            and not evaluate_source(section.show_if, context)
        ):
            return False
        return not (question.show_if and not evaluate_source(question.show_if, context))

    def groups_asked(self, question_id: str) -> set[str]:
        """The groups that can ever be asked a question: its ``groups:`` and any condition
        on the group alone (section or question) taken into account."""

        question = self.question(question_id)
        if question is None:
            return set()
        section = self.section_of(question_id)
        section_if = section.show_if if section is not None else None
        return {
            g
            for g in self.group_ids
            if (question.groups is None or g in question.groups)
            and may_show_for_group(section_if, g)
            and may_show_for_group(question.show_if, g)
        }

    def visible_questions(
        self, answers: Mapping[str, Any], group: str | None, wave: str | None = None
    ) -> list[AnyQuestion]:
        """The questions this respondent sees, in order, given the answers so far.

        Visibility is decided in file order and a hidden question's answer does not count,
        so a chain of conditions behaves the same whether or not stale answers are around.
        """
        visible: list[AnyQuestion] = []
        effective: dict[str, Any] = {}
        for q in self.questions():
            if self.is_visible(q, effective, group, wave):
                visible.append(q)
                if q.id in answers:
                    effective[q.id] = answers[q.id]
        return visible

    def prune_answers(
        self, answers: Mapping[str, Any], group: str | None, wave: str | None = None
    ) -> dict[str, Any]:
        """Answers with those to hidden questions dropped (done on submit)."""
        visible = {q.id for q in self.visible_questions(answers, group, wave)}
        return {k: v for k, v in answers.items() if k in visible}


def question_seconds(question: AnyQuestion) -> float:
    """Reading and answering time of one question, by type (docs/questionnaires.md): what
    ``estimate_minutes`` adds up and what ``lint`` holds ``estimated_minutes`` against."""
    if isinstance(question, MatrixQuestion):
        return 8.0 + 6.0 * len(question.rows)
    if isinstance(question, TextQuestion):
        return 60.0 if question.multiline else 30.0
    return 10.0


def condition_context(
    answers: Mapping[str, Any], group: str | None, wave: str | None
) -> dict[str, Any]:
    """Names a condition can read: every answer, matrix rows as ``q.row``, group and wave."""
    context: dict[str, Any] = {}
    for key, value in answers.items():
        if isinstance(value, dict):
            for row, row_value in value.items():
                context[f"{key}.{row}"] = row_value
        context[key] = value
    if group is not None:
        context["group"] = group
    if wave is not None:
        context["wave"] = wave
    return context
