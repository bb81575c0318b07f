"""The questionnaire model: pydantic classes for every field of docs/questionnaires.md.

Structure is validated here (types, unknown keys, value ranges of single fields); rules that
span fields or refer to other parts of the file (scale names, groups, conditions) are checked by
:mod:`survey_tui.core.semantics`, so that every problem can be reported with its line.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ModelWrapValidatorHandler,
    PrivateAttr,
    WithJsonSchema,
    model_validator,
)

from survey_tui.core.conditions import evaluate_source, may_show_for_group
from survey_tui.core.languages import TAG_PATTERN, language_name, localize, resolve_language
from survey_tui.core.slugs import slugify

ID_PATTERN = r"^[a-z0-9_]+$"
#: The stored answer of a scale's (or number's) "don't know" choice (docs/questionnaires.md).
DONT_KNOW = "dont_know"
QUESTIONNAIRE_ID_PATTERN = r"^[a-z0-9-]+$"
# "AI" as a word (not "said", not "Ai"): a questionnaire about AI names it.
_AI_WORD = re.compile(r"\bAI\b")

Id = Annotated[str, Field(pattern=ID_PATTERN, min_length=1)]
# Strict numbers: pydantic would otherwise read YAML `true` as 1 (a typo that must not load).
WholeNumber = Annotated[int, Field(strict=True)]
Number = Annotated[float, Field(strict=True)]

# A text a respondent or reader sees. In a file with ``languages:`` it may be a map from
# language tag to text (docs/questionnaires.md, "Languages"); the model always holds the
# plain string of one language (see Questionnaire.in_language), so the type stays ``str``.
LANGUAGE_MAP_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "The text in each declared language: {en: ..., de: ...}",
    "propertyNames": {"pattern": TAG_PATTERN},
    "additionalProperties": {"type": "string"},
    "minProperties": 1,
}
TEXT_SCHEMA: dict[str, Any] = {"anyOf": [{"type": "string"}, {"$ref": "#/$defs/LanguageMap"}]}
# A marker core/schema.py turns into a reference to one "Text" definition (pydantic refuses
# a $ref to a definition it does not make itself).
TEXT_MARKER = "x-shown-text"
_TEXT_REF: dict[str, Any] = {TEXT_MARKER: True}
ShownText = Annotated[str, WithJsonSchema(_TEXT_REF)]
LanguageTag = Annotated[str, Field(pattern=TAG_PATTERN)]


class Strict(BaseModel):
    """Base: unknown keys are errors, models are immutable once loaded."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Scale(Strict):
    """A bounded integer answer scale with optional labels and a favorable set."""

    min: WholeNumber
    max: WholeNumber
    labels: list[ShownText] | None = None
    favorable: list[WholeNumber] | None = None
    # The label of an extra choice outside the scale ("I don't know", "Not used for this"),
    # stored as DONT_KNOW and never scored.
    dont_know: ShownText | None = None

    @property
    def values(self) -> list[int]:
        return list(range(self.min, self.max + 1))

    @property
    def favorable_values(self) -> frozenset[int]:
        """The favorable set; default: every value above the midpoint."""
        if self.favorable is not None:
            return frozenset(self.favorable)
        midpoint = (self.min + self.max) / 2
        return frozenset(v for v in self.values if v > midpoint)

    @property
    def labels_ends_only(self) -> bool:
        """Two labels on a longer scale name its ends ("Not at all" ... "Extremely")."""
        return self.labels is not None and len(self.labels) == 2 and self.max - self.min > 1

    def label_for(self, value: int) -> str | None:
        """The label of one scale point (None when the point has no label)."""
        if not self.labels or not self.min <= value <= self.max:
            return None
        if self.labels_ends_only:
            return {self.min: self.labels[0], self.max: self.labels[1]}.get(value)
        index = value - self.min
        return self.labels[index] if index < len(self.labels) else None


NPS_SCALE = Scale(min=0, max=10, favorable=[9, 10])


class Group(Strict):
    id: Id
    label: ShownText
    description: ShownText | None = None
    # People in this group in the organisation: response rates, hours -> FTE in reports.
    headcount: WholeNumber | None = Field(default=None, ge=1)


class Anonymity(Strict):
    min_group_size: WholeNumber = Field(default=5, ge=1)


class Option(Strict):
    value: str = ""
    label: ShownText

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, data: Any) -> Any:
        if isinstance(data, int | float) and not isinstance(data, bool):
            data = str(data)  # `options: [1, 2, 5]` means the labels "1", "2", "5"
        if isinstance(data, str):
            return {"value": slugify(data), "label": data}
        if isinstance(data, dict) and "label" in data and not data.get("value"):
            data = {**data, "value": slugify(str(data["label"]))}
        if isinstance(data, dict) and "value" in data and "label" not in data:
            data = {**data, "label": str(data["value"])}
        return data


class MatrixRow(Strict):
    id: Id
    label: ShownText


class LogWorkflowsFrom(Strict):
    """``workflows: {from: matrix_id}``: the feedback log's workflows are a matrix's rows."""

    from_: Id = Field(alias="from")


class LogOutcome(Strict):
    """What came of one logged use of AI; ``saves``: its minutes were saved, else lost."""

    value: Id
    label: ShownText
    saves: bool


#: The outcomes of a feedback log that declares none (docs/questionnaires.md).
DEFAULT_LOG_OUTCOMES = (
    LogOutcome(value="helped", label="Helped (saved time)", saves=True),
    LogOutcome(value="corrected", label="Needed correction", saves=False),
    LogOutcome(value="abandoned", label="Gave up on the AI output", saves=False),
)
#: The value of the "Other" tool a feedback log always offers (its text is stored instead).
OTHER_TOOL = "other"


class FeedbackLog(Strict):
    """``feedback_log:``: a running log of concrete AI events between survey rounds."""

    workflows: LogWorkflowsFrom | list[MatrixRow]
    tools: list[Option] = Field(min_length=1)
    outcomes: list[LogOutcome] = Field(
        default_factory=lambda: list(DEFAULT_LOG_OUTCOMES), min_length=1
    )
    max_minutes: WholeNumber = Field(default=480, ge=1, le=10080)

    def outcome(self, value: str) -> LogOutcome | None:
        return next((o for o in self.outcomes if o.value == value), None)


# pydantic warns that the field "construct" shadows BaseModel.construct (a deprecated
# classmethod); the contract names the key "construct", so we keep the name.
warnings.filterwarnings("ignore", message='Field name "construct"', category=UserWarning)


#: The rules of ``survey-tui lint`` (docs/questionnaires.md, "Checking the method"); an item
#: may silence a deliberate false positive with ``lint: {ignore: [rule, ...]}``.
LintRule = Literal[
    "referents",
    "double-barrelled",
    "leading",
    "absolute",
    "dont-know",
    "ignored-construct",
    "construct-groups",
    "scale-mismatch",
    "anonymity",
    "untranslated",
    "translation-length",
]
LINT_RULES: tuple[str, ...] = get_args(LintRule)


class LintSettings(Strict):
    """Per-item lint settings: rules whose warning on this item is a known false positive."""

    ignore: list[LintRule] = Field(default_factory=list)


class QuestionBase(Strict):
    """Fields every question type has."""

    id: Id
    # One text, or a wording per group ({group: text}); each text may be a language map.
    text: Annotated[
        str | dict[str, str],
        WithJsonSchema(
            {
                "anyOf": [
                    _TEXT_REF,
                    {
                        "type": "object",
                        "description": "A wording per group: {group_id: text}",
                        "additionalProperties": _TEXT_REF,
                    },
                ]
            }
        ),
    ]
    help: ShownText | None = None
    required: bool | None = None
    show_if: str | None = None
    construct: Id | None = None  # type: ignore[assignment]
    groups: list[Id] | None = None
    probes: list[ShownText] | None = None
    # "awareness": the group wordings ask different things on purpose; reported per group,
    # outside constructs and the index (docs/statistics.md).
    gap: Literal["perception", "awareness"] = "perception"
    evidence: Id | None = None  # the measured metric a perceived-change item is about
    lint: LintSettings | None = None

    # A few words reports use for the question in headlines and charts ("time correcting AI
    # output"); the question text is too long there (docs/reports.md).
    short: ShownText | None = Field(default=None, min_length=1, max_length=80)

    @property
    def is_required(self) -> bool:
        return self.required if self.required is not None else True

    @property
    def wording_differs(self) -> bool:
        """Whether groups are shown different texts (reports show each group's own)."""
        return isinstance(self.text, dict) and len(set(self.text.values())) > 1

    def text_for(self, group: str | None) -> str:
        """The wording shown to ``group`` (the first wording when the group has none)."""
        if isinstance(self.text, str):
            return self.text
        if group is not None and group in self.text:
            return self.text[group]
        return next(iter(self.text.values()), "")

    def asked_to(self, group: str | None) -> bool:
        return self.groups is None or group is None or group in self.groups

    @property
    def has_score(self) -> bool:
        return False


class LikertQuestion(QuestionBase):
    type: Literal["likert"]
    scale: str | Scale
    reverse: bool = False

    @property
    def has_score(self) -> bool:
        return True


class NpsQuestion(QuestionBase):
    type: Literal["nps"]

    @property
    def has_score(self) -> bool:
        return True


class ChoiceBase(QuestionBase):
    options: list[Option] = Field(min_length=1)
    other: bool = False

    def option_values(self) -> list[str]:
        return [o.value for o in self.options]

    def option_for(self, value_or_label: str) -> Option | None:
        """The option whose value (or, failing that, label) is ``value_or_label``."""
        for option in self.options:
            if option.value == value_or_label:
                return option
        for option in self.options:
            if option.label == value_or_label:
                return option
        return None


class SingleChoiceQuestion(ChoiceBase):
    type: Literal["single_choice"]


class MultiChoiceQuestion(ChoiceBase):
    type: Literal["multi_choice"]
    min_selected: WholeNumber | None = Field(default=None, ge=0)
    max_selected: WholeNumber | None = Field(default=None, ge=1)


class NumberQuestion(QuestionBase):
    type: Literal["number"]
    min: Number | None = None
    max: Number | None = None
    integer: bool = False
    unit: ShownText | None = None
    direction: Literal["higher_is_better", "lower_is_better"] = "higher_is_better"
    dont_know: ShownText | None = None  # as on scales: an extra "don't know" choice


class TextTheme(Strict):
    """A theme of a text question's answers: an answer that contains any keyword is in it."""

    id: Id
    label: ShownText = Field(min_length=1, max_length=80)
    keywords: list[Annotated[str, Field(min_length=1, max_length=60)]] = Field(
        min_length=1, max_length=50
    )


class TextQuestion(QuestionBase):
    type: Literal["text"]
    multiline: bool = False
    max_length: WholeNumber = Field(default=2000, ge=1)
    # How reports group the answers (docs/reports.md); without it, by shared words.
    themes: list[TextTheme] | None = Field(default=None, min_length=1, max_length=20)
    # False: answers are counted into themes but never quoted (identifying or tone questions).
    quote: bool = True

    @property
    def is_required(self) -> bool:
        return self.required if self.required is not None else False


class MatrixQuestion(QuestionBase):
    type: Literal["matrix"]
    rows: list[MatrixRow] = Field(min_length=1)
    scale: str | Scale
    reverse: bool = False

    @property
    def has_score(self) -> bool:
        return True


AnyQuestion = (
    LikertQuestion
    | NpsQuestion
    | SingleChoiceQuestion
    | MultiChoiceQuestion
    | NumberQuestion
    | TextQuestion
    | MatrixQuestion
)
Question = Annotated[AnyQuestion, Field(discriminator="type")]

QUESTION_TYPES: dict[str, type[QuestionBase]] = {
    "likert": LikertQuestion,
    "nps": NpsQuestion,
    "single_choice": SingleChoiceQuestion,
    "multi_choice": MultiChoiceQuestion,
    "number": NumberQuestion,
    "text": TextQuestion,
    "matrix": MatrixQuestion,
}


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
