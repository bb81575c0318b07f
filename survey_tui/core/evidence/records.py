"""The stored metric record, its key in the store's ``evidence`` table, and known metrics.

A record is ``{source, team, metric, week, value, unit}`` (docs/data-exchange.md, "Evidence"):
``week`` is the ISO date of the Monday (UTC). The key is ``(source, team, metric, week)``, so
re-running ``evidence git`` or re-importing a file replaces what it stored before.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, TypedDict

import orjson

from survey_tui.core.errors import StoreError
from survey_tui.core.texts import N_

if TYPE_CHECKING:
    from survey_tui.core.store import ResponseStore

TABLE = "evidence"
METRIC_ID = re.compile(r"^[a-z0-9_]+$")
MAX_NAME = 80  # characters of a source, team or unit
MAX_UNIT = 24


class MetricRow(TypedDict):
    source: str
    team: str
    metric: str
    week: str
    value: float
    unit: str


def metric_row(
    source: str, team: str, metric: str, week: date, value: float, unit: str
) -> MetricRow:
    return {
        "source": source,
        "team": team,
        "metric": metric,
        "week": week.isoformat(),
        "value": value,
        "unit": unit,
    }


def row_key(row: MetricRow) -> str:
    """The store key: the four fields as a JSON list (unambiguous whatever they hold)."""
    return orjson.dumps([row["source"], row["team"], row["metric"], row["week"]]).decode()


def put_metrics(store: ResponseStore, rows: list[MetricRow]) -> None:
    """Store ``rows`` in one locked, fsynced write (a row with the same key is replaced)."""
    store.put_rows(TABLE, [(row_key(row), dict(row)) for row in rows])


def replace_metrics(
    store: ResponseStore,
    rows: list[MetricRow],
    *,
    source: str,
    metrics: set[str],
    first: str,
    last: str,
) -> int:
    """Store ``rows`` and delete the rows of ``source`` for ``metrics`` in the weeks
    ``first``..``last`` (ISO dates) that this reading no longer has, so a re-run leaves no
    stale week behind (e.g. a week whose rework share has no lines any more). How many went."""
    put_metrics(store, rows)
    fresh = {row_key(row) for row in rows}
    stale = [
        row_key(row)
        for row in read_metrics(store)
        if row["source"] == source
        and row["metric"] in metrics
        and first <= row["week"] <= last
        and row_key(row) not in fresh
    ]
    return store.delete_rows(TABLE, stale) if stale else 0


def read_metrics(store: ResponseStore) -> list[MetricRow]:
    """Every stored metric record, sorted by source, team, metric and week.

    A damaged row (a store edited by hand, or merged from elsewhere) is a StoreError: a
    report must not silently leave data out.
    """
    rows: list[MetricRow] = []
    for raw in store.rows(TABLE):
        problem = _shape_problem(raw)
        if problem:
            raise StoreError(f"an evidence row is damaged: {problem}", location=str(store.path))
        rows.append(
            metric_row(
                raw["source"],
                raw["team"],
                raw["metric"],
                date.fromisoformat(raw["week"]),
                raw["value"],
                raw["unit"],
            )
        )
    rows.sort(key=lambda r: (r["source"], r["team"], r["metric"], r["week"]))
    return rows


def _shape_problem(raw: Any) -> str | None:
    if not isinstance(raw, dict):
        return "not an object"
    for name in ("source", "team", "metric", "week", "unit"):
        if not isinstance(raw.get(name), str):
            return f"{name} is not text"
    if not METRIC_ID.match(raw["metric"]):
        return f"metric {raw['metric']!r} is not an id"
    value = raw.get("value")
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return f"value of {raw['metric']} is not a number"
    try:
        week = date.fromisoformat(raw["week"])
    except ValueError:
        return f"week {raw['week']!r} is not a date"
    if week.weekday() != 0:
        return f"week {raw['week']} is not a Monday"
    return None


@dataclass(frozen=True)
class KnownMetric:
    name: str
    unit: str
    lower_is_better: bool | None
    definition: str
    how: str  # how to start collecting it


_GIT = "survey-tui evidence git PATH/TO/REPO --name TEAM"
_CSV = "survey-tui evidence import metrics.csv"

KNOWN_METRICS: dict[str, KnownMetric] = {
    "time_to_resolution_hours": KnownMetric(
        N_("Time to resolution"),
        "hours",
        True,
        "median hours from an issue opened to resolved, per week",
        f"export resolved issues from your tracker (Jira, Linear, GitHub) and import the weekly "
        f"median hours as a CSV: `{_CSV}`",
    ),
    "story_points": KnownMetric(
        N_("Story points delivered"),
        "points",
        False,
        "story points (or items) completed per week",
        f"export completed items per sprint or week from your tracker and import them: `{_CSV}`",
    ),
    "change_failure_rate": KnownMetric(
        N_("Change failure rate"),
        "%",
        True,
        "share of deployments that caused a failure in production, per week",
        f"count deployments and failed ones per week (CI/CD, incident tool) and import: `{_CSV}`",
    ),
    "escaped_defects": KnownMetric(
        N_("Escaped defects"),
        "defects",
        True,
        "defects found in production, per week",
        f"export bugs found in production from your tracker, per week, and import: `{_CSV}`",
    ),
    "rework_cycles": KnownMetric(
        N_("Rework cycles"),
        "items",
        True,
        "items reopened or sent back, per week",
        f"export reopened or sent-back items per week from your tracker and import: `{_CSV}`",
    ),
    "rework_pct": KnownMetric(
        N_("Code rework"),
        "%",
        True,
        "share of removed lines that had been added less than 21 days before",
        f"read it from your repository's history, nothing to export: `{_GIT}`",
    ),
    "ai_assisted_commits": KnownMetric(
        N_("AI-assisted commits (lower bound)"),
        "commits",
        None,
        "commits whose trailers or author name an AI tool",
        f"read it from your repository's history: `{_GIT}`",
    ),
    "commits": KnownMetric(
        N_("Commits"), "commits", None, "commits per week, merges included", f"`{_GIT}`"
    ),
    "merges": KnownMetric(N_("Merges"), "commits", None, "merge commits per week", f"`{_GIT}`"),
    "active_authors": KnownMetric(
        N_("Active authors"), "authors", None, "distinct commit authors per week", f"`{_GIT}`"
    ),
    "reverts": KnownMetric(N_("Reverts"), "commits", True, "revert commits per week", f"`{_GIT}`"),
    "lines_added": KnownMetric(
        N_("Lines added"), "lines", None, "lines added per week", f"`{_GIT}`"
    ),
    "lines_deleted": KnownMetric(
        N_("Lines deleted"), "lines", None, "lines deleted or replaced per week", f"`{_GIT}`"
    ),
}

_SUFFIX_UNITS = {"_hours": "hours", "_days": "days", "_minutes": "minutes", "_pct": "%"}


def default_unit(metric: str) -> str:
    """The unit of a metric imported without one: the known metric's, else from its suffix."""
    known = KNOWN_METRICS.get(metric)
    if known is not None:
        return known.unit
    for suffix, unit in _SUFFIX_UNITS.items():
        if metric.endswith(suffix):
            return unit
    return ""


def metric_name(metric: str) -> str:
    """A readable name: the known metric's, else the id in words."""
    known = KNOWN_METRICS.get(metric)
    if known is not None:
        return known.name
    words = metric.replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def series_label(source: str, team: str) -> str:
    return f"{source}, {team}" if team and team != source else source
