"""An authored unit such as "[/day]" is shown as written: never parsed as Textual markup
(where a stray closing tag crashed the question screen and "[per week]" vanished)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Label

from survey_tui.core.loader import load
from survey_tui.core.store import ResponseStore
from survey_tui.frontends.tui.apps.survey import SurveyApp
from survey_tui.frontends.tui.screens.question import QuestionScreen

FIXTURE = Path(__file__).parent / "run_markup_unit.yaml"


async def test_units_with_brackets_show_as_written(tmp_path: Path) -> None:
    app = SurveyApp(load(FIXTURE), ResponseStore(tmp_path / "r.json"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        assert isinstance(app.screen, QuestionScreen)
        assert "[/day]" in str(app.screen.query_one("#hint", Label).render())
        await pilot.press("3", "enter")
        assert app.screen.question.id == "per_week"
        assert "hours [per week]" in str(app.screen.query_one("#hint", Label).render())


async def test_help_is_markdown_drawn_not_shown_raw(tmp_path: Path) -> None:
    from textual.widgets import Static

    app = SurveyApp(load(FIXTURE), ResponseStore(tmp_path / "r.json"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        shown = app.screen.query_one("#help", Static).render()
        assert str(shown) == "Per day, on a typical day."  # the *emphasis* marks are gone
        assert any("italic" in str(span.style) for span in shown.spans)


async def test_ctrl_t_switches_between_light_and_dark(tmp_path: Path) -> None:
    app = SurveyApp(load(FIXTURE), ResponseStore(tmp_path / "r.json"))
    async with app.run_test(size=(80, 24)) as pilot:
        first = app.current_theme.dark
        await pilot.press("ctrl+t")
        assert app.current_theme.dark is not first
        await pilot.press("ctrl+t")
        assert app.current_theme.dark is first
