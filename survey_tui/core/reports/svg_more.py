"""The workflow quadrant (use against value) and the wave trend, as inline SVG.

Same conventions as :mod:`survey_tui.core.reports.svg`: Okabe-Ito colours, every mark named in
text, a text alternative per chart, 400 units wide.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from survey_tui.core.analysis.types import Analysis, IndexChange
from survey_tui.core.i18n import Words, words
from survey_tui.core.reports.filters import short
from survey_tui.core.reports.findings import Trend
from survey_tui.core.reports.svg import (
    _CHAR,
    GRID,
    INK,
    MARGIN,
    MUTED,
    PALETTE,
    WIDTH,
    esc,
    figure,
    groups_of,
    marker,
    text,
    whisker,
)
from survey_tui.core.reports.workflows import QuadrantRow, WorkflowMap
from survey_tui.core.texts import N_, T_

# Quadrant colours and words (the name is always written too).
_QUADRANTS = {
    "scale": ("#009E73", N_("SCALE"), N_("most use it, it helps")),
    "fix": ("#D55E00", N_("FIX"), N_("most use it, it does not help")),
    "stop": ("#000000", N_("STOP"), N_("few use it, it does not help")),
    "ignore": ("#0072B2", N_("IGNORE"), N_("few use it, it helps them")),
}
_LEFT = 44  # room for the value axis
_PLOT = WIDTH - _LEFT - 16


def _place_labels(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """A spot (text baseline) for each point's number that overlaps no other number and no
    other mark: the first free of eight positions around the point, further out each ring."""
    labels: list[tuple[float, float]] = []  # centres of numbers placed so far
    spots: list[tuple[float, float]] = []
    for own, (px, py) in enumerate(points):
        chosen = (px + 12, py + 4)
        for ring in (1, 2, 3, 4):
            free = None
            for angle in range(0, 360, 45):
                x = px + math.cos(math.radians(angle)) * 12 * ring
                y = py + math.sin(math.radians(angle)) * 12 * ring
                clear_of_labels = all(abs(x - lx) >= 13 or abs(y - ly) >= 13 for lx, ly in labels)
                clear_of_marks = all(
                    math.hypot(x - mx, y - my) >= 10
                    for n, (mx, my) in enumerate(points)
                    if n != own
                )
                if clear_of_labels and clear_of_marks:
                    free = (x, y)
                    break
            if free is not None:
                chosen = (free[0], free[1] + 4)
                break
        labels.append((chosen[0], chosen[1] - 4))
        spots.append(chosen)
    return spots


_TOP = 16  # the quadrant's plot starts this far down


def _at(use: float, value: float) -> tuple[float, float]:
    """A workflow's point in the quadrant: use across, value up."""
    return _LEFT + use * _PLOT / 100, _TOP + (100 - value) * _PLOT / 100


def _quadrant_frame(group: str, shown: Words) -> list[str]:
    """The plot, its split at 50/50, the four names in their corners and the axes."""
    x50, y50 = _at(50, 50)
    body = [
        f'<rect x="{_LEFT}" y="{_TOP}" width="{_PLOT}" height="{_PLOT}" fill="#f7f7f7" '
        f'stroke="{GRID}"/>'
        f'<line x1="{x50:.1f}" y1="{_TOP}" x2="{x50:.1f}" y2="{_TOP + _PLOT}" stroke="{MUTED}" '
        'stroke-dasharray="4,3"/>'
        f'<line x1="{_LEFT}" y1="{y50:.1f}" x2="{_LEFT + _PLOT}" y2="{y50:.1f}" '
        f'stroke="{MUTED}" stroke-dasharray="4,3"/>'
    ]
    corners = {
        "ignore": (_LEFT + 6, _TOP + 16, "start"),
        "scale": (_LEFT + _PLOT - 6, _TOP + 16, "end"),
        "stop": (_LEFT + 6, _TOP + _PLOT - 8, "start"),
        "fix": (_LEFT + _PLOT - 6, _TOP + _PLOT - 8, "end"),
    }
    for key, (x, y, anchor) in corners.items():
        colour, word, _ = _QUADRANTS[key]
        body.append(text(x, y, shown(word), fill=colour, font_weight="bold", text_anchor=anchor))
    for tick in (0, 50, 100):
        tx, ty = _at(tick, tick)
        anchor = "end" if tick == 100 else "middle"
        body.append(text(tx, _TOP + _PLOT + 14, f"{tick}%", text_anchor=anchor, fill=MUTED))
        body.append(text(_LEFT - 6, ty + 4, str(tick), text_anchor="end", fill=MUTED))
    across = shown(T_("Use: share of {group} who rated it", group=group))
    body.append(text(_LEFT + _PLOT / 2, _TOP + _PLOT + 30, across, text_anchor="middle"))
    up = shown(T_("Value: {group} score", group=group))
    body.append(
        f'<text transform="translate(12 {_TOP + _PLOT / 2:.0f}) rotate(-90)" '
        f'text-anchor="middle">{esc(up)}</text>'
    )
    return body


def _numbered_points(rows: list[QuadrantRow]) -> list[str]:
    """Each workflow's mark in its quadrant's colour, and its number beside it."""
    points = [_at(r["use"], r["value"]) for r in rows]
    body = [
        marker("circle", px, py, _QUADRANTS[row["quadrant"]][0], size=5)
        for (px, py), row in zip(points, rows, strict=True)
    ]
    for index, ((lx, ly), (px, py)) in enumerate(zip(_place_labels(points), points, strict=True)):
        if math.hypot(lx - px, ly - 4 - py) > 14:
            body.append(
                f'<line x1="{px:.1f}" y1="{py:.1f}" x2="{lx:.1f}" y2="{ly - 4:.1f}" '
                f'stroke="{MUTED}" stroke-width="0.8"/>'
            )
        body.append(text(lx, ly, str(index + 1), text_anchor="middle", font_weight="bold"))
    return body


def quadrant(context: dict[str, Any], workflow_map: WorkflowMap, name: str) -> str:
    """One scorecard's workflows: use (x) against value (y), split at 50 and 50, each point
    numbered and listed below with its figures and its quadrant in words."""

    group = short(groups_of(context)[workflow_map["group"]]["label"])
    rows = workflow_map["rows"]
    shown = words(context.get("language"))
    body = _quadrant_frame(group, shown) + _numbered_points(rows)
    y = _TOP + _PLOT + 54
    listed = []
    for index, row in enumerate(rows):
        colour, word = _QUADRANTS[row["quadrant"]][0], shown(_QUADRANTS[row["quadrant"]][1])
        line = shown(
            T_(
                "{workflow}: {use}% use, scores {score}",
                workflow=row["label"],
                use=f"{row['use']:.0f}",
                score=f"{row['value']:.1f}",
            )
        )
        body.append(
            f'<text x="{MARGIN}" y="{y:.1f}"><tspan font-weight="bold">{index + 1}</tspan> '
            f'{esc(line)} <tspan fill="{colour}" font-weight="bold">{word}</tspan></text>'
        )
        listed.append(f"{index + 1} {line}: {word.lower()}")
        y += 17
    return figure(
        name,
        y,
        shown(T_("Workflows by use and value ({group})", group=group)),
        "; ".join(listed),
        body,
        shown(
            T_(
                "Each numbered point is a workflow: across, the share of {group} who rated it; "
                "up, their score (0-100). Scale: most use it and it helps. Fix: most use it and "
                "it does not help. Stop: few use it and it does not help. Ignore: few use it and "
                "it helps them.",
                group=group,
            )
        ),
    )


def quadrants(context: dict[str, Any]) -> dict[str, str]:
    maps = (context.get("findings") or {}).get("workflows") or []
    return {
        f"quadrant {index}": quadrant(context, m, f"quadrant {index}")
        for index, m in enumerate(maps, start=1)
    }


@dataclass(frozen=True)
class _Line:
    """One line of the trend chart: the index or a theme's gap, then and now."""

    label: str
    before: float
    now: float
    significant: bool
    ci_before: list[float] | None = None
    ci_now: list[float] | None = None


def _trend_lines(context: dict[str, Any], index: IndexChange) -> list[_Line]:
    analysis: Analysis = context["analysis"]
    labels = context.get("labels") or {}
    lines = [
        _Line(
            words(context.get("language"))(N_("Expectation Gap Index")),
            index["before"],
            index["now"],
            index["significant"],
            index.get("before_ci95"),
            analysis.get("expectation_gap_index_ci95"),
        )
    ]
    for entry in analysis["constructs"]:
        change = entry.get("change")
        if change:
            label = str(labels.get(entry["construct"], entry["construct"]))
            lines.append(
                _Line(label, change["points_before"], change["points_now"], change["significant"])
            )
    return lines


def _arrow(start: float, end: float, y: float) -> list[str]:
    """Hollow mark then, filled mark now, an arrow between when they are apart."""
    parts = []
    if abs(end - start) > 8:
        tip = end + (6 if end < start else -6)
        parts.append(
            f'<line x1="{start:.1f}" y1="{y:.1f}" x2="{tip:.1f}" y2="{y:.1f}" '
            f'stroke="{PALETTE[0]}" stroke-width="2"/>'
            f'<path d="M{tip:.1f},{y - 4:.1f}L{end:.1f},{y:.1f}L{tip:.1f},{y + 4:.1f}" '
            f'fill="{PALETTE[0]}"/>'
        )
    parts.append(marker("circle", start, y, INK, size=5, hollow=True))
    parts.append(marker("circle", end, y, PALETTE[0], size=5))
    return parts


def _gap_axis(low: float, high: float, top: float, bottom: float, x_at: Any) -> list[str]:
    axis = []
    step = 10 if high - low <= 60 else 20
    tick = low
    while tick <= high:
        x = x_at(tick)
        axis.append(
            f'<line x1="{x:.1f}" y1="{top:.1f}" x2="{x:.1f}" y2="{bottom:.1f}" '
            f'stroke="{MUTED if tick == 0 else GRID}" stroke-width="1" '
            f'stroke-dasharray="{"" if tick == 0 else "2,4"}"/>'
        )
        anchor = "start" if tick == low else "end" if tick + step > high else "middle"
        shown = f"{tick:+.0f}" if tick else "0"
        axis.append(text(x, bottom + 14, shown, text_anchor=anchor, fill=MUTED))
        tick += step
    return axis


@dataclass(frozen=True)
class _Scale:
    """The trend's value axis, ``low`` to ``high`` in points: called with a value, its x."""

    low: float
    high: float

    @classmethod
    def fitting(cls, lines: list[_Line]) -> _Scale:
        """Whole tens that hold 0 and every mark and whisker of ``lines``."""
        values = [
            v
            for ln in lines
            for v in (ln.before, ln.now, *(ln.ci_before or []), *(ln.ci_now or []))
        ]
        low = min(0.0, math.floor(min(values) / 10) * 10)
        high = max(0.0, math.ceil(max(values) / 10) * 10) or 10.0
        return cls(low, high)

    def __call__(self, value: float) -> float:
        return MARGIN + (value - self.low) * (WIDTH - 2 * MARGIN) / (self.high - self.low)


def _trend_legend(shown: Words, then: str, now: str) -> list[str]:
    """The key on top: a hollow mark for the baseline wave, a filled one for this wave."""
    first = shown(T_("{wave} (before)", wave=then))
    second_x = MARGIN + 40 + len(first) * _CHAR
    return [
        marker("circle", MARGIN + 6, 14, INK, hollow=True),
        text(MARGIN + 16, 18, first),
        marker("circle", second_x, 14, PALETTE[0]),
        text(second_x + 10, 18, shown(T_("{wave} (now)", wave=now))),
    ]


def _trend_row(
    line: _Line, is_index: bool, shown: Words, x_at: _Scale, y: float
) -> tuple[list[str], str, float]:
    """One line of the chart below ``y``: its name, figures and verdict, whiskers and arrow.

    Returns the marks, the line's text alternative and the y its marks are drawn at.
    """
    y += 22
    verdict = shown(N_("more than noise") if line.significant else N_("within noise"))
    sign = "" if is_index else "+"  # the index is a distance; a theme's gap has a sign
    said = f"{line.before:{sign}.1f} \u2192 {line.now:{sign}.1f}, {verdict}"
    body = [text(MARGIN, y, line.label, font_weight="bold" if is_index else "normal")]
    if (len(line.label) + 2) * (_CHAR + 0.8) + len(said) * _CHAR > WIDTH - 2 * MARGIN:
        y += 17  # no room on one line: the figures go under the name
    shade = INK if line.significant else MUTED
    body.append(text(WIDTH - MARGIN, y, said, text_anchor="end", fill=shade))
    y += 14
    for interval, offset, colour in ((line.ci_before, -5, INK), (line.ci_now, 5, PALETTE[0])):
        if interval:
            body.append(whisker(x_at(interval[0]), x_at(interval[1]), y + offset, colour, 1))
    body += _arrow(x_at(line.before), x_at(line.now), y)
    described = T_(
        "{label}: {before} then, {now} now ({verdict})",
        label=line.label,
        before=f"{line.before:{sign}.1f}",
        now=f"{line.now:{sign}.1f}",
        verdict=verdict,
    )
    return body, shown(described), y


def trend(context: dict[str, Any]) -> str | None:
    """The gap in the baseline wave and now: the index (with both waves' intervals) and each
    theme, a hollow mark then, a filled one now, an arrow between."""
    found: Trend | None = (context.get("findings") or {}).get("trend")
    index = found.get("index") if found else None
    if not found or not index:
        return None
    lines = _trend_lines(context, index)
    x_at = _Scale.fitting(lines)
    shown = words(context.get("language"))
    then, now = found["baseline"], context["analysis"].get("wave") or shown(N_("now"))
    body = _trend_legend(shown, then, now)
    y = top = 26.0
    described = []
    for n, line in enumerate(lines):
        marks, said, y = _trend_row(line, n == 0, shown, x_at, y)
        body += marks
        described.append(said)
    bottom = y + 12
    return figure(
        "trend",
        bottom + 24,
        shown(T_("The gap in {then} and in {now}", then=then, now=now)),
        "; ".join(described),
        _gap_axis(x_at.low, x_at.high, top, bottom, x_at) + body,
        shown(
            T_(
                "Each line is the index or a theme's gap (points, first compared group minus the "
                "second): hollow mark {then}, filled mark {now}. Whiskers on the index: each "
                "wave's 95% interval. 'More than noise': the change's own 95% interval excludes 0.",
                then=then,
                now=now,
            )
        ),
    )
