"""An open app keeps its unfinished response "in progress": it touches the partial on a timer.

Closed terminals must drop out of the in-progress counts (core.live.IN_PROGRESS_WINDOW), so
an open one re-saves its partial's updated_at every TOUCH_INTERVAL; the test shortens the
interval instead of waiting a minute.
"""

from __future__ import annotations

import time
from pathlib import Path

from survey_tui.core.live import TOUCH_INTERVAL
from survey_tui.core.loader import load
from survey_tui.core.store import ResponseStore
from survey_tui.frontends.tui.apps.survey import SurveyApp
from survey_tui.frontends.tui.screens.question import QuestionScreen

SMALL = Path(__file__).parent / "run_small.yaml"


async def test_the_open_app_touches_its_partial_without_changing_the_answers(
    tmp_path: Path,
) -> None:
    db = tmp_path / "r.json"
    app = SurveyApp(load(SMALL), ResponseStore(db), group="a")
    assert app.touch_seconds == TOUCH_INTERVAL.total_seconds()
    app.touch_seconds = 0.05
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "4", "enter")  # one answer given, then the person reads
        assert isinstance(app.screen, QuestionScreen) and app.session is not None
        watcher = ResponseStore(db)
        [before], token = watcher.changes_since(None)
        deadline = time.monotonic() + 10
        touched: list[dict] = []
        while not touched:  # another process's view of the store: a new write of the record
            assert time.monotonic() < deadline, "the open partial was never touched"
            await pilot.pause(0.05)
            touched, _ = watcher.changes_since(token)
        [after] = touched
        assert after["response_id"] == before["response_id"]
        assert after["status"] == "partial" and after["answers"] == before["answers"] == {"lik": 4}
