"""The welcome screen's light Markdown draws exactly what Textual's Markdown widget draws.

The light widget (survey_tui.frontends.tui.widgets.markdown_lite) exists for speed only; these tests
compare whole screenshots of the welcome screen drawn both ways, and check that anything
beyond paragraphs, flat "-" lists, bold and italic is left to the real Markdown widget.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from textual.widget import Widget
from textual.widgets import Markdown

from survey_tui.commands.common import load_questionnaire
from survey_tui.core.store import ResponseStore
from survey_tui.frontends.tui.apps.survey import SurveyApp
from survey_tui.frontends.tui.screens import welcome as welcome_screen
from survey_tui.frontends.tui.widgets.markdown_lite import (
    MarkdownLite,
    markdown_block,
    parse_simple,
)


def real_markdown(source: str, classes: str) -> Widget:
    return Markdown(source, classes=classes)


async def welcome_svg(ref: str, db: Path, size: tuple[int, int], theme: str, keys: tuple[str, ...]):
    app = SurveyApp(load_questionnaire(ref), ResponseStore(db))
    async with app.run_test(size=size) as pilot:
        app.theme = theme
        await pilot.pause()
        if keys:
            await pilot.press(*keys)
            await pilot.pause()
        kinds = {type(w) for w in app.screen.query(".description, .consent")}
        # The terminal's id in the SVG is random per export.
        return re.sub(r"terminal-\d+", "terminal", app.export_screenshot()), kinds


@pytest.mark.parametrize(
    ("ref", "size", "theme", "keys"),
    [
        ("ai-expectation-gap", (80, 24), "textual-dark", ()),
        ("ai-expectation-gap", (80, 24), "textual-light", ("end",)),
        ("ai-expectation-gap", (50, 30), "textual-dark", ("pagedown",)),
        ("ai-expectation-gap", (120, 40), "textual-light", ()),
    ],
)
async def test_welcome_looks_the_same_as_with_markdown(
    tmp_path: Path, monkeypatch: Any, ref: str, size: Any, theme: str, keys: Any
) -> None:
    lite, lite_kinds = await welcome_svg(ref, tmp_path / "a.json", size, theme, keys)
    monkeypatch.setattr(welcome_screen, "markdown_block", real_markdown)
    real, real_kinds = await welcome_svg(ref, tmp_path / "b.json", size, theme, keys)
    assert lite_kinds == {MarkdownLite} and real_kinds == {Markdown}
    assert lite == real


def test_simple_markdown_is_parsed_into_paragraphs_and_lists() -> None:
    blocks = parse_simple("Some **bold** and *italic*\ntext.\n\n- one\n  more\n- two\n")
    assert blocks is not None
    assert [(kind, [c.plain for c in contents]) for kind, contents in blocks] == [
        ("p", ["Some bold and italic text."]),
        ("ul", ["one more", "two"]),
    ]
    spans = [(s.start, s.end, s.style) for s in blocks[0][1][0].spans]
    assert spans == [(5, 9, "bold"), (14, 20, "italic")]


@pytest.mark.parametrize(
    "source",
    [
        "# Heading",
        "A [link](https://example.org).",
        "See example.org for more.",
        "Some `code`.",
        "1. first\n2. second",
        "* star bullet",
        "- one\n\n- two (loose list)",
        "- one\n  - nested",
        "Text\n- list right after a paragraph line",
        "    indented code",
        "> a quote",
        "snake_case or _emphasis_",
        "***strong emphasis***",
        "a * lone star",
        "hard  \nbreak",
        "An &amp; entity or <b>html</b>",
        "Rule below\n\n---",
    ],
)
def test_anything_else_goes_to_the_real_markdown_widget(source: str) -> None:
    assert parse_simple(source) is None
    assert isinstance(markdown_block(source, "description"), Markdown)
