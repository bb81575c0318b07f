"""What a report's first screen says: the headline finding, the trend, three actions and who
answered. Pure selections of published figures (docs/reports.md, "The first screen"); the
templates only choose the words and format the numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypedDict

from survey_tui.core.analysis.types import (
    Analysis,
    Change,
    ConstructEntry,
    Entry,
    Gap,
    IndexChange,
    ItemEntry,
)
from survey_tui.core.reports.capacity import hours_per_week_factor
from survey_tui.core.reports.workflows import QuadrantRow, WorkflowMap
from survey_tui.core.texts import N_, Text

#: What an action answers: a theme or item entry, a workflow, or nothing (rerun, gather).
Finding = ItemEntry | ConstructEntry | QuadrantRow | None

#: A published fact that puts the index in proportion (cited, never computed): Section, "The
#: AI Proficiency Report", January 2026, a survey of 5,000 knowledge workers.
BENCHMARK: dict[str, Any] = {
    "source": "Section's AI Proficiency Report",
    "date": N_("January 2026"),
    "statement": N_("AI saves them no time"),
    "first": N_("non-management employees"),
    "first_pct": 40,
    "second": N_("executives"),
    "second_pct": 2,
    "points": 38,
}

#: The actions a report can propose, in the order they are considered, with the role
#: suggested as owner when the report is not told one (``--owner``).
ACTION_OWNERS: dict[str, Text] = {
    "align": N_("leadership sponsor"),
    "fix_workflow": N_("owner of the workflow"),
    "scale_workflow": N_("owner of the workflow"),
    "communicate": N_("leadership sponsor"),
    "measure": N_("delivery lead"),
    "metric": N_("head of delivery"),
    "rerun": N_("survey owner"),
    "gather": N_("survey owner"),
    "compare": N_("survey owner"),
}
ACTION_KINDS = tuple(ACTION_OWNERS)


@dataclass(frozen=True)
class ReportOptions:
    """What the consultant tells the report beyond the data (``survey-tui report`` options).

    ``owners``/``due``: per action, keyed by its number (``"1"``) or its kind (``"align"``).
    """

    headcount: dict[str, int] = field(default_factory=dict)
    hourly_cost: float | None = None
    owners: dict[str, str] = field(default_factory=dict)
    due: dict[str, str] = field(default_factory=dict)


class Action(TypedDict):
    number: int
    kind: str
    owner: str
    owner_given: bool
    due: str | None
    finding: Finding  # the analysis entry (or workflow) the action answers


class Headline(TypedDict):
    kind: str  # number | theme | none
    entry: Entry | None
    confirmed: bool  # the gap is significant (docs/statistics.md)
    reporter: str | None  # numbers: the group answering for itself (the experience group)


class Mover(TypedDict):
    group: str
    before: float
    now: float
    delta: float


class Trend(TypedDict):
    baseline: str
    index: IndexChange | None  # expectation_gap_index_change
    biggest: ConstructEntry | None  # the construct whose gap moved most
    movers: list[Mover]  # the compared pair on that construct, biggest move first
    beyond_noise: list[ConstructEntry]
    within_noise: int


class Participant(TypedDict):
    group: str
    n: int
    headcount: int | None
    rate: float | None  # % of headcount
    over: bool  # more responses than the headcount says people


def _published(entry: Entry) -> bool:
    gap = entry.get("gap")
    return gap is not None and gap.get("suppressed") is False


def _gap(entry: Entry) -> Gap:
    """The gap of an entry that has one (a published one's)."""
    gap = entry["gap"]
    assert gap is not None, "only published gaps are compared"
    return gap


def _change(entry: ConstructEntry) -> Change:
    """The change of an entry that has one."""
    change = entry["change"]
    assert change is not None, "only entries with a change are compared"
    return change


def _width(entry: Entry) -> float:
    return abs(float(_gap(entry).get("points") or 0.0))


def _effect_size(entry: Entry) -> float:
    return abs(_gap(entry)["cliffs_delta"] or 0.0)


def reporter_of(analysis: Analysis, compare: list[str]) -> str:
    """Of the compared pair, the group that answers a time question for itself: the
    experience group when it is in the pair, else the second group."""
    experience = analysis.get("experience_group")
    return str(experience) if experience in compare else compare[1]


def headline(analysis: Analysis, compare: list[str] | None) -> Headline:
    """The biggest finding: a number question with a ``short`` name (a sentence needs one)
    whose gap is significant with a large effect (time questions first: a concrete unit reads
    plainest), else the widest significant theme gap, else the widest published one (said as
    not confirmed)."""
    none: Headline = {"kind": "none", "entry": None, "confirmed": False, "reporter": None}
    if not compare:
        return none
    reporter = reporter_of(analysis, compare)
    numbers = [
        i
        for i in analysis["items"]
        if i["kind"] == "number"
        and i.get("short")
        and _published(i)
        and _gap(i).get("significant")
        and _gap(i).get("effect") == "large"
    ]
    if numbers:
        best = max(
            numbers,
            key=lambda i: (hours_per_week_factor(i.get("unit")) is not None, _effect_size(i)),
        )
        return {"kind": "number", "entry": best, "confirmed": True, "reporter": reporter}
    themes = [c for c in analysis["constructs"] if _published(c)]
    significant = [c for c in themes if _gap(c).get("significant")]
    pool = significant or themes
    if not pool:
        return none
    widest = max(pool, key=_width)
    return {"kind": "theme", "entry": widest, "confirmed": bool(significant), "reporter": None}


def trend(analysis: Analysis, compare: list[str] | None) -> Trend | None:
    """The change since the baseline wave: the index then and now, the theme whose gap moved
    most and who moved, and which changes are more than noise (None without a baseline)."""
    baseline = analysis.get("baseline_wave")
    if not baseline or not compare:
        return None
    changed = [c for c in analysis["constructs"] if c.get("change")]
    biggest = max(changed, key=lambda c: abs(_change(c)["delta"]), default=None)
    movers: list[Mover] = []
    if biggest is not None:
        for gid in compare:
            moved = _change(biggest)["groups"].get(gid)
            if moved is None:
                continue
            # delta is None unless the group's score is published in both waves.
            before, now, delta = moved.get("score_before"), moved.get("score_now"), moved["delta"]
            if before is not None and now is not None and delta is not None:
                movers.append({"group": gid, "before": before, "now": now, "delta": delta})
        movers.sort(key=lambda m: -abs(m["delta"]))
    beyond = sorted(
        (c for c in changed if _change(c)["significant"]),
        key=lambda c: -abs(_change(c)["delta"]),
    )
    return {
        "baseline": baseline,
        "index": analysis.get("expectation_gap_index_change"),
        "biggest": biggest,
        "movers": movers,
        "beyond_noise": beyond,
        "within_noise": len(changed) - len(beyond),
    }


def participation(
    analysis: Analysis, groups: list[str], headcount: dict[str, int]
) -> list[Participant]:
    """Each shown group's complete responses, and its response rate when its size is known."""
    out: list[Participant] = []
    for gid in groups:
        n = int(analysis["groups"][gid]["n"])
        heads = headcount.get(gid)
        out.append(
            {
                "group": gid,
                "n": n,
                "headcount": heads,
                "rate": 100.0 * n / heads if heads else None,
                "over": bool(heads and n > heads),
            }
        )
    return out


def headcounts(analysis: Analysis, options: ReportOptions) -> dict[str, int]:
    """People per group: the questionnaire's ``headcount``, overridden by the options."""
    known: dict[str, int] = {}
    for gid, info in analysis["groups"].items():
        heads = info.get("headcount")
        if heads:
            known[gid] = int(heads)
    return {**known, **options.headcount}


def _candidates(
    analysis: Analysis,
    compare: list[str] | None,
    maps: list[WorkflowMap],
    single_group: bool,
) -> list[tuple[str, Finding]]:
    """(kind, finding) for every action the data supports, in the order of ACTION_KINDS."""
    found: list[tuple[str, Finding]] = []
    if compare:
        themes = [c for c in analysis["constructs"] if _published(c)]
        significant = [c for c in themes if _gap(c).get("significant")]
        if significant or themes:
            found.append(("align", max(significant or themes, key=_width)))
        rows = [r for m in maps for r in m["rows"]]
        worst = [r for r in rows if r["quadrant"] in ("fix", "stop")]
        best = [r for r in rows if r["quadrant"] == "scale"]
        if worst:
            found.append(("fix_workflow", min(worst, key=lambda r: r["value"])))
        elif best:
            found.append(("scale_workflow", max(best, key=lambda r: r["value"])))
        aware = [i for i in analysis["items"] if i["kind"] == "awareness" and _published(i)]
        if aware:
            found.append(("communicate", max(aware, key=_width)))
        times = [
            i
            for i in analysis["items"]
            if i["kind"] == "number"
            and _published(i)
            and hours_per_week_factor(i.get("unit")) is not None
        ]
        if times:
            found.append(("measure", max(times, key=_effect_size)))
        metrics = [
            i for i in analysis["items"] if i.get("construct") == "metrics" and _published(i)
        ]
        if metrics:
            found.append(("metric", max(metrics, key=_width)))
        found.append(("rerun", None))
    elif single_group:
        found.append(("compare", None))
    else:
        found.append(("gather", None))
    return found


def actions(
    analysis: Analysis,
    compare: list[str] | None,
    maps: list[WorkflowMap],
    options: ReportOptions,
    single_group: bool,
) -> list[Action]:
    """Up to three actions, each answering one finding, with an owner and a due date: the
    ones given in ``options`` (by number or kind), else a suggested role and no date."""
    out: list[Action] = []
    for number, (kind, finding) in enumerate(
        _candidates(analysis, compare, maps, single_group)[:3], start=1
    ):
        owner = options.owners.get(str(number)) or options.owners.get(kind)
        out.append(
            {
                "number": number,
                "kind": kind,
                "owner": owner or ACTION_OWNERS[kind],
                "owner_given": owner is not None,
                "due": options.due.get(str(number)) or options.due.get(kind),
                "finding": finding,
            }
        )
    return out


def comparisons(analysis: Analysis) -> dict[str, int]:
    """How many gaps each family adjusts for (docs/statistics.md): items and themes."""
    return {
        "items": sum(1 for i in analysis["items"] if _published(i)),
        "themes": sum(1 for c in analysis["constructs"] if _published(c)),
    }
