"""Each group's figures on each item and construct, with what may be published.

docs/statistics.md: scores on 0-100 for scales (likert, nps, matrix rows, awareness items),
numbers in their own units, "don't know" outside every figure but its own share, constructs
as the mean of their published item scores. A figure is published when at least
``min_group_size`` respondents stand behind it; a construct only when every item in it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypedDict

from survey_tui.core.analysis.dataset import Dataset
from survey_tui.core.analysis.stats import (
    Counts,
    Sample,
    counts_of,
    mean_of_means,
    quartiles,
    rng_for,
)
from survey_tui.core.model import DONT_KNOW, Item, Questionnaire

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

_NUMERIC = (int, float)  # exact types: a bool answer is not a number


class PublicFigures(TypedDict, total=False):
    """A figure's numbers as published when it is (the analysis picks the ones its kind has)."""

    n: int
    mean: float | None
    median: float | None
    q1: float | None
    q3: float | None
    score: float | None
    favorable_pct: float | None
    dont_know_pct: float | None


@dataclass
class Figure:
    """One group's answers on one item or construct.

    ``matrix`` (respondents x items, NaN where not answered) is what the bootstrap resamples:
    one column for an item (its scores, or raw values for a number), one per item for a
    construct, whose estimate is the mean of its item means. ``test`` holds the values the
    rank test compares (per-respondent construct scores for a construct).
    """

    n: int
    published: bool
    asked: bool
    estimate: float | None
    test: Counts
    matrix: NDArray[np.float64]
    public: PublicFigures  # the JSON figures when published
    items: list[str] = field(default_factory=list)  # constructs: the item keys averaged
    # Which of the group's respondents each matrix row is (indexes into the group's answers),
    # and how many respondents the group has: joint bootstraps line constructs up by these.
    rows: NDArray[np.int64] | None = None
    size: int = 0
    _sample: Sample | None = None
    pooled: list[Figure] | None = None  # a pool of groups: their figures, resampled apart
    # The figure's own random stream (wave, unit, group): each figure is resampled once per
    # analysis and those draws serve every comparison it is in (the pair, each group against
    # the rest, the change), so the cost is one draw per group and unit.
    stream: str = ""
    _draws: dict[tuple[int, int], tuple[NDArray[np.float64], NDArray[np.float64]]] = field(
        default_factory=dict
    )

    def totals(self, seed: int, resamples: int) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """(resamples, items) resampled sums and answer counts (a pool: its groups' added)."""
        if self.pooled is not None:
            parts = [f.totals(seed, resamples) for f in self.pooled]
            return sum(p[0] for p in parts[1:]) + parts[0][0], sum(p[1] for p in parts[1:]) + parts[
                0
            ][1]
        key = (seed, resamples)
        if key not in self._draws:
            rng = rng_for(seed, self.stream)
            self._draws[key] = self.sample().resampled_totals(rng, resamples)
        return self._draws[key]

    def resampled(self, seed: int, resamples: int) -> NDArray[np.float64]:
        """The estimate in each bootstrap resample (mean of item means)."""
        import numpy as np

        sums, counts = self.totals(seed, resamples)
        with np.errstate(invalid="ignore", divide="ignore"):
            return mean_of_means(sums / counts)

    def row_index(self) -> NDArray[np.int64]:
        assert self.rows is not None
        return self.rows

    def sample(self) -> Sample:
        if self._sample is None:
            self._sample = Sample.of(self.matrix)
        return self._sample


@dataclass
class Unit:
    """An item or a construct with its figures per group."""

    key: str
    item: Item | None  # None for a construct
    figures: dict[str, Figure] = field(default_factory=dict)


def _item_figure(item: Item, column: list[Any], asked: bool, minimum: int) -> Figure:
    import numpy as np

    column = _row(item, column)
    # The only per-respondent Python work: pick the numbers (a bool is not one), then check
    # them as an array.
    chosen = [i for i, v in enumerate(column) if type(v) in _NUMERIC]
    raw = np.array([column[i] for i in chosen], dtype=np.float64)
    if item.scale is not None:
        keep = (raw >= item.scale.min) & (raw <= item.scale.max)  # NaN fails both
    else:
        keep = np.isfinite(raw)
    if not keep.all():
        chosen = [i for i, k in zip(chosen, keep, strict=True) if k]
        raw = raw[keep]
    unsure = column.count(DONT_KNOW) if item.dont_know else 0
    n = len(chosen)
    if item.scale is None:
        values = raw
    else:
        lo, hi = float(item.scale.min), float(item.scale.max)
        values = 100.0 * ((hi - raw) if item.reverse else (raw - lo)) / (hi - lo)
    matrix = values.reshape(-1, 1)
    mean = float(raw.mean()) if n else None
    public: PublicFigures = {"n": n, "mean": mean}
    if item.scale is None:
        q1, median, q3 = quartiles(raw) if n else (None, None, None)
        public.update({"median": median, "q1": q1, "q3": q3})
        estimate = mean
    else:
        distinct, counts = np.unique(raw, return_counts=True)
        favorable = sum(
            int(c) for v, c in zip(distinct, counts, strict=True) if item.is_favorable(float(v))
        )
        estimate = float(values.mean()) if n else None
        public.update({"score": estimate, "favorable_pct": 100.0 * favorable / n if n else None})
    # The don't-know share has its own base (answers plus don't-knows): published from
    # min_group_size of those, even when too few gave a scored answer.
    base = n + unsure
    public["dont_know_pct"] = 100.0 * unsure / base if base >= minimum and base else None
    figure = Figure(n, n >= minimum, asked, estimate, counts_of(values), matrix, public)
    figure.rows = np.array(chosen, dtype=np.int64)
    figure.size = len(column)
    return figure


def _construct_figure(
    members: list[Item], figures: list[Figure], size: int, minimum: int, asked: bool
) -> Figure:
    """The mean of the group's item scores and favourable shares (withheld when any item is):
    averaging published item figures adds nothing a reader could subtract, where the mean of
    per-respondent means, set beside item figures of different n, isolates the few who
    skipped an item. n: respondents with at least one of the items."""
    import numpy as np

    full = np.full((size, len(members)), np.nan)
    for column, figure in enumerate(figures):
        full[figure.row_index(), column] = figure.matrix[:, 0]
    someone = ~np.isnan(full).all(axis=1)
    matrix = full[someone]
    n = len(matrix)
    with np.errstate(invalid="ignore"):
        per_person = np.nanmean(matrix, axis=1) if n else np.zeros(0)
    published = all(f.published for f in figures) and n >= minimum
    complete = all(f.estimate is not None for f in figures) and bool(figures)
    score = sum(f.estimate or 0.0 for f in figures) / len(figures) if complete else None
    favorable = (
        sum(f.public["favorable_pct"] or 0.0 for f in figures) / len(figures) if complete else None
    )
    public: PublicFigures = {"n": n, "score": score, "favorable_pct": favorable}
    keys = [m.key for m in members]
    figure = Figure(n, published, asked, score, counts_of(per_person), matrix, public, keys)
    figure.rows = np.flatnonzero(someone).astype(np.int64)
    figure.size = size
    return figure


def build_units(
    questionnaire: Questionnaire, data: Dataset, wave: str = ""
) -> tuple[list[Unit], list[Unit]]:
    """Per-group figures for every item and every construct, with publication decided."""
    minimum = questionnaire.min_group_size
    items = questionnaire.items()
    asked = {i.question_id: questionnaire.groups_asked(i.question_id) for i in items}
    item_units = [Unit(item.key, item) for item in items]
    constructs: dict[str, list[Item]] = {}
    for item in items:
        if item.construct is not None:
            constructs.setdefault(item.construct, []).append(item)
    construct_units = [Unit(name, None) for name in constructs]
    for group, answers in data.answers.items():
        mine: dict[str, Figure] = {}
        for unit in item_units:
            assert unit.item is not None
            column = data.column(group, unit.item.question_id)
            figure = _item_figure(unit.item, column, group in asked[unit.item.question_id], minimum)
            unit.figures[group] = mine[unit.key] = figure
        for unit in construct_units:
            members = constructs[unit.key]
            # Items the group is never asked are not part of its construct score.
            own = [m for m in members if group in asked[m.question_id]]
            unit.figures[group] = _construct_figure(
                own or members,
                [mine[m.key] for m in own or members],
                len(answers),
                minimum,
                bool(own),
            )
    for kind, units in (("item", item_units), ("construct", construct_units)):
        for unit in units:
            for group, figure in unit.figures.items():
                figure.stream = f"{wave}:{kind}:{unit.key}:{group}"
    return item_units, construct_units


def _row(item: Item, column: list[Any]) -> list[Any]:
    if item.row_id is None:
        return column
    return [m.get(item.row_id) if type(m) is dict else None for m in column]
