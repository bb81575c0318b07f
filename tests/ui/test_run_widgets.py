"""Consent gate, single choice with "Other" text, multi-line text with a length limit."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Label, TextArea

from survey_tui.core.loader import load
from survey_tui.core.store import ResponseStore
from survey_tui.frontends.tui.apps.survey import SurveyApp
from survey_tui.frontends.tui.screens.question import QuestionScreen
from survey_tui.frontends.tui.screens.review import ReviewScreen
from survey_tui.frontends.tui.screens.welcome import WelcomeScreen

WIDGETS = Path(__file__).parent / "run_widgets.yaml"


def label(app: SurveyApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Label).render())


async def test_consent_other_text_and_max_length(tmp_path: Path) -> None:
    db = tmp_path / "r.json"
    app = SurveyApp(load(WIDGETS), ResponseStore(db))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+s")  # start without consent: refused, nothing stored
        assert isinstance(app.screen, WelcomeScreen)
        assert "agree" in label(app, "#error")
        assert not db.exists() or ResponseStore(db).responses(status=None) == []
        assert not app.screen.query("#group")  # one group: nothing to ask
        assert app.focused is not None and app.focused.id == "consent"  # taken to the box
        await pilot.press("space", "ctrl+s")
        assert isinstance(app.screen, QuestionScreen)

        # Typing in "Other" selects it; the text itself is the stored answer.
        await pilot.press("tab", *"Gemini", "enter")
        assert isinstance(app.screen, QuestionScreen) and app.screen.question.id == "note"
        assert app.session is not None and app.session.answers["tool"] == "Gemini"

        area = app.screen.query_one(TextArea)
        area.insert("far too long text")  # cut at max_length: it never holds more
        await pilot.pause()
        assert area.text == "far too lo" and label(app, "#counter") == "10 / 10 characters"
        area.clear()
        area.insert("short\nok")
        await pilot.press("ctrl+n")
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("ctrl+s")

    [record] = ResponseStore(db).responses("widgets")
    assert record["answers"] == {"tool": "Gemini", "note": "short\nok"}


async def test_choosing_other_by_digit_puts_the_cursor_in_its_text_box(tmp_path: Path) -> None:
    from textual.widgets import Input

    db = tmp_path / "r.json"
    app = SurveyApp(load(WIDGETS), ResponseStore(db))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+s", "space", "ctrl+s")  # refused, to the consent box, ticked, start
        await pilot.press("3")  # "Other": the cursor moves to the text box
        assert isinstance(app.focused, Input) and app.focused.id == "other"
        await pilot.press(*"Claude", "enter")
        assert app.session is not None and app.session.answers["tool"] == "Claude"
