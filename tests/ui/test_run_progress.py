"""The TUI's progress line comes from core.flow, as the web form's does: "of up to N" while a
later question may still be shown by an answer to come."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Label

from survey_tui.core.loader import load
from survey_tui.core.store import ResponseStore
from survey_tui.frontends.tui.apps.survey import SurveyApp

SMALL = Path(__file__).parent / "run_small.yaml"


def position(app: SurveyApp) -> str:
    return str(app.screen.query_one("#position", Label).render())


async def test_progress_says_up_to_while_a_follow_up_may_still_come(tmp_path: Path) -> None:
    app = SurveyApp(load(SMALL), ResponseStore(tmp_path / "r.json"), group="a")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")  # start
        assert position(app) == "Question 1 of up to 7"  # "why" follows a low rating
        await pilot.press("4", "enter")  # agree: no follow-up
        assert position(app) == "Question 2 of 6"
