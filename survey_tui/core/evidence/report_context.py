"""What a report template sees of the evidence: ``evidence`` and ``success_plan``.

:func:`evidence_context` sets each metric a question names (``evidence: metric_id``) beside
each group's perception of it, and scores the success plan. The report command passes the
result to ``build_context`` as extra keys; without a store (the TUI's preview) both are None
(:func:`no_evidence`) and the templates leave their sections out. Figures of groups below the
anonymity threshold are never used: a perception is the analysis' own item figures.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from survey_tui.core.analysis.types import Analysis, ItemEntry
from survey_tui.core.evidence.compare import (
    Change,
    Window,
    measured_change,
    plan_windows,
    series,
    weeks_before,
)
from survey_tui.core.evidence.plan import Plan
from survey_tui.core.evidence.records import (
    KNOWN_METRICS,
    MetricRow,
    metric_name,
    series_label,
)
from survey_tui.core.record import Record
from survey_tui.core.texts import N_

if TYPE_CHECKING:
    from survey_tui.core.model import Questionnaire

Context = dict[str, Any]

VERDICT_TEXT = {
    "better": N_("measurably better"),
    "worse": N_("measurably worse"),
    "higher": N_("measurably higher"),
    "lower": N_("measurably lower"),
    "no_change": N_("no measurable change"),
    "too_few_weeks": N_("too few weeks to tell"),
    "no_data": N_("no data for these weeks"),
}
# Verdicts a perception can agree or disagree with (a metric with a direction, enough weeks).
_JUDGED = ("better", "worse", "no_change")
#: Suggested when the questionnaire names no metric: one from git, one from a tracker.
DEFAULT_METRICS = ("rework_pct", "time_to_resolution_hours")


def no_evidence() -> Context:
    """The keys every report context has; None: no store was read, no section is shown."""
    return {"evidence": None, "success_plan": None}


def wave_starts(records: Iterable[Record]) -> dict[str, date]:
    """The day of each wave's first submission (complete responses)."""
    out: dict[str, date] = {}
    for record in records:
        stamp = record.get("submitted_at")
        if record.get("status") != "complete" or not isinstance(stamp, str):
            continue
        try:
            day = datetime.fromisoformat(stamp.replace("Z", "+00:00")).date()
        except ValueError:
            continue
        wave = str(record.get("wave") or "default")
        if wave not in out or day < out[wave]:
            out[wave] = day
    return out


def links(questionnaire: Questionnaire) -> dict[str, list[str]]:
    """Metric id -> ids of the questions about it (``evidence:``), in questionnaire order."""
    out: dict[str, list[str]] = {}
    for question in questionnaire.questions():
        metric = getattr(question, "evidence", None)
        if metric:
            out.setdefault(metric, []).append(question.id)
    return out


def direction_of(metric: str, items: list[ItemEntry], questionnaire: Questionnaire) -> bool | None:
    """Whether lower is better: the known metric's direction, else its question's (a reversed
    item on a change scale is one where a decrease is favorable)."""
    known = KNOWN_METRICS.get(metric)
    if known is not None and known.lower_is_better is not None:
        return known.lower_is_better
    for item in items:
        question = questionnaire.question(item["question"].split(".", 1)[0])
        if question is not None and hasattr(question, "reverse"):
            return bool(question.reverse)
    return None


def windows(analysis: Analysis, starts: dict[str, date]) -> tuple[str, Window, Window] | None:
    """Without a plan: the 12 weeks before each wave's first submission (docs/data-exchange.md);
    with one wave only, the 12 weeks before it against the 12 weeks before those."""
    wave = analysis.get("wave")
    if wave is None or not starts:
        return None
    now_start = min(starts.values()) if wave == "all" else starts.get(wave)
    if now_start is None:
        return None
    baseline = analysis.get("baseline_wave")
    if baseline and baseline in starts:
        return "waves", weeks_before(starts[baseline]), weeks_before(now_start)
    return "one_wave", weeks_before(now_start, gap=12), weeks_before(now_start)


def _window(window: Window, kind: str) -> dict[str, str]:
    """First and last day: a plan's dates as written, else whole weeks (Monday to Sunday)."""
    last = window.last if kind == "plan" else window.last + timedelta(days=6)
    return {"first": window.first.isoformat(), "last": last.isoformat()}


def _row(
    key: tuple[str, str, str],
    values: dict[date, float],
    unit: str,
    before: Window,
    now: Window,
    lower_is_better: bool | None,
) -> Context:
    source, team, metric = key
    change: Change = measured_change(values, before, now, "/".join(key))
    verdict = change.verdict(lower_is_better)
    return {
        "metric": metric,
        "name": metric_name(metric),
        "unit": unit,
        "series": series_label(source, team),
        "direction": None
        if lower_is_better is None
        else ("lower_is_better" if lower_is_better else "higher_is_better"),
        "before": change.before,
        "now": change.now,
        "before_weeks": change.before_weeks,
        "now_weeks": change.now_weeks,
        "delta": change.delta,
        "change_pct": change.change_pct,
        "ci95_delta": list(change.ci95_delta) if change.ci95_delta else None,
        "ci95_pct": list(change.ci95_pct) if change.ci95_pct else None,
        "verdict": verdict,
        "verdict_text": VERDICT_TEXT[verdict],
    }


def _perception(row: Context, items: list[ItemEntry], shown: list[str]) -> None:
    """Each shown group's perception beside the measurement, and where they disagree."""
    item = items[0] if items else None
    row["question"] = (item.get("label") or item["question"]) if item else None
    row["perceived"] = dict(item["groups"]) if item else {}
    agree, disagree = [], []
    for gid in shown:
        figures = row["perceived"].get(gid) or {}
        share = figures.get("favorable_pct")
        if figures.get("suppressed") or share is None or row["verdict"] not in _JUDGED:
            continue
        improved = share >= 50.0
        if (improved and row["verdict"] != "better") or (
            not improved and row["verdict"] == "better"
        ):
            disagree.append(gid)
        else:
            agree.append(gid)
    row["agree"], row["disagree"] = agree, disagree


def evidence_context(
    analysis: Analysis,
    questionnaire: Questionnaire,
    rows: list[MetricRow],
    plan: Plan | None,
    starts: dict[str, date],
) -> Context:
    """``{"evidence": ..., "success_plan": ...}`` for the report templates (docs/reports.md)."""
    from survey_tui.core.evidence.proposal import propose, score_plan

    linked = links(questionnaire)
    items_of = {
        metric: [i for i in analysis["items"] if i["question"].split(".", 1)[0] in qids]
        for metric, qids in linked.items()
    }
    by_series = series(rows)
    evidence: Context = {"stored": bool(rows), "window": None, "linked": [], "other": []}
    found = windows(analysis, starts)
    if plan is not None and plan.metrics:
        first = plan.metrics[0]
        found = ("plan", *plan_windows(first.baseline_from, first.baseline_to, first.due))
    if found is not None:
        _measured(evidence, found, analysis, questionnaire, rows, items_of)
    evidence["missing"] = _missing(list(linked) or list(DEFAULT_METRICS), by_series, items_of)
    if plan is not None:
        success = score_plan(plan, by_series, items_of)
    else:
        proposal = propose(analysis, questionnaire, by_series, items_of, starts)
        success = {"file": None, "metrics": [], "proposal": proposal}
    return {"evidence": evidence, "success_plan": success}


def _measured(
    evidence: Context,
    found: tuple[str, Window, Window],
    analysis: Analysis,
    questionnaire: Questionnaire,
    rows: list[MetricRow],
    items_of: dict[str, list[ItemEntry]],
) -> None:
    """Each stored series' change over the windows; with perceptions when a question asks."""
    kind, before, now = found
    evidence["window"] = {"kind": kind, "before": _window(before, kind), "now": _window(now, kind)}
    shown = [gid for gid, info in analysis["groups"].items() if not info["suppressed"]]
    units = {(r["source"], r["team"], r["metric"]): r["unit"] for r in rows}
    for key, values in sorted(series(rows).items()):
        metric = key[2]
        items = items_of.get(metric, [])
        lower = direction_of(metric, items, questionnaire)
        row = _row(key, values, units[key], before, now, lower)
        if metric in items_of:
            _perception(row, items, shown)
            evidence["linked"].append(row)
        else:
            evidence["other"].append(row)


def _missing(
    wanted: list[str],
    by_series: dict[tuple[str, str, str], Any],
    items_of: dict[str, list[ItemEntry]],
) -> list[Context]:
    """Metrics to start collecting, and how: those a question names that nothing stores."""
    stored = {key[2] for key in by_series}
    out = []
    for metric in wanted:
        if metric in stored:
            continue
        known = KNOWN_METRICS.get(metric)
        out.append(
            {
                "metric": metric,
                "name": metric_name(metric),
                "how": known.how if known else _HOW_CSV,
                "questions": [i.get("label") or i["question"] for i in items_of.get(metric, [])],
            }
        )
    return out


_HOW_CSV = (
    "export it per week from the tool that holds it and import it as a CSV "
    "(`date,metric,value`): `survey-tui evidence import metrics.csv`"
)
