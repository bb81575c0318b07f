"""The gap between two groups (or a group and the rest) on an item or construct.

docs/statistics.md, "The gap": points (or units for numbers), a 95% percentile bootstrap
interval, the Mann-Whitney p-value, Cliff's delta and its label; then, per family of tests,
Benjamini-Hochberg adjusted p-values and one significance rule: adjusted p < 0.05 and an
interval that excludes 0. A gap that passes only one of the two is "not confirmed".
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NotRequired, TypedDict

from survey_tui.core.analysis.figures import Figure, Unit
from survey_tui.core.analysis.stats import (
    bh_adjust,
    effect_label,
    excludes_zero,
    mann_whitney,
    merge_counts,
    percentile_ci,
)
from survey_tui.core.analysis.types import Effect, Gap, RestGap, Tested

#: Adjusted p-values below this, with an interval that excludes 0, are significant.
SIGNIFICANCE = 0.05
#: Either group below this many respondents: the gap is indicative only.
SMALL_SAMPLE = 10


class _NumberSize(TypedDict):
    units: float | None
    median_a: float | None
    median_b: float | None


class _ScaleSize(TypedDict):
    points: float | None
    favorable_points: float | None


class _GapTest(TypedDict):
    ci95: list[float] | None
    p_value: float | None
    p_adjusted: float | None
    cliffs_delta: float | None
    effect: Effect | None
    significant: bool | None
    small_sample: bool | None
    suppressed: bool
    not_confirmed: NotRequired[bool]  # set by adjust()
    not_asked: NotRequired[list[str]]  # set by pair_gap()


def _gap(size: _NumberSize | _ScaleSize, test: _GapTest) -> Gap:
    """A gap's size (units for numbers, points for scales) first, then its test."""
    return {**size, **test}


def withheld_gap(number: bool) -> Gap:
    """A gap that may not be published: every figure None."""
    size: _NumberSize | _ScaleSize = (
        {"units": None, "median_a": None, "median_b": None}
        if number
        else {"points": None, "favorable_points": None}
    )
    return _gap(
        size,
        {
            "ci95": None,
            "p_value": None,
            "p_adjusted": None,
            "cliffs_delta": None,
            "effect": None,
            "significant": None,
            "small_sample": None,
            "suppressed": True,
        },
    )


def _interval(a: Figure, b: Figure, seed: int, resamples: int) -> list[float]:
    low, high = percentile_ci(a.resampled(seed, resamples) - b.resampled(seed, resamples))
    return [low, high]


def compare(a: Figure, b: Figure, *, number: bool, seed: int, resamples: int) -> Gap:
    """The published gap ``a - b`` (both figures published). Each figure's resamples come
    from its own stream, so swapping the pair mirrors the interval exactly."""
    assert a.estimate is not None and b.estimate is not None
    p_value, delta = mann_whitney(a.test, b.test)
    low, high = _interval(a, b, seed, resamples)
    size: _NumberSize | _ScaleSize
    if number:
        size = {
            "units": a.estimate - b.estimate,
            "median_a": a.public.get("median"),
            "median_b": b.public.get("median"),
        }
    else:
        fa, fb = a.public.get("favorable_pct"), b.public.get("favorable_pct")
        size = {
            "points": a.estimate - b.estimate,
            "favorable_points": fa - fb if fa is not None and fb is not None else None,
        }
    return _gap(
        size,
        {
            "ci95": [low, high],
            "p_value": p_value,
            "p_adjusted": None,  # set per family by adjust()
            "cliffs_delta": delta,
            "effect": effect_label(delta),
            "significant": None,
            "small_sample": min(a.n, b.n) < SMALL_SAMPLE,
            "suppressed": False,
        },
    )


def pair_gap(unit: Unit, pair: tuple[str, str], *, number: bool, seed: int, resamples: int) -> Gap:
    """The compare pair's gap on one item or construct (withheld unless both are published)."""
    a, b = unit.figures[pair[0]], unit.figures[pair[1]]
    if not (a.published and b.published):
        gap = withheld_gap(number)
        outside = [g for g in pair if not unit.figures[g].asked]
        if outside:
            gap["not_asked"] = outside
        return gap
    return compare(a, b, number=number, seed=seed, resamples=resamples)


def _rest(unit: Unit, group: str) -> Figure | None:
    """The other published groups pooled (same items as ``group``'s figure), or None. Its
    bootstrap resamples each of those groups on its own (their samples, reused)."""
    import numpy as np

    mine = unit.figures[group]
    others = [
        f for g, f in unit.figures.items() if g != group and f.published and f.items == mine.items
    ]
    if not others:
        return None
    sums = sum(np.nansum(f.matrix, axis=0) for f in others)
    counts = sum((~np.isnan(f.matrix)).sum(axis=0) for f in others)
    test = merge_counts([f.test for f in others])
    estimate = float((sums / counts).mean())
    rest = Figure(test.n, True, True, estimate, test, others[0].matrix[:0], {}, mine.items)
    rest.pooled = others
    return rest


def vs_rest(unit: Unit, *, number: bool, seed: int, resamples: int) -> dict[str, RestGap]:
    """Each published group against the other published groups pooled. Only published
    groups are pooled, so no total ever contains a withheld slice to subtract."""
    out: dict[str, RestGap] = {}
    for group, figure in unit.figures.items():
        rest = _rest(unit, group) if figure.published else None
        gap = (
            compare(figure, rest, number=number, seed=seed, resamples=resamples)
            if rest is not None
            else None
        )
        out[group] = _rest_gap(gap, number)
    return out


class Units(TypedDict):
    units: float | None


class Points(TypedDict):
    points: float | None


def size_of(gap: Gap | None, number: bool) -> Units | Points:
    """A published gap's size alone (units for numbers, points for scales); None: withheld."""
    if number:
        return {"units": gap["units"] if gap is not None else None}
    return {"points": gap["points"] if gap is not None else None}


class _RestTest(TypedDict):
    ci95: list[float] | None
    p_value: float | None
    p_adjusted: float | None
    significant: bool | None
    suppressed: bool
    not_confirmed: NotRequired[bool]  # set by adjust()


def _rest_gap(gap: Gap | None, number: bool) -> RestGap:
    """The part of ``gap`` (a group against the rest) ``vs_rest`` publishes; None: withheld."""
    test: _RestTest = {
        "ci95": gap["ci95"] if gap is not None else None,
        "p_value": gap["p_value"] if gap is not None else None,
        "p_adjusted": None,
        "significant": None,
        "suppressed": gap is None,
    }
    return {**size_of(gap, number), **test}


def _p_value(gap: Tested) -> float:
    p_value = gap["p_value"]
    assert p_value is not None, "a published comparison has a p-value"
    return p_value


def adjust(gaps: Sequence[Tested]) -> None:
    """Benjamini-Hochberg over one family of gaps (the published ones), then the one
    significance rule, in place."""
    published = [g for g in gaps if not g["suppressed"]]
    p_values = [_p_value(g) for g in published]
    for gap, adjusted in zip(published, bh_adjust(p_values), strict=True):
        gap["p_adjusted"] = adjusted
        significant = adjusted < SIGNIFICANCE and excludes_zero(gap["ci95"])
        gap["significant"] = significant
        # One test alone passing is worth saying, never as "significant".
        gap["not_confirmed"] = not significant and (
            _p_value(gap) < SIGNIFICANCE or excludes_zero(gap["ci95"])
        )
