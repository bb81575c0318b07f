"""The derived parts of a report: time as hours, FTE and cost; workflows by use and value;
free text by theme. Each is computed from published figures only."""

from __future__ import annotations

from typing import Any

import pytest
from helpers.analysis import find
from helpers.first_screen_data import questionnaire, records

from survey_tui.core.analysis import analyze
from survey_tui.core.catalog import resolve_template
from survey_tui.core.reports import build_context, render
from survey_tui.core.reports.capacity import hours_per_week_factor
from survey_tui.core.reports.filters import approx
from survey_tui.core.reports.findings import ReportOptions
from survey_tui.core.reports.textthemes import text_themes
from survey_tui.core.reports.workflows import quadrant_of


@pytest.fixture(scope="module")
def result() -> dict[str, Any]:
    return analyze(questionnaire(), records(), resamples=200)


@pytest.mark.parametrize(
    ("unit", "factor"),
    [
        ("minutes/day", 5 / 60),
        ("min per day", 5 / 60),
        ("Minutes a day", 5 / 60),
        ("hours/week", 1.0),
        ("h / wk", 1.0),
        ("hours per working day", 5.0),
        ("min/week", 1 / 60),
        ("%", None),
        ("minutes", None),
        ("hours/month", None),
        (None, None),
    ],
)
def test_time_units_become_hours_per_week(unit: str | None, factor: float | None) -> None:
    found = hours_per_week_factor(unit)
    assert found == (pytest.approx(factor) if factor is not None else None)


def test_capacity_is_medians_and_quartiles_times_the_assumptions(result: dict[str, Any]) -> None:
    context = build_context(result, ReportOptions(headcount={"frontline": 60}, hourly_cost=80.0))
    (minutes,) = context["findings"]["capacity"]
    item = find(result["items"], "question", "minutes")
    assert minutes["population"] == "frontline" and minutes["headcount"] == 60
    rows = {r["group"]: r for r in minutes["rows"]}
    assert list(rows) == ["executive", "frontline", "manager"]  # every shown group
    for gid, row in rows.items():
        figures = item["groups"][gid]
        for key in ("median", "q1", "q3"):
            hours = figures[key] * 5 / 60  # minutes a day, 5 working days a week
            assert row["per_person"][key] == pytest.approx(hours)
            assert row["total"][key] == pytest.approx(hours * 60)
            assert row["fte"][key] == pytest.approx(hours * 60 / 40)
            assert row["cost_week"][key] == pytest.approx(hours * 60 * 80)
            assert row["cost_year"][key] == pytest.approx(hours * 60 * 80 * 46)
    assert rows["frontline"]["reports"] and not rows["executive"]["reports"]
    text = render(resolve_template("gap_report"), context)
    # Engineers: median 60 min/day = 5 h/week; 60 people: 300 h/week = 7.5 FTE.
    assert "**Engineers** (their own time): about 5 hours a week per person" in text
    assert "about 300 hours a week for 60 Engineers: **about 7.5 FTE**" in text
    assert "one FTE is 40 hours a week" in text and "a year is 46 working weeks" in text


def test_without_a_headcount_capacity_is_per_person_and_says_what_is_missing() -> None:
    q = questionnaire()
    rs = records()
    result = analyze(q, rs, resamples=200)
    result["groups"]["frontline"]["headcount"] = None
    context = build_context(result)
    (minutes,) = context["findings"]["capacity"]
    assert minutes["headcount"] is None and all(r["fte"] is None for r in minutes["rows"])
    text = render(resolve_template("gap_report"), context)
    assert "To see FTE and cost, give the number of Engineers, architects, tech leads" in text


@pytest.mark.parametrize(
    ("value", "shown"),
    [(12.25, "12"), (4.083, "4.1"), (0.354, "0.35"), (1234.0, "1,200"), (9.96, "10"), (0.0, "0")],
)
def test_derived_figures_show_two_significant_digits(value: float, shown: str) -> None:
    assert approx(value) == shown


@pytest.mark.parametrize(
    ("value", "use", "quadrant"),
    [(80, 90, "scale"), (20, 90, "fix"), (20, 10, "stop"), (80, 10, "ignore"), (50, 50, "scale")],
)
def test_quadrant_of_value_and_use(value: float, use: float, quadrant: str) -> None:
    assert quadrant_of(value, use) == quadrant


def test_workflow_use_is_the_share_of_the_group_that_rated_it(result: dict[str, Any]) -> None:
    (workflows,) = build_context(result)["findings"]["workflows"]
    rows = {r["key"]: r for r in workflows["rows"]}
    # 5 engineers; one said "not used for this" on code and skipped incidents.
    assert rows["work.code"]["use"] == pytest.approx(80.0)
    assert rows["work.incidents"]["quadrant"] == "fix" and rows["work.code"]["quadrant"] == "scale"
    card = result["scorecards"][0]
    score = find(card["rows"], "key", "work.incidents")["groups"]["frontline"]["score"]
    assert rows["work.incidents"]["value"] == score


def test_authored_themes_count_per_group_and_quote_only_big_enough_themes(
    result: dict[str, Any],
) -> None:
    block = find(result["comments"], "question", "friction")
    themed = text_themes(block, ["executive", "frontline", "manager"], minimum=3)
    assert themed is not None and themed["source"] == "authored"
    review = next(t for t in themed["themes"] if t["id"] == "review")
    incidents = next(t for t in themed["themes"] if t["id"] == "incidents")
    assert review["counts"] == {"executive": 3, "frontline": 3, "manager": 2}
    assert incidents["counts"] == {"executive": 0, "frontline": 2, "manager": 1}
    # Quotes only where a group's theme has min_group_size answers.
    assert set(review["quotes"]) == {"executive", "frontline"} and incidents["quotes"] == {}
    assert themed["unthemed"] == {"executive": 1, "frontline": 0, "manager": 0}
    # Each group's comments under the question as it saw it.
    assert themed["wording"]["frontline"] == "Where is the friction?"


def test_quote_false_answers_are_counted_never_shown(result: dict[str, Any]) -> None:
    context = build_context(result)
    feeling = next(t for t in context["findings"]["text_themes"] if t["question"] == "feeling")
    assert feeling["quote"] is False and feeling["themes"] == []  # no words taken from them
    assert feeling["answers"] == {"executive": 4, "frontline": 5}
    assert all(b["question"] != "feeling" for b in context["analysis"]["comments"])
    assert all(b["question"] != "feeling" for b in context["comments"] + context["quotes"])
    for name in ("gap_report", "executive_brief", "workshop_readout", "interview_digest"):
        text = render(resolve_template(name), context)
        assert "tired of review" not in text and "fine" not in text.split("\n"), name


def test_shared_words_group_answers_without_keywords() -> None:
    block = {
        "question": "q",
        "label": "What hurts?",
        "groups": {
            "a": [
                "Incident response is slow",
                "incident response again",
                "Flaky tests",
                "the tests are flaky",
                "nothing",
            ]
        },
    }
    themed = text_themes(block, ["a"], minimum=2)
    assert themed is not None and themed["source"] == "shared words"
    labels = {t["label"]: t["counts"]["a"] for t in themed["themes"]}
    assert labels == {"incident response": 2, "tests": 2}  # "flaky" ties; alphabetical
    assert themed["unthemed"] == {"a": 1}
