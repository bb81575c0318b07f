"""Perceived beside measured in reports, and the success plan: context and rendered text."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from helpers.evidence_report_data import records, steady_hours, survey, weekly

from survey_tui.core.analysis import analyze
from survey_tui.core.catalog import resolve_template
from survey_tui.core.evidence.plan import PlanError, parse_plan
from survey_tui.core.evidence.report_context import evidence_context, wave_starts
from survey_tui.core.reports import build_context, render


def _context(rows: list[Any], plan_text: bytes | None = None, **waves: Any) -> dict[str, Any]:
    q = survey()
    recs = records(q)
    if waves:
        recs += records(q, "later", waves["later"])
    result = analyze(q, recs, **({"wave": "later", "baseline_wave": "baseline"} if waves else {}))
    plan = parse_plan(plan_text, "plan.yaml") if plan_text else None
    extra = evidence_context(result, q, rows, plan, wave_starts(recs))
    return build_context(result, **extra)


def _reads_well(text: str) -> None:
    assert "None" not in text and "{{" not in text and "{%" not in text and "nan" not in text
    assert "Managers" not in text  # below the threshold: nowhere
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("|---"):
            width = lines[i - 1].replace("\\|", "").count("|")
            for row in lines[i + 1 :]:
                if not row.startswith("|"):
                    break
                assert row.replace("\\|", "").count("|") == width, row
    assert text.count("```") % 2 == 0


def test_perception_is_set_beside_the_measurement_of_its_metric() -> None:
    context = _context(steady_hours())
    evidence = context["evidence"]
    assert evidence["window"] == {
        "kind": "one_wave",
        "before": {"first": "2026-06-08", "last": "2026-08-30"},
        "now": {"first": "2026-08-31", "last": "2026-11-22"},
    }
    (row,) = evidence["linked"]
    assert row["metric"] == "time_to_resolution_hours" and row["series"] == "tracker, payments"
    assert row["before"] == row["now"] == 9.5 and row["verdict"] == "no_change"
    item = next(i for i in context["analysis"]["items"] if i["question"] == "ttr")
    assert row["perceived"] == item["groups"]  # the analysis' own figures, suppression included
    assert row["perceived"]["leaders"]["favorable_pct"] == 100.0
    assert row["disagree"] == ["leaders"] and row["agree"] == ["engineers"]
    assert evidence["missing"] == [] and evidence["other"] == []


def test_two_waves_compare_the_12_weeks_before_each() -> None:
    rows = steady_hours() + weekly(
        "time_to_resolution_hours", [8.0, 8.5, 8.0, 8.5, 8.0, 8.5] * 2, date(2027, 2, 15)
    )
    context = _context(rows, later=date(2027, 2, 24))
    (row,) = context["evidence"]["linked"]
    assert context["evidence"]["window"]["kind"] == "waves"
    assert row["now"] == 8.25 and row["verdict"] == "better"
    assert row["change_pct"] == pytest.approx(100 * (8.25 - 9.5) / 9.5)
    assert row["disagree"] == ["engineers"] and row["agree"] == ["leaders"]


def test_the_report_says_so_in_words() -> None:
    text = render(resolve_template("gap_report"), _context(steady_hours()))
    _reads_well(text)
    assert (
        "**Time to resolution (tracker, payments)**: 100% of Leaders \\`of\\` \\*all\\* say it "
        "improved; Engineers 0%; measured: 9.5 hours -> 9.5 hours (0%, CI "
    ) in text
    assert "no measurable change. **Perception and measurement disagree** for Leaders" in text
    brief = render(resolve_template("executive_brief"), _context(steady_hours()))
    _reads_well(brief)
    assert "## Perception against measurement" in brief


def test_without_evidence_reports_say_what_to_collect_and_how() -> None:
    context = _context([])
    evidence = context["evidence"]
    assert not evidence["stored"] and evidence["linked"] == []
    assert [m["metric"] for m in evidence["missing"]] == ["time_to_resolution_hours"]
    text = render(resolve_template("gap_report"), context)
    _reads_well(text)
    assert "No delivery metrics are stored yet" in text
    assert "`survey-tui evidence import metrics.csv`" in text
    brief = render(resolve_template("executive_brief"), context)
    assert "Start with **Time to resolution**" in brief


def test_the_proposed_plan_is_the_metric_both_groups_name_most() -> None:
    context = _context(steady_hours())
    proposal = context["success_plan"]["proposal"]
    assert proposal["metric"] == "time_to_resolution_hours"
    # Each group counts once: leaders 4 of 6, engineers 3 of 6; managers are withheld.
    assert "67% of Leaders" in proposal["reason"] and "50% of Engineers" in proposal["reason"]
    assert "Managers" not in proposal["reason"]
    plan = parse_plan(proposal["yaml"].encode(), "plan.yaml")
    (metric,) = plan.metrics
    assert metric.baseline_value == 9.5 and metric.target == 8.55 and metric.lower_is_better
    assert (metric.baseline_from, metric.baseline_to) == (date(2026, 8, 31), date(2026, 11, 22))
    assert metric.due == date(2027, 2, 23) and metric.owner == "VP Engineering"
    text = render(resolve_template("gap_report"), context)
    _reads_well(text)
    block = re.search(r"```yaml\n(.*?)```", text, re.S)
    assert block is not None and block.group(1) == proposal["yaml"].strip() + "\n"
    assert "`of`" not in block.group(1)  # a backtick in a label cannot close the fence


def test_without_data_the_proposal_asks_for_a_target() -> None:
    proposal = _context([])["success_plan"]["proposal"]
    assert proposal["value"] is None and "target: null" in proposal["yaml"]
    with pytest.raises(PlanError, match=r"metrics\.0\.target: expected a number"):
        parse_plan(proposal["yaml"].encode(), "plan.yaml")


PLAN = b"""\
metrics:
  - id: time_to_resolution_hours
    direction: lower_is_better
    baseline: {value: 9.5, from: 2026-08-31, to: 2026-11-22}
    target: 8.5
    due: 2027-02-21
    owner: VP Engineering
  - id: escaped_defects
    direction: lower_is_better
    baseline: {from: 2026-08-31, to: 2026-11-22}
    target: 2
    due: 2027-02-21
    owner: Head of QA
"""


def test_a_plan_is_scored_met_not_met_or_no_data() -> None:
    rows = steady_hours() + weekly(
        "time_to_resolution_hours", [9.0, 8.8, 8.6, 8.4, 8.2, 8.0] * 2, date(2027, 2, 15)
    )
    context = _context(rows, PLAN, later=date(2027, 2, 24))
    met, no_data = context["success_plan"]["metrics"]
    assert met["status"] == "met" and met["value"] == pytest.approx((8.6 + 8.4 + 8.2 + 8.0) / 4)
    assert met["weeks"] == 4 and met["final"] and met["baseline_measured"] == 9.5
    assert met["perceived"]["leaders"]["favorable_pct"] == 100.0
    assert no_data["status"] == "no_data" and no_data["series"] is None
    assert context["evidence"]["window"]["kind"] == "plan"
    text = render(resolve_template("gap_report"), context)
    _reads_well(text)
    assert "From `plan.yaml`." in text and "| **met** |" in text and "| no data |" in text
    brief = render(resolve_template("executive_brief"), context)
    assert "owned by VP Engineering: target 8.5 hours by 2027-02-21" in brief
