"""Titles stay readable in every light theme (issue 18: orange on light grey)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.color import Color
from textual.theme import BUILTIN_THEMES

from survey_tui.core.loader import load
from survey_tui.core.store import ResponseStore
from survey_tui.frontends.tui.apps.survey import SurveyApp

JOURNEYS = Path(__file__).parent / "run_journeys.yaml"
LIGHT = [name for name, theme in BUILTIN_THEMES.items() if not theme.dark and "ansi" not in name]


def luminance(color: Color) -> float:
    """WCAG relative luminance."""

    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b)


def contrast(a: Color, b: Color) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("theme", LIGHT)
async def test_section_title_meets_contrast_in_light_themes(tmp_path: Path, theme: str) -> None:
    app = SurveyApp(load(JOURNEYS), ResponseStore(tmp_path / "r.json"))
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = theme
        app.start_session("eng")
        await pilot.pause()
        section = app.screen.query_one("#section")
        _, background = section.background_colors
        assert contrast(section.styles.color, background) >= 4.5
