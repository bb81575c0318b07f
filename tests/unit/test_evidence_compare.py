"""Windows, the measured change with its bootstrap interval, and the plan's scoring."""

from __future__ import annotations

from datetime import date, timedelta

from survey_tui.core.evidence.compare import (
    Window,
    measured_change,
    plan_windows,
    score_plan_metric,
    weeks_before,
)

MONDAY = date(2026, 9, 7)


def _weeks(start: date, values: list[float]) -> dict[date, float]:
    return {start + timedelta(days=7 * i): v for i, v in enumerate(values)}


def test_windows_are_whole_weeks() -> None:
    # A wave first submitted on Wednesday 2026-11-25: the 12 full weeks before its week.
    assert weeks_before(date(2026, 11, 25)) == Window(date(2026, 8, 31), date(2026, 11, 16))
    assert weeks_before(date(2026, 11, 25), gap=12) == Window(date(2026, 6, 8), date(2026, 8, 24))
    before, now = plan_windows(date(2026, 9, 1), date(2026, 11, 30), date(2027, 3, 1))
    assert before == Window(date(2026, 8, 31), date(2026, 11, 30))
    assert now == Window(date(2026, 12, 7), date(2027, 3, 1))
    assert before.holds(date(2026, 11, 30)) and not now.holds(date(2026, 11, 30))


def test_a_steady_shift_is_measurable_and_has_a_direction() -> None:
    values = _weeks(MONDAY, [10, 10, 10, 10, 12, 12, 12, 12])
    before = Window(MONDAY, MONDAY + timedelta(days=21))
    now = Window(MONDAY + timedelta(days=28), MONDAY + timedelta(days=49))
    change = measured_change(values, before, now, "x")
    assert (change.before, change.now, change.delta, change.change_pct) == (10, 12, 2, 20)
    assert change.ci95_delta == (2.0, 2.0) and change.ci95_pct == (20.0, 20.0)
    assert change.movement == "higher"
    assert change.verdict(lower_is_better=True) == "worse"
    assert change.verdict(lower_is_better=False) == "better"
    assert change.verdict(lower_is_better=None) == "higher"


def test_noise_is_no_measurable_change_and_the_interval_is_reproducible() -> None:
    values = _weeks(MONDAY, [9, 10, 11, 10, 9, 11, 10, 11, 9, 10, 10, 11])
    before = Window(MONDAY, MONDAY + timedelta(days=35))
    now = Window(MONDAY + timedelta(days=42), MONDAY + timedelta(days=77))
    change = measured_change(values, before, now, "x")
    assert change.movement == "no_change" and change.verdict(True) == "no_change"
    assert change.ci95_delta is not None
    low, high = change.ci95_delta
    assert low < 0 < high
    assert measured_change(values, before, now, "x") == change


def test_too_few_weeks_no_data_and_a_zero_baseline() -> None:
    values = _weeks(MONDAY, [1, 2, 3, 4])
    before = Window(MONDAY, MONDAY + timedelta(days=7))
    now = Window(MONDAY + timedelta(days=14), MONDAY + timedelta(days=21))
    change = measured_change(values, before, now, "x")
    assert change.movement == "too_few_weeks" and change.ci95_delta is None
    assert (change.before, change.now, change.delta) == (1.5, 3.5, 2.0)
    empty = measured_change(values, Window(date(2020, 1, 6), date(2020, 2, 3)), now, "x")
    assert empty.movement == "no_data" and empty.before is None and empty.delta is None
    zeros = _weeks(MONDAY, [0, 0, 0, 1, 2, 1])
    change = measured_change(
        zeros,
        Window(MONDAY, MONDAY + timedelta(days=14)),
        Window(MONDAY + timedelta(days=21), MONDAY + timedelta(days=35)),
        "x",
    )
    assert change.change_pct is None and change.ci95_pct is None
    assert change.delta == 4 / 3 and change.movement == "higher"


def test_a_plan_metric_is_scored_on_its_last_four_weeks() -> None:
    now = Window(date(2026, 12, 7), date(2027, 3, 1))
    due = date(2027, 3, 1)
    values = _weeks(date(2026, 12, 7), [10, 10, 10, 10, 10, 10, 9, 8, 8, 7.5, 7.9, 8.1, 7.6])
    score = score_plan_metric(values, now, 8, True, due)
    assert score.status == "met" and score.weeks == 4 and score.final
    assert score.value == (7.5 + 7.9 + 8.1 + 7.6) / 4 and score.last_week == date(2027, 3, 1)
    assert score_plan_metric(values, now, 7, True, due).status == "not_met"
    assert score_plan_metric(values, now, 8.1, False, due).status == "not_met"
    early = {w: v for w, v in values.items() if w < date(2027, 1, 18)}
    assert not score_plan_metric(early, now, 8, True, due).final
    assert score_plan_metric({}, now, 8, True, due).status == "no_data"
