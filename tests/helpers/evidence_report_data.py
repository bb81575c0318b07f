"""A small survey with a perceived-change item about a metric, and weekly data for it.

Leaders (6) all say time to resolution improved, engineers (6) that it did not, managers (2)
are below the anonymity threshold. The metric stays at 9.5 hours: leaders' perception
disagrees with the measurement. Asked which figure they would judge success by, leaders name
time to resolution 4 times of 6 and rework twice, engineers each 3 times: time to resolution is
the metric both groups name most.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from survey_tui.core.evidence.records import MetricRow, metric_row
from survey_tui.core.loader import load
from survey_tui.core.model import Questionnaire
from survey_tui.core.store.common import new_record

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "evidence" / "judge.yaml"
WAVE_DAY = date(2026, 11, 25)  # a Wednesday; its week starts 2026-11-23


def survey() -> Questionnaire:
    return load(FIXTURE)


def records(q: Questionnaire, wave: str = "baseline", day: date = WAVE_DAY) -> list[dict[str, Any]]:
    answers = [
        ("leaders", 1, "time_to_resolution_hours"),
        ("leaders", 2, "time_to_resolution_hours"),
        ("leaders", 1, "time_to_resolution_hours"),
        ("leaders", 2, "time_to_resolution_hours"),
        ("leaders", 1, "rework_pct"),
        ("leaders", 2, "rework_pct"),
        ("engineers", 3, "time_to_resolution_hours"),
        ("engineers", 4, "time_to_resolution_hours"),
        ("engineers", 5, "time_to_resolution_hours"),
        ("engineers", 3, "rework_pct"),
        ("engineers", 4, "rework_pct"),
        ("engineers", 3, "rework_pct"),
        ("managers", 1, "story_points"),
        ("managers", 1, "story_points"),
    ]
    out = []
    for i, (group, ttr, judge) in enumerate(answers):
        stamp = f"{day.isoformat()}T{10 + i % 8:02}:00:00+00:00"
        out.append(
            new_record(
                q,
                response_id=f"{wave}-{i}",
                group=group,
                wave=wave,
                status="complete",
                mode="import",
                started_at=stamp,
                updated_at=stamp,
                submitted_at=stamp,
                answers={"ttr": ttr, "judge_by": judge},
            )
        )
    return out


def weekly(
    metric: str, values: list[float], last_week: date, unit: str = "hours"
) -> list[MetricRow]:
    """``values`` for the weeks up to and including ``last_week`` (a Monday)."""
    first = last_week - timedelta(days=7 * (len(values) - 1))
    return [
        metric_row("tracker", "payments", metric, first + timedelta(days=7 * i), v, unit)
        for i, v in enumerate(values)
    ]


def steady_hours() -> list[MetricRow]:
    """24 weeks up to the week before the wave: 9.5 hours, give or take 0.5."""
    wobble = [9.0, 10.0, 9.5, 9.5, 9.0, 10.0] * 4
    return weekly("time_to_resolution_hours", wobble, date(2026, 11, 16))
