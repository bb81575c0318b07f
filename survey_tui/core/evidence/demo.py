"""Synthetic evidence for ``survey-tui demo``: the whole loop, survey to success plan.

What is planted, from 26 weeks before the first wave to the last wave's week (seeded):

- source ``demo-repo`` (as ``evidence git`` stores it): about 45 commits a week from 14
  authors; AI-assisted commits rise from about 5% to 30% after the first wave; rework rises
  from about 12% to 18% (engineers, who say rework got worse, are right);
- source ``demo-tracker``, team ``payments`` (as ``evidence import`` stores a tracker export):
  time to resolution about 9.5 hours throughout (leaders say it improved; it did not change),
  story points about 40 a week, escaped defects about 3 a week, rising to 4.

And a success plan (:func:`demo_plan_yaml`): time to resolution from 9.5 to 8 hours within
90 days of the baseline wave, owned by the VP Engineering; the 90-day wave scores it not met.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from datetime import date, timedelta

from survey_tui.core.evidence.compare import monday, weeks_before
from survey_tui.core.evidence.git import GIT_METRICS
from survey_tui.core.evidence.records import MetricRow, default_unit, metric_row
from survey_tui.core.evidence.report_context import wave_starts
from survey_tui.core.record import Record

GIT_SOURCE = "demo-repo"
TRACKER = ("demo-tracker", "payments")
WEEKS_BEFORE = 26


def _git_week(rng: random.Random, after: float) -> dict[str, float]:
    """One week of git figures; ``after``: 0 before the first wave, rising to 1 by the last."""
    commits = max(10, round(rng.gauss(45, 5)))
    ai_share = 0.05 + 0.25 * after
    deleted = max(100, round(rng.gauss(1400, 150)))
    return {
        "commits": commits,
        "merges": max(2, round(rng.gauss(10, 2))),
        "active_authors": max(5, min(14, round(rng.gauss(12, 1.2)))),
        "ai_assisted_commits": sum(rng.random() < ai_share for _ in range(commits)),
        "reverts": rng.choice((0, 0, 1, 1, 2)),
        "lines_added": max(100, round(rng.gauss(2300, 250))),
        "lines_deleted": deleted,
        "rework_pct": round(max(2.0, rng.gauss(12 + 6 * after, 1.5)), 2),
    }


def _tracker_week(rng: random.Random, after: float) -> dict[str, float]:
    return {
        "time_to_resolution_hours": round(max(4.0, rng.gauss(9.5 + 0.3 * after, 1.0)), 1),
        "story_points": max(10, round(rng.gauss(40 + 2 * after, 4))),
        "escaped_defects": max(0, round(rng.gauss(3 + after, 1.2))),
    }


def synthetic_evidence(records: Iterable[Record], seed: int = 2026) -> list[MetricRow]:
    """Weekly metrics around the waves of ``records`` (the demo's synthetic responses)."""
    starts = wave_starts(records)
    if not starts:
        return []
    first, last = min(starts.values()), max(starts.values())
    rng = random.Random(seed)
    rows: list[MetricRow] = []
    week = monday(first) - timedelta(days=7 * WEEKS_BEFORE)
    span = max(1, (monday(last) - monday(first)).days)
    while week <= monday(last):
        after = min(1.0, max(0.0, (week - monday(first)).days / span))
        for metric, value in _git_week(rng, after).items():
            rows.append(metric_row(GIT_SOURCE, "", metric, week, value, GIT_METRICS[metric]))
        for metric, value in _tracker_week(rng, after).items():
            rows.append(metric_row(*TRACKER, metric, week, value, default_unit(metric)))
        week += timedelta(days=7)
    return rows


def demo_plan_yaml(records: Iterable[Record]) -> str | None:
    """The demo's success plan, baseline over the 12 weeks before the first wave."""
    starts = wave_starts(records)
    if not starts:
        return None
    first = min(starts.values())
    window = weeks_before(first)
    due: date = first + timedelta(days=90)
    return "\n".join(
        [
            "# The demo's 90-day success plan (synthetic): report the 90-day wave with",
            "#   --plan on this file to score it.",
            "metrics:",
            "  - id: time_to_resolution_hours",
            "    name: Median time to resolution",
            "    definition: median hours from an issue opened to resolved, per week",
            "    unit: hours",
            "    direction: lower_is_better",
            f"    baseline: {{value: 9.5, from: {window.first}, "
            f"to: {window.last + timedelta(days=6)}}}",
            "    target: 8",
            f"    due: {due}",
            "    owner: VP Engineering",
            "    source: tracker export, team payments (synthetic)",
            "",
        ]
    )
