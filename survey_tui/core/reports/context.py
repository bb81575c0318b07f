"""What a template sees: the analysis dict plus selections made from it (never new figures)."""

from __future__ import annotations

from typing import Any

from survey_tui.core.reports.filters import human


def _gap_size(entry: dict[str, Any]) -> float:
    gap = entry.get("gap") or {}
    points = gap.get("points")
    return abs(points) if points is not None and not gap.get("suppressed") else -1.0


def build_context(analysis: dict[str, Any], **extra: Any) -> dict[str, Any]:
    """The template context for ``analysis`` (the dict of ``core.analysis.analyze``).

    Keys: ``analysis`` (unchanged), ``groups`` (ids of groups at or above the anonymity
    threshold, in questionnaire order: the only groups a template may show), ``withheld``
    (how many groups are below it; never which), ``compare`` (the pair, or None),
    ``widest`` (up to 3 constructs with unsuppressed gaps, widest first), ``scorecards``
    (list, possibly empty), ``rows`` (scorecard rows by key), ``comments`` (comment blocks
    restricted to shown groups, without empty ones), ``chart`` (constructs every
    shown group has a score for), ``labels`` (construct -> display name),
    ``metrics`` (items of
    the ``metrics`` construct with a gap, widest first), ``minimum`` (min_group_size).
    """
    groups = [gid for gid, info in analysis["groups"].items() if not info["suppressed"]]
    compare = analysis.get("compare")
    if compare and not all(g in groups for g in compare):
        # A compare group below the threshold: its gaps are withheld, so no pair to show.
        compare = None
    constructs = [c for c in analysis["constructs"] if _gap_size(c) >= 0]
    widest = sorted(constructs, key=_gap_size, reverse=True)[:3] if compare else []
    scorecards = analysis.get("scorecards") or (
        [analysis["scorecard"]] if analysis.get("scorecard") else []
    )
    rows = {row["key"]: row for card in scorecards for row in card["rows"]}
    # Items of a "metrics" construct (delivery figures leadership tracks), widest gap first.
    metrics = sorted(
        (i for i in analysis["items"] if i.get("construct") == "metrics" and _gap_size(i) >= 0),
        key=_gap_size,
        reverse=True,
    )
    # Themes every shown group has a score for: the chart draws no bar for a withheld figure.
    chart = [
        c for c in analysis["constructs"] if all(not c["groups"][g]["suppressed"] for g in groups)
    ]
    # Display names of constructs: a question that is its own construct is named by its text.
    labels = {c["construct"]: human(c["construct"]) for c in analysis["constructs"]}
    own = {i["question"]: i.get("label") for i in analysis["items"]}
    own.update({card["question"]: card.get("label") for card in scorecards})
    for name in labels:
        if own.get(name):
            labels[name] = str(own[name])
    comments = []
    for block in analysis.get("comments", []):
        shown = {g: block["groups"][g] for g in groups if block["groups"].get(g)}
        if shown:
            comments.append({**block, "groups": shown})
    return {
        "analysis": analysis,
        "groups": groups,
        "withheld": len(analysis["groups"]) - len(groups),
        "compare": compare,
        "widest": widest,
        "scorecards": scorecards,
        "rows": rows,
        "comments": comments,
        "chart": chart,
        "labels": labels,
        "metrics": metrics if compare else [],
        "minimum": analysis["min_group_size"],
        **extra,
    }
