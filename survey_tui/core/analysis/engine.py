"""Item and construct scores, the compare-pair gap and each group against the rest.

Anonymity rule (gap-statistics.md, "Anonymity"), applied per figure:

* A group's figures on an item are withheld when fewer than ``min_group_size`` of its
  respondents answered that item (the whole group being small is the same case).
* A group's construct figures are withheld when fewer than ``min_group_size`` of its
  respondents have a construct score, and also when any item of the construct is withheld for
  that group while answered by at least one of its respondents: otherwise the construct score
  and the published item scores could be combined to estimate the withheld slice.
* Complementary suppression: no published total ever includes a withheld slice. "The rest"
  in ``vs_rest`` and the ``overall`` figure pool only the groups whose figure on that item or
  construct is published, so subtracting published figures from a published total can never
  reveal a withheld one. A pooled total of fewer than ``min_group_size`` respondents is itself
  withheld.
* Any gap involving a withheld figure is withheld: every number ``None``, ``suppressed: true``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from survey_tui.core.analysis.stats import (
    Counts,
    bootstrap_ci,
    counts_of,
    mann_whitney,
    merge_counts,
    pattern_bootstrap_ci,
    rng_for,
)
from survey_tui.core.model import Item, Questionnaire

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

SIGNIFICANCE = 0.05


@dataclass
class Dataset:
    """The complete responses of one wave (or all waves), by group in questionnaire order."""

    answers: dict[str, list[dict[str, Any]]]
    partial: dict[str, int]
    _columns: dict[tuple[str, str], list[Any]] = field(default_factory=dict)

    def column(self, group: str, question_id: str) -> list[Any]:
        """Every respondent's answer to one question (None when absent), read once."""
        key = (group, question_id)
        found = self._columns.get(key)
        if found is None:
            found = self._columns[key] = [a.get(question_id) for a in self.answers[group]]
        return found

    @classmethod
    def build(
        cls, questionnaire: Questionnaire, responses: list[dict[str, Any]], wave: str | None
    ) -> Dataset:
        """Select the records of ``wave`` (all waves when None) of the questionnaire's groups."""
        answers: dict[str, list[dict[str, Any]]] = {g: [] for g in questionnaire.group_ids}
        partial = dict.fromkeys(questionnaire.group_ids, 0)
        for record in responses:
            group = record.get("group")
            if group not in answers:
                continue  # a group this version of the questionnaire does not have
            if wave is not None and record.get("wave", "default") != wave:
                continue
            if record.get("status") == "complete":
                given = record.get("answers")
                answers[group].append(given if isinstance(given, dict) else {})
            else:
                partial[group] += 1
        return cls(answers, partial)


@dataclass
class Patterns:
    """A construct's respondents in one group as distinct answer patterns: each pattern's item
    scores (NaN where the item was not answered) and how many respondents gave it. The
    construct's bootstrap resamples these, so its cost grows with the patterns, not with n."""

    scores: NDArray[np.float64]  # (patterns, items)
    counts: NDArray[np.int64]  # (patterns,)


@dataclass
class Figures:
    """One group's answers on one item or construct."""

    scores: Counts  # per-respondent scores on 0-100 (construct: each one's mean of its items)
    mean: float | None
    favorable_pct: float | None
    published: bool = False
    # The published score: an item's mean score; a construct's mean of its item scores.
    score: float | None = None
    patterns: Patterns | None = None  # constructs only
    items: list[str] = field(default_factory=list)  # constructs: the items averaged

    @property
    def n(self) -> int:
        return self.scores.n


@dataclass
class Unit:
    """An item or a construct: its figures per group."""

    key: str
    figures: dict[str, Figures] = field(default_factory=dict)


_NUMERIC = (int, float)  # exact types: a bool answer is not a number on a scale


def _scores(item: Item, raw: NDArray[np.float64]) -> NDArray[np.float64]:
    """``item.score`` applied to an array (the same formula, vectorised)."""
    lo, hi = float(item.scale.min), float(item.scale.max)
    if item.reverse:
        return 100.0 * (hi - raw) / (hi - lo)
    return 100.0 * (raw - lo) / (hi - lo)


@dataclass
class _ItemSlice:
    index: NDArray[np.int64]  # which respondents of the group answered
    raw: NDArray[np.float64]
    scores: NDArray[np.float64]
    favorable: int


def _extract(item: Item, column: list[Any]) -> _ItemSlice:
    """The valid answers to ``item`` in ``column`` (one question's answers, by respondent)."""
    import numpy as np

    # A few list comprehensions per item: the only per-respondent Python work.
    if item.row_id is not None:
        row = item.row_id
        column = [m.get(row) if type(m) is dict else None for m in column]
    chosen = [i for i, v in enumerate(column) if type(v) in _NUMERIC]
    index = np.array(chosen, dtype=np.int64)
    raw_array = np.array([column[i] for i in chosen], dtype=np.float64)
    # Out-of-scale or non-finite answers are not scores (NaN fails both comparisons).
    keep = (raw_array >= item.scale.min) & (raw_array <= item.scale.max)
    if not keep.all():
        index, raw_array = index[keep], raw_array[keep]
    distinct, counts = np.unique(raw_array, return_counts=True)
    favorable = sum(
        int(c) for v, c in zip(distinct, counts, strict=True) if item.is_favorable(float(v))
    )
    return _ItemSlice(index, raw_array, _scores(item, raw_array), favorable)


def _figures(scores: NDArray[np.float64], mean: float | None, favorable: int | None) -> Figures:
    counts = counts_of(scores)
    n = counts.n
    pct = 100.0 * favorable / n if favorable is not None and n else None
    return Figures(counts, mean if n else None, pct, score=counts.mean if n else None)


def _construct_figures(
    items: list[Item], figures: list[Figures], slices: list[_ItemSlice], size: int, minimum: int
) -> Figures:
    """A group's construct figures (docs/statistics.md, "Constructs"): the mean of its item
    scores and favourable shares, withheld when any item is withheld. Averaging published
    item figures adds nothing a reader could subtract; per-respondent means, set beside item
    figures of different n, would isolate the few who skipped an item."""
    import numpy as np

    matrix = np.full((size, len(items)), np.nan)
    for column, piece in enumerate(slices):
        matrix[piece.index, column] = piece.scores
    answered = matrix[~np.isnan(matrix).all(axis=1)]
    per_person = np.nanmean(answered, axis=1) if len(answered) else np.zeros(0, dtype=np.float64)
    published = all(f.published for f in figures) and len(answered) >= minimum
    result = Figures(counts_of(per_person), None, None, published, items=[i.key for i in items])
    if all(f.score is not None for f in figures):
        result.score = sum(f.score for f in figures if f.score is not None) / len(figures)
        result.favorable_pct = sum(f.favorable_pct or 0.0 for f in figures) / len(figures)
    if len(answered):
        distinct, counts = np.unique(np.nan_to_num(answered, nan=-1.0), axis=0, return_counts=True)
        distinct[distinct < 0] = np.nan
        result.patterns = Patterns(distinct, counts.astype(np.int64))
    return result


def build_units(
    questionnaire: Questionnaire, data: Dataset
) -> tuple[list[tuple[Item, Unit]], list[Unit]]:
    """Per-group figures for every item and every construct, with publication decided."""

    minimum = questionnaire.min_group_size
    items = questionnaire.items()
    item_units: list[tuple[Item, Unit]] = [(item, Unit(item.key)) for item in items]
    constructs: dict[str, list[Item]] = {}
    for item in items:
        constructs.setdefault(item.construct, []).append(item)
    construct_units = {name: Unit(name) for name in constructs}
    by_key = {item.key: unit for item, unit in item_units}
    asked = {item.question_id: questionnaire.groups_asked(item.question_id) for item in items}

    for group, answers in data.answers.items():
        slices: dict[str, _ItemSlice] = {}
        for item, unit in item_units:
            piece = _extract(item, data.column(group, item.question_id))
            slices[item.key] = piece
            mean = float(piece.raw.mean()) if len(piece.raw) else None
            figures = _figures(piece.scores, mean, piece.favorable)
            figures.published = figures.n >= minimum
            unit.figures[group] = figures
        for name, members in constructs.items():
            # Items the group is never asked are not part of its construct score.
            mine = [item for item in members if group in asked[item.question_id]] or members
            construct_units[name].figures[group] = _construct_figures(
                mine,
                [by_key[item.key].figures[group] for item in mine],
                [slices[item.key] for item in mine],
                len(answers),
                minimum,
            )
    return item_units, list(construct_units.values())


def group_figures(unit: Unit) -> dict[str, dict[str, Any]]:
    """The ``groups`` map of an item or construct; withheld figures are None."""
    out: dict[str, dict[str, Any]] = {}
    for group, fig in unit.figures.items():
        if fig.published:
            out[group] = {
                "n": fig.n,
                "mean": fig.mean,
                "score": fig.score,
                "favorable_pct": fig.favorable_pct,
                "suppressed": False,
            }
        else:
            out[group] = {
                "n": None,
                "mean": None,
                "score": None,
                "favorable_pct": None,
                "suppressed": True,
            }
    return out


SUPPRESSED_GAP: dict[str, Any] = {
    "points": None,
    "favorable_points": None,
    "ci95": None,
    "p_value": None,
    "cliffs_delta": None,
    "significant": None,
    "suppressed": True,
}


def pair_gap(
    unit: Unit, pair: tuple[str, str], *, seed: int, resamples: int, tag: str
) -> dict[str, Any]:
    """The gap ``a - b`` of the compare pair on one item or construct."""
    a, b = unit.figures[pair[0]], unit.figures[pair[1]]
    if not (a.published and b.published):
        return dict(SUPPRESSED_GAP)
    p_value, delta = mann_whitney(a.scores, b.scores)
    # The stream is keyed and drawn in sorted group order, so swapping the pair mirrors the
    # interval exactly instead of drawing a different one.
    first, second = sorted(pair)
    rng = rng_for(seed, f"{tag}:{unit.key}:{first}:{second}")
    one, two = unit.figures[first], unit.figures[second]
    if one.patterns is not None and two.patterns is not None:
        low, high = pattern_bootstrap_ci(one.patterns, two.patterns, rng=rng, resamples=resamples)
    else:
        low, high = bootstrap_ci(one.scores, two.scores, rng=rng, resamples=resamples)
    if first != pair[0]:
        # Mirrored; "+ 0.0" turns the -0.0 of negating a zero bound into 0.0 for the JSON.
        low, high = -high + 0.0, -low + 0.0
    favorable = (
        a.favorable_pct - b.favorable_pct
        if a.favorable_pct is not None and b.favorable_pct is not None
        else None
    )
    assert a.score is not None and b.score is not None  # published figures have scores
    return {
        "points": a.score - b.score,
        "favorable_points": favorable,
        "ci95": [low, high],
        "p_value": p_value,
        "cliffs_delta": delta,
        "significant": p_value < SIGNIFICANCE,
        "suppressed": False,
    }


def _published_pool(unit: Unit, exclude: str | None, minimum: int) -> Counts | None:
    """Scores pooled over the published groups (but ``exclude``); None if below minimum."""
    parts = [f.scores for g, f in unit.figures.items() if f.published and g != exclude]
    pooled = merge_counts(parts)
    return pooled if pooled.n >= minimum else None


def _pooled_score(
    unit: Unit, exclude: str | None, minimum: int, items: dict[str, Unit], members: list[str]
) -> float | None:
    """The score of the published groups (but ``exclude``) together: an item's pooled mean, a
    construct's mean of its items' pooled means (so it is built from published item totals
    only, like a group's construct score). None when any pool is below ``minimum``."""
    if not members:
        pooled = _published_pool(unit, exclude, minimum)
        return pooled.mean if pooled is not None else None
    scores = [_published_pool(items[key], exclude, minimum) for key in members]
    if any(pool is None for pool in scores):
        return None
    return sum(pool.mean for pool in scores if pool is not None) / len(scores)


def vs_rest(
    unit: Unit, minimum: int, items: dict[str, Unit] | None = None
) -> dict[str, dict[str, Any]]:
    """Each group against the pooled published other groups (see the module docstring)."""
    out: dict[str, dict[str, Any]] = {}
    for group, fig in unit.figures.items():
        rest = _published_pool(unit, group, minimum) if fig.published else None
        score = _pooled_score(unit, group, minimum, items or {}, fig.items) if rest else None
        if rest is None or score is None or fig.score is None:
            out[group] = {"points": None, "p_value": None, "significant": None, "suppressed": True}
            continue
        p_value, _ = mann_whitney(fig.scores, rest)
        out[group] = {
            "points": fig.score - score,
            "p_value": p_value,
            "significant": p_value < SIGNIFICANCE,
            "suppressed": False,
        }
    return out


def overall(unit: Unit, minimum: int, items: dict[str, Unit] | None = None) -> dict[str, Any]:
    """Score over every published group together (never including a withheld slice)."""
    pooled = _published_pool(unit, None, minimum)
    members = sorted({key for fig in unit.figures.values() for key in fig.items})
    score = _pooled_score(unit, None, minimum, items or {}, members) if pooled else None
    if pooled is None or score is None:
        return {"n": None, "score": None, "suppressed": True}
    return {"n": pooled.n, "score": score, "suppressed": False}
