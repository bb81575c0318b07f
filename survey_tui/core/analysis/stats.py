"""The test statistics of docs/statistics.md, computed on value counts.

Answers on a bounded scale take few distinct values, so every statistic here works on
``(values, counts)`` pairs: the Mann-Whitney test ranks distinct values, and the bootstrap
resamples counts multinomially. Cost therefore grows with the number of distinct values, not
with the number of respondents. numpy is imported lazily (core modules stay cheap to import).
"""

from __future__ import annotations

import math
import warnings
import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    from survey_tui.core.analysis.types import Effect


@dataclass(frozen=True)
class Counts:
    """A sample summarised as sorted distinct values and how often each occurs."""

    values: NDArray[np.float64]
    counts: NDArray[np.int64]

    @property
    def n(self) -> int:
        return int(self.counts.sum())

    @property
    def mean(self) -> float:
        return float((self.values * self.counts).sum() / self.n)


def counts_of(sample: NDArray[np.float64]) -> Counts:
    """The value counts of a 1-d sample."""
    import numpy as np

    values, counts = np.unique(np.asarray(sample, dtype=np.float64), return_counts=True)
    return Counts(values.astype(np.float64), counts.astype(np.int64))


def merge_counts(parts: list[Counts]) -> Counts:
    """The value counts of the union of several samples."""
    import numpy as np

    if not parts:
        return Counts(np.zeros(0, dtype=np.float64), np.zeros(0, dtype=np.int64))
    values = np.concatenate([p.values for p in parts])
    counts = np.concatenate([p.counts for p in parts])
    unique, inverse = np.unique(values, return_inverse=True)
    total = np.zeros(len(unique), dtype=np.int64)
    np.add.at(total, inverse, counts)
    return Counts(unique, total)


def mann_whitney(a: Counts, b: Counts) -> tuple[float, float]:
    """Two-sided Mann-Whitney U test of ``a`` against ``b``: ``(p_value, cliffs_delta)``.

    Normal approximation with tie correction and continuity correction, the same as
    ``scipy.stats.mannwhitneyu(a, b, alternative="two-sided", use_continuity=True,
    method="asymptotic")``. When every value is tied the variance is 0 and there is no
    evidence of a difference: p = 1.
    """
    import numpy as np

    n1, n2 = a.n, b.n
    if n1 == 0 or n2 == 0:
        raise ValueError("Mann-Whitney needs two non-empty samples")
    values = np.union1d(a.values, b.values)
    ca = np.zeros(len(values), dtype=np.float64)
    cb = np.zeros(len(values), dtype=np.float64)
    ca[np.searchsorted(values, a.values)] = a.counts
    cb[np.searchsorted(values, b.values)] = b.counts
    tied = ca + cb
    # Midrank of each tied block of distinct values (ranks are 1-based).
    midrank = np.cumsum(tied) - (tied - 1.0) / 2.0
    u1 = float((ca * midrank).sum()) - n1 * (n1 + 1) / 2.0
    pairs = float(n1) * float(n2)
    big_n = n1 + n2
    tie_term = float((tied**3 - tied).sum())
    variance = pairs / 12.0 * ((big_n + 1) - tie_term / (big_n * (big_n - 1)))
    # Cliff's delta = P(a > b) - P(a < b); U1 counts ties as one half.
    delta = (2.0 * u1 - pairs) / pairs
    if variance <= 0.0:
        return 1.0, delta
    u = max(u1, pairs - u1)
    z = (u - pairs / 2.0 - 0.5) / math.sqrt(variance)
    # 2 * normal survival function of z, written with erfc (no scipy needed).
    p = math.erfc(z / math.sqrt(2.0))
    return min(1.0, max(0.0, p)), delta


def rng_for(seed: int, key: str) -> np.random.Generator:
    """A generator seeded by the report seed and a stable hash of what it is for.

    Each item gets its own stream, so an item's interval does not change when other items
    are added to or removed from the questionnaire.
    """
    import numpy as np

    return np.random.default_rng(np.random.SeedSequence([seed, zlib.crc32(key.encode())]))


#: Most resampling units (distinct answer patterns, or blocks) per sample: bootstrap cost is
#: resamples x units, so it stops growing with n above this.
MAX_UNITS = 256


def _row_keys(matrix: NDArray[np.float64]) -> NDArray[np.int64] | None:
    """One integer per row, equal exactly for equal rows (NaN equal to NaN): each column's
    values numbered, the numbers combined in mixed radix. None when the radix overflows."""
    import numpy as np

    keys = np.zeros(len(matrix), dtype=np.int64)
    radix = 1
    for column in matrix.T:
        values, inverse = np.unique(column, return_inverse=True)
        if radix * len(values) >= 2**62:
            return None
        keys += inverse.reshape(-1).astype(np.int64) * radix
        radix *= len(values)
    return keys


@dataclass(frozen=True)
class Sample:
    """One group's respondents on some items, compressed for the bootstrap.

    A unit is a distinct answer pattern (``draws`` = n, probabilities = pattern shares: a
    multinomial draw of n patterns is exactly a resample of n respondents), or, when there are
    more than :data:`MAX_UNITS` patterns, a block of respondents dealt at random (seeded) into
    :data:`MAX_UNITS` blocks of nearly equal size, resampled as blocks. For means, resampling
    random blocks of iid respondents has the same variance as resampling respondents, so the
    interval is practically the same while the cost no longer grows with n.
    """

    sums: NDArray[np.float64]  # (units, items): the sum of each item's values in a unit
    answered: NDArray[np.float64]  # (units, items): how many answered each item in a unit
    probabilities: NDArray[np.float64]  # (units,)
    draws: int

    @classmethod
    def of(cls, matrix: NDArray[np.float64], seed: int = 0) -> Sample:
        """The sample of ``matrix`` (respondents x items, NaN where not answered)."""
        import numpy as np

        n = len(matrix)
        keys = _row_keys(matrix)
        if keys is not None:
            _, first, counts = np.unique(keys, return_index=True, return_counts=True)
            distinct = matrix[first]
        else:
            filled = np.nan_to_num(matrix, nan=-1e300)
            distinct, counts = np.unique(filled, axis=0, return_counts=True)
            distinct = np.where(distinct < -1e299, np.nan, distinct)
        if len(distinct) <= MAX_UNITS:
            answered = (~np.isnan(distinct)).astype(np.float64)
            sums = np.where(answered > 0, distinct, 0.0)
            return cls(sums, answered, counts / n, n)
        block = np.random.default_rng(seed).permutation(n) % MAX_UNITS
        present = ~np.isnan(matrix)
        values = np.where(present, matrix, 0.0)
        sums = np.column_stack(
            [np.bincount(block, weights=c, minlength=MAX_UNITS) for c in values.T]
        )
        answered_b = np.column_stack(
            [np.bincount(block, weights=c, minlength=MAX_UNITS) for c in present.T.astype(float)]
        ).astype(np.float64)
        uniform = np.full(MAX_UNITS, 1.0 / MAX_UNITS)
        return cls(sums.astype(np.float64), answered_b, uniform, MAX_UNITS)

    def resampled_totals(
        self, rng: np.random.Generator, resamples: int
    ) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """(resamples, items) sums and answer counts of each bootstrap resample."""
        import numpy as np

        drawn = rng.multinomial(self.draws, self.probabilities, size=resamples).astype(np.float64)
        return drawn @ self.sums, drawn @ self.answered

    def item_means(self, rng: np.random.Generator, resamples: int) -> NDArray[np.float64]:
        """(resamples, items): each item's mean in each bootstrap resample (NaN when a
        resample drew nobody who answered the item)."""
        return pooled_item_means([self], rng, resamples)


def pooled_item_means(
    samples: list[Sample], rng: np.random.Generator, resamples: int
) -> NDArray[np.float64]:
    """Item means of several groups pooled, each group resampled on its own (stratified)."""
    import numpy as np

    sums, counts = samples[0].resampled_totals(rng, resamples)
    for other in samples[1:]:
        more_sums, more_counts = other.resampled_totals(rng, resamples)
        sums, counts = sums + more_sums, counts + more_counts
    with np.errstate(invalid="ignore", divide="ignore"):
        means: NDArray[np.float64] = sums / counts
    return means


def mean_of_means(item_means: NDArray[np.float64]) -> NDArray[np.float64]:
    """Per resample, the mean of the item means it has (a construct score; one item: its
    mean)."""
    import numpy as np

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # an all-empty resample: NaN, skipped
        result: NDArray[np.float64] = np.nanmean(item_means, axis=1)
    return result


def percentile_ci(draws: NDArray[np.float64]) -> tuple[float, float]:
    """The 95% percentile interval of bootstrap draws (NaN draws left out)."""
    import numpy as np

    low, high = np.nanpercentile(draws, [2.5, 97.5])
    return float(low), float(high)


def excludes_zero(ci: tuple[float, float] | list[float] | None) -> bool:
    """Strictly: the whole interval above or below 0."""
    return ci is not None and (ci[0] > 0 or ci[1] < 0)


def bh_adjust(p_values: list[float]) -> list[float]:
    """Benjamini-Hochberg adjusted p-values, in the input order: monotone, capped at 1."""
    m = len(p_values)
    order = sorted(range(m), key=lambda i: p_values[i])
    adjusted = [0.0] * m
    running = 1.0
    for rank in range(m, 0, -1):
        index = order[rank - 1]
        running = min(running, p_values[index] * m / rank)
        adjusted[index] = min(1.0, running)
    return adjusted


def effect_label(delta: float) -> Effect:
    """Cliff's delta in words (Romano et al.'s thresholds)."""
    size = abs(delta)
    if size < 0.147:
        return "negligible"
    if size < 0.33:
        return "small"
    if size < 0.474:
        return "medium"
    return "large"


def quartiles(sample: NDArray[np.float64]) -> tuple[float, float, float]:
    """``(q1, median, q3)`` with linear interpolation (numpy's default)."""
    import numpy as np

    q1, median, q3 = np.percentile(sample, [25.0, 50.0, 75.0])
    return float(q1), float(median), float(q3)
