"""The statistics on value counts, checked against scipy and brute force."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.stats import mannwhitneyu

from survey_tui.core.analysis.stats import (
    MAX_UNITS,
    Sample,
    bh_adjust,
    counts_of,
    effect_label,
    mann_whitney,
    mean_of_means,
    merge_counts,
    percentile_ci,
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


def _ci(a: np.ndarray, b: np.ndarray, seed: int, key: str, resamples: int) -> tuple[float, float]:
    """The interval of mean(a) - mean(b) as the analysis draws it (one column each)."""
    rng = rng_for(seed, key)
    sa, sb = Sample.of(a.reshape(-1, 1)), Sample.of(b.reshape(-1, 1))
    return percentile_ci(
        mean_of_means(sa.item_means(rng, resamples)) - mean_of_means(sb.item_means(rng, resamples))
    )


def test_bootstrap_is_reproducible_and_keyed() -> None:
    a, b = np.array([1.0, 2, 3, 4, 5]), np.array([1.0, 1, 2, 2, 3])
    first = _ci(a, b, 1, "x", 500)
    assert first == _ci(a, b, 1, "x", 500)
    assert first != _ci(a, b, 1, "y", 500)
    low, high = first
    assert low <= a.mean() - b.mean() <= high


def test_bootstrap_of_constant_groups_is_a_point() -> None:
    assert _ci(np.array([4.0, 4]), np.array([2.0]), 0, "k", 100) == (2.0, 2.0)


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
        low, high = _ci(a, b, trial, "sim", 1000)
        covered += low <= truth <= high
    # Binomial(300, 0.95) has sd ~3.8 intervals; percentile intervals run slightly narrow.
    assert 0.90 <= covered / trials <= 0.99


def test_quartiles_match_numpy_linear() -> None:
    assert quartiles(np.array([1.0, 2, 3, 4, 10])) == (2.0, 3.0, 4.0)


def test_sample_of_few_patterns_is_exact_and_of_many_is_blocked() -> None:
    rng = np.random.default_rng(5)
    few = Sample.of(rng.integers(1, 6, size=(3000, 2)).astype(float))
    assert few.draws == 3000 and len(few.probabilities) <= 25
    many = Sample.of(rng.uniform(0, 100, size=(5000, 1)))
    assert many.draws == MAX_UNITS and len(many.probabilities) == MAX_UNITS
    # Every respondent lands in exactly one block: sums and counts are kept.
    assert many.answered.sum() == 5000


def test_a_resample_that_draws_nobody_for_an_item_skips_that_item() -> None:
    matrix = np.array([[50.0, np.nan], [np.nan, 100.0], [0.0, np.nan]])
    means = Sample.of(matrix).item_means(rng_for(3, "k"), 400)
    scores = mean_of_means(means)
    assert not np.isnan(scores).any()
    assert np.isnan(means[:, 1]).any()  # some resamples have no answer to item 2


def test_bootstrap_of_many_distinct_values_matches_row_resampling() -> None:
    """Past MAX_UNITS patterns (blocks), the interval still agrees with a row bootstrap."""
    rng = np.random.default_rng(9)
    a, b = rng.uniform(0, 100, 6000), rng.uniform(10, 100, 5000)
    low, high = _ci(a, b, 0, "c", 2000)
    rows = np.random.default_rng(1)
    diffs = [rows.choice(a, len(a)).mean() - rows.choice(b, len(b)).mean() for _ in range(2000)]
    ref_low, ref_high = np.percentile(diffs, [2.5, 97.5])
    assert low == pytest.approx(ref_low, abs=0.3)
    assert high == pytest.approx(ref_high, abs=0.3)


def test_benjamini_hochberg_hand_worked() -> None:
    # p sorted: 0.01, 0.02, 0.03, 0.04, 0.5 (m = 5): raw p*m/rank = 0.05, 0.05, 0.05, 0.05,
    # 0.5; the running minimum from the top keeps them; input order is kept.
    assert bh_adjust([0.04, 0.5, 0.01, 0.03, 0.02]) == pytest.approx([0.05, 0.5, 0.05, 0.05, 0.05])
    # 0.001, 0.2, 0.21 (m = 3): 0.003, 0.3, 0.21 -> monotone: 0.003, 0.21, 0.21
    assert bh_adjust([0.21, 0.001, 0.2]) == pytest.approx([0.21, 0.003, 0.21])
    assert bh_adjust([0.9, 0.8]) == pytest.approx([0.9, 0.9])
    assert bh_adjust([]) == []


def test_benjamini_hochberg_matches_scipy() -> None:
    from scipy.stats import false_discovery_control

    p = np.random.default_rng(4).uniform(0, 0.2, 30)
    assert bh_adjust(list(p)) == pytest.approx(list(false_discovery_control(p)), rel=1e-12)


@given(st.lists(st.floats(0, 1), min_size=1, max_size=30))
def test_benjamini_hochberg_is_monotone_in_p_and_capped(p: list[float]) -> None:
    adjusted = bh_adjust(p)
    for (pi, ai), (pj, aj) in itertools.combinations(zip(p, adjusted, strict=True), 2):
        if pi <= pj:
            assert ai <= aj + 1e-15
    assert all(pi - 1e-15 <= ai <= 1.0 for pi, ai in zip(p, adjusted, strict=True))


def test_effect_labels_at_their_thresholds() -> None:
    assert [effect_label(d) for d in (0.0, 0.146, 0.147, -0.329, 0.33, 0.473, -0.474, 1.0)] == [
        "negligible",
        "negligible",
        "small",
        "small",
        "medium",
        "medium",
        "large",
        "large",
    ]
