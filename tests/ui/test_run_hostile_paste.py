"""Hostile text in the TUI (issue 11). Textual draws ESC and C1 characters as they are (it drops
only BEL, BS, VT, FF and CR), so the app must never hand a widget text that holds them."""

from __future__ import annotations

import json
import re
from pathlib import Path

from textual import events
from textual.widgets import Input, TextArea

from survey_tui.core.loader import load
from survey_tui.core.store import ResponseStore
from survey_tui.frontends.tui.apps.survey import SurveyApp
from survey_tui.frontends.tui.screens.question import QuestionScreen
from survey_tui.frontends.tui.screens.resume import ResumeScreen

HERE = Path(__file__).parent
HOSTILE = "a\x1b]0;PWNED\x1b\\b\x1b]52;c;aGVsbG8=\x07c\x9b2Jd"
CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


async def test_pasted_controls_never_reach_a_widget(tmp_path: Path) -> None:
    db = tmp_path / "r.json"
    app = SurveyApp(load(HERE / "run_widgets.yaml"), ResponseStore(db))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+s", "space", "ctrl+s", "3")  # to consent, tick, start, Other
        other = app.focused
        assert isinstance(other, Input) and other.id == "other"
        app.post_message(events.Paste(HOSTILE))
        await pilot.pause()
        assert other.value == "a]0;PWNED\\b]52;c;aGVsbG8=c2Jd"
        await pilot.press("enter")
        area = app.screen.query_one(TextArea)
        assert app.focused is area
        app.post_message(events.Paste("ok\x1b[2J\x9b"))
        await pilot.pause()
        assert area.text == "ok[2J"


async def test_a_resumed_legacy_answer_is_shown_clean(tmp_path: Path) -> None:
    db = tmp_path / "r.json"
    q = load(HERE / "run_small.yaml")
    store = ResponseStore(db)
    record = store.start(q, group="b", resume_key="tty-1")
    record["answers"] = {"lik": 2, "why": "PLANT"}
    store.save(record)
    store.compact()
    # Planted in the file, as a store written before answers were cleaned holds it.
    inner = json.dumps(HOSTILE, ensure_ascii=False)[1:-1]
    db.write_text(db.read_text(encoding="utf-8").replace("PLANT", inner), encoding="utf-8")

    app = SurveyApp(q, ResponseStore(db), resume_key="tty-1")
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, ResumeScreen)
        await pilot.press("r", "ctrl+b")  # resumed at "hours"; back to the text question
        screen = app.screen
        assert isinstance(screen, QuestionScreen) and screen.question.id == "why"
        shown = screen.query_one(Input).value
        assert shown.startswith("a]0;PWNED") and not CONTROLS.search(shown)


async def test_report_preview_shows_stored_comments_escaped() -> None:
    from textual.widgets import MarkdownViewer

    from survey_tui.frontends.tui.apps.preview import ReportPreviewApp

    app = ReportPreviewApp(f"# Report\n\n## Comments\n\n- {HOSTILE}\n", f"T{HOSTILE}")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        source = app.screen.query_one(MarkdownViewer).document.source
        assert "a\\u001b]0;PWNED" in source and not CONTROLS.search(source)
        title = str(app.screen.query_one("#preview-title").render())
        assert not CONTROLS.search(title)


async def test_dashboard_names_a_legacy_wave_escaped(tmp_path: Path) -> None:
    from helpers.dashboard import add, small, wait_until

    from survey_tui.frontends.tui.apps.dashboard import DashboardApp

    db = tmp_path / "r.json"
    store = ResponseStore(db)
    add(store, small(), "lead", 4, wave="PLANT")
    store.compact()
    inner = json.dumps(HOSTILE, ensure_ascii=False)[1:-1]
    db.write_text(db.read_text(encoding="utf-8").replace("PLANT", inner), encoding="utf-8")

    app = DashboardApp(small(), ResponseStore(db), poll_seconds=0.1)
    async with app.run_test(size=(100, 24)) as pilot:
        screen = app.dashboard
        await wait_until(pilot, lambda: screen.waves == [HOSTILE])
        await pilot.press("w")
        assert screen.wave == HOSTILE
        title = str(screen.query_one("#dash-title").render())
        assert "wave a\\u001b]0;PWNED" in title and not CONTROLS.search(title)
        shown = [str(n.message) for n in app._notifications]
        assert shown and not any(CONTROLS.search(m) for m in shown)
