"""Light rendering of the simple Markdown that welcome texts use, drawn like Textual's Markdown.

Textual's ``Markdown`` widget imports markdown-it (~30 ms), parses asynchronously and mounts
one widget per block, list item and bullet; on the welcome screen that was ~100 ms of the
respondent's wait. Descriptions and consents are nearly always paragraphs and ``-`` lists
with ``**bold**`` and ``*italic*``: :func:`markdown_block` draws those with one widget,
laid out exactly as the ``Markdown`` widget lays them out (same padding, bullets, hanging
indent, blank lines), and hands anything else (headings, links, code, nesting, HTML,
escapes...) to the real ``Markdown`` widget, so nothing authored is ever drawn wrongly.
"""

from __future__ import annotations

import re
from typing import Any

from textual.content import Content, Span
from textual.strip import Strip
from textual.widget import Widget

# Anything that could be more than paragraphs, "- " lists, bold and italic: let Markdown do it
# (links, code, HTML, entities, escapes, tables, headings, linkified URLs, underscores).
_SPECIAL = re.compile(r"[`\[\]<>#\\|~!_&@=]|://|\w\.\w")
# Lines that open some other block: ordered lists, other bullets, quotes, rules, headings.
_BLOCKY = re.compile(r"^\s*(\d+[.)](\s|$)|[*+>](\s|$)|-\s*$|[-*_=]{3,})", re.M)
_EMPHASIS = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|\*(?=\S)([^*]+?)(?<=\S)\*")
BULLET = "• "  # Textual's first-level bullet

Block = tuple[str, list[Content]]  # ("p", [text]) or ("ul", [item, ...])


def _inline(text: str) -> Content | None:
    """Paragraph text as Content (bold and italic spans), or None if it is not that simple."""
    text = re.sub(r"\s+", " ", text.strip())
    plain: list[str] = []
    spans: list[Span] = []
    position = 0
    last = 0
    for match in _EMPHASIS.finditer(text):
        before = text[last : match.start()]
        inner = match.group(1) if match.group(1) is not None else match.group(2)
        if "*" in inner:
            return None  # nested emphasis
        plain.append(before)
        position += len(before)
        spans.append(Span(position, position + len(inner), "bold" if match.group(1) else "italic"))
        plain.append(inner)
        position += len(inner)
        last = match.end()
    plain.append(text[last:])
    joined = "".join(plain)
    if "*" in joined:
        return None  # an unmatched or intra-word star: Markdown's rules are subtler
    return Content(joined, spans=spans)


def parse_simple(source: str) -> list[Block] | None:
    """The blocks of ``source`` if it is only paragraphs and flat "- " lists, else None."""
    if _SPECIAL.search(source) or _BLOCKY.search(source) or "\t" in source:
        return None
    groups: list[list[str]] = [[]]
    for line in source.splitlines():
        if line.endswith("  "):
            return None  # a hard line break
        if line.strip():
            groups[-1].append(line)
        elif groups[-1]:
            groups.append([])
    blocks: list[Block] = []
    for group in (g for g in groups if g):
        is_list = group[0].startswith("- ")
        if blocks and is_list and blocks[-1][0] == "ul":
            return None  # a loose list (blank lines between items)
        items: list[list[str]] = []
        for line in group:
            if is_list and line.startswith("- "):
                items.append([line[2:]])
            elif line.lstrip().startswith("- "):
                return None  # a list right after a paragraph line, or a nested list
            elif not is_list and line.startswith(" "):
                return None  # indented code, or an indent whose meaning is subtler
            elif items:
                items[-1].append(line)  # a continuation line of the paragraph or item
            else:
                items.append([line])
        if not is_list:
            items = [[line for item in items for line in item]]
        contents = [_inline(" ".join(item)) for item in items]
        if any(c is None for c in contents):
            return None
        blocks.append(("ul" if is_list else "p", [c for c in contents if c is not None]))
    return blocks


class MarkdownLite(Widget):
    """Paragraphs and bullet lists, drawn as Textual's Markdown widget draws them."""

    DEFAULT_CSS = """
    MarkdownLite {
        height: auto;
        padding: 0 2 0 2;
        color: $foreground;
    }
    """

    def __init__(self, blocks: list[Block], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.blocks = blocks

    def _lines(self, width: int) -> list[Content]:
        width = max(width, 3)
        # The bullet's colour, as Textual's MarkdownBullet (its column below the bullet too).
        colour = "$text-primary" if self.app.current_theme.dark else "$text-secondary"
        bullet = Content(BULLET, spans=[Span(0, len(BULLET), colour)])
        indent = Content(" " * len(BULLET), spans=[Span(0, len(BULLET), colour)])
        lines: list[Content] = []
        for kind, contents in self.blocks:
            if kind == "p":
                lines.extend(contents[0].wrap(width))
            else:
                for item in contents:
                    wrapped = item.wrap(width - len(BULLET))
                    lines.append(bullet + wrapped[0])
                    lines.extend(indent + line for line in wrapped[1:])
            lines.append(Content(""))  # each block's bottom margin
        return lines

    def get_content_height(self, container: Any, viewport: Any, width: int) -> int:
        return len(self._lines(width))

    def render(self) -> Content:
        return Content("\n").join(self._lines(self.content_region.width))

    def render_line(self, y: int) -> Strip:
        # A blank line (Markdown's margin between blocks) renders an empty segment; drop it,
        # so the output is segment for segment Markdown's (screenshots compare equal).
        strip = super().render_line(y)
        if any(not segment.text for segment in strip):
            return Strip([segment for segment in strip if segment.text], strip.cell_length)
        return strip


def markdown_block(source: str, classes: str) -> Widget:
    """A widget showing ``source``: the light one when it can, else Textual's Markdown."""
    blocks = parse_simple(source)
    if blocks is not None:
        return MarkdownLite(blocks, classes=classes)
    from textual.widgets import Markdown

    return Markdown(source, classes=classes)


def inline_content(source: str) -> Content:
    """Short Markdown (a question's ``help``) as one paragraph: ``**bold**`` and ``*italic*``
    drawn; anything richer shown as written rather than half-rendered."""
    return _inline(source) or Content(re.sub(r"\s+", " ", source.strip()))
