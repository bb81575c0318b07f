"""Scores by language: does an item read differently in translation? (docs/statistics.md)

Figures pool every language. Per item and group, the respondents who answered in each
language form a slice; each slice is compared with the rest of its group (with exactly two
slices, one comparison: the later-declared language against the earlier one). The comparisons
of one analysis are one Benjamini-Hochberg family; a comparison is significant when its
adjusted p < 0.05 and its bootstrap interval excludes 0, and an item with a significant
comparison in a group ``differs`` there ("may be read differently in translation").

Anonymity: a group's by-language figures are published only when every language slice of it
has at least ``min_group_size`` respondents on the item; otherwise the pooled figure minus the
published slices would reveal the small one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NotRequired, TypedDict

from survey_tui.core.analysis.dataset import Dataset
from survey_tui.core.analysis.figures import Figure, Unit
from survey_tui.core.analysis.gaps import adjust, compare, size_of
from survey_tui.core.analysis.stats import counts_of
from survey_tui.core.analysis.types import (
    Gap,
    ItemEntry,
    LanguageBlock,
    LanguageComparison,
    LanguageSlice,
    LanguageSummary,
)
from survey_tui.core.model import Questionnaire

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray


def _slice(figure: Figure, values: NDArray[np.float64], stream: str, minimum: int) -> Figure:
    n = len(values)
    estimate = float(values.mean()) if n else None
    part = Figure(n, n >= minimum, True, estimate, counts_of(values), values.reshape(-1, 1), {})
    part.stream = stream
    return part


def _order(found: set[str], declared: list[str]) -> list[str]:
    """Declared languages first, in their order; anything else (an older file's tag) after."""
    return [t for t in declared if t in found] + sorted(found - set(declared))


def group_by_language(
    unit: Unit,
    group: str,
    languages: list[str],
    declared: list[str],
    *,
    minimum: int,
    number: bool,
    seed: int,
    resamples: int,
) -> LanguageBlock | None:
    """One group's by-language block on one item, or None when it has under two slices."""
    import numpy as np

    figure = unit.figures[group]
    if figure.rows is None or not figure.n:
        return None
    values = figure.matrix[:, 0]
    tags = np.array([languages[i] for i in figure.row_index()], dtype=object)
    order = _order(set(tags.tolist()), declared)
    if len(order) < 2:
        return None
    slices = {
        tag: _slice(figure, values[tags == tag], f"{figure.stream}:language:{tag}", minimum)
        for tag in order
    }
    if not all(part.published for part in slices.values()):
        return {"suppressed": True, "languages": None, "comparisons": None, "differs": None}
    shown = {tag: _shown_slice(part, number) for tag, part in slices.items()}
    pairs: list[tuple[str, str, Figure, Figure]] = []
    if len(order) == 2:
        first, second = order
        pairs.append((second, first, slices[second], slices[first]))
    else:
        for tag in order:
            rest = _slice(
                figure, values[tags != tag], f"{figure.stream}:language:not:{tag}", minimum
            )
            pairs.append((tag, "rest", slices[tag], rest))
    comparisons = [
        _comparison(
            tag, versus, compare(a, b, number=number, seed=seed, resamples=resamples), number
        )
        for tag, versus, a, b in pairs
    ]
    return {"suppressed": False, "languages": shown, "comparisons": comparisons, "differs": None}


def _shown_slice(part: Figure, number: bool) -> LanguageSlice:
    if number:
        return {"n": part.n, "mean": part.estimate}
    return {"n": part.n, "score": part.estimate}


class _Between(TypedDict):
    language: str
    versus: str


class _Test(TypedDict):
    ci95: list[float] | None
    p_value: float | None
    p_adjusted: float | None
    cliffs_delta: float | None
    significant: bool | None
    suppressed: bool
    not_confirmed: NotRequired[bool]  # set by adjust()


def _comparison(tag: str, versus: str, gap: Gap, number: bool) -> LanguageComparison:
    """The part of ``gap`` (one language against another or the rest) that is published."""
    between: _Between = {"language": tag, "versus": versus}
    test: _Test = {
        "ci95": gap["ci95"],
        "p_value": gap["p_value"],
        "p_adjusted": None,
        "cliffs_delta": gap["cliffs_delta"],
        "significant": None,
        "suppressed": False,
    }
    return {**between, **size_of(gap, number), **test}


def by_language(
    questionnaire: Questionnaire,
    data: Dataset,
    units: list[Unit],
    entries: list[ItemEntry],
    *,
    seed: int,
    resamples: int,
) -> list[str]:
    """Add ``by_language`` to each item entry with two or more language slices in a group;
    adjust the family; return the keys of the items that differ in some group."""
    declared = list(questionnaire.languages)
    if not declared:
        return []
    minimum = questionnaire.min_group_size
    blocks: list[LanguageBlock] = []
    for unit, entry in zip(units, entries, strict=True):
        assert unit.item is not None
        number = unit.item.kind == "number"
        found: dict[str, LanguageBlock] = {}
        for group in unit.figures:
            block = group_by_language(
                unit,
                group,
                data.languages.get(group) or [""] * len(data.answers[group]),
                declared,
                minimum=minimum,
                number=number,
                seed=seed,
                resamples=resamples,
            )
            if block is not None:
                found[group] = block
                blocks.append(block)
        if found:
            entry["by_language"] = found
    adjust([c for b in blocks if not b["suppressed"] for c in b["comparisons"] or []])
    for block in blocks:
        if not block["suppressed"]:
            block["differs"] = any(c["significant"] for c in block["comparisons"] or [])
    return [
        e["question"]
        for e in entries
        if any(b["differs"] for b in e.get("by_language", {}).values())
    ]


def language_summary(
    questionnaire: Questionnaire, data: Dataset, differ: list[str]
) -> LanguageSummary:
    """``languages`` of the result: the declared tags, responses per language (withheld below
    ``min_group_size``, like any count that could single someone out) and the items that may
    be read differently in translation."""
    minimum = questionnaire.min_group_size
    counts: dict[str, int] = {}
    for tags in data.languages.values():
        for tag in tags:
            counts[tag] = counts.get(tag, 0) + 1
    order = _order(set(counts), list(questionnaire.languages))
    return {
        "declared": list(questionnaire.languages),
        "default": questionnaire.default_language,
        "responses": {t: counts[t] if counts[t] >= minimum else None for t in order},
        "read_differently": differ,
    }
