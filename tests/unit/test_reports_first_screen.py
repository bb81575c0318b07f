"""The first screen of every shipped report (issue 14): headline, trend, three actions with
owners and dates, what the index means, who answered, the demo banner, neutral words."""

from __future__ import annotations

import re
from typing import Any

import pytest
from helpers.analysis import find
from helpers.first_screen_data import questionnaire, records, two_waves

from survey_tui.core.analysis import analyze
from survey_tui.core.catalog import resolve_template
from survey_tui.core.reports import build_context, render
from survey_tui.core.reports.findings import ReportOptions

TEMPLATES = ["gap_report", "executive_brief", "workshop_readout", "interview_digest"]


def _first(text: str) -> str:
    """The first screen: everything up to the end of the actions list."""
    head, _, rest = text.partition("## Three actions")
    return head + "## Three actions" + rest.split("\n\n\n", 1)[0]


def _two_wave_context(options: ReportOptions | None = None, mode: str = "run") -> Any:
    result = analyze(
        questionnaire(), two_waves(mode), wave="after", baseline_wave="before", resamples=200
    )
    return result, build_context(result, options)


@pytest.mark.parametrize("name", TEMPLATES)
def test_every_template_opens_with_headline_trend_index_and_three_actions(name: str) -> None:
    result, context = _two_wave_context()
    first = _first(render(resolve_template(name), context))
    minutes = find(result["items"], "question", "minutes")
    # A number with a short name, a significant large gap: the headline, in its own units.
    assert (
        "**Engineers report a median of 60 minutes/day for time spent correcting output; "
        "Executives estimate 15 minutes/day.**"
    ) in first
    assert minutes["gap"]["significant"] and minutes["gap"]["effect"] == "large"
    change = result["expectation_gap_index_change"]
    assert (
        f"the Expectation Gap Index went from {change['before']:.1f} to {change['now']:.1f}"
        in first
    )
    # The biggest move and who moved: only the engineers moved on "speed".
    assert "The biggest move was on WORD".replace("WORD", "AI tools speed us up") in first
    assert "Engineers rose 50.0 points (10.0 -> 60.0) and Executives stayed at 100.0" in first
    assert "More than noise on 1 theme (AI tools speed us up); 2 others within noise." in first
    assert "0 = Executives and Engineers see AI the same way on every theme" in first
    assert "40% of non-management employees and 2% of executives said AI saves them no time" in (
        first
    )
    assert "Section's AI Proficiency Report (January 2026)" in first
    actions = re.findall(r"^(\d)\. \*\*(.+?)\*\*", first, re.M)
    assert [n for n, _ in actions] == ["1", "2", "3"]
    assert actions[1][1] == "Fix, or pause, AI use in Incident response."
    assert actions[2][1].startswith("Close the communication gap")
    assert first.count("· Due: [date]*") == 3 and "(suggested)" in first
    assert "Executives and senior leaders 4 of 10 (40%)" in first
    assert "p =" not in first and "p (adjusted)" not in first


def test_owners_and_dates_come_from_the_options_by_number_or_kind() -> None:
    options = ReportOptions(
        owners={"1": "CTO", "fix_workflow": "Head of SRE"}, due={"communicate": "1 May"}
    )
    _, context = _two_wave_context(options)
    first = _first(render(resolve_template("executive_brief"), context))
    assert "*Owner: CTO · Due: [date]*" in first
    assert "*Owner: Head of SRE · Due: [date]*" in first
    assert "*Owner: leadership sponsor (suggested) · Due: 1 May*" in first


def test_without_a_baseline_the_trend_says_how_to_get_one() -> None:
    result = analyze(questionnaire(), records(), resamples=200)
    text = render(resolve_template("gap_report"), build_context(result))
    assert "Since " not in text.split("## Three actions")[0]
    assert "**Trend:** no earlier wave is compared" in text
    assert "`--baseline-wave now`" in text


def test_a_headline_needs_a_short_name_for_a_number() -> None:
    q = questionnaire()
    result = analyze(q, records(), resamples=200)
    minutes = find(result["items"], "question", "minutes")
    minutes["short"] = None
    context = build_context(result)
    assert context["findings"]["headline"]["kind"] == "theme"
    first = _first(render(resolve_template("gap_report"), context))
    assert re.search(r"\*\*Engineers score \w.* out of 100 and Executives", first)


def test_demo_records_put_a_banner_on_top_of_every_template() -> None:
    _, context = _two_wave_context(mode="demo")
    for name in TEMPLATES:
        text = render(resolve_template(name), context)
        banner = text.split("\n\n", 2)[1]
        assert banner.startswith("> **Synthetic demo data.**"), name
    _, real = _two_wave_context(mode="run")
    assert "Synthetic" not in render(resolve_template("gap_report"), real)


def test_response_rates_need_a_headcount_and_flag_more_answers_than_people() -> None:
    result = analyze(questionnaire(), records(), resamples=200)
    context = build_context(result, ReportOptions(headcount={"manager": 2, "frontline": 50}))
    found = {p["group"]: p for p in context["findings"]["participants"]}
    assert found["frontline"]["rate"] == pytest.approx(10.0)  # 5 of 50: option beats file
    assert found["executive"]["rate"] == pytest.approx(40.0)  # 4 of 10 from the file
    assert found["manager"]["over"] is True
    text = render(resolve_template("gap_report"), context)
    assert "Engineering managers 3 (more than the headcount of 2: check it)" in text


def test_a_questionnaire_not_about_ai_is_worded_neutrally() -> None:
    q = questionnaire(word="Pipeline")
    assert q.subject is None
    result = analyze(q, records(), resamples=200)
    for name in TEMPLATES:
        text = render(resolve_template(name), build_context(result))
        assert not re.search(r"\bAI\b", text), name
        assert "Section" not in text  # the AI benchmark is not shown
    text = render(resolve_template("gap_report"), build_context(result))
    assert "see the subject of this survey the same way" in text
    assert "Fix, or pause, the new way of working in Incident response." in text


def test_topic_names_what_the_survey_is_about() -> None:
    q = questionnaire(topic="the new CI pipeline", word="Pipeline")
    result = analyze(q, records(), resamples=200)
    assert result["questionnaire"]["topic"] == "the new CI pipeline"
    text = render(resolve_template("gap_report"), build_context(result))
    assert "see the new CI pipeline the same way" in text
    assert "Fix, or pause, the use of the new CI pipeline in Incident response." in text
    assert "Section" not in text


def test_awareness_items_are_said_with_each_groups_wording() -> None:
    result = analyze(questionnaire(), records(), resamples=200)
    text = render(resolve_template("gap_report"), build_context(result))
    assert (
        "- 100.0% of Executives agree: “A written definition exists”; 0.0% of Engineers agree: "
        "“I know the definition”. A communication gap, not a disagreement"
    ) in text


def test_the_manager_layer_says_where_the_third_group_sits() -> None:
    result = analyze(questionnaire(), records(), resamples=200)
    context = build_context(result)
    (layer,) = context["findings"]["layers"]
    assert layer["group"] == "manager"
    assert (layer["first"], layer["between"], layer["second"]) == (
        ["speed"],
        ["metrics"],
        ["workflows"],
    )
    text = render(resolve_template("gap_report"), context)
    assert (
        "**Engineering managers** sit between the two on 1 of 3 themes; they side with "
        "Executives on AI tools speed us up; they side with Engineers on Workflows."
    ) in text
