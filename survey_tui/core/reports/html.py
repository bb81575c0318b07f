"""Markdown report -> one self-contained HTML file (inline CSS, no network references)."""

from __future__ import annotations

import html as html_lib
from collections.abc import Mapping
from typing import Any

# Print-friendly and readable on screen; no fonts or assets fetched from anywhere.
_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 60rem;
       margin: 1.5rem auto; padding: 0 1rem; line-height: 1.5; color: #1b1b1b;
       overflow-wrap: break-word; }
h1, h2, h3 { line-height: 1.2; } h2 { border-bottom: 1px solid #ccc; padding-bottom: .2rem; }
table { border-collapse: collapse; margin: 1rem 0; font-size: .9rem; display: block;
        max-width: 100%; overflow-x: auto; }
th, td { border: 1px solid #bbb; padding: .3rem .5rem; vertical-align: top; text-align: left; }
th { background: #f0f0f0; }
pre { background: #f6f6f6; padding: .75rem; overflow-x: auto; font-size: .85rem; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, monospace; }
blockquote { margin: 1rem 0; padding: .5rem 1rem; border-left: .4rem solid #D55E00;
             background: #fff3ea; }
ol > li { margin-bottom: .6rem; }
figure.chart { margin: 1rem 0; max-width: 32rem; }
figure.chart svg { display: block; width: 100%; height: auto; }
figcaption { font-size: .85rem; color: #555; }
@media print { body { margin: 0; max-width: none; font-size: 10pt; } h2 { break-after: avoid; }
               table { display: table; }
               table, pre, figure { break-inside: avoid; }
               * { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
"""


def _chart_name(token: Any) -> str | None:
    """``NAME`` of a ```` ```text chart NAME ```` fence, or None for any other token."""
    words = token.info.split() if token.type == "fence" else []
    return " ".join(words[2:]) if words[:2] == ["text", "chart"] else None


def to_html(markdown_text: str, title: str, charts: Mapping[str, str] | None = None) -> str:
    """``markdown_text`` rendered as a complete HTML document.

    Raw HTML in the Markdown is not passed through (``html=False``): respondent text is
    already escaped, and this keeps any HTML a template might contain inert too. ``charts``
    (inline SVG from :mod:`survey_tui.core.reports.svg`, trusted: drawn by our code) replace
    the template's plain-text charts: a code fence with the info string ``text chart NAME``
    becomes ``charts[NAME]``; a text chart without a matching SVG stays as it is.
    """
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    drawn = dict(charts or {})
    tokens = []
    for token in md.parse(markdown_text):
        if token.type == "fence" and token.info.strip() == "mermaid":
            # Mermaid needs a script to draw; the HTML (which loads nothing) leaves its source
            # out rather than showing code. The same figures are in the tables and charts.
            continue
        name = _chart_name(token)
        if name is not None and name in drawn:
            svg = Token("html_block", "", 0)
            svg.content = drawn[name]
            tokens.append(svg)
            continue
        if token.type == "table_open":
            # A wide table scrolls inside itself on a phone; a keyboard must reach it too.
            token.attrSet("tabindex", "0")
        tokens.append(token)
    body = md.renderer.render(tokens, md.options, {})
    # Code blocks scroll sideways as well (the renderer writes a bare <pre>; respondent text
    # is escaped, so this tag can only be the renderer's).
    body = body.replace("<pre>", '<pre tabindex="0">')
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html_lib.escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n"
        f"<body>\n<main>\n{body}</main>\n</body>\n</html>\n"
    )
