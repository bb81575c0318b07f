"""Inline SVG bar charts for the HTML report, drawn from figures the analysis already has.

No scripts, fonts or external references: the chart is plain SVG inside the HTML file, and
every bar carries its group name and value as text, so it reads without colour (and prints in
black and white).
"""

from __future__ import annotations

import html
import textwrap
from typing import Any

# Distinct fills that stay distinguishable in greyscale print (light to dark).
_FILLS = ("#4c78a8", "#f2a541", "#6b8e23", "#9467bd", "#8c564b", "#17becf")
_WIDTH = 720
_LABEL_W = 270  # group name column
_BAR_X = 280
_BAR_W = 340  # 100 points
_ROW = 20
_TITLE_CHARS = 95


def _text(x: float, y: float, content: str, **attrs: str) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{v}"' for k, v in attrs.items())
    return f'<text x="{x:.0f}" y="{y:.0f}"{extra}>{html.escape(content)}</text>'


def group_scores_chart(context: dict[str, Any]) -> str | None:
    """Horizontal bars of each shown group's score (0-100) per theme, or None if none to draw.

    ``context`` is :func:`build_context`'s dict: ``chart`` (themes every shown group has a
    score for), ``groups``, ``labels`` and the group labels in ``analysis``. Values are
    formatted like the Markdown report (1 decimal); nothing is computed but bar lengths.
    """
    themes = context.get("chart") or []
    groups = context.get("groups") or []
    if not themes or not groups:
        return None
    names = {g: str(context["analysis"]["groups"][g]["label"]) for g in groups}
    labels = context.get("labels") or {}
    parts: list[str] = []
    y = 8
    for theme in themes:
        title = str(labels.get(theme["construct"], theme["construct"]))
        for line in textwrap.wrap(title, _TITLE_CHARS) or [title]:
            y += 18
            parts.append(_text(0, y, line, font_weight="bold", font_size="13"))
        y += 6
        for index, gid in enumerate(groups):
            score = float(theme["groups"][gid]["score"])
            value = f"{score:.1f}"
            length = max(0.0, min(100.0, score)) * _BAR_W / 100
            fill = _FILLS[index % len(_FILLS)]
            name = names[gid]
            short = name if len(name) <= 42 else name[:41] + "\u2026"
            parts.append(_text(0, y + 14, short, font_size="12"))
            parts.append(
                f'<rect x="{_BAR_X}" y="{y + 3}" width="{length:.1f}" height="{_ROW - 6}" '
                f'fill="{fill}"><title>{html.escape(f"{name}: {value}")}</title></rect>'
            )
            parts.append(_text(_BAR_X + length + 6, y + 14, value, font_size="12"))
            y += _ROW
        y += 6
    axis_top = 8
    ticks = []
    for tick in (0, 25, 50, 75, 100):
        x = _BAR_X + tick * _BAR_W / 100
        ticks.append(
            f'<line x1="{x:.0f}" y1="{axis_top}" x2="{x:.0f}" y2="{y}" stroke="#ccc" '
            'stroke-width="1" stroke-dasharray="2,3"/>'
        )
        ticks.append(_text(x, y + 14, str(tick), font_size="11", text_anchor="middle"))
    height = y + 22
    described = "Scores by theme and group, 0 to 100: " + "; ".join(
        f"{labels.get(t['construct'], t['construct'])}: "
        + ", ".join(f"{names[g]} {float(t['groups'][g]['score']):.1f}" for g in groups)
        for t in themes
    )
    return (
        f'<figure class="chart"><svg role="img" '
        f'viewBox="0 0 {_WIDTH} {height}" width="{_WIDTH}" height="{height}" '
        'font-family="system-ui, sans-serif" fill="#1b1b1b">'
        f"<title>{html.escape(described)}</title>"
        + "".join(ticks)
        + "".join(parts)
        + "</svg><figcaption>Score by theme and group (0 = least favorable, 100 = most "
        "favorable). Each bar is labelled with its group and value.</figcaption></figure>\n"
    )
