"""The dashboard shows feedback-log entries arriving: counts only, never a note; an undone
entry drops out of the count."""

from __future__ import annotations

from pathlib import Path

from helpers.dashboard import screen_text, wait_until

from survey_tui.core.feedback.entries import Draft, add_entries, make_entry, undo_last
from survey_tui.core.loader import load
from survey_tui.core.store import ResponseStore
from survey_tui.frontends.tui.apps.dashboard import DashboardApp
from survey_tui.frontends.tui.widgets.log_counts import LogCountsPanel

TEAM = load(Path(__file__).resolve().parents[1] / "fixtures" / "feedback" / "log_team.yaml")
NOTE = "SECRET-NOTE <b>x</b>"


def _log(store: ResponseStore, who: str, note: str = NOTE) -> None:
    draft = Draft(
        group="frontline",
        workflow="test_writing",
        tool="claude",
        outcome="helped",
        minutes=5,
        note=note,
    )
    add_entries(store, [make_entry(TEAM, draft, contributor=who)])


async def test_entries_arrive_on_the_dashboard_as_counts(tmp_path: Path) -> None:
    store = ResponseStore(tmp_path / "r.json")
    _log(store, "a" * 32)
    app = DashboardApp(TEAM, store, poll_seconds=0.05)
    async with app.run_test(size=(100, 30)) as pilot:
        panel = app.screen.query_one(LogCountsPanel)
        await wait_until(pilot, lambda: panel.counts is not None and panel.counts.entries == 1)
        _log(store, "b" * 32)
        _log(store, "b" * 32, note="another")
        await wait_until(pilot, lambda: panel.counts is not None and panel.counts.entries == 3)
        text = screen_text(app)
        assert "Feedback log: 3 entries from 2 contributors (3 today, 3 this week)" in text
        assert "SECRET" not in text and "another" not in text and "claude" not in text.lower()
        undo_last(store, TEAM.id, "b" * 32)
        await wait_until(pilot, lambda: panel.counts is not None and panel.counts.entries == 2)


async def test_no_log_line_without_a_feedback_log(tmp_path: Path) -> None:
    from helpers.dashboard import small

    app = DashboardApp(small(), ResponseStore(tmp_path / "r.json"), poll_seconds=0.05)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert not app.screen.query(LogCountsPanel)
