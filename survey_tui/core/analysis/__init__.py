"""Gap analysis (gap-statistics.md): pure functions from responses to a JSON-able dict.

Entry point: :func:`analyze`. The result shape is documented in docs/interfaces.md.
"""

from __future__ import annotations

import copy
from typing import Any

from survey_tui.core.analysis.engine import (
    Dataset,
    Unit,
    build_units,
    group_figures,
    overall,
    pair_gap,
    vs_rest,
)
from survey_tui.core.analysis.extras import comments, distributions, friction, scorecards
from survey_tui.core.analysis.interviews import interviews
from survey_tui.core.analysis.slices import without_withheld_slices
from survey_tui.core.errors import DataError
from survey_tui.core.model import Questionnaire

__all__ = ["analyze"]


def _section(
    questionnaire: Questionnaire, data: Dataset, *, seed: int, resamples: int
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Item and construct entries for one dataset (one wave)."""
    pair = questionnaire.compare_pair
    minimum = questionnaire.min_group_size
    item_units, construct_units = build_units(questionnaire, data)
    by_key = {unit.key: unit for _, unit in item_units}

    def entry(unit: Unit, tag: str) -> dict[str, Any]:
        return {
            "groups": group_figures(unit),
            "gap": pair_gap(unit, pair, seed=seed, resamples=resamples, tag=tag) if pair else None,
            "vs_rest": vs_rest(unit, minimum, by_key),
            "overall": overall(unit, minimum, by_key),
            "change": None,
        }

    items = [
        {
            "question": item.key,
            "construct": item.construct,
            "label": item.label,
            "kind": item.kind,
            "scale": {"min": item.scale.min, "max": item.scale.max},
            **entry(unit, "item"),
        }
        for item, unit in item_units
    ]
    constructs = [{"construct": unit.key, **entry(unit, "construct")} for unit in construct_units]
    _same_gap_for_one_item_themes(items, constructs)
    _mark_not_asked(questionnaire, items, constructs)
    return items, constructs


def _same_gap_for_one_item_themes(
    items: list[dict[str, Any]], constructs: list[dict[str, Any]]
) -> None:
    """A theme of one item is that item: give it the item's gap, so that one report never
    prints two confidence intervals for the same data (the bootstraps draw separate streams)."""
    by_construct: dict[str, list[dict[str, Any]]] = {}
    for item in items:
        by_construct.setdefault(str(item["construct"]), []).append(item)
    for construct in constructs:
        members = by_construct.get(str(construct["construct"]), [])
        if len(members) == 1:
            construct["gap"] = copy.deepcopy(members[0]["gap"])


def _mark_not_asked(
    questionnaire: Questionnaire, items: list[dict[str, Any]], constructs: list[dict[str, Any]]
) -> None:
    """``asked: false`` on a group's (withheld) figures for what it is never asked (its
    ``groups:`` or a condition on the group alone rule it out), so readers see "not asked"
    rather than a wait for answers that will never come; gaps involving it say so too."""
    asked = {q.id: questionnaire.groups_asked(q.id) for q in questionnaire.questions()}
    pair = questionnaire.compare_pair
    every = set(questionnaire.group_ids)
    by_construct: dict[str, set[str]] = {}
    for entry in items:
        who = asked.get(str(entry["question"]).partition(".")[0], every)
        by_construct.setdefault(str(entry["construct"]), set()).update(who)
        _flag(entry, who, pair)
    for entry in constructs:
        _flag(entry, by_construct.get(str(entry["construct"]), every), pair)


def _flag(entry: dict[str, Any], asked: set[str], pair: tuple[str, str] | None) -> None:
    for gid, figures in entry["groups"].items():
        if gid not in asked:
            figures["asked"] = False
    gap = entry.get("gap")
    outside = [g for g in (pair or ()) if g not in asked]
    if gap is not None and outside and gap.get("suppressed"):
        gap["not_asked"] = outside


def _attach_change(now: list[dict[str, Any]], before: list[dict[str, Any]], key: str) -> None:
    """Each gap's change since the baseline wave (None figures where either is withheld)."""
    previous = {entry[key]: entry["gap"] for entry in before}
    for entry in now:
        gap, old = entry["gap"], previous.get(entry[key])
        points_now = gap["points"] if gap else None
        points_before = old["points"] if old else None
        delta = (
            points_now - points_before
            if points_now is not None and points_before is not None
            else None
        )
        entry["change"] = {"points_before": points_before, "points_now": points_now, "delta": delta}


def analyze(
    questionnaire: Questionnaire,
    responses: list[dict[str, Any]],
    *,
    wave: str | None = None,
    baseline_wave: str | None = None,
    seed: int = 20261124,
    resamples: int = 2000,
) -> dict[str, Any]:
    """The gap analysis of ``responses`` (store records) per gap-statistics.md.

    Only ``status == "complete"`` records of the questionnaire's groups are analysed; ``wave``
    selects one wave (None: every wave) and ``baseline_wave`` adds each gap's change since that
    wave. Raises :class:`DataError` for a wave no record has, or fewer than 1 resample.
    """
    if resamples < 1:
        raise DataError([], f"resamples must be at least 1, not {resamples}")
    waves = sorted({str(r.get("wave", "default")) for r in responses})
    for name in (wave, baseline_wave):
        if name is not None and name not in waves:
            known = ", ".join(waves) or "none"
            raise DataError([], f"unknown wave {name!r} (waves in the store: {known})")
    withheld_waves: dict[str, list[str]] = {}
    if wave is None:
        # Every wave at once: never total a wave slice that its own wave's analysis withholds.
        responses, withheld_waves = without_withheld_slices(questionnaire, responses)
    data = Dataset.build(questionnaire, responses, wave)
    items, constructs = _section(questionnaire, data, seed=seed, resamples=resamples)
    if baseline_wave is not None:
        base = Dataset.build(questionnaire, responses, baseline_wave)
        base_items, base_constructs = _section(questionnaire, base, seed=seed, resamples=resamples)
        _attach_change(items, base_items, "question")
        _attach_change(constructs, base_constructs, "construct")
    gaps = [
        abs(c["gap"]["points"])
        for c in constructs
        if c["gap"] is not None and not c["gap"]["suppressed"]
    ]
    minimum = questionnaire.min_group_size
    pair = questionnaire.compare_pair
    cards = scorecards(questionnaire, items)
    return {
        "questionnaire": {
            "id": questionnaire.id,
            "version": questionnaire.version,
            "title": questionnaire.title,
        },
        "compare": list(pair) if pair else None,
        "min_group_size": minimum,
        "wave": wave,
        "baseline_wave": baseline_wave,
        "groups": {
            g.id: {
                "n": len(data.answers[g.id]),
                "label": g.label,
                "suppressed": len(data.answers[g.id]) < minimum,
                "partial": data.partial[g.id],
            }
            for g in questionnaire.groups
        },
        "withheld_waves": withheld_waves,
        "items": items,
        "constructs": constructs,
        "expectation_gap_index": sum(gaps) / len(gaps) if gaps else None,
        "scorecard": cards[0] if cards else None,
        "scorecards": cards,
        "friction": friction(questionnaire, data),
        "distributions": distributions(questionnaire, data),
        "comments": comments(questionnaire, data),
        "interviews": interviews(questionnaire, responses, wave),
    }
