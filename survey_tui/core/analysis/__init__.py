"""Gap analysis (docs/statistics.md): pure functions from responses to a JSON-able dict.

Entry point: :func:`analyze`. The result's shape: :class:`~.types.Analysis` (the TypedDicts of
:mod:`.types`), described in docs/interfaces.md.
"""

from __future__ import annotations

import copy
from typing import Literal, NotRequired, TypedDict

from survey_tui.core.analysis.change import index_change, index_summary, item_change
from survey_tui.core.analysis.dataset import (
    ALL_WAVES,
    Coverage,
    Dataset,
    choose_waves,
    pool_versions,
)
from survey_tui.core.analysis.extras import comments, distributions, scorecards
from survey_tui.core.analysis.figures import Figure, PublicFigures, Unit, build_units
from survey_tui.core.analysis.gaps import adjust, pair_gap, vs_rest
from survey_tui.core.analysis.interviews import interviews
from survey_tui.core.analysis.languages import by_language, language_summary
from survey_tui.core.analysis.slices import without_withheld_slices
from survey_tui.core.analysis.stats import percentile_ci
from survey_tui.core.analysis.types import (
    Analysis,
    AnalysisHeader,
    ConstructEntry,
    ConstructFigures,
    Gap,
    IndexChange,
    ItemEntry,
    ItemFigures,
    LanguageBlock,
    LanguageSummary,
    ScaleEnds,
)
from survey_tui.core.errors import DataError
from survey_tui.core.model import NumberQuestion, Questionnaire
from survey_tui.core.record import Record

__all__ = ["ALL_WAVES", "SCHEMA_VERSION", "analyze"]

#: The version of the JSON result (docs/interfaces.md); v1 had no such key.
SCHEMA_VERSION = 2


class _Sometimes(TypedDict):
    """An item entry's keys that only some items have (by_language is added later)."""

    scale: NotRequired[ScaleEnds]
    unit: NotRequired[str | None]
    direction: NotRequired[Literal["higher_is_better", "lower_is_better"]]
    wording: NotRequired[dict[str, str]]
    by_language: NotRequired[dict[str, LanguageBlock]]


class _Languages(TypedDict):
    languages: NotRequired[LanguageSummary]


class _Wave:
    """One wave's (or the pooled waves') units and JSON entries."""

    def __init__(
        self, questionnaire: Questionnaire, data: Dataset, name: str, *, seed: int, resamples: int
    ) -> None:
        self.data = data
        self.items, self.constructs = build_units(questionnaire, data, name)
        pair = questionnaire.compare_pair
        self.item_entries = [
            _item_entry(questionnaire, unit, pair, seed, resamples) for unit in self.items
        ]
        self.construct_entries = [
            _construct_entry(unit, pair, seed, resamples) for unit in self.constructs
        ]
        for entries in (self.item_entries, self.construct_entries):
            adjust([e["gap"] for e in entries if e["gap"] is not None])
            adjust([g for e in entries for g in e["vs_rest"].values()])
        _one_item_constructs(self.item_entries, self.construct_entries)
        # Per item and group, scores by language (a fifth BH family); none without languages.
        self.read_differently = by_language(
            questionnaire, data, self.items, self.item_entries, seed=seed, resamples=resamples
        )
        gaps = [e["gap"] for e in self.construct_entries]
        # A published construct gap has its points (the ``or`` is for the type checker).
        shown = [abs(g["points"] or 0.0) for g in gaps if g is not None and not g["suppressed"]]
        self.index = sum(shown) / len(shown) if shown else None


def _item_entry(
    questionnaire: Questionnaire,
    unit: Unit,
    pair: tuple[str, str] | None,
    seed: int,
    resamples: int,
) -> ItemEntry:
    """One item's entry: what it is, each group's figures, its gaps (change: set later)."""
    item = unit.item
    assert item is not None
    number = item.kind == "number"
    question = questionnaire.question(item.question_id)
    assert question is not None
    sometimes: _Sometimes = {}
    if number:
        assert isinstance(question, NumberQuestion)
        sometimes["unit"] = question.unit
        sometimes["direction"] = question.direction
    else:
        assert item.scale is not None
        sometimes["scale"] = {"min": item.scale.min, "max": item.scale.max}
    if question.wording_differs:
        asked = questionnaire.groups_asked(question.id)
        # In the questionnaire's group order: a set's order changes from run to run.
        sometimes["wording"] = {
            g: question.text_for(g) for g in questionnaire.group_ids if g in asked
        }
    return {
        "question": item.key,
        "construct": item.construct,
        "kind": item.kind,
        "label": item.label,
        # A matrix row is named by its own label; `short` names the whole question.
        "short": question.short if item.row_id is None else None,
        **sometimes,
        "groups": {g: _item_group(f, number, seed, resamples) for g, f in unit.figures.items()},
        "gap": _pair_gap(unit, pair, number, seed, resamples),
        "vs_rest": vs_rest(unit, number=number, seed=seed, resamples=resamples),
        "change": None,
    }


def _construct_entry(
    unit: Unit, pair: tuple[str, str] | None, seed: int, resamples: int
) -> ConstructEntry:
    """One construct's entry: its items, each group's figures, its gaps (change: set later)."""
    return {
        "construct": unit.key,
        "items": sorted({k for f in unit.figures.values() for k in f.items}),
        "groups": {g: _construct_group(f, seed, resamples) for g, f in unit.figures.items()},
        "gap": _pair_gap(unit, pair, False, seed, resamples),
        "vs_rest": vs_rest(unit, number=False, seed=seed, resamples=resamples),
        "change": None,
    }


def _pair_gap(
    unit: Unit, pair: tuple[str, str] | None, number: bool, seed: int, resamples: int
) -> Gap | None:
    return pair_gap(unit, pair, number=number, seed=seed, resamples=resamples) if pair else None


def _ci95(figure: Figure, seed: int, resamples: int) -> list[float] | None:
    """The 95% interval of the figure's score (or mean) from its own bootstrap draws, the same
    draws every gap it is in uses (None when withheld)."""
    if figure.published and figure.estimate is not None:
        return list(percentile_ci(figure.resampled(seed, resamples)))
    return None


class _NumberFigures(TypedDict):
    median: float | None
    q1: float | None
    q3: float | None


class _ScaleFigures(TypedDict):
    score: float | None
    favorable_pct: float | None


class _OwnInterval(TypedDict):
    ci95: list[float] | None
    suppressed: bool
    asked: NotRequired[Literal[False]]  # only when the group is never asked it


class _NoShare(TypedDict):
    dont_know_pct: NotRequired[None]


def _own_interval(figure: Figure, seed: int, resamples: int) -> _OwnInterval:
    """What ends a group's figures: its own interval, whether it is withheld, and (only then)
    that the group is never asked the item."""
    out: _OwnInterval = {
        "ci95": _ci95(figure, seed, resamples),
        "suppressed": not figure.published,
    }
    if not figure.asked:
        out["asked"] = False
    return out


def _item_group(figure: Figure, number: bool, seed: int, resamples: int) -> ItemFigures:
    """A group's figures on an item as published: withheld ones are None (docs/statistics.md)."""
    public: PublicFigures = figure.public if figure.published else {}
    shape: _NumberFigures | _ScaleFigures = (
        {"median": public.get("median"), "q1": public.get("q1"), "q3": public.get("q3")}
        if number
        else {"score": public.get("score"), "favorable_pct": public.get("favorable_pct")}
    )
    return {
        "n": public.get("n"),
        "mean": public.get("mean"),
        **shape,
        "dont_know_pct": figure.public["dont_know_pct"] if figure.asked else None,
        **_own_interval(figure, seed, resamples),
    }


def _construct_group(figure: Figure, seed: int, resamples: int) -> ConstructFigures:
    """A group's figures on a construct (no raw mean and no don't-know share of its own)."""
    public: PublicFigures = figure.public if figure.published else {}
    # A construct has no don't-know share; a group asked none of its items says so as None.
    no_share: _NoShare = {} if figure.asked else {"dont_know_pct": None}
    return {
        "n": public.get("n"),
        "score": public.get("score"),
        "favorable_pct": public.get("favorable_pct"),
        **_own_interval(figure, seed, resamples),
        **no_share,
    }


def _one_item_constructs(items: list[ItemEntry], constructs: list[ConstructEntry]) -> None:
    """A construct of one item is that item: it repeats the item's gap (same interval, p and
    adjusted p), so one report never prints two intervals for the same data."""
    by_key = {e["question"]: e for e in items}
    for construct in constructs:
        if len(construct["items"]) == 1:
            construct["gap"] = copy.deepcopy(by_key[construct["items"][0]]["gap"])


def _attach_changes(
    questionnaire: Questionnaire, now: _Wave, before: _Wave, *, seed: int, resamples: int
) -> None:
    pair = questionnaire.compare_pair
    if pair is None:
        return
    pairs = (
        (now.items, before.items, now.item_entries),
        (now.constructs, before.constructs, now.construct_entries),
    )
    for units, old_units, entries in pairs:
        old = {u.key: u for u in old_units}
        for unit, entry in zip(units, entries, strict=True):
            previous = old.get(unit.key)
            if previous is not None:
                number = unit.item is not None and unit.item.kind == "number"
                entry["change"] = item_change(
                    unit, previous, pair, number=number, seed=seed, resamples=resamples
                )


def _totalled(
    questionnaire: Questionnaire, responses: list[Record], coverage: Coverage
) -> tuple[list[Record], dict[str, list[str]]]:
    """The records the analysis totals, and per group the waves left out of them."""
    if coverage.wave != ALL_WAVES:
        return responses, {}
    # Every wave at once: never total a wave slice that its own wave's analysis withholds.
    return without_withheld_slices(questionnaire, responses)


def _since_baseline(
    questionnaire: Questionnaire,
    responses: list[Record],
    coverage: Coverage,
    now: _Wave,
    *,
    seed: int,
    resamples: int,
) -> IndexChange | None:
    """With a baseline wave: sets each of ``now``'s gaps' change since it and returns the
    index's change (None without a baseline or a compared pair)."""
    if coverage.baseline is None:
        return None
    base_data = Dataset.build(questionnaire, responses, [coverage.baseline])
    before = _Wave(questionnaire, base_data, coverage.baseline, seed=seed, resamples=resamples)
    _attach_changes(questionnaire, now, before, seed=seed, resamples=resamples)
    pair = questionnaire.compare_pair
    if pair is None:
        return None
    return index_change(
        now.constructs, before.constructs, pair, (now.index, before.index), seed=seed
    )


def analyze(
    questionnaire: Questionnaire,
    responses: list[Record],
    *,
    wave: str | None = None,
    baseline_wave: str | None = None,
    seed: int = 20261124,
    resamples: int = 2000,
) -> Analysis:
    """The gap analysis of ``responses`` (store records) per docs/statistics.md.

    Only ``status == "complete"`` records of the questionnaire's groups are analysed. One wave
    per analysis: ``wave`` names it (None: the most recent; ``"all"``: every wave pooled);
    ``baseline_wave`` adds each gap's change since that wave. Raises :class:`DataError` for an
    unknown wave or an impossible combination.
    """
    if resamples < 1:
        raise DataError([], f"resamples must be at least 1, not {resamples}")
    coverage = choose_waves(responses, wave, baseline_wave)
    responses, version_changed = pool_versions(questionnaire, responses)
    pooled, withheld_waves = _totalled(questionnaire, responses, coverage)
    data = Dataset.build(questionnaire, pooled, coverage.waves)
    now = _Wave(questionnaire, data, coverage.wave or "", seed=seed, resamples=resamples)
    pair = questionnaire.compare_pair
    change = _since_baseline(
        questionnaire, responses, coverage, now, seed=seed, resamples=resamples
    )
    languages: _Languages = {}
    if questionnaire.languages:
        languages["languages"] = language_summary(questionnaire, data, now.read_differently)
    return {
        **_header(questionnaire, coverage, data),
        # Records made by `survey-tui demo` carry mode "demo": every report says so on top.
        "synthetic": any(r.get("mode") == "demo" for r in responses),
        "withheld_waves": withheld_waves,
        **languages,
        "version_changed": version_changed,
        "items": now.item_entries,
        "constructs": now.construct_entries,
        "expectation_gap_index": now.index,
        "expectation_gap_index_ci95": (
            index_summary(now.constructs, pair, now.index, seed=seed) if pair else None
        ),
        "expectation_gap_index_change": change,
        "scorecards": scorecards(questionnaire, now.item_entries),
        "distributions": distributions(questionnaire, data),
        "comments": comments(questionnaire, data),
        "interviews": interviews(questionnaire, responses, coverage.waves),
    }


def _header(questionnaire: Questionnaire, coverage: Coverage, data: Dataset) -> AnalysisHeader:
    pair = questionnaire.compare_pair
    minimum = questionnaire.min_group_size
    header: AnalysisHeader = {
        "questionnaire": {
            "id": questionnaire.id,
            "version": questionnaire.version,
            "title": questionnaire.title,
            "topic": questionnaire.subject,
        },
        "schema_version": SCHEMA_VERSION,
        "wave": coverage.wave,
        "baseline_wave": coverage.baseline,
        "compare": list(pair) if pair else None,
        "experience_group": questionnaire.experience,
        "min_group_size": minimum,
        "groups": {
            g.id: {
                "n": len(data.answers[g.id]),
                "label": g.label,
                "suppressed": len(data.answers[g.id]) < minimum,
                "partial": data.partial[g.id],
                "headcount": g.headcount,
            }
            for g in questionnaire.groups
        },
    }
    if coverage.wave == ALL_WAVES:
        header["waves"] = coverage.waves
    return header
