"""Uncertainty that spans several figures: the Expectation Gap Index and change between waves.

docs/statistics.md: the index is the mean absolute construct gap; its interval resamples
respondents within each group and recomputes every construct (one joint bootstrap, so the
constructs' shared respondents are resampled together). A change between waves resamples
each group within each wave independently.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from survey_tui.core.analysis.figures import Unit
from survey_tui.core.analysis.stats import (
    Sample,
    excludes_zero,
    mean_of_means,
    percentile_ci,
    rng_for,
)
from survey_tui.core.analysis.types import Change, GroupChange, IndexChange

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

#: Resamples of the joint bootstraps (the index and its change), as the method allows.
JOINT_RESAMPLES = 1000


def _gap_draws(unit: Unit, pair: tuple[str, str], seed: int, resamples: int) -> NDArray[np.float64]:
    a, b = (unit.figures[g] for g in pair)
    return a.resampled(seed, resamples) - b.resampled(seed, resamples)


def item_change(
    now: Unit, before: Unit, pair: tuple[str, str], *, number: bool, seed: int, resamples: int
) -> Change | None:
    """The change of one item's or construct's gap since the baseline wave (None unless the
    gap is published in both waves)."""
    if not all(u.figures[g].published for u in (now, before) for g in pair):
        return None
    # Each figure's own draws, streams keyed by wave: the waves are resampled independently.
    draws = _gap_draws(now, pair, seed, resamples) - _gap_draws(before, pair, seed, resamples)
    ci = percentile_ci(draws)
    estimate_now = _estimate(now, pair)
    estimate_before = _estimate(before, pair)
    groups: dict[str, GroupChange] = {}
    for group, figure in now.figures.items():
        old = before.figures.get(group)
        both = figure.published and old is not None and old.published
        then = old.estimate if both and old is not None else None
        latest = figure.estimate if both else None
        delta = latest - then if latest is not None and then is not None else None
        groups[group] = (
            {"mean_before": then, "mean_now": latest, "delta": delta}
            if number
            else {"score_before": then, "score_now": latest, "delta": delta}
        )
    if number:
        return {
            "units_before": estimate_before,
            "units_now": estimate_now,
            "delta": estimate_now - estimate_before,
            "ci95": list(ci),
            "significant": excludes_zero(ci),
            "groups": groups,
        }
    return {
        "points_before": estimate_before,
        "points_now": estimate_now,
        "delta": estimate_now - estimate_before,
        "ci95": list(ci),
        "significant": excludes_zero(ci),
        "groups": groups,
    }


def _estimate(unit: Unit, pair: tuple[str, str]) -> float:
    a, b = unit.figures[pair[0]].estimate, unit.figures[pair[1]].estimate
    assert a is not None and b is not None
    return a - b


def index_draws(
    constructs: list[Unit], pair: tuple[str, str], rng: np.random.Generator, resamples: int
) -> NDArray[np.float64] | None:
    """Bootstrap draws of the index: each group's respondents resampled once for every
    construct whose gap is published (None when none is)."""
    import numpy as np

    shown = [u for u in constructs if all(u.figures[g].published for g in pair)]
    if not shown:
        return None
    points = np.zeros((resamples, len(shown)))
    for sign, group in ((1.0, pair[0]), (-1.0, pair[1])):
        matrix, spans = _joint_matrix(shown, group)
        means = Sample.of(matrix).item_means(rng, resamples)
        for column, (start, stop) in enumerate(spans):
            points[:, column] += sign * mean_of_means(means[:, start:stop])
    draws: NDArray[np.float64] = np.abs(points).mean(axis=1)
    return draws


def _joint_matrix(
    shown: list[Unit], group: str
) -> tuple[NDArray[np.float64], list[tuple[int, int]]]:
    """One group's respondents x every item of every shown construct (a construct's items
    side by side), with each construct's column span. Rows are the group's respondents."""
    import numpy as np

    columns: list[NDArray[np.float64]] = []
    spans: list[tuple[int, int]] = []
    size = shown[0].figures[group].size
    for unit in shown:
        figure = unit.figures[group]
        start = len(columns)
        for index in range(figure.matrix.shape[1]):
            column = np.full(size, np.nan)
            column[figure.row_index()] = figure.matrix[:, index]
            columns.append(column)
        spans.append((start, len(columns)))
    return np.column_stack(columns), spans


def index_summary(
    constructs: list[Unit], pair: tuple[str, str], index: float | None, *, seed: int
) -> list[float] | None:
    """The index's 95% interval (None when there is no index)."""
    if index is None:
        return None
    rng = rng_for(seed, f"index:{pair[0]}:{pair[1]}")
    draws = index_draws(constructs, pair, rng, JOINT_RESAMPLES)
    return list(percentile_ci(draws)) if draws is not None else None


def index_change(
    now: list[Unit],
    before: list[Unit],
    pair: tuple[str, str],
    indexes: tuple[float | None, float | None],
    *,
    seed: int,
) -> IndexChange | None:
    """Each wave's own index, their difference and its interval (None unless both exist), and
    the baseline's own interval, as its own report prints it."""
    index_now, index_before = indexes
    if index_now is None or index_before is None:
        return None
    rng = rng_for(seed, f"index-change:{pair[0]}:{pair[1]}")
    draws_now = index_draws(now, pair, rng, JOINT_RESAMPLES)
    draws_before = index_draws(before, pair, rng, JOINT_RESAMPLES)
    assert draws_now is not None and draws_before is not None
    ci = percentile_ci(draws_now - draws_before)
    return {
        "before": index_before,
        "now": index_now,
        "delta": index_now - index_before,
        "ci95": list(ci),
        "significant": excludes_zero(ci),
        "before_ci95": index_summary(before, pair, index_before, seed=seed),
    }
