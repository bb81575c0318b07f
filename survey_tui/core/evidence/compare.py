"""Measured change of a metric between two windows of weeks, and the plan's scoring.

The statements are in docs/statistics.md ("Perceived vs measured"):

- A metric's weekly values are split into a *before* window and a *now* window: the plan's
  baseline dates and the weeks after them up to the due date; without a plan, the 12 weeks
  before the baseline wave and the 12 weeks before the reported wave; with one wave only, the
  12 weeks before it against the 12 weeks before those.
- The change is the difference of the two windows' weekly means, in units and in % of the
  before mean, with a 95% percentile bootstrap interval: the weeks of each window resampled
  with replacement, 2,000 times, with a seed fixed per metric (a report is reproducible).
- *Measurable* means the interval of the difference excludes 0; a window with fewer than 3
  weeks gives no interval ("too few weeks").
- A plan metric is *met* when the mean of the last 4 weeks (or fewer, as stored) of its now
  window has reached the target, *not met* otherwise, and has *no data* without a week there.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from survey_tui.core.evidence.records import MetricRow

RESAMPLES = 2000
MIN_WEEKS = 3
WINDOW_WEEKS = 12
LAST_WEEKS = 4  # a plan metric's value "now": the mean of its last weeks
SEED = 20261124

SeriesKey = tuple[str, str, str]  # (source, team, metric)


@dataclass(frozen=True)
class Window:
    """Weeks whose Monday is between ``first`` and ``last`` (both included)."""

    first: date
    last: date

    def holds(self, week: date) -> bool:
        return self.first <= week <= self.last


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def plan_windows(start: date, end: date, due: date) -> tuple[Window, Window]:
    """The baseline dates, and the weeks after them up to (the week of) the due date."""
    before = Window(monday(start), end)
    return before, Window(monday(end) + timedelta(days=7), due)


def weeks_before(day: date, weeks: int = WINDOW_WEEKS, gap: int = 0) -> Window:
    """The ``weeks`` full weeks before the week of ``day`` (``gap`` weeks earlier still)."""
    last = monday(day) - timedelta(days=7 * (1 + gap))
    return Window(last - timedelta(days=7 * (weeks - 1)), last)


def series(rows: Iterable[MetricRow]) -> dict[SeriesKey, dict[date, float]]:
    """Weekly values by (source, team, metric)."""
    out: dict[SeriesKey, dict[date, float]] = {}
    for row in rows:
        key = (row["source"], row["team"], row["metric"])
        out.setdefault(key, {})[date.fromisoformat(row["week"])] = float(row["value"])
    return out


@dataclass(frozen=True)
class Change:
    before: float | None  # mean of the before window's weeks
    now: float | None
    before_weeks: int
    now_weeks: int
    delta: float | None  # now - before, in the metric's unit
    change_pct: float | None  # 100 * delta / before (None when before is 0)
    ci95_delta: tuple[float, float] | None
    ci95_pct: tuple[float, float] | None
    # "higher" | "lower" (the interval excludes 0) | "no_change" | "too_few_weeks" | "no_data"
    movement: str

    def verdict(self, lower_is_better: bool | None) -> str:
        """``better`` / ``worse`` when the metric has a direction, else the movement."""
        if self.movement not in ("higher", "lower") or lower_is_better is None:
            return self.movement
        return "better" if (self.movement == "lower") == lower_is_better else "worse"


def measured_change(
    values: dict[date, float], before: Window, now: Window, seed_key: str
) -> Change:
    """The change of a weekly series between two windows, with its bootstrap intervals."""
    old = np.array([v for w, v in sorted(values.items()) if before.holds(w)], dtype=float)
    new = np.array([v for w, v in sorted(values.items()) if now.holds(w)], dtype=float)
    mean_old = float(old.mean()) if old.size else None
    mean_new = float(new.mean()) if new.size else None
    if mean_old is None or mean_new is None:
        return Change(mean_old, mean_new, old.size, new.size, None, None, None, None, "no_data")
    delta = mean_new - mean_old
    pct = 100.0 * delta / mean_old if mean_old else None
    if old.size < MIN_WEEKS or new.size < MIN_WEEKS:
        return Change(
            mean_old, mean_new, old.size, new.size, delta, pct, None, None, "too_few_weeks"
        )
    rng = np.random.default_rng([SEED, zlib.crc32(seed_key.encode())])
    draws_old = old[rng.integers(0, old.size, (RESAMPLES, old.size))].mean(axis=1)
    draws_new = new[rng.integers(0, new.size, (RESAMPLES, new.size))].mean(axis=1)
    deltas = draws_new - draws_old
    low, high = (float(x) for x in np.percentile(deltas, [2.5, 97.5]))
    ci_pct = None
    if mean_old:
        with np.errstate(divide="ignore", invalid="ignore"):
            ratios = 100.0 * deltas / draws_old
        ratios = ratios[np.isfinite(ratios)]
        if ratios.size:
            lo, hi = (float(x) for x in np.percentile(ratios, [2.5, 97.5]))
            ci_pct = (lo, hi)
    movement = "higher" if low > 0 else "lower" if high < 0 else "no_change"
    return Change(mean_old, mean_new, old.size, new.size, delta, pct, (low, high), ci_pct, movement)


@dataclass(frozen=True)
class Score:
    status: str  # "met" | "not_met" | "no_data"
    value: float | None  # the mean of the last weeks of the now window
    weeks: int  # how many weeks that mean is over
    last_week: date | None
    final: bool  # data reaches the due date's week: the verdict will not change


def score_plan_metric(
    values: dict[date, float], now: Window, target: float, lower_is_better: bool, due: date
) -> Score:
    inside = [(w, v) for w, v in sorted(values.items()) if now.holds(w)]
    final = any(w >= monday(due) for w in values)
    if not inside:
        return Score("no_data", None, 0, None, final)
    last = inside[-LAST_WEEKS:]
    value = sum(v for _, v in last) / len(last)
    met = value <= target if lower_is_better else value >= target
    return Score("met" if met else "not_met", value, len(last), last[-1][0], final)
