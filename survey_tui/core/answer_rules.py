"""What an answer may be, in one sentence: "Type a number from 0 to 40 h.", "Choose 1 to 3.".

The terminal, ``--plain`` and the web form show the same sentence beside their own keys, so a
respondent reads one rule whichever way they answer; :func:`survey_tui.core.answers.check_answer`
words a broken rule in the same terms (bounds read as :func:`~survey_tui.core.answer_text.number_text` writes them).
"""

from __future__ import annotations

from survey_tui.core import model as qm
from survey_tui.core import texts
from survey_tui.core.answer_text import number_text
from survey_tui.core.texts import T_, Text

__all__ = ["answer_rule", "count_rule", "number_rule", "number_rule_of"]


def number_rule(*, integer: bool, low: float | None, high: float | None, unit: str | None) -> Text:
    """ "Type a whole number from 0 to 80 h." (the range only when both bounds are set)."""
    kind = texts.KIND_WHOLE_NUMBER if integer else texts.KIND_NUMBER
    shown_unit = f" {unit}" if unit else ""
    if low is not None and high is not None:
        return T_(
            texts.TYPE_KIND_RANGE,
            kind=kind,
            low=number_text(low),
            high=number_text(high),
            unit=shown_unit,
        )
    return T_(texts.TYPE_KIND, kind=kind, unit=shown_unit)


def number_rule_of(question: qm.NumberQuestion) -> Text:
    """:func:`number_rule` of a number question."""
    q = question
    return number_rule(integer=q.integer, low=q.min, high=q.max, unit=q.unit)


def count_rule(question: qm.MultiChoiceQuestion) -> Text | None:
    """How many options to choose: "Choose 1 to 3." (None: any number)."""
    low, high = question.min_selected, question.max_selected
    if low and high:
        return T_(texts.CHOOSE_RANGE if low != high else texts.CHOOSE_EXACTLY, low=low, high=high)
    if high:
        return T_(texts.CHOOSE_UP_TO, high=high)
    if low:
        return T_(texts.CHOOSE_AT_LEAST, low=low)
    return None


def answer_rule(question: qm.AnyQuestion) -> Text | None:
    """The rule of a number or a multiple-choice question (None: the options say it all)."""
    if isinstance(question, qm.NumberQuestion):
        return number_rule_of(question)
    if isinstance(question, qm.MultiChoiceQuestion):
        return count_rule(question)
    return None
