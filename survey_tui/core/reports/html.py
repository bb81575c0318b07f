"""Markdown report -> one self-contained HTML file (inline CSS, no network references)."""

from __future__ import annotations

import html as html_lib

# Print-friendly and readable on screen; no fonts or assets fetched from anywhere.
_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 60rem;
       margin: 2rem auto; padding: 0 1rem; line-height: 1.5; color: #1b1b1b; }
h1, h2, h3 { line-height: 1.2; } h2 { border-bottom: 1px solid #ccc; padding-bottom: .2rem; }
table { border-collapse: collapse; margin: 1rem 0; font-size: .9rem; }
th, td { border: 1px solid #bbb; padding: .3rem .5rem; vertical-align: top; text-align: left; }
th { background: #f0f0f0; }
pre { background: #f6f6f6; padding: .75rem; overflow-x: auto; font-size: .85rem; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, monospace; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; }
               table, pre { break-inside: avoid; } }
"""


def to_html(markdown_text: str, title: str) -> str:
    """``markdown_text`` rendered as a complete HTML document.

    Raw HTML in the Markdown is not passed through (``html=False``): respondent text is
    already escaped, and this keeps any HTML a template might contain inert too.
    """
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    # Mermaid needs a script to draw; the report has a plain-text chart of the same figures,
    # so the HTML (which loads nothing) leaves the Mermaid source out instead of showing code.
    tokens = [
        t
        for t in md.parse(markdown_text)
        if not (t.type == "fence" and t.info.strip() == "mermaid")
    ]
    body = md.renderer.render(tokens, md.options, {})
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html_lib.escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n"
        f"<body>\n{body}</body>\n</html>\n"
    )
