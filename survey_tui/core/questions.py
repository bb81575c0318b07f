"""The question types of a questionnaire (docs/questionnaires.md, "Questions").

Part of :mod:`survey_tui.core.model`, which the rest of the code imports them from.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    Field,
    WithJsonSchema,
)

from survey_tui.core.model_base import (
    _TEXT_REF,
    Id,
    LintSettings,
    MatrixRow,
    Number,
    Option,
    Scale,
    ShownText,
    Strict,
    WholeNumber,
)

__all__ = [
    "QUESTION_TYPES",
    "AnyQuestion",
    "ChoiceBase",
    "LikertQuestion",
    "MatrixQuestion",
    "MultiChoiceQuestion",
    "NpsQuestion",
    "NumberQuestion",
    "Question",
    "QuestionBase",
    "SingleChoiceQuestion",
    "TextQuestion",
    "TextTheme",
]


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
