"""Inline SVG charts for the HTML report, drawn from figures the analysis already has.

No scripts, fonts or external references: each chart is plain SVG inside the HTML file, with a
text alternative (``role="img"``, ``<title>`` and ``<desc>``). Colours are the Okabe-Ito
palette (distinguishable with the common colour-vision deficiencies) and never carry meaning
alone: every mark has a shape per group and its value written beside it. Charts are drawn
400 units wide and scale to the page, so they fit a phone's width.

:func:`charts` returns every chart a context can have, by the name a template gives its text
chart (```` ```text chart NAME ````), which the HTML replaces.
"""

from __future__ import annotations

import html
import textwrap
from typing import Any

from survey_tui.core import i18n
from survey_tui.core.analysis.types import (
    Analysis,
    ConstructEntry,
    ConstructFigures,
    GroupInfo,
)
from survey_tui.core.reports.filters import short
from survey_tui.core.texts import N_, T_

WIDTH = 400
MARGIN = 12
TRACK = WIDTH - 2 * MARGIN  # 0..100 across
# Okabe-Ito: blue, vermillion, bluish green, reddish purple, orange, sky blue.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")
SHAPES = ("circle", "square", "diamond", "triangle", "circle", "square")
GLYPHS = {"circle": "\u25cf", "square": "\u25a0", "diamond": "\u25c6", "triangle": "\u25b2"}
INK = "#1b1b1b"
MUTED = "#595959"  # grey text that keeps 7:1 contrast on white
GRID = "#c8c8c8"
_CHAR = 7.2  # average width of a character at 13 px, for wrapping estimates


def esc(text: Any) -> str:
    return html.escape(str(text), quote=True)


def text(x: float, y: float, content: str, **attrs: Any) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{esc(v)}"' for k, v in attrs.items())
    return f'<text x="{x:.1f}" y="{y:.1f}"{extra}>{esc(content)}</text>'


def marker(
    shape: str, x: float, y: float, fill: str, size: float = 6.0, hollow: bool = False
) -> str:
    """A group's mark: its shape as well as its colour tells it apart."""
    paint = (
        f'fill="white" stroke="{fill}" stroke-width="2"'
        if hollow
        else (f'fill="{fill}" stroke="white" stroke-width="1"')
    )
    if shape == "square":
        s = size * 0.9
        return f'<rect x="{x - s:.1f}" y="{y - s:.1f}" width="{2 * s:.1f}" height="{2 * s:.1f}" {paint}/>'
    if shape == "diamond":
        s = size * 1.2
        points = f"{x:.1f},{y - s:.1f} {x + s:.1f},{y:.1f} {x:.1f},{y + s:.1f} {x - s:.1f},{y:.1f}"
        return f'<polygon points="{points}" {paint}/>'
    if shape == "triangle":
        s = size * 1.15
        points = f"{x:.1f},{y - s:.1f} {x + s:.1f},{y + s * 0.8:.1f} {x - s:.1f},{y + s * 0.8:.1f}"
        return f'<polygon points="{points}" {paint}/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{size:.1f}" {paint}/>'


def figure(name: str, height: float, title: str, desc: str, body: list[str], caption: str) -> str:
    """A complete chart: ``<figure>`` with the SVG (its text alternative) and a caption."""
    ident = f"chart-{name.replace(' ', '-')}"
    return (
        f'<figure class="chart"><svg role="img" aria-labelledby="{ident}-t {ident}-d" '
        f'viewBox="0 0 {WIDTH} {height:.0f}" width="{WIDTH}" height="{height:.0f}" '
        f'font-family="system-ui, sans-serif" font-size="13" fill="{INK}">'
        f'<title id="{ident}-t">{esc(title)}</title><desc id="{ident}-d">{esc(desc)}</desc>'
        + "".join(body)
        + f"</svg><figcaption>{esc(caption)}</figcaption></figure>\n"
    )


def x_of(score: float) -> float:
    return MARGIN + max(0.0, min(100.0, score)) * TRACK / 100


def groups_of(context: dict[str, Any]) -> dict[str, GroupInfo]:
    """The analysis' groups (every figure a chart draws comes from the context's analysis)."""
    analysis: Analysis = context["analysis"]
    return analysis["groups"]


def _name(context: dict[str, Any], gid: str) -> str:

    return short(groups_of(context)[gid]["label"])


def _legend(context: dict[str, Any], groups: list[str], y: float) -> tuple[list[str], float]:
    parts = []
    for index, gid in enumerate(groups):
        label = str(groups_of(context)[gid]["label"])
        parts.append(marker(SHAPES[index], MARGIN + 6, y - 4, PALETTE[index]))
        parts.append(text(MARGIN + 18, y, label))
        y += 18
    return parts, y


def _value_lines(items: list[tuple[int, str]], y: float) -> tuple[list[str], float]:
    """``(group index, "Executives 81.2")`` pieces written after their glyph, wrapped."""
    parts: list[str] = []
    line: list[tuple[int, str]] = []
    used = 0.0

    def flush(row: list[tuple[int, str]], at: float) -> None:
        spans = []
        for n, (index, words) in enumerate(row):
            gap = "" if n == 0 else "   "
            glyph = GLYPHS[SHAPES[index]]
            spans.append(f'<tspan fill="{PALETTE[index]}">{gap}{glyph}</tspan> {esc(words)}')
        parts.append(f'<text x="{MARGIN}" y="{at:.1f}">{"".join(spans)}</text>')

    for index, words in items:
        width = (len(words) + 5) * _CHAR
        if line and used + width > TRACK:
            flush(line, y)
            y += 16
            line, used = [], 0.0
        line.append((index, words))
        used += width
    if line:
        flush(line, y)
    return parts, y


def whisker(low: float, high: float, y: float, colour: str, width: float = 1.5) -> str:
    """A 95% interval: a line from ``low`` to ``high`` (x in chart units) with end caps."""
    return (
        f'<path d="M{low:.1f},{y - 3:.1f}v6M{low:.1f},{y:.1f}H{high:.1f}M{high:.1f},{y - 3:.1f}v6" '
        f'stroke="{colour}" stroke-width="{width}" fill="none"/>'
    )


def _score(figures: ConstructFigures) -> float:
    """A charted theme's score (the chart has only themes every shown group has one for)."""
    score = figures["score"]
    assert score is not None
    return float(score)


def _theme_row(
    context: dict[str, Any], theme: ConstructEntry, y: float
) -> tuple[list[str], float, str]:
    """One theme of the dumbbell chart from height ``y``: its parts, the next height, and the
    sentence that describes it."""
    groups, compare = context["groups"], context.get("compare")
    title = str((context.get("labels") or {}).get(theme["construct"], theme["construct"]))
    gap = theme.get("gap")
    points = gap.get("points") if gap else None
    published = compare and gap is not None and not gap.get("suppressed", True)
    shown = i18n.words(context.get("language"))
    apart = (
        shown(T_("{points} points apart", points=f"{abs(points or 0.0):.1f}")) if published else ""
    )
    width = TRACK - (len(apart) + 2) * _CHAR
    rows: list[str] = []
    y += 10
    for n, line in enumerate(textwrap.wrap(title, max(12, int(width / 8.2))) or [title]):
        y += 16
        rows.append(text(MARGIN, y, line, font_weight="bold", font_size="14"))
        if n == 0 and apart:
            rows.append(text(WIDTH - MARGIN, y, apart, text_anchor="end", fill=MUTED))
    y += 16
    scores = {g: _score(theme["groups"][g]) for g in groups}
    rows.append(
        f'<line x1="{x_of(0):.1f}" y1="{y:.1f}" x2="{x_of(100):.1f}" y2="{y:.1f}" '
        f'stroke="{GRID}" stroke-width="1"/>'
    )
    if compare and all(g in scores for g in compare):
        a, b = (x_of(scores[g]) for g in compare)
        rows.append(
            f'<line x1="{a:.1f}" y1="{y:.1f}" x2="{b:.1f}" y2="{y:.1f}" '
            'stroke="#9a9a9a" stroke-width="5" stroke-linecap="round"/>'
        )
    for index, gid in enumerate(groups):
        interval = theme["groups"][gid].get("ci95")
        if interval:
            low, high = x_of(interval[0]), x_of(interval[1])
            rows.append(whisker(low, high, y + 9 + 3 * index, PALETTE[index]))
    for index, gid in enumerate(groups):
        rows.append(marker(SHAPES[index], x_of(scores[gid]), y, PALETTE[index]))
    said = [f"{_name(context, g)} {scores[g]:.1f}" for g in groups]
    value_parts, y = _value_lines(list(enumerate(said)), y + 18 + 3 * len(groups))
    described = f"{title}: " + ", ".join(said) + (f" ({apart})" if apart else "")
    return rows + value_parts, y, described


def _score_axis(top: float, bottom: float) -> list[str]:
    axis = []
    for tick in (0, 25, 50, 75, 100):
        x = x_of(tick)
        axis.append(
            f'<line x1="{x:.1f}" y1="{top:.1f}" x2="{x:.1f}" y2="{bottom:.1f}" stroke="{GRID}" '
            'stroke-width="1" stroke-dasharray="2,4"/>'
        )
        anchor = "start" if tick == 0 else "end" if tick == 100 else "middle"
        axis.append(text(x, bottom + 14, str(tick), text_anchor=anchor, fill=MUTED))
    return axis


def dumbbell(context: dict[str, Any]) -> str | None:
    """Each theme on a 0-100 line: one mark per group with its 95% interval as whiskers, the
    compared pair joined by a bar (the gap), values written below. None without themes."""
    themes = context.get("chart") or []
    groups = context.get("groups") or []
    if not themes or not groups:
        return None
    body, y = _legend(context, groups, 18)
    top = y
    rows: list[str] = []
    described: list[str] = []
    for theme in themes:
        parts, y, sentence = _theme_row(context, theme, y)
        rows += parts
        described.append(sentence)
    bottom = y + 12
    shown = i18n.words(context.get("language"))
    return figure(
        "dumbbell",
        bottom + 24,
        shown(N_("Score by theme and group, 0 to 100, with 95% intervals")),
        "; ".join(described),
        body + _score_axis(top, bottom) + rows,
        shown(
            N_(
                "Each line is a theme on a 0-100 scale (100 = most favorable). Each group has "
                "its own mark and colour; the whisker under a mark is that group's 95% interval; "
                "the grey bar joins the two compared groups: its length is the gap."
            )
        ),
    )


def charts(context: dict[str, Any]) -> dict[str, str]:
    """Every chart of ``context`` by the name its text chart carries in the templates."""
    from survey_tui.core.reports.svg_more import quadrants, trend

    out: dict[str, str] = {}
    drawn = dumbbell(context)
    if drawn:
        out["dumbbell"] = drawn
    out.update(quadrants(context))
    drawn = trend(context)
    if drawn:
        out["trend"] = drawn
    return out
