"""One sentence says what an answer may be (core.answer_rules), in every front end's words."""

from __future__ import annotations

import pytest

from survey_tui.core import model as qm
from survey_tui.core.answer_rules import answer_rule, count_rule, number_rule
from survey_tui.core.i18n import words


@pytest.mark.parametrize(
    ("integer", "low", "high", "unit", "expected"),
    [
        (False, 0, 40, "h/week", "Type a number from 0 to 40 h/week."),
        (True, 0, 100, "%", "Type a whole number from 0 to 100 %."),
        (False, 0.5, 2.5, None, "Type a number from 0.5 to 2.5."),
        (False, 0.0, 1e6, None, "Type a number from 0 to 1000000."),  # never 1e+06
        (True, 0, None, "h", "Type a whole number h."),
        (False, None, None, None, "Type a number."),
    ],
)
def test_the_number_rule_names_kind_range_and_unit(
    integer: bool, low: float | None, high: float | None, unit: str | None, expected: str
) -> None:
    assert number_rule(integer=integer, low=low, high=high, unit=unit) == expected


def _multi(low: int | None, high: int | None) -> qm.MultiChoiceQuestion:
    return qm.MultiChoiceQuestion.model_validate(
        {
            "id": "tools",
            "type": "multi_choice",
            "text": "Tools",
            "options": ["A", "B", "C", "D"],
            "min_selected": low,
            "max_selected": high,
        }
    )


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        (1, 3, "Choose 1 to 3."),
        (2, 2, "Choose 2."),
        (None, 3, "Choose up to 3."),
        (2, None, "Choose at least 2."),
        (None, None, None),
    ],
)
def test_the_count_rule_says_how_many_to_choose(
    low: int | None, high: int | None, expected: str | None
) -> None:
    question = _multi(low, high)
    assert count_rule(question) == expected
    assert answer_rule(question) == expected


def test_a_rule_is_a_message_the_catalogs_translate() -> None:
    rule = number_rule(integer=True, low=0, high=80, unit="h")
    assert words("de")(rule) == "Geben Sie eine ganze Zahl von 0 bis 80 h ein."
    assert words("de")(count_rule(_multi(None, 3)) or "") == "Wählen Sie bis zu 3."
