"""From perception to capacity: time questions as hours per week, FTE and cost.

docs/reports.md ("Capacity and cost"): a number question whose unit is a time per day or per
week ("minutes/day", "hours per week") is read as time per person of the group doing the work.
Each shown group's median and quartiles become hours per week per person; with that group's
headcount, hours per week for the whole group, full-time equivalents and (with an hourly cost)
cost. Every figure is a published median or quartile times constants: nothing new is learnt
about any respondent.
"""

from __future__ import annotations

import re
from typing import Literal, TypedDict

from survey_tui.core.analysis.types import Analysis, Gap, ItemFigures

#: The assumptions, printed next to every figure that uses them.
WORKING_DAYS_PER_WEEK = 5
FTE_HOURS_PER_WEEK = 40
WORKING_WEEKS_PER_YEAR = 46

_MINUTES = r"m|min|mins|minute|minutes"
_HOURS = r"h|hr|hrs|hour|hours"
_DAY = r"d|day|days|workday|working day|work day"
_WEEK = r"w|wk|week|weeks|working week|work week"
_TIME_UNIT = re.compile(
    rf"^(?:(?P<min>{_MINUTES})|(?P<hour>{_HOURS}))\s*(?:/|per|a|an|each)\s*"
    rf"(?:(?P<day>{_DAY})|(?P<week>{_WEEK}))$"
)


def hours_per_week_factor(unit: str | None) -> float | None:
    """How many hours per week one unit is (``minutes/day`` -> 5/60), or None when ``unit``
    is not a time per day or per week."""
    if not unit:
        return None
    match = _TIME_UNIT.match(" ".join(unit.casefold().replace(".", "").split()))
    if match is None:
        return None
    per_hour = 1 / 60 if match["min"] else 1.0
    return per_hour * (WORKING_DAYS_PER_WEEK if match["day"] else 1)


class Range(TypedDict):
    median: float
    q1: float
    q3: float


class CapacityRow(TypedDict):
    group: str
    n: int
    reports: bool  # the group doing the work answers for itself; others estimate
    per_person: Range  # hours per week per person
    total: Range | None  # hours per week for the whole group (needs a headcount)
    fte: Range | None
    cost_week: Range | None  # needs an hourly cost too
    cost_year: Range | None


class Capacity(TypedDict):
    question: str
    label: str
    short: str | None
    unit: str
    direction: str
    population: str  # the group whose time it is (the experience group)
    headcount: int | None
    gap: Gap | NoGap  # the analysis' gap (verdict, effect, medians)
    rows: list[CapacityRow]


class NoGap(TypedDict):
    """What a capacity block has for a gap when there is no pair to compare."""

    suppressed: Literal[True]


def _scaled(base: Range, factor: float) -> Range:
    return {
        "median": base["median"] * factor,
        "q1": base["q1"] * factor,
        "q3": base["q3"] * factor,
    }


def _row(
    figures: ItemFigures,
    gid: str,
    reports: bool,
    factor: float,
    heads: int | None,
    hourly_cost: float | None,
) -> CapacityRow:
    """One group's answers as hours per person, and for the whole group when its size is known
    (and cost with an hourly cost)."""
    cost = heads * hourly_cost if heads and hourly_cost else None
    n, median, q1, q3 = figures["n"], figures["median"], figures["q1"], figures["q3"]
    assert n is not None and median is not None and q1 is not None and q3 is not None
    base: Range = {"median": float(median), "q1": float(q1), "q3": float(q3)}
    return {
        "group": gid,
        "n": int(n),
        "reports": reports,
        "per_person": _scaled(base, factor),
        "total": _scaled(base, factor * heads) if heads else None,
        "fte": _scaled(base, factor * heads / FTE_HOURS_PER_WEEK) if heads else None,
        "cost_week": _scaled(base, factor * cost) if cost else None,
        "cost_year": _scaled(base, factor * cost * WORKING_WEEKS_PER_YEAR) if cost else None,
    }


def _shown_median(figures: ItemFigures | None) -> bool:
    return (
        figures is not None
        and not figures.get("suppressed", True)
        and figures.get("median") is not None
    )


def capacity(
    analysis: Analysis,
    groups: list[str],
    headcounts: dict[str, int],
    hourly_cost: float | None,
) -> list[Capacity]:
    """Every time question with at least one shown group's published median.

    ``groups``: the groups a report may show (compared pair first); ``headcounts``: people per
    group (the questionnaire's, overridden by the report's options).
    """
    population = analysis.get("experience_group") or (groups[-1] if groups else None)
    if population is None:
        return []
    heads = headcounts.get(population)
    out: list[Capacity] = []
    for item in analysis["items"]:
        factor = hours_per_week_factor(item.get("unit")) if item["kind"] == "number" else None
        if factor is None:
            continue
        rows = [
            _row(item["groups"][gid], gid, gid == population, factor, heads, hourly_cost)
            for gid in groups
            if _shown_median(item["groups"].get(gid))
        ]
        if rows:
            out.append(
                {
                    "question": item["question"],
                    "label": item["label"],
                    "short": item.get("short"),
                    "unit": str(item["unit"]),
                    "direction": str(item.get("direction") or "higher_is_better"),
                    "population": population,
                    "headcount": heads,
                    "gap": item.get("gap") or {"suppressed": True},
                    "rows": rows,
                }
            )
    return out
