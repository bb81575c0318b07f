"""The statistics on value counts, checked against scipy and brute force."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import mannwhitneyu

from survey_tui.core.analysis.stats import (
    bootstrap_ci,
    coarsen,
    counts_of,
    mann_whitney,
    merge_counts,
    quartiles,
    rng_for,
)


def _scipy_p(a: np.ndarray, b: np.ndarray) -> float:
    result = mannwhitneyu(a, b, alternative="two-sided", use_continuity=True, method="asymptotic")
    return float(result.pvalue)


@pytest.mark.parametrize("seed", range(12))
def test_mann_whitney_p_matches_scipy_with_ties(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n1, n2 = rng.integers(2, 60, size=2)
    a = rng.integers(1, 6, size=n1).astype(float)
    b = (rng.integers(1, 6, size=n2) + rng.integers(0, 2, size=n2)).astype(float)
    p, _ = mann_whitney(counts_of(a), counts_of(b))
    assert p == pytest.approx(_scipy_p(a, b), rel=1e-9, abs=1e-12)


def test_mann_whitney_p_matches_scipy_continuous_and_tiny() -> None:
    rng = np.random.default_rng(7)
    a, b = rng.normal(0, 1, 40), rng.normal(0.8, 1, 25)
    assert mann_whitney(counts_of(a), counts_of(b))[0] == pytest.approx(_scipy_p(a, b), rel=1e-9)
    a1, b1 = np.array([3.0]), np.array([1.0, 2.0])
    assert mann_whitney(counts_of(a1), counts_of(b1))[0] == pytest.approx(_scipy_p(a1, b1))


def test_mann_whitney_is_symmetric_and_delta_flips() -> None:
    a, b = counts_of(np.array([1.0, 2, 2, 5, 4])), counts_of(np.array([1.0, 1, 3]))
    p_ab, d_ab = mann_whitney(a, b)
    p_ba, d_ba = mann_whitney(b, a)
    assert p_ab == pytest.approx(p_ba)
    assert d_ab == pytest.approx(-d_ba)


def test_all_tied_values_give_p_one_and_delta_zero() -> None:
    same = counts_of(np.array([3.0, 3, 3]))
    assert mann_whitney(same, counts_of(np.array([3.0, 3]))) == (1.0, 0.0)


@pytest.mark.parametrize("seed", range(5))
def test_cliffs_delta_matches_brute_force(seed: int) -> None:
    rng = np.random.default_rng(100 + seed)
    a = rng.integers(0, 4, size=17).astype(float)
    b = rng.integers(0, 5, size=11).astype(float)
    greater = sum(1 for x in a for y in b if x > y)
    less = sum(1 for x in a for y in b if x < y)
    _, delta = mann_whitney(counts_of(a), counts_of(b))
    assert delta == pytest.approx((greater - less) / (len(a) * len(b)))


def test_merge_counts_is_the_union() -> None:
    a, b = np.array([1.0, 2, 2]), np.array([2.0, 5])
    merged = merge_counts([counts_of(a), counts_of(b)])
    assert merged.values.tolist() == [1.0, 2.0, 5.0]
    assert merged.counts.tolist() == [1, 3, 1]
    assert merge_counts([]).n == 0


def test_bootstrap_is_reproducible_and_keyed() -> None:
    a, b = counts_of(np.array([1.0, 2, 3, 4, 5])), counts_of(np.array([1.0, 1, 2, 2, 3]))
    first = bootstrap_ci(a, b, rng=rng_for(1, "x"), resamples=500)
    assert first == bootstrap_ci(a, b, rng=rng_for(1, "x"), resamples=500)
    assert first != bootstrap_ci(a, b, rng=rng_for(1, "y"), resamples=500)
    low, high = first
    assert low <= a.mean - b.mean <= high


def test_bootstrap_of_constant_groups_is_a_point() -> None:
    a, b = counts_of(np.array([4.0, 4])), counts_of(np.array([2.0]))
    assert bootstrap_ci(a, b, rng=rng_for(0, "k"), resamples=100) == (2.0, 2.0)


def test_bootstrap_ci_covers_true_difference_in_simulation() -> None:
    """About 95% of intervals from fresh samples contain the true difference of means."""
    values = np.arange(1.0, 6.0)
    pa = np.array([0.1, 0.1, 0.2, 0.3, 0.3])
    pb = np.array([0.3, 0.3, 0.2, 0.1, 0.1])
    truth = float(values @ pa - values @ pb)
    rng = np.random.default_rng(2026)
    trials, covered = 300, 0
    for trial in range(trials):
        a = rng.choice(values, size=40, p=pa)
        b = rng.choice(values, size=30, p=pb)
        low, high = bootstrap_ci(
            counts_of(a), counts_of(b), rng=rng_for(trial, "sim"), resamples=1000
        )
        covered += low <= truth <= high
    # Binomial(300, 0.95) has sd ~3.8 intervals; percentile intervals run slightly narrow.
    assert 0.90 <= covered / trials <= 0.99


def test_quartiles_match_numpy_linear() -> None:
    assert quartiles(np.array([1.0, 2, 3, 4, 10])) == (2.0, 3.0, 4.0)


def test_coarsen_keeps_mean_and_bounds_distinct_values() -> None:
    rng = np.random.default_rng(5)
    sample = counts_of(rng.uniform(0, 100, size=3000))
    small = coarsen(sample, bins=64)
    assert len(small.values) <= 64
    assert small.n == sample.n
    assert small.mean == pytest.approx(sample.mean, rel=1e-12)
    assert coarsen(counts_of(np.array([1.0, 2.0])), bins=64).values.tolist() == [1.0, 2.0]


def test_bootstrap_of_many_distinct_values_matches_row_resampling() -> None:
    """With coarsening, the interval still agrees with a plain row bootstrap."""
    rng = np.random.default_rng(9)
    a, b = rng.uniform(0, 100, 400), rng.uniform(10, 100, 300)
    low, high = bootstrap_ci(counts_of(a), counts_of(b), rng=rng_for(0, "c"), resamples=4000)
    rows = np.random.default_rng(1)
    diffs = [rows.choice(a, len(a)).mean() - rows.choice(b, len(b)).mean() for _ in range(4000)]
    ref_low, ref_high = np.percentile(diffs, [2.5, 97.5])
    assert low == pytest.approx(ref_low, abs=1.0)
    assert high == pytest.approx(ref_high, abs=1.0)
