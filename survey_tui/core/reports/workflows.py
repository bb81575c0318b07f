"""Workflows by use and value (the quadrant), and where the other groups sit (the manager
layer). Both only place published figures; docs/reports.md says how."""

from __future__ import annotations

from typing import Literal, TypedDict

from survey_tui.core.analysis.types import Analysis
from survey_tui.core.analysis.types_extras import WorkflowClass

#: The quadrant's splits: half of the group doing the work rated the workflow; the middle of
#: the 0-100 score (the scale's "no real effect").
USE_SPLIT = 50.0
VALUE_SPLIT = 50.0
#: A theme whose pair gap is narrower than this has no "side" to take.
LAYER_MIN_GAP = 5.0

Quadrant = Literal["scale", "fix", "stop", "ignore"]


class QuadrantRow(TypedDict):
    key: str
    label: str
    value: float  # the experience group's score, 0-100
    use: float  # % of the experience group who rated it (the rest skipped it or do not use it)
    n: int
    quadrant: Quadrant
    cls: WorkflowClass | None


class WorkflowMap(TypedDict):
    question: str
    label: str
    group: str  # the experience group
    rows: list[QuadrantRow]


def quadrant_of(value: float, use: float) -> Quadrant:
    """scale: most use it and it helps; fix: most use it and it does not; stop: few use it
    and it does not help; ignore: few use it, it helps them (no action needed now)."""
    if use >= USE_SPLIT:
        return "scale" if value >= VALUE_SPLIT else "fix"
    return "ignore" if value >= VALUE_SPLIT else "stop"


def workflow_maps(analysis: Analysis, groups: list[str]) -> list[WorkflowMap]:
    """Each scorecard's rows placed by use and value, when the experience group is shown."""
    out: list[WorkflowMap] = []
    for card in analysis.get("scorecards") or []:
        gid = card.get("experience_group")
        if gid is None or gid not in groups:
            continue
        size = analysis["groups"][gid]["n"]
        rows: list[QuadrantRow] = []
        for row in card["rows"]:
            figures = row["groups"].get(gid)
            if figures is None or figures.get("suppressed") or not size:
                continue
            score, n = figures.get("score"), figures["n"]
            if score is None or n is None:  # n is None only where the score is withheld
                continue
            value = float(score)
            use = 100.0 * n / size
            rows.append(
                {
                    "key": row["key"],
                    "label": row["label"],
                    "value": value,
                    "use": use,
                    "n": int(n),
                    "quadrant": quadrant_of(value, use),
                    "cls": row.get("class"),
                }
            )
        if rows:
            out.append(
                {"question": card["question"], "label": card["label"], "group": gid, "rows": rows}
            )
    return out


class Placement(TypedDict):
    construct: str
    score: float
    position: float  # 0 = at the second compared group, 1 = at the first
    side: Literal["first", "second", "between"]


class Layer(TypedDict):
    group: str
    placements: list[Placement]
    between: list[str]  # constructs
    first: list[str]  # closer to the first compared group (or beyond it)
    second: list[str]


def layers(analysis: Analysis, groups: list[str], compare: list[str] | None) -> list[Layer]:
    """Each shown group outside the compared pair, placed between the pair on every theme
    whose gap is published and at least LAYER_MIN_GAP wide: within a third of the way from
    one group it sides with that group, else it sits between."""
    if not compare:
        return []
    a, b = compare
    out: list[Layer] = []
    for gid in (g for g in groups if g not in compare):
        placements: list[Placement] = []
        for entry in analysis["constructs"]:
            gap = entry.get("gap")
            mine = entry["groups"].get(gid)
            score = mine.get("score") if mine else None
            if gap is None or gap.get("suppressed", True) or score is None:
                continue
            sa, sb = entry["groups"][a]["score"], entry["groups"][b]["score"]
            if sa is None or sb is None:  # never: the pair's gap is published
                continue
            if abs(sa - sb) < LAYER_MIN_GAP:
                continue
            position = (score - sb) / (sa - sb)
            side: Literal["first", "second", "between"] = (
                "first" if position >= 2 / 3 else "second" if position <= 1 / 3 else "between"
            )
            placements.append(
                {
                    "construct": entry["construct"],
                    "score": float(score),
                    "position": position,
                    "side": side,
                }
            )
        if placements:
            out.append(
                {
                    "group": gid,
                    "placements": placements,
                    "between": [p["construct"] for p in placements if p["side"] == "between"],
                    "first": [p["construct"] for p in placements if p["side"] == "first"],
                    "second": [p["construct"] for p in placements if p["side"] == "second"],
                }
            )
    return out
