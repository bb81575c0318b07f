"""The command palette offers no "Screenshot": it would write the screen (answers, figures
before the reveal) into the downloads folder without a word (issue 18)."""

from __future__ import annotations

from pathlib import Path

from survey_tui.core.loader import load
from survey_tui.core.store import ResponseStore
from survey_tui.frontends.tui.apps.dashboard import DashboardApp
from survey_tui.frontends.tui.apps.home import HomeApp
from survey_tui.frontends.tui.apps.survey import SurveyApp

SMALL = Path(__file__).parent / "run_small.yaml"


async def test_no_screenshot_in_any_palette(tmp_path: Path) -> None:
    store = ResponseStore(tmp_path / "r.json")
    q = load(SMALL)
    for app in (SurveyApp(q, store), DashboardApp(q, store), HomeApp(tmp_path / "r.json")):
        async with app.run_test(size=(80, 24)):
            titles = [command.title for command in app.get_system_commands(app.screen)]
            assert "Screenshot" not in titles, type(app).__name__
            assert "Quit" in titles and "Theme" in titles
