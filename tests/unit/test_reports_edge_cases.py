"""Reports and analysis text on edge cases: a number without a unit, a single group, signs.

Each questionnaire is small and inline; every shipped template is rendered (Markdown and HTML)
from the same analysis ``survey-tui report`` runs, and ``analyze``'s text table too.
"""

from __future__ import annotations

import math
import re
from typing import Any

import pytest
from helpers.report_qa_data import ONE, ONE_ROWS, TINY, TINY_ROWS, case, reports

from survey_tui.commands.analyze import render_table


@pytest.fixture(scope="module")
def tiny() -> dict[str, Any]:
    return case(TINY, TINY_ROWS)[1]


@pytest.fixture(scope="module")
def one() -> dict[str, Any]:
    return case(ONE, ONE_ROWS)[1]


# --- a number question without a unit -------------------------------------------------
def test_a_number_without_unit_shows_no_none_and_no_empty_brackets(tiny: dict[str, Any]) -> None:
    for name, text in reports(tiny).items():
        assert "None" not in text, name
        assert "()" not in text, name
    # b's answers 10 and 8: a number stays in its own units (no 0-100 score)
    assert (
        "| Hours fixing | mean 9, median 9 (middle half 8.5 to 9.5, n=2)"
        in reports(tiny)["gap_report"]
    )


# --- one group, nothing to compare ----------------------------------------------------
def test_one_group_reports_say_there_is_no_comparison(one: dict[str, Any]) -> None:
    assert one["compare"] is None
    for name, full in reports(one).items():
        text = full.split("Methodology")[0]  # the method section explains suppression in general
        # Nothing is withheld: no group "has fewer than" anything, no plural after 1.
        assert "groups being compared" not in text and "1 respondents" not in text, name
        assert "Get enough answers" not in text and "enough answers" not in text, name
        assert "Waiting for more" not in text and "suppressed" not in text, name
        assert "Solo" in text, name
    rendered = reports(one)
    for name in ("gap_report", "executive_brief", "workshop_readout"):
        assert "single group" in rendered[name], name


def test_one_group_analyze_text_has_no_suppressed_index(one: dict[str, Any]) -> None:
    text = render_table(one)
    assert "suppressed" not in text
    assert "Expectation Gap Index: none (a single group, nothing to compare)" in text


def test_three_groups_with_a_fine_pair_show_the_gap(tiny: dict[str, Any]) -> None:
    for name, text in reports(tiny).items():
        assert "No gap can be shown" not in text and "single group" not in text, name
        assert "Waiting for more responses\n" not in text, name
        assert "Get enough answers" not in text, name
    assert re.search(r"Expectation Gap Index: \d+\.\d\*\*", reports(tiny)["gap_report"])


def test_fewer_than_one_respondent_is_singular() -> None:
    # Two groups, min_group_size 1, the second has no response: its figures are withheld.
    yaml_text = ONE.replace(
        "groups: [{id: solo, label: Solo}]",
        "groups: [{id: solo, label: Solo}, {id: duo, label: Duo}]",
    )
    result = case(yaml_text, ONE_ROWS)[1]
    rendered = reports(result)
    assert "fewer than 1 respondent," in rendered["gap_report"]
    assert "Each compared group needs at least 1 respondent." in rendered["executive_brief"]
    for name, text in rendered.items():
        assert "1 respondents" not in text and "1 interviews" not in text, name


# --- the sign of a gap and negative zero ----------------------------------------------
def test_a_negative_gap_is_said_in_words_with_a_matching_interval(tiny: dict[str, Any]) -> None:
    z = next(c for c in tiny["constructs"] if c["construct"] == "z")
    low, high = z["gap"]["ci95"]
    assert z["gap"]["points"] < 0 and high < 0  # Beta scores lower than Alpha
    words = (
        f"{-z['gap']['points']:.1f} points lower for Beta than for Alpha "
        f"(95% CI {-high:.1f} to {-low:.1f} points lower"
    )
    rendered = reports(tiny)
    for name in ("gap_report", "executive_brief"):
        assert words in rendered[name], name
        # No unsigned gap next to a signed interval anywhere in the prose.
        assert not re.search(r"a \d+\.\d-point gap \(95% CI -", rendered[name]), name
    gap = f"{-z['gap']['points']:.1f} points lower for Beta than for Alpha"
    assert f"**: {gap}.\n" in rendered["workshop_readout"]


def _negative_zeros(value: Any) -> list[Any]:
    if isinstance(value, float):
        return [value] if value == 0.0 and math.copysign(1.0, value) < 0 else []
    if isinstance(value, dict):
        return [z for v in value.values() for z in _negative_zeros(v)]
    if isinstance(value, list):
        return [z for v in value for z in _negative_zeros(v)]
    return []


def test_identical_groups_never_print_negative_zero() -> None:
    rows = [(g, {"x": 3, "z": 5, "h": 5, "m": {"r1": 3, "r2": 3}}) for g in "aabb"]
    result = case(TINY, rows)[1]
    z = next(c for c in result["constructs"] if c["construct"] == "z")
    assert z["gap"]["ci95"] == [0.0, 0.0]
    assert _negative_zeros(result) == []
    texts = {"analyze": render_table(result), **reports(result)}
    for name, text in texts.items():
        assert "-0.0" not in text, name
    assert "the same average score for Beta and Alpha (95% CI 0.0 to 0.0;" in texts["gap_report"]


def test_an_interval_ending_just_below_zero_prints_zero(tiny: dict[str, Any]) -> None:
    # Row r2 / construct m in TINY: a bound that rounds to zero from below.
    texts = {"analyze": render_table(tiny), **reports(tiny)}
    for name, text in texts.items():
        assert "-0.0" not in text, name


# --- scorecard lists, labels in the brief, readable readout ---------------------------
def test_two_matrix_rows_are_never_both_helping_and_creating_friction(
    tiny: dict[str, Any],
) -> None:
    card = tiny["scorecards"][0]
    # the experience group (a, second of compare) scores r1 91.7 and r2 16.7
    assert card["helps"] == ["m.r1"] and card["friction"] == ["m.r2"]
    rendered = reports(tiny)
    # Tiny is not about AI: the words are neutral (docs/reports.md).
    assert "**Where it genuinely helps:** Code review." in rendered["gap_report"]
    assert "**Where it creates friction:** Writing tests." in rendered["gap_report"]


def test_the_brief_names_themes_and_rows_by_their_labels(tiny: dict[str, Any]) -> None:
    brief = reports(tiny)["executive_brief"]
    assert "**Close the gap on Likely to recommend.**" in brief
    assert "**Fix, or pause, the new way of working in Writing tests.**" in brief
    assert "- **Scale:** Code review (91.7)" in brief


def test_the_readout_lists_rows_as_lines_not_empty_headings(tiny: dict[str, Any]) -> None:
    readout = reports(tiny)["workshop_readout"]
    assert "### Code review" not in readout and "### Writing tests" not in readout
    assert "## Where it helps most\n\n- Code review\n" in readout
    assert "## Where it creates friction\n\n- Writing tests\n" in readout


# --- issue 14: Mermaid draws bars up from the axis minimum (mermaid-js/mermaid#6517) -------
def test_mermaid_chart_draws_gap_sizes_from_zero_with_the_direction_in_words(
    tiny: dict[str, Any],
) -> None:
    text = reports(tiny)["gap_report"]
    chart = text.split("```mermaid\n", 1)[1].split("```", 1)[0]
    assert 'y-axis "Points apart (0 = same view)" 0 --> 100' in chart
    bars = [float(v) for v in chart.split("bar [", 1)[1].split("]", 1)[0].split(", ")]
    assert bars == sorted(bars, reverse=True) and min(bars) >= 0  # sizes, widest first
    labels = chart.split("x-axis [", 1)[1].split("]", 1)[0]
    z = next(c for c in tiny["constructs"] if c["construct"] == "z")
    assert z["gap"]["points"] < 0  # Beta (first) lower: the label says Alpha is higher
    assert '"Likely to recommend: Alpha higher"' in labels
    assert f"{abs(z['gap']['points']):.1f}" in chart.split("bar [", 1)[1]
