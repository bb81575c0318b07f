"""Interview notes and durations in the analysis, and the interview digest and workshop readout."""

from __future__ import annotations

import statistics
from typing import Any

import pytest
from helpers.reports import MANAGER_SECRET, interview_dataset
from markdown_it import MarkdownIt

from survey_tui.core.analysis import analyze
from survey_tui.core.catalog import resolve_template
from survey_tui.core.reports import build_context, render

NEW = ["workshop_readout.md.j2", "interview_digest.md.j2"]


@pytest.fixture(scope="module")
def result() -> dict[str, Any]:
    q, records = interview_dataset()
    return analyze(q, records)


def test_notes_only_from_groups_at_the_threshold(result: dict[str, Any]) -> None:
    interviews = result["interviews"]
    assert interviews["n"] == {"executive": 4, "frontline": 5, "manager": 2}
    assert interviews["suppressed"] == {"executive": False, "frontline": False, "manager": True}
    notes = {n["question"]: n for n in interviews["notes"]}
    assert set(notes) == {"quality", "prod"}
    assert set(notes["quality"]["groups"]) == {"frontline"}
    assert len(notes["quality"]["groups"]["frontline"]) == 5
    assert MANAGER_SECRET not in str(interviews)


def test_minutes_leave_out_the_withheld_group(result: dict[str, Any]) -> None:
    minutes = result["interviews"]["minutes"]
    # 4 executives at 2 x 60 s, 5 frontline at 2 x 120 s; the managers' 900 s do not count.
    expected_total = statistics.median([120] * 4 + [240] * 5) / 60
    assert minutes["total"] == {"n": 9, "median": expected_total, "suppressed": False}
    quality = next(m for m in minutes["questions"] if m["question"] == "quality")
    assert quality["median"] == pytest.approx(statistics.median([60] * 4 + [120] * 5) / 60)


def test_too_few_interviews_publish_no_minutes() -> None:
    q, records = interview_dataset()
    # Executives (4 interviews) reach the threshold of 3; no frontline interviews at all.
    timed = [r for r in records if r["group"] == "executive"]
    for r in timed[2:]:
        r["seconds"] = {}  # only 2 interviews were timed
    minutes = analyze(q, timed)["interviews"]["minutes"]
    assert minutes["total"] == {"n": None, "median": None, "suppressed": True}
    assert all(m["suppressed"] and m["median"] is None for m in minutes["questions"])
    text = render(resolve_template("interview_digest.md.j2"), build_context(analyze(q, timed)))
    assert "A typical interview" not in text and "## Time per question" not in text


def test_minutes_skip_a_group_with_too_few_interviews() -> None:
    q, records = interview_dataset()
    # Executives (4 interviews) are at the threshold of 3; 2 frontline interviews are not.
    few = [r for r in records if r["group"] == "executive"]
    few += [{**r, "seconds": {"notes": 30}} for r in records if r["group"] == "frontline"][:2]
    minutes = analyze(q, few)["interviews"]["minutes"]
    assert minutes["total"] == {"n": 4, "median": 2.0, "suppressed": False}
    notes = next(m for m in minutes["questions"] if m["question"] == "notes")
    assert notes == {
        "question": "notes",
        "label": "Notes",
        "n": 4,
        "median": 1.0,
        "suppressed": False,
    }


def test_survey_records_have_no_interview_notes() -> None:
    q, records = interview_dataset()
    for r in records:
        r["mode"], r["notes"] = "run", {}
    interviews = analyze(q, records)["interviews"]
    assert interviews["notes"] == [] and interviews["n"]["frontline"] == 0
    text = render(resolve_template("interview_digest.md.j2"), build_context(analyze(q, records)))
    assert "## Who answered" in text and "No interview notes" in text


@pytest.mark.parametrize("name", NEW)
def test_group_below_threshold_appears_nowhere(result: dict[str, Any], name: str) -> None:
    text = render(resolve_template(name), build_context(result))
    assert "Managers" not in text and "manager" not in text.lower()
    assert MANAGER_SECRET not in text
    assert "900" not in text and "15 minutes" not in text  # nor their interview minutes


def test_digest_shows_notes_by_theme_with_injection_literal(result: dict[str, Any]) -> None:
    text = render(resolve_template("interview_digest.md.j2"), build_context(result))
    # "quality" has no construct: its notes sit under its section, "Main".
    quality = text.split("## Main", 1)[1].split("\n## ", 1)[0]
    assert "### Interviewer notes" in quality and "*On: Quality*" in quality
    assert "- frontline aside 4 / more" in quality  # a newline in a note keeps the list item
    assert "executive aside" not in quality  # executives noted on "prod", another theme
    assert "executive aside" in text.split("## Productivity", 1)[1]
    assert "<script>" not in text and "{{" not in text
    html = MarkdownIt("commonmark").enable("table").render(text)
    assert "<script>" not in html
    assert "&lt;/td&gt;&lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }}" in html
    # Identical notes are folded with a count, not repeated.
    noted = quality.split("### Interviewer notes", 1)[1]
    assert "*(2 people)*" in noted and noted.count("alert(1)") == 1


def test_digest_shows_the_scaled_items_and_typical_length(result: dict[str, Any]) -> None:
    text = render(resolve_template("interview_digest.md.j2"), build_context(result))
    quality = next(c for c in result["items"] if c["question"] == "quality")
    row = next(line for line in text.splitlines() if line.startswith("| Quality |"))
    assert f"{quality['gap']['points']:+.1f}" in row
    total = result["interviews"]["minutes"]["total"]["median"]
    assert f"A typical interview took **{round(total)} minutes**" in text


def test_readout_shows_the_first_screen_and_the_workflows(result: dict[str, Any]) -> None:
    context = build_context(result)
    text = render(resolve_template("workshop_readout.md.j2"), context)
    assert f"**Expectation Gap Index: {result['expectation_gap_index']:.1f}**" in text
    for entry in context["widest"]:
        assert f"{abs(entry['gap']['points']):.1f} points apart" in text
    rows = context["findings"]["workflows"][0]["rows"]
    helps = text.split("## Where AI helps most", 1)[1].split("## Where AI creates", 1)[0]
    scaled = sorted((r for r in rows if r["quadrant"] == "scale"), key=lambda r: -r["value"])
    assert [line[2:] for line in helps.splitlines() if line.startswith("- ")] == [
        r["label"] for r in scaled
    ]
    assert "1 group with fewer than 3 respondents left out to protect anonymity" in text


def test_readout_says_why_when_a_compared_group_is_small() -> None:
    q, records = interview_dataset()
    kept = [r for r in records if r["group"] != "executive"] + [
        r for r in records if r["group"] == "executive"
    ][:2]
    text = render(resolve_template("workshop_readout.md.j2"), build_context(analyze(q, kept)))
    assert "No gap can be shown: one of the groups being compared has fewer than 3" in text
    assert "**Get enough answers to see the gap.**" in text
    assert "Executives" not in text and "Gap Index" not in text


def test_digest_quotes_only_groups_with_enough_interviews() -> None:
    q, records = interview_dataset()
    frontline = [r for r in records if r["group"] == "frontline"]
    for r in frontline[2:]:  # 5 frontline responses, only 2 of them interviews
        r["mode"], r["notes"] = "run", {}
    context = build_context(analyze(q, records))
    assert context["interviewed"] == ["executive"]
    assert "frontline" in context["groups"]  # its ratings are still shown
    text = render(resolve_template("interview_digest.md.j2"), context)
    assert "frontline note" not in text and "frontline aside" not in text
    assert "Groups with fewer than 3 interviews are left out" in text


@pytest.mark.parametrize("name", ["gap_report", "executive_brief", *NEW])
def test_respondent_text_is_inert_in_every_shipped_template(
    result: dict[str, Any], name: str
) -> None:
    # interview_dataset() carries "</td><script>... {{ 7*7 }}" in a text answer and a note.
    text = render(resolve_template(name), build_context(result))
    assert "<script>" not in text and "{{" not in text and "{%" not in text
    html = MarkdownIt("commonmark").enable("table").render(text)
    assert "<script>" not in html
