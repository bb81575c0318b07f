"""The building blocks of a questionnaire (docs/questionnaires.md): ids, shown texts, scales,
groups, options, the feedback log's settings and lint settings.

Part of :mod:`survey_tui.core.model`, which the rest of the code imports them from.
"""

from __future__ import annotations

import re
import warnings
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    WithJsonSchema,
    model_validator,
)

from survey_tui.core.languages import TAG_PATTERN
from survey_tui.core.slugs import slugify

__all__ = [
    "DEFAULT_LOG_OUTCOMES",
    "DONT_KNOW",
    "ID_PATTERN",
    "LANGUAGE_MAP_SCHEMA",
    "LINT_RULES",
    "NPS_SCALE",
    "OTHER_TOOL",
    "QUESTIONNAIRE_ID_PATTERN",
    "TEXT_MARKER",
    "TEXT_SCHEMA",
    "Anonymity",
    "FeedbackLog",
    "Group",
    "Id",
    "LanguageTag",
    "LintRule",
    "LintSettings",
    "LogOutcome",
    "LogWorkflowsFrom",
    "MatrixRow",
    "Number",
    "Option",
    "Scale",
    "ShownText",
    "Strict",
    "WholeNumber",
]

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
