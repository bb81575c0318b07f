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
class Figures:
    """One group's answers on one item or construct."""

    scores: Counts  # per-respondent scores on 0-100
    mean: float | None
    favorable_pct: float | None
    published: bool = False

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
    return Figures(counts, mean if n else None, pct)


def build_units(
    questionnaire: Questionnaire, data: Dataset
) -> tuple[list[tuple[Item, Unit]], list[Unit]]:
    """Per-group figures for every item and every construct, with publication decided."""
    import numpy as np

    minimum = questionnaire.min_group_size
    items = questionnaire.items()
    item_units: list[tuple[Item, Unit]] = [(item, Unit(item.key)) for item in items]
    constructs: dict[str, list[Item]] = {}
    for item in items:
        constructs.setdefault(item.construct, []).append(item)
    construct_units = {name: Unit(name) for name in constructs}

    for group, answers in data.answers.items():
        size = len(answers)
        slices: dict[str, _ItemSlice] = {}
        for item, unit in item_units:
            piece = _extract(item, data.column(group, item.question_id))
            slices[item.key] = piece
            mean = float(piece.raw.mean()) if len(piece.raw) else None
            figures = _figures(piece.scores, mean, piece.favorable)
            figures.published = figures.n >= minimum
            unit.figures[group] = figures
        for name, members in constructs.items():
            sums = np.zeros(size)
            raw_sums = np.zeros(size)
            answered = np.zeros(size)
            favorable = 0
            leaky = False
            for item in members:
                piece = slices[item.key]
                # bincount is the fast scatter-add (each respondent appears once per item)
                sums += np.bincount(piece.index, weights=piece.scores, minlength=size)
                raw_sums += np.bincount(piece.index, weights=piece.raw, minlength=size)
                answered += np.bincount(piece.index, minlength=size)
                favorable += piece.favorable
                leaky = leaky or 0 < len(piece.index) < minimum
            has = answered > 0
            per_person = sums[has] / answered[has]
            # A raw mean across items means something only when they share one scale.
            same_scale = len({(i.scale.min, i.scale.max) for i in members}) == 1
            mean = (
                float((raw_sums[has] / answered[has]).mean()) if same_scale and has.any() else None
            )
            total_answers = int(answered.sum())
            figures = _figures(per_person, mean, None)
            figures.favorable_pct = 100.0 * favorable / total_answers if total_answers else None
            figures.published = figures.n >= minimum and not leaky
            construct_units[name].figures[group] = figures
    return item_units, list(construct_units.values())


def group_figures(unit: Unit) -> dict[str, dict[str, Any]]:
    """The ``groups`` map of an item or construct; withheld figures are None."""
    out: dict[str, dict[str, Any]] = {}
    for group, fig in unit.figures.items():
        if fig.published:
            out[group] = {
                "n": fig.n,
                "mean": fig.mean,
                "score": fig.scores.mean,
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
    low, high = bootstrap_ci(
        unit.figures[first].scores, unit.figures[second].scores, rng=rng, resamples=resamples
    )
    if first != pair[0]:
        # Mirrored; "+ 0.0" turns the -0.0 of negating a zero bound into 0.0 for the JSON.
        low, high = -high + 0.0, -low + 0.0
    favorable = (
        a.favorable_pct - b.favorable_pct
        if a.favorable_pct is not None and b.favorable_pct is not None
        else None
    )
    return {
        "points": a.scores.mean - b.scores.mean,
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


def vs_rest(unit: Unit, minimum: int) -> dict[str, dict[str, Any]]:
    """Each group against the pooled published other groups (see the module docstring)."""
    out: dict[str, dict[str, Any]] = {}
    for group, fig in unit.figures.items():
        rest = _published_pool(unit, group, minimum) if fig.published else None
        if rest is None:
            out[group] = {"points": None, "p_value": None, "significant": None, "suppressed": True}
            continue
        p_value, _ = mann_whitney(fig.scores, rest)
        out[group] = {
            "points": fig.scores.mean - rest.mean,
            "p_value": p_value,
            "significant": p_value < SIGNIFICANCE,
            "suppressed": False,
        }
    return out


def overall(unit: Unit, minimum: int) -> dict[str, Any]:
    """Score over every published group together (never including a withheld slice)."""
    pooled = _published_pool(unit, None, minimum)
    if pooled is None:
        return {"n": None, "score": None, "suppressed": True}
    return {"n": pooled.n, "score": pooled.mean, "suppressed": False}
