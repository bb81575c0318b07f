"""What a template sees: the analysis dict plus selections made from it (never new figures)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from survey_tui.core.analysis.types import Analysis, Entry, ItemEntry, LanguageSummary
from survey_tui.core.analysis.types_extras import CommentBlock, InterviewNote
from survey_tui.core.evidence.report_context import no_evidence
from survey_tui.core.reports import capacity as cap
from survey_tui.core.reports import findings as fx
from survey_tui.core.reports.filters import human
from survey_tui.core.reports.textthemes import text_themes
from survey_tui.core.reports.workflows import layers, workflow_maps
from survey_tui.core.texts import N_

#: A comment block or interview note with identical answers folded: ``groups: {gid: [{text,
#: count}]}`` (template context, like the rest of :func:`build_context`'s selections).
Folded = dict[str, Any]


def _gap_size(entry: Entry) -> float:
    gap = entry.get("gap")
    if not gap:
        return -1.0
    points = gap.get("points")
    return abs(points) if points is not None and not gap.get("suppressed") else -1.0


def _quotes(comments: Sequence[CommentBlock | InterviewNote]) -> list[Folded]:
    """Comment blocks with identical answers folded: ``groups: {gid: [{text, count}]}``.

    Identical sentences (common with short answers) are listed once with how many gave them,
    most frequent first, so a reader sees what is said often without reading it ten times.
    """
    out = []
    for block in comments:
        groups: dict[str, list[dict[str, Any]]] = {}
        for gid, texts in block["groups"].items():
            counts: dict[str, int] = {}
            for text in texts:
                counts[text] = counts.get(text, 0) + 1
            ordered = sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))
            groups[gid] = [{"text": text, "count": count} for text, count in ordered]
        out.append({**block, "groups": groups})
    return out


def _digest(
    analysis: Analysis,
    groups: list[str],
    quotes: list[Folded],
    labels: dict[str, str],
) -> list[dict[str, Any]]:
    """Interview material by theme (construct, else guide section), in questionnaire order.

    ``groups``: the groups that may be quoted. Each theme: ``title``, ``construct`` (the
    analysis' construct entry when the theme is a construct with items, else None), ``items``
    (its scaled items), ``answers`` (text answers, folded like ``quotes``) and ``notes``
    (interviewer notes folded the same way); only ``groups``, and themes with nothing to show
    are left out.
    """
    interviews = analysis.get("interviews")
    notes = _quotes(
        [
            {**block, "groups": {g: block["groups"][g] for g in groups if g in block["groups"]}}
            for block in (interviews.get("notes", []) if interviews else [])
        ]
    )
    out = []
    for theme in interviews.get("themes", []) if interviews else []:
        asked = set(theme["questions"])
        items = [i for i in analysis["items"] if i["question"].split(".", 1)[0] in asked]
        answers = [
            {**b, "groups": {g: b["groups"][g] for g in groups if g in b["groups"]}}
            for b in quotes
            if b["question"] in asked and any(g in b["groups"] for g in groups)
        ]
        said = [b for b in notes if b["theme"] == theme["theme"] and b["groups"]]
        if not (items or answers or said):
            continue
        title = theme["title"] or labels.get(theme["theme"]) or human(theme["theme"])
        construct = next(
            (c for c in analysis["constructs"] if c["construct"] == theme["theme"] and items), None
        )
        out.append(
            {
                "title": title,
                "construct": construct,
                "items": items,
                "answers": answers,
                "notes": said,
            }
        )
    return out


def _findings(
    analysis: Analysis,
    groups: list[str],
    compare: list[str] | None,
    options: fx.ReportOptions,
) -> dict[str, Any]:
    """The first screen and the derived sections (see :mod:`findings`), all selections of
    published figures or constants times them."""
    single = analysis.get("compare") is None
    heads = fx.headcounts(analysis, options)
    maps = workflow_maps(analysis, groups)
    minimum = analysis["min_group_size"]
    themed = [text_themes(block, groups, minimum) for block in analysis.get("comments", [])]
    return {
        "headline": fx.headline(analysis, compare),
        # Of the compared pair, the group answering time questions for itself.
        "reporter": fx.reporter_of(analysis, compare) if compare else None,
        "trend": fx.trend(analysis, compare),
        "actions": fx.actions(analysis, compare, maps, options, single),
        "participants": fx.participation(analysis, groups, heads),
        "capacity": cap.capacity(analysis, groups, heads, options.hourly_cost),
        "hourly_cost": options.hourly_cost,
        "workflows": maps,
        "layers": layers(analysis, groups, compare),
        "text_themes": [t for t in themed if t is not None],
        "benchmark": fx.BENCHMARK,
        "comparisons": fx.comparisons(analysis),
        "assumptions": {
            "days_per_week": cap.WORKING_DAYS_PER_WEEK,
            "fte_hours": cap.FTE_HOURS_PER_WEEK,
            "weeks_per_year": cap.WORKING_WEEKS_PER_YEAR,
        },
    }


def _read_differently(items: list[ItemEntry], groups: list[str]) -> list[dict[str, Any]]:
    """Items whose scores differ by the language answered in, within a shown group: the item
    and, per such group, its by-language block (figures per language, comparisons); a block
    is there only when every language slice of the group is published (docs/statistics.md)."""
    found = []
    for item in items:
        blocks = item.get("by_language") or {}
        shown = {g: blocks[g] for g in groups if g in blocks and blocks[g].get("differs")}
        if shown:
            found.append({"item": item, "groups": shown})
    return found


def _language_names(summary: LanguageSummary | None, language: str | None) -> dict[str, str]:
    """Each language of the analysis by its name in the report's ``language`` ("German",
    "Deutsch"; English without one); the tag itself where Babel does not know it."""
    if not summary:
        return {}
    from babel import Locale, UnknownLocaleError

    names = {}
    for tag in [*summary["declared"], *summary["responses"]]:
        try:
            shown_in = Locale.parse(language or "en", sep="-")
            names[tag] = Locale.parse(tag, sep="-").get_display_name(shown_in) or tag
        except (ValueError, UnknownLocaleError, TypeError):
            names[tag] = tag
    return names


def _shown_groups(analysis: Analysis) -> tuple[list[str], list[str] | None]:
    """The groups a template may show (at or above the anonymity threshold) and the compared
    pair (None when a group of it is below the threshold): the pair first, then
    questionnaire order."""
    groups = [gid for gid, info in analysis["groups"].items() if not info["suppressed"]]
    compare = analysis.get("compare")
    if compare and not all(g in groups for g in compare):
        # A compare group below the threshold: its gaps are withheld, so no pair to show.
        compare = None
    if compare:
        # The compared pair first, in the order of the gap (a minus b), so every table reads
        # left to right the way the gap is defined.
        groups = [*compare, *(g for g in groups if g not in compare)]
    return groups, compare


def _about(analysis: Analysis) -> dict[str, Any]:
    """``topic`` (what the questionnaire is about, or None: neutral words), ``about_ai``,
    ``subject`` (the topic, or a neutral phrase) and ``synthetic`` (demo records)."""
    topic = analysis["questionnaire"].get("topic")
    return {
        "topic": topic,
        "about_ai": topic is not None and re.search(r"\bAI\b", str(topic)) is not None,
        "subject": topic or N_("the subject of this survey"),
        "synthetic": bool(analysis.get("synthetic")),
    }


def _by_kind(items: list[ItemEntry]) -> dict[str, list[ItemEntry]]:
    """Items by what they are (docs/statistics.md): ``scored`` (scores on 0-100 that form
    themes), ``awareness`` (each group asked its own question), ``numbers`` (own units)."""
    return {
        "scored": [i for i in items if i.get("kind") not in ("number", "awareness")],
        "awareness": [i for i in items if i.get("kind") == "awareness"],
        "numbers": [i for i in items if i.get("kind") == "number"],
    }


def _by_gap(analysis: Analysis, groups: list[str], compare: list[str] | None) -> dict[str, Any]:
    """``widest`` (up to 3 constructs with published gaps, widest first), ``by_width`` (every
    such construct, widest first), ``metrics`` (items of the ``metrics`` construct with a
    published gap, widest first) and ``chart`` (constructs every shown group has a score
    for); without a pair there is no gap to order by."""
    constructs = [c for c in analysis["constructs"] if _gap_size(c) >= 0]
    by_width = sorted(constructs, key=_gap_size, reverse=True) if compare else []
    # Items of a "metrics" construct (delivery figures leadership tracks), widest gap first.
    metrics = sorted(
        (i for i in analysis["items"] if i.get("construct") == "metrics" and _gap_size(i) >= 0),
        key=_gap_size,
        reverse=True,
    )
    return {
        "widest": by_width[:3],
        "by_width": by_width,
        "metrics": metrics if compare else [],
        # The chart draws no bar for a withheld figure.
        "chart": [
            c
            for c in analysis["constructs"]
            if all(not c["groups"][g]["suppressed"] for g in groups)
        ],
    }


def _labels(analysis: Analysis) -> dict[str, str]:
    """Display names of constructs: a question that is its own construct is named by its
    text."""
    labels = {c["construct"]: human(c["construct"]) for c in analysis["constructs"]}
    own = {i["question"]: i.get("label") for i in analysis["items"]}
    # A matrix keeps its construct name ("Workflows"): its text is a question to answer row by
    # row, not a theme name.
    for name in labels:
        if own.get(name):
            labels[name] = str(own[name])
    return labels


def _quoted(analysis: Analysis, groups: list[str], labels: dict[str, str]) -> dict[str, Any]:
    """What a template may quote (``analysis`` holds only quotable comments): ``comments``
    (comment blocks restricted to shown groups, without empty ones), ``quotes`` (the same,
    identical answers folded into ``{text, count}``), ``digest`` (interview material by
    theme, see :func:`_digest`), ``interviews`` (the analysis' interview figures),
    ``interviewed`` (shown groups with at least ``minimum`` interviews) and
    ``interviews_recorded`` (interviews over every group, withheld ones included)."""
    comments: list[CommentBlock] = []
    for block in analysis.get("comments", []):
        shown = {g: block["groups"][g] for g in groups if block["groups"].get(g)}
        if shown:
            comments.append({**block, "groups": shown})
    quotes = _quotes(comments)
    interviews = analysis.get("interviews")
    interview_counts = interviews.get("n", {}) if interviews else {}
    # Groups with enough interviews; when there are any, the digest quotes only them.
    interviewed = [g for g in groups if interview_counts.get(g, 0) >= analysis["min_group_size"]]
    return {
        "comments": comments,
        "quotes": quotes,
        "digest": _digest(analysis, interviewed or groups, quotes, labels),
        "interviews": interviews or {},
        "interviewed": interviewed,
        "interviews_recorded": sum(interview_counts.values()),
    }


def _languages(analysis: Analysis, groups: list[str], language: str | None) -> dict[str, Any]:
    """``languages`` (the analysis' language summary, None for a one-language
    questionnaire), ``language_names`` (tag -> its name in ``language``, the report's:
    English without one) and ``read_differently`` (see :func:`_read_differently`)."""
    return {
        "languages": analysis.get("languages"),
        "language_names": _language_names(analysis.get("languages"), language),
        "read_differently": _read_differently(analysis["items"], groups),
    }


def build_context(
    analysis: Analysis,
    options: fx.ReportOptions | None = None,
    language: str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """The template context for ``analysis`` (the dict of ``core.analysis.analyze``); its keys
    are listed in docs/interfaces.md and described by the helpers that make them.

    ``groups`` (see :func:`_shown_groups`) are the only groups a template may show;
    ``withheld`` says how many are below the threshold, never which, and ``recorded`` counts
    the complete responses over every group, so that with no group shown a template can say
    how many are in as one total that names no group. ``single_group``: the questionnaire
    compares no pair. ``findings`` (see :func:`_findings`) and the derived keys use
    ``options`` (what the consultant told the report). Answers to ``quote: false`` questions
    are counted into themes and removed from everything else, ``analysis.comments`` included.
    """
    options = options or fx.ReportOptions()
    groups, compare = _shown_groups(analysis)
    labels = _labels(analysis)
    found = _findings(analysis, groups, compare, options)
    # Never quoted: the figures above counted them; nothing below may show them.
    quotable = [b for b in analysis.get("comments", []) if b.get("quote", True)]
    analysis = {**analysis, "comments": quotable}
    scorecards = analysis.get("scorecards") or []
    return {
        "analysis": analysis,
        "findings": found,
        **_about(analysis),
        **_by_kind(analysis["items"]),
        "groups": groups,
        "withheld": len(analysis["groups"]) - len(groups),
        "compare": compare,
        # No pair at all (one group): there is nothing to compare, and nothing was withheld.
        "single_group": analysis.get("compare") is None,
        **_by_gap(analysis, groups, compare),
        "scorecards": scorecards,  # possibly empty
        "rows": {row["key"]: row for card in scorecards for row in card["rows"]},
        **_quoted(analysis, groups, labels),
        "labels": labels,
        "minimum": analysis["min_group_size"],
        "recorded": sum(info["n"] for info in analysis["groups"].values()),
        **_languages(analysis, groups, language),
        **no_evidence(),  # evidence, success_plan: the report command passes them (extra)
        "language": language,  # the report's: its words (core/reports/render.py)
        **extra,
    }
