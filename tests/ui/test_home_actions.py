"""The home picker: run (Enter), dashboard (d) and report preview (p) on the highlighted one."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.dashboard import screen_text, wait_until
from textual.widgets import OptionList

from survey_tui.core.catalog import resolve_questionnaire
from survey_tui.core.demo import synthetic_workshop
from survey_tui.core.loader import load
from survey_tui.core.store import ResponseStore
from survey_tui.frontends.tui.apps.home import HomeApp, HomeScreen
from survey_tui.frontends.tui.screens.dashboard import DashboardScreen
from survey_tui.frontends.tui.screens.report_preview import ReportPreviewScreen


async def test_home_opens_dashboard_preview_and_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # no local questionnaires: only the shipped ones are listed
    flagship = resolve_questionnaire("ai-expectation-gap")
    other = resolve_questionnaire("ai-implementation-interview")
    db = tmp_path / "r.json"
    ResponseStore(db).insert_many(synthetic_workshop(load(flagship), seed=5))

    app = HomeApp(db, export_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        options = app.screen.query_one("#home", OptionList)
        ids = [str(options.get_option_at_index(i).id) for i in range(options.option_count)]
        text = screen_text(app)
        assert "r Run" in text and "d Dashboard" in text and "p Report preview" in text

        options.highlighted = ids.index(str(flagship))
        await pilot.press("d")
        dashboard = app.screen
        assert isinstance(dashboard, DashboardScreen)
        assert dashboard.questionnaire.id == "ai-expectation-gap"
        await wait_until(pilot, lambda: dashboard.tally is not None)
        # The demo has two waves: the dashboard covers the most recent, as analyze does.
        assert dashboard.tally is not None and dashboard.tally.complete == 60
        assert "wave 90-day | 60 submitted" in screen_text(app)
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("d", "q")  # q in a dashboard opened from the home goes back, too
        assert isinstance(app.screen, HomeScreen) and app.is_running

        await pilot.press("p")
        await wait_until(pilot, lambda: isinstance(app.screen, ReportPreviewScreen))
        preview = app.screen
        assert isinstance(preview, ReportPreviewScreen)
        assert "Expectation Gap Index" in preview.markdown
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)

        options.highlighted = ids.index(str(other))  # nothing stored for this one
        await pilot.press("p")
        await wait_until(pilot, lambda: bool(app._notifications))
        (note,) = list(app._notifications)
        assert note.severity == "error" and "no responses for questionnaire" in note.message
        assert isinstance(app.screen, HomeScreen)

        await pilot.press("enter")
    assert app.choice == other
