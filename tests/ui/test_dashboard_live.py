"""The facilitator dashboard under Pilot, on a real store that another process writes to."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from helpers.dashboard import SMALL, add, screen_text, small, wait_until
from textual.notifications import Notification

from survey_tui.core.store import ResponseStore
from survey_tui.frontends.tui.apps.dashboard import DashboardApp
from survey_tui.frontends.tui.screens.dashboard import DashboardScreen
from survey_tui.frontends.tui.screens.report_preview import ReportPreviewScreen
from survey_tui.frontends.tui.widgets.gap_view import GapView

# Another process, as in a workshop: one more engineer submits, one more ops person starts.
WRITER = """
import sys
from survey_tui.core.loader import load
from survey_tui.core.store import ResponseStore
q = load(sys.argv[1])
store = ResponseStore(sys.argv[2])
record = store.start(q, group="eng")
record["answers"] = {"speed": 1, "quality": 1, "flows": {"review": 1, "docs": 1}}
store.submit(record)
store.start(q, group="ops")
"""


def seeded(db: Path) -> ResponseStore:
    """lead x5 answering 4 (score 75), eng x5 answering 2 (25), ops x2 answering 5 (100)."""
    q = small()
    store = ResponseStore(db)
    for _ in range(5):
        add(store, q, "lead", 4)
        add(store, q, "eng", 2)
    for _ in range(2):
        add(store, q, "ops", 5)
    add(store, q, "ops", 5, submit=False)
    return store


def notes(app: DashboardApp) -> list[Notification]:
    return list(app._notifications)


async def test_counts_follow_another_process_and_reveal_never_shows_a_small_group(
    tmp_path: Path,
) -> None:
    db = tmp_path / "r.json"
    seeded(db)
    app = DashboardApp(small(), ResponseStore(db), export_dir=tmp_path, poll_seconds=0.1)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.dashboard
        await wait_until(pilot, lambda: screen.analysis is not None)
        hidden = screen_text(app)
        assert re.search(r"lead\s+5\s+0", hidden)
        assert re.search(r"ops\s+2\s+1\s+waiting for 3 more", hidden)
        assert "figures hidden" in hidden and "Last submit:" in hidden
        # Hidden: counts only, no score or gap anywhere.
        assert "75.0" not in hidden and "Expectation Gap Index" not in hidden

        subprocess.run([sys.executable, "-c", WRITER, str(SMALL), str(db)], check=True)
        await wait_until(pilot, lambda: screen.tally is not None and screen.tally.complete == 13)
        await wait_until(pilot, lambda: len(screen.complete) == 13)  # re-analysed
        live = screen_text(app)
        assert re.search(r"eng\s+6\s+0", live)
        assert re.search(r"ops\s+2\s+2\s+waiting for 3 more", live)
        assert re.search(r"Last submit: \d+ s ago", live)

        await pilot.press("r")
        shown = screen_text(app)
        assert "figures shown" in shown and "Expectation Gap Index" in shown
        assert "75.0" in shown  # lead's score, next to its bar
        assert re.search(r"eng\s+\u2588+\u00b7+\s+20\.8", shown)  # (5 x 25 + 0) / 6
        assert "significant" in shown
        # The whole gap view, scrolled or not: ops appears only as "waiting", never a figure.
        view = screen.query_one(GapView).render().plain
        ops_lines = [line for line in view.splitlines() if "ops" in line]
        assert ops_lines and all("waiting for 3 more" in line for line in ops_lines)
        assert "100" not in view.replace("0-100", "")  # ops answered 5 everywhere: score 100
        assert "Workflow scorecard" in view and re.search(r"Code review\s+lead 75  eng 21\n", view)
        assert "ops" in shown and "100" not in shown.replace("0-100", "")

        await pilot.press("r")
        again = screen_text(app)
        assert "figures hidden" in again and "Expectation Gap Index" not in again
        assert app.is_running and not [n for n in notes(app) if n.severity == "error"]

        # Without --wave it follows the most recent wave and names it, like analyze.
        assert screen.wave is None and "wave default | 13 submitted" in screen_text(app)
        await pilot.press("w")  # the most recent -> the only wave in the store, chosen
        assert screen.wave == "default"
        await pilot.press("w")  # -> every wave pooled, on request and named so
        assert screen.wave == "all"
        await wait_until(
            pilot, lambda: screen.analysed_key is not None and screen.analysed_key[0] == "all"
        )
        assert "all waves pooled | 13 submitted" in screen_text(app)
        await pilot.press("w")
        assert screen.wave is None


async def test_preview_export_and_errors_keep_the_app_running(tmp_path: Path) -> None:
    db = tmp_path / "r.json"
    out = tmp_path / "out"
    out.mkdir()
    app = DashboardApp(small(), ResponseStore(db), export_dir=out, poll_seconds=0.1)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.dashboard
        await wait_until(pilot, lambda: screen.polls > 0)
        await pilot.press("p", "e")  # nothing submitted yet: both refuse, the app goes on
        await wait_until(pilot, lambda: len(notes(app)) >= 2)
        assert all(n.severity == "error" and "no submitted" in n.message for n in notes(app))
        assert isinstance(app.screen, DashboardScreen) and list(out.iterdir()) == []

        seeded(db)
        await wait_until(pilot, lambda: len(screen.complete) == 12)
        await pilot.press("p")
        await wait_until(pilot, lambda: isinstance(app.screen, ReportPreviewScreen))
        preview = app.screen
        assert isinstance(preview, ReportPreviewScreen)
        assert "Dashboard test" in preview.markdown and "75.0" in preview.markdown
        await pilot.press("escape", "e")
        assert isinstance(app.screen, DashboardScreen)
        await wait_until(pilot, lambda: screen.exported is not None)
        # The files name the wave they cover.
        report = out / "dash-small-default-report.md"
        table = out / "dash-small-default-responses.csv"
        assert screen.exported == (report, table)
        assert report.read_text(encoding="utf-8") == preview.markdown
        rows = table.read_text(encoding="utf-8").splitlines()
        assert len(rows) == 1 + 12  # header + the submitted responses, not the partial one
        await wait_until(pilot, lambda: any(str(report) in n.message for n in notes(app)))
