"""The ``log`` section of the analysis (docs/data-exchange.md, docs/statistics.md).

Per week, workflow, tool and group: entries, distinct contributors, outcome shares, minutes
saved and lost. A row, week or group of fewer than ``min_group_size`` contributors is withheld
(``suppressed: true``, figures null); so is a figure that fewer than that many contributors
stand behind (minutes saved of a row where only two people saved time), and any figure
:mod:`.audit` finds could be subtracted from others to isolate fewer than that many.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from survey_tui.core import texts
from survey_tui.core.analysis.stats import quartiles
from survey_tui.core.analysis.types_extras import LogGroup, LogRow, LogSection, LogWeek, Spread
from survey_tui.core.feedback.audit import withheld_cells
from survey_tui.core.feedback.entries import Entry
from survey_tui.core.model import FeedbackLog, Questionnaire

Cell = tuple[str, str]  # (dimension, key): ("week", "2026-11-30"), ("workflow", id), ("tool", v)
OTHER_KEY = "other"


@dataclass(frozen=True)
class _Event:
    week: str
    workflow: str
    tool: str
    group: str
    outcome: str
    saves: bool | None  # None: an outcome the questionnaire no longer declares
    minutes: int
    contributor: str

    @property
    def cells(self) -> tuple[Cell, Cell, Cell]:
        return (("week", self.week), ("workflow", self.workflow), ("tool", self.tool))


def monday(day: str) -> str:
    """The ISO date of the Monday of ``day``'s week."""
    parsed = date.fromisoformat(day)
    return (parsed - timedelta(days=parsed.weekday())).isoformat()


def _events(
    q: Questionnaire,
    log: FeedbackLog,
    entries: Iterable[Entry],
    since: date | None,
    until: date | None,
) -> list[_Event]:
    tools = {t.value for t in log.tools}
    saves = {o.value: o.saves for o in log.outcomes}
    found = []
    for e in entries:
        if e["questionnaire_id"] != q.id:
            continue
        day = date.fromisoformat(e["date"])
        if (since is not None and day < since) or (until is not None and day > until):
            continue
        found.append(
            _Event(
                week=monday(e["date"]),
                workflow=e["workflow"],
                tool=e["tool"] if e["tool"] in tools else OTHER_KEY,
                group=e["group"],
                outcome=e["outcome"],
                saves=saves.get(e["outcome"]),
                minutes=e["minutes"],
                contributor=e["contributor"],
            )
        )
    return found


def _people(events: Iterable[_Event]) -> dict[Cell, set[str]]:
    out: dict[Cell, set[str]] = {}
    for e in events:
        for cell in e.cells:
            out.setdefault(cell, set()).add(e.contributor)
    return out


def _family(
    events: list[_Event],
    cells_of: Callable[[_Event], Sequence[Cell]],
    candidates: set[Cell],
    minimum: int,
) -> set[Cell]:
    """The candidate cells whose figure of this family is published: at least ``minimum``
    contributors behind it, and nothing subtractable (:func:`withheld_cells`)."""
    people: dict[Cell, set[str]] = {}
    for e in events:
        for cell in cells_of(e):
            people.setdefault(cell, set()).add(e.contributor)
    shown = {c for c in candidates if len(people.get(c, ())) >= minimum}
    counts = {c: len(p) for c, p in people.items()}
    pairs: list[tuple[Sequence[Cell], str]] = [(cells_of(e), e.contributor) for e in events]
    return shown - withheld_cells(pairs, shown, minimum, counts)


def _spread(values: list[int]) -> Spread | None:
    if not values:
        return None
    import numpy as np

    q1, median, q3 = quartiles(np.asarray(values, dtype=np.float64))
    return {"median": median, "q1": q1, "q3": q3, "total": float(sum(values))}


class _Figures:
    """What is published for one analysis of the log."""

    def __init__(self, log: FeedbackLog, events: list[_Event], minimum: int) -> None:
        self.log = log
        self.events = events
        self.people = _people(events)
        self.rows = {c for c, p in self.people.items() if len(p) >= minimum}
        saving = [e for e in events if e.saves is True]
        losing = [e for e in events if e.saves is False]
        self.saved = _family(saving, lambda e: e.cells, self.rows, minimum)
        self.lost = _family(losing, lambda e: e.cells, self.rows, minimum)
        by_row = {c for c in self.rows if c[0] != "week"}
        self.shares = _family(events, lambda e: e.cells[1:], by_row, minimum)

    def _of(self, cell: Cell) -> list[_Event]:
        index = ("week", "workflow", "tool").index(cell[0])
        return [e for e in self.events if e.cells[index] == cell]

    def row(self, cell: Cell, label: str) -> LogRow:
        mine = self._of(cell)
        if cell not in self.rows:
            return {
                "key": cell[1],
                "label": label,
                "entries": None,
                "contributors": None,
                "outcomes": None,
                "minutes_saved": None,
                "minutes_lost": None,
                "suppressed": True,
            }
        return {
            "key": cell[1],
            "label": label,
            "entries": len(mine),
            "contributors": len(self.people[cell]),
            "outcomes": (
                {
                    o.value: 100.0 * sum(e.outcome == o.value for e in mine) / len(mine)
                    for o in self.log.outcomes
                }
                if cell in self.shares
                else None
            ),
            "minutes_saved": (
                _spread([e.minutes for e in mine if e.saves is True])
                if cell in self.saved
                else None
            ),
            "minutes_lost": (
                _spread([e.minutes for e in mine if e.saves is False])
                if cell in self.lost
                else None
            ),
            "suppressed": False,
        }

    def week(self, week: str) -> LogWeek:
        cell: Cell = ("week", week)
        mine = self._of(cell)
        shown = cell in self.rows
        saved = sum(e.minutes for e in mine if e.saves is True)
        lost = sum(e.minutes for e in mine if e.saves is False)
        return {
            "week": week,
            "entries": len(mine) if shown else None,
            "contributors": len(self.people[cell]) if shown else None,
            "minutes_saved": float(saved) if cell in self.saved else None,
            "minutes_lost": float(lost) if cell in self.lost else None,
            "suppressed": not shown,
        }


def log_section(
    q: Questionnaire,
    entries: Iterable[Entry],
    *,
    since: date | None = None,
    until: date | None = None,
) -> LogSection | None:
    """The analysis' ``log`` (None when the questionnaire has no feedback log)."""
    log = q.feedback_log
    if log is None:
        return None
    minimum = q.min_group_size
    events = _events(q, log, entries, since, until)
    figures = _Figures(log, events, minimum)
    tools = [(t.value, t.label) for t in log.tools] + [(OTHER_KEY, texts.OTHER_OPTION)]
    groups: dict[str, LogGroup] = {}
    for g in q.groups:
        mine = [e for e in events if e.group == g.id]
        people = {e.contributor for e in mine}
        shown = len(people) >= minimum
        groups[g.id] = {
            "entries": len(mine) if shown else None,
            "contributors": len(people) if shown else None,
            "suppressed": not shown,
        }
    matrix = log.workflows.from_ if not isinstance(log.workflows, list) else None
    return {
        # What a report needs to set the log beside the survey: the matrix its workflows
        # come from (scorecard rows are "matrix.row") and the outcomes' words.
        "matrix": matrix,
        "outcomes": [{"value": o.value, "label": o.label, "saves": o.saves} for o in log.outcomes],
        "since": since.isoformat() if since else None,
        "until": until.isoformat() if until else None,
        "entries": len(events),
        "contributors": len({e.contributor for e in events}),
        "weeks": [figures.week(w) for w in sorted({e.week for e in events})],
        "by_workflow": [figures.row(("workflow", w.id), w.label) for w in q.log_workflows()],
        "by_tool": [figures.row(("tool", key), label) for key, label in tools],
        "by_group": groups,
    }
