"""The test statistics of gap-statistics.md, computed on value counts.

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

    from survey_tui.core.analysis.engine import Patterns


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


# Most distinct values a bootstrap resamples (see ``coarsen``).
BOOTSTRAP_BINS = 64


def coarsen(sample: Counts, bins: int = BOOTSTRAP_BINS) -> Counts:
    """``sample`` with at most ``bins`` distinct values, for resampling only.

    Construct scores and open number answers can take nearly as many distinct values as there
    are respondents, which would make the multinomial bootstrap grow with n again. Above
    ``bins`` values, values are grouped into equal-width bins, each replaced by the mean of the
    values in it: the sample mean is unchanged, and a resampled mean loses only the
    within-bin variance, at most ``width**2 / 12`` (0.2 points squared for 64 bins on 0-100,
    against score variances in the hundreds), so the interval is practically the same.
    """
    import numpy as np

    if len(sample.values) <= bins:
        return sample
    lo, hi = float(sample.values[0]), float(sample.values[-1])
    which = np.minimum(((sample.values - lo) / (hi - lo) * bins).astype(np.int64), bins - 1)
    weight = np.bincount(which, weights=sample.counts, minlength=bins)
    total = np.bincount(which, weights=sample.values * sample.counts, minlength=bins)
    used = weight > 0
    return Counts(total[used] / weight[used], weight[used].astype(np.int64))


def _resampled_means(
    rng: np.random.Generator, sample: Counts, resamples: int
) -> NDArray[np.float64]:
    import numpy as np

    sample = coarsen(sample)
    n = sample.n
    if len(sample.values) == 1:
        return np.full(resamples, float(sample.values[0]))
    probabilities = sample.counts / n
    drawn = rng.multinomial(n, probabilities, size=resamples)
    means: NDArray[np.float64] = (drawn @ sample.values) / n
    return means


def bootstrap_ci(
    a: Counts, b: Counts, *, rng: np.random.Generator, resamples: int
) -> tuple[float, float]:
    """95% percentile bootstrap interval of ``mean(a) - mean(b)``.

    Each group is resampled independently with replacement; a resample of n rows from a
    sample is a multinomial draw of n over its distinct values, so the cost is
    ``resamples x distinct values`` (at most ``BOOTSTRAP_BINS``) whatever n is.
    """
    import numpy as np

    diff = _resampled_means(rng, a, resamples) - _resampled_means(rng, b, resamples)
    low, high = np.percentile(diff, [2.5, 97.5])
    return float(low), float(high)


def quartiles(sample: NDArray[np.float64]) -> tuple[float, float, float]:
    """``(q1, median, q3)`` with linear interpolation (numpy's default)."""
    import numpy as np

    q1, median, q3 = np.percentile(sample, [25.0, 50.0, 75.0])
    return float(q1), float(median), float(q3)


def _pattern_scores(
    rng: np.random.Generator, patterns: Patterns, resamples: int
) -> NDArray[np.float64]:
    """Construct scores (mean of item means) of ``resamples`` bootstrap resamples of the
    respondents behind ``patterns`` (:class:`~survey_tui.core.analysis.engine.Patterns`)."""
    import numpy as np

    counts = patterns.counts
    n = int(counts.sum())
    answered = ~np.isnan(patterns.scores)
    values = np.where(answered, patterns.scores, 0.0)
    drawn = rng.multinomial(n, counts / n, size=resamples).astype(np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        item_means = (drawn @ values) / (drawn @ answered.astype(np.float64))
    # A resample that drew none of an item's respondents has no mean for it: the construct
    # score of that resample averages the items it has.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # an all-empty resample: NaN, skipped
        scores: NDArray[np.float64] = np.nanmean(item_means, axis=1)
    return scores


def pattern_bootstrap_ci(
    a: Patterns, b: Patterns, *, rng: np.random.Generator, resamples: int
) -> tuple[float, float]:
    """95% percentile bootstrap interval of a construct gap: respondents of each group are
    resampled (as answer patterns) and the construct score recomputed as the mean of its item
    means (docs/statistics.md, "Constructs")."""
    import numpy as np

    diff = _pattern_scores(rng, a, resamples) - _pattern_scores(rng, b, resamples)
    low, high = np.nanpercentile(diff, [2.5, 97.5])
    return float(low), float(high)
