"""The success plan in reports: a plan's scoring, or a proposed plan for the consultant to edit.

Without ``--plan``, the report proposes one metric (docs/data-exchange.md, "Success plan"):

1. the metric both groups name most, when a choice question's options are metric ids (e.g.
   "Which delivery figure would you judge AI's success by in 90 days?"): the highest mean of
   the compared groups' shares;
2. else the metric a question is about (``evidence:``) whose perceptions differ most (the
   widest published gap);
3. else a metric git can give today (``rework_pct``).

Its baseline is the stored value over the 12 weeks before the wave (when stored), its target
10% better (a placeholder), due 90 days after the wave, owned by a role to fill in.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from survey_tui.core.analysis.types import Analysis, ItemEntry
from survey_tui.core.evidence.compare import (
    measured_change,
    plan_windows,
    score_plan_metric,
    weeks_before,
)
from survey_tui.core.evidence.git import GIT_METRICS
from survey_tui.core.evidence.plan import Plan, PlanMetric
from survey_tui.core.evidence.records import KNOWN_METRICS, metric_name, series_label
from survey_tui.core.evidence.report_context import direction_of
from survey_tui.core.texts import N_, T_

if TYPE_CHECKING:
    from survey_tui.core.model import Questionnaire

Series = dict[tuple[str, str, str], dict[date, float]]
Items = dict[str, list[ItemEntry]]

TARGET_STEP = 0.10  # the proposed target: 10% better than the baseline
DUE_DAYS = 90

STATUS_TEXT = {"met": N_("met"), "not_met": N_("not met"), "no_data": N_("no data")}


def score_plan(plan: Plan, by_series: Series, items_of: Items) -> dict[str, Any]:
    """Each plan metric (per stored series of it): measured now, met / not met / no data."""
    out = []
    for metric in plan.metrics:
        keys: list[tuple[str, str, str] | None] = [
            k for k in sorted(by_series) if k[2] == metric.id
        ]
        for key in keys or [None]:
            out.append(_scored(metric, key, by_series.get(key, {}) if key else {}, items_of))
    return {"file": plan.file, "metrics": out, "proposal": None}


def _scored(
    metric: PlanMetric, key: tuple[str, str, str] | None, values: dict[date, float], items_of: Items
) -> dict[str, Any]:
    before, now = plan_windows(metric.baseline_from, metric.baseline_to, metric.due)
    change = measured_change(values, before, now, "/".join(key) if key else metric.id)
    score = score_plan_metric(values, now, metric.target, metric.lower_is_better, metric.due)
    items = items_of.get(metric.id, [])
    item = items[0] if items else None
    status_text = STATUS_TEXT[score.status]
    if score.status == "not_met" and not score.final:
        status_text = N_("not met yet")
    return {
        "id": metric.id,
        "name": metric.name,
        "definition": metric.definition,
        "unit": metric.unit,
        "direction": "lower_is_better" if metric.lower_is_better else "higher_is_better",
        "owner": metric.owner,
        "source": metric.source,
        "series": series_label(key[0], key[1]) if key else None,
        "baseline_value": metric.baseline_value,
        "baseline_measured": change.before,
        "baseline_from": metric.baseline_from.isoformat(),
        "baseline_to": metric.baseline_to.isoformat(),
        "target": metric.target,
        "due": metric.due.isoformat(),
        "status": score.status,
        "status_text": status_text,
        "value": score.value,
        "weeks": score.weeks,
        "last_week": score.last_week.isoformat() if score.last_week else None,
        "final": score.final,
        "question": (item.get("label") or item["question"]) if item else None,
        "perceived": dict(item["groups"]) if item else {},
    }


def _choice_metric(analysis: Analysis, candidates: set[str]) -> tuple[str, str] | None:
    """The metric the groups name most in a choice question whose options are metric ids."""
    shown = [gid for gid, info in analysis["groups"].items() if not info["suppressed"]]
    pair = [g for g in (analysis.get("compare") or []) if g in shown] or shown
    groups = analysis["groups"]
    best: tuple[float, str, str] | None = None
    for block in analysis.get("distributions", []):
        named = [value for value in block["options"] if value in candidates]
        if not named:
            continue
        for value in named:
            shares = []
            for gid in pair:
                figures = block["groups"].get(gid)
                n = figures.get("n") if figures else None
                if figures is None or figures.get("suppressed") or not n:
                    continue
                shares.append(100.0 * (figures["counts"] or {}).get(value, 0) / n)
            if len(shares) == len(pair) and shares:
                mean = sum(shares) / len(shares)
                if best is None or mean > best[0]:
                    parts = [
                        T_("{share}% of {group}", share=f"{share:.0f}", group=groups[g]["label"])
                        for g, share in zip(pair, shares, strict=True)
                    ]
                    words = parts[0]
                    for part in parts[1:]:
                        words = T_("{first} and {second}", first=words, second=part)
                    best = (mean, value, T_("the groups name it most ({shares})", shares=words))
    return (best[1], best[2]) if best else None


def _widest_metric(items_of: Items) -> tuple[str, str] | None:
    best: tuple[float, str, str] | None = None
    for metric, items in items_of.items():
        for item in items:
            gap = item.get("gap")
            points = gap.get("points") if gap else None
            if gap is None or points is None or gap.get("suppressed"):
                continue
            if best is None or abs(points) > best[0]:
                reason = T_(
                    "the groups' perceptions of it differ most ({points} points)",
                    points=f"{abs(points):.0f}",
                )
                best = (abs(points), metric, reason)
    return (best[1], best[2]) if best else None


def propose(
    analysis: Analysis,
    questionnaire: Questionnaire,
    by_series: Series,
    items_of: Items,
    starts: dict[str, date],
) -> dict[str, Any] | None:
    """A proposed plan (``yaml``: the file to edit) for the reported wave, or None."""

    wave = analysis.get("wave")
    start = min(starts.values()) if wave == "all" and starts else starts.get(str(wave))
    if start is None:
        return None
    stored = {key[2] for key in by_series}
    candidates = set(KNOWN_METRICS) | set(items_of) | stored
    chosen = _choice_metric(analysis, candidates)
    if chosen is None and items_of:
        chosen = _widest_metric(items_of) or (next(iter(items_of)), N_("a question asks about it"))
    if chosen is None:
        chosen = ("rework_pct", N_("git history gives it today, with no export to set up"))
    metric, reason = chosen
    window = weeks_before(start)
    values = next((v for k, v in sorted(by_series.items()) if k[2] == metric), {})
    inside = [v for week, v in values.items() if window.holds(week)]
    measured = sum(inside) / len(inside) if inside else None
    lower = direction_of(metric, items_of.get(metric, []), questionnaire)
    value = round(measured, 2) if measured is not None else None
    target = None
    if value is not None:
        step = 1 - TARGET_STEP if lower in (True, None) else 1 + TARGET_STEP
        target = round(value * step, 2)
    info = {
        "metric": metric,
        "name": metric_name(metric),
        "reason": reason,
        "value": value,
        "target": target,
        "from": window.first.isoformat(),
        "to": (window.last + timedelta(days=6)).isoformat(),
        "due": (start + timedelta(days=DUE_DAYS)).isoformat(),
        "lower_is_better": lower,
        "wave": str(wave),
        "unit": KNOWN_METRICS[metric].unit if metric in KNOWN_METRICS else "",
    }
    info["yaml"] = plan_yaml(info, questionnaire.id)
    return info


def _text(value: str) -> str:
    """A YAML scalar for ``value`` (JSON strings are YAML), on one line, no backticks (the
    report prints the plan in a code block)."""
    return json.dumps(" ".join(value.replace("`", "'").split()), ensure_ascii=False)


def _comment(value: str) -> str:
    """Text for a YAML comment on one line, without backticks."""
    return " ".join(value.replace("`", "'").split())


def plan_yaml(info: dict[str, Any], questionnaire_id: str) -> str:
    metric = info["metric"]
    known = KNOWN_METRICS.get(metric)
    lower = info["lower_is_better"]
    direction = "higher_is_better" if lower is False else "lower_is_better"
    source = (
        "git history (survey-tui evidence git)"
        if metric in GIT_METRICS
        else "edit: the tool and filter the weekly values come from"
    )
    baseline = f"{{from: {info['from']}, to: {info['to']}}}"
    note = "the 12 weeks before the wave; nothing stored for them yet: add value:"
    if info["value"] is not None:
        baseline = f"{{value: {info['value']}, from: {info['from']}, to: {info['to']}}}"
        note = "the mean of the 12 weeks before the wave, as stored"
    target = "null" if info["target"] is None else str(info["target"])
    target_note = (
        "edit: the value that counts as success"
        if info["target"] is None
        else "edit: proposed as 10% better than the baseline"
    )
    lines = [
        f"# Success plan proposed for wave {_text(info['wave'])}: edit it, agree it, then",
        f"#   survey-tui report {questionnaire_id} --plan plan.yaml",
        f"# Why this metric: {_comment(info['reason'])}.",
        "metrics:",
        f"  - id: {metric}",
        f"    name: {_text(info['name'])}",
        f"    definition: {_text(known.definition if known else 'edit: how it is measured')}",
        f"    unit: {_text(known.unit if known else '')}",
        f"    direction: {direction}" + ("   # edit: check the direction" if lower is None else ""),
        f"    baseline: {baseline}   # {note}",
        f"    target: {target}   # {target_note}",
        f"    due: {info['due']}   # 90 days after the wave",
        '    owner: "VP Engineering"   # edit: the role accountable, not a person\'s name',
        f"    source: {_text(source)}",
        "",
    ]
    return "\n".join(lines)
