"""The gap between two groups (or a group and the rest) on an item or construct.

docs/statistics.md, "The gap": points (or units for numbers), a 95% percentile bootstrap
interval, the Mann-Whitney p-value, Cliff's delta and its label; then, per family of tests,
Benjamini-Hochberg adjusted p-values and one significance rule: adjusted p < 0.05 and an
interval that excludes 0. A gap that passes only one of the two is "not confirmed".
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from survey_tui.core.analysis.figures import Figure, Unit
from survey_tui.core.analysis.stats import (
    Sample,
    bh_adjust,
    effect_label,
    excludes_zero,
    mann_whitney,
    mean_of_means,
    merge_counts,
    percentile_ci,
    pooled_item_means,
    rng_for,
)

if TYPE_CHECKING:
    import numpy as np

#: Adjusted p-values below this, with an interval that excludes 0, are significant.
SIGNIFICANCE = 0.05
#: Either group below this many respondents: the gap is indicative only.
SMALL_SAMPLE = 10


def withheld_gap(number: bool) -> dict[str, Any]:
    """A gap that may not be published: every figure None."""
    figures = ("units", "median_a", "median_b") if number else ("points", "favorable_points")
    return {
        **dict.fromkeys(figures),
        "ci95": None,
        "p_value": None,
        "p_adjusted": None,
        "cliffs_delta": None,
        "effect": None,
        "significant": None,
        "small_sample": None,
        "suppressed": True,
    }


def _interval(
    a: list[Sample], b: list[Sample], rng: np.random.Generator, resamples: int
) -> list[float]:
    draws = mean_of_means(pooled_item_means(a, rng, resamples)) - mean_of_means(
        pooled_item_means(b, rng, resamples)
    )
    low, high = percentile_ci(draws)
    return [low, high]


def compare(
    a: Figure, b: Figure, *, number: bool, key: str, seed: int, resamples: int
) -> dict[str, Any]:
    """The published gap ``a - b`` (both figures published). The bootstrap stream is keyed
    and drawn in a fixed order, so swapping the pair mirrors the interval exactly."""
    assert a.estimate is not None and b.estimate is not None
    p_value, delta = mann_whitney(a.test, b.test)
    rng = rng_for(seed, key)
    low, high = _interval(a.samples(), b.samples(), rng, resamples)
    gap: dict[str, Any] = {}
    if number:
        gap.update(
            units=a.estimate - b.estimate,
            median_a=a.public.get("median"),
            median_b=b.public.get("median"),
        )
    else:
        fa, fb = a.public.get("favorable_pct"), b.public.get("favorable_pct")
        gap.update(
            points=a.estimate - b.estimate,
            favorable_points=fa - fb if fa is not None and fb is not None else None,
        )
    gap.update(
        ci95=[low, high],
        p_value=p_value,
        p_adjusted=None,  # set per family by adjust()
        cliffs_delta=delta,
        effect=effect_label(delta),
        significant=None,
        small_sample=min(a.n, b.n) < SMALL_SAMPLE,
        suppressed=False,
    )
    return gap


def pair_gap(
    unit: Unit, pair: tuple[str, str], *, number: bool, tag: str, seed: int, resamples: int
) -> dict[str, Any]:
    """The compare pair's gap on one item or construct (withheld unless both are published)."""
    a, b = unit.figures[pair[0]], unit.figures[pair[1]]
    if not (a.published and b.published):
        gap = withheld_gap(number)
        outside = [g for g in pair if not unit.figures[g].asked]
        if outside:
            gap["not_asked"] = outside
        return gap
    first, second = sorted(pair)
    key = f"{tag}:{unit.key}:{first}:{second}"
    gap = compare(
        unit.figures[first],
        unit.figures[second],
        number=number,
        key=key,
        seed=seed,
        resamples=resamples,
    )
    if first != pair[0]:
        _mirror(gap, number)
    return gap


def _mirror(gap: dict[str, Any], number: bool) -> None:
    """Turn the gap ``b - a`` into ``a - b`` ("+ 0.0" turns a -0.0 into 0.0 for the JSON)."""
    for name in ("units",) if number else ("points", "favorable_points"):
        if gap[name] is not None:
            gap[name] = -gap[name] + 0.0
    if number:
        gap["median_a"], gap["median_b"] = gap["median_b"], gap["median_a"]
    low, high = gap["ci95"]
    gap["ci95"] = [-high + 0.0, -low + 0.0]
    gap["cliffs_delta"] = -gap["cliffs_delta"] + 0.0


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
    rest.pooled = [f.sample() for f in others]
    return rest


def vs_rest(
    unit: Unit, *, number: bool, tag: str, seed: int, resamples: int
) -> dict[str, dict[str, Any]]:
    """Each published group against the other published groups pooled. Only published
    groups are pooled, so no total ever contains a withheld slice to subtract."""
    out: dict[str, dict[str, Any]] = {}
    name = "units" if number else "points"
    for group, figure in unit.figures.items():
        rest = _rest(unit, group) if figure.published else None
        if rest is None:
            out[group] = {
                name: None,
                "ci95": None,
                "p_value": None,
                "p_adjusted": None,
                "significant": None,
                "suppressed": True,
            }
            continue
        gap = compare(
            figure,
            rest,
            number=number,
            key=f"{tag}:{unit.key}:{group}:rest",
            seed=seed,
            resamples=resamples,
        )
        out[group] = {
            name: gap[name],
            "ci95": gap["ci95"],
            "p_value": gap["p_value"],
            "p_adjusted": None,
            "significant": None,
            "suppressed": False,
        }
    return out


def adjust(gaps: list[dict[str, Any]]) -> None:
    """Benjamini-Hochberg over one family of gaps (the published ones), then the one
    significance rule, in place."""
    published = [g for g in gaps if not g["suppressed"]]
    for gap, adjusted in zip(published, bh_adjust([g["p_value"] for g in published]), strict=True):
        gap["p_adjusted"] = adjusted
        gap["significant"] = adjusted < SIGNIFICANCE and excludes_zero(gap["ci95"])
        # One test alone passing is worth saying, never as "significant".
        gap["not_confirmed"] = not gap["significant"] and (
            gap["p_value"] < SIGNIFICANCE or excludes_zero(gap["ci95"])
        )
