"""The dashboard's "in progress" follows time, not only writes: a closed terminal drops out.

An unfinished response nobody touches for IN_PROGRESS_WINDOW (5 minutes; open apps touch
theirs every minute) counts as abandoned, even though nothing in the store changed.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

from helpers.dashboard import add, screen_text, small, wait_until

from survey_tui.core.store import ResponseStore
from survey_tui.frontends.tui.apps.dashboard import DashboardApp


async def test_an_untouched_partial_drops_out_of_in_progress_after_5_minutes(
    tmp_path: Path,
) -> None:
    db = tmp_path / "r.json"
    q = small()
    store = ResponseStore(db)
    add(store, q, "eng", 2)
    add(store, q, "eng", 3, submit=False)  # someone answering now (then the tab is closed)
    app = DashboardApp(q, ResponseStore(db), poll_seconds=0.05)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.dashboard
        start = datetime.now(UTC)
        screen.now = lambda: start
        await wait_until(pilot, lambda: screen.tally is not None)
        assert re.search(r"eng\s+1\s+1", screen_text(app))

        screen.now = lambda: start + timedelta(minutes=4)  # still within the window
        await wait_until(pilot, lambda: screen.polls > 3)
        assert screen.tally is not None and screen.tally.in_progress == 1

        screen.now = lambda: start + timedelta(minutes=5, seconds=2)  # no touch since
        await wait_until(pilot, lambda: screen.tally is not None and screen.tally.in_progress == 0)
        shown = screen_text(app)
        assert re.search(r"eng\s+1\s+0", shown)
        assert "1 unfinished response untouched for over 5 minutes is not counted" in shown
