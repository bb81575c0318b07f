"""A huge paste never reaches a widget or the store: every input keeps at most its limit.

A 1 MB paste into a text answer used to take the app to 3 GB and freeze it for minutes
(issue 11): TextArea has no length limit, and Input without max_length takes it all.
"""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.widgets import Input, TextArea

from survey_tui.core.answers import NUMBER_MAX_LENGTH, OTHER_MAX_LENGTH
from survey_tui.core.loader import load
from survey_tui.core.store import ResponseStore
from survey_tui.frontends.tui.apps.survey import SurveyApp
from survey_tui.frontends.tui.screens.question import QuestionScreen
from survey_tui.frontends.tui.screens.review import ReviewScreen

PASTE = Path(__file__).parent / "run_paste.yaml"
MEGABYTE = 1_000_000


async def test_a_1_mb_paste_is_cut_to_max_length_in_every_input(tmp_path: Path) -> None:
    db = tmp_path / "r.json"
    app = SurveyApp(load(PASTE), ResponseStore(db))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        assert isinstance(app.screen, QuestionScreen) and app.screen.question.id == "essay"

        # Multi-line: lines and all, as a terminal delivers a bracketed paste.
        area = app.screen.query_one(TextArea)
        assert app.focused is area
        app.post_message(events.Paste(("A line of pasted text.\n" * MEGABYTE)[:MEGABYTE]))
        await pilot.pause()
        assert len(area.text) == 300  # filled to the limit, not refused whole
        area.action_paste()  # the app's own clipboard (ctrl+v) is capped as well
        app.copy_to_clipboard("y" * MEGABYTE)
        area.action_paste()
        await pilot.pause()
        assert len(area.text) == 300
        await pilot.press("ctrl+n")

        assert app.screen.question.id == "line"
        app.post_message(events.Paste("x" * MEGABYTE))
        await pilot.pause()
        assert app.screen.answer_widget.query_one("#text", Input).value == "x" * 40
        await pilot.press("enter")

        assert app.screen.question.id == "tool"
        await pilot.press("3")  # "Other": the cursor moves to its text box
        app.post_message(events.Paste("o" * MEGABYTE))
        await pilot.pause()
        assert len(app.screen.answer_widget.query_one("#other", Input).value) == OTHER_MAX_LENGTH
        await pilot.press("enter")

        assert app.screen.question.id == "uses"
        await pilot.press("tab")
        app.post_message(events.Paste("u" * MEGABYTE))
        await pilot.pause()
        assert len(app.screen.answer_widget.query_one("#other", Input).value) == OTHER_MAX_LENGTH
        await pilot.press("enter")

        assert app.screen.question.id == "hours"
        app.post_message(events.Paste("7" * MEGABYTE))
        await pilot.pause()
        assert app.screen.answer_widget.query_one("#number", Input).value == "7" * NUMBER_MAX_LENGTH
        app.screen.answer_widget.query_one("#number", Input).value = ""
        app.post_message(events.Paste("12"))
        await pilot.pause()
        await pilot.press("enter")
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("ctrl+s")

    [record] = ResponseStore(db).responses("paste")
    answers = record["answers"]
    assert len(answers["essay"]) <= 300 and answers["essay"].startswith("A line of pasted")
    assert answers["line"] == "x" * 40
    assert answers["tool"] == "o" * OTHER_MAX_LENGTH
    assert answers["uses"] == ["u" * OTHER_MAX_LENGTH]
    assert answers["hours"] == 12


async def test_typing_past_the_limit_of_a_text_area_is_refused(tmp_path: Path) -> None:
    app = SurveyApp(load(PASTE), ResponseStore(tmp_path / "r.json"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        area = app.screen.query_one(TextArea)
        area.insert("z" * 299)
        await pilot.press("a", "b", "enter")
        assert area.text == "z" * 299 + "a"
        area.select_all()
        await pilot.press("q")  # replacing a selection makes room again
        assert area.text == "q"
