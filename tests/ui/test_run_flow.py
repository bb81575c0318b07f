"""The respondent app end to end under Pilot: welcome, condition, validation, back, review."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Label

from survey_tui.core.loader import load
from survey_tui.core.store import ResponseStore
from survey_tui.frontends.tui.apps.survey import SurveyApp
from survey_tui.frontends.tui.screens.question import QuestionScreen
from survey_tui.frontends.tui.screens.review import ReviewScreen
from survey_tui.frontends.tui.screens.thanks import ThankYouScreen
from survey_tui.frontends.tui.screens.welcome import WelcomeScreen

SMALL = Path(__file__).parent / "run_small.yaml"


def current(app: SurveyApp) -> str:
    screen = app.screen
    return screen.question.id if isinstance(screen, QuestionScreen) else type(screen).__name__


def error_text(app: SurveyApp) -> str:
    return str(app.screen.query_one("#error", Label).render())


async def test_whole_flow_with_condition_validation_back_and_review(tmp_path: Path) -> None:
    db = tmp_path / "r.json"
    app = SurveyApp(load(SMALL), ResponseStore(db))
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("enter")  # Enter without a choice: refused, not group A
        assert "choose the group" in str(app.screen.query_one("#error").render())
        await pilot.press("1", "enter")  # a digit picks A; Enter starts
        assert current(app) == "lik"
        await pilot.press("2", "enter")  # "Disagree" shows the follow-up "why"
        assert current(app) == "why"
        await pilot.press("enter")  # required: refused inline, focus kept
        assert current(app) == "why"
        assert "needs an answer" in error_text(app)
        assert app.focused is not None and app.focused.id == "text"
        # Partial saved after the first answer already.
        [partial] = ResponseStore(db).responses("small", status="partial")
        assert partial["answers"] == {"lik": 2} and partial["group"] == "a"

        await pilot.press("n", "o", "pagedown")
        assert current(app) == "hours"
        await pilot.press("pageup", "pageup")  # back twice, to lik; "no" kept
        assert current(app) == "lik"
        await pilot.press("4", "enter")  # condition now false: "why" disappears
        assert current(app) == "hours"
        await pilot.press("4", "5", "enter")
        assert "from 0 to 40" in error_text(app)
        await pilot.press("backspace", "enter")  # 4 h/week
        assert current(app) == "tools"
        await pilot.press("space", "down", "space", "down", "space", "enter")
        assert "at most 2" in error_text(app)
        await pilot.press("space", "enter")
        assert current(app) == "grid"
        await pilot.press("5", "3")  # a digit rates the row and moves on
        assert current(app) == "nps"
        await pilot.press("9", "enter", "enter")  # nps 9, skip the optional text
        assert isinstance(app.screen, ReviewScreen)

        # Jump back from the review to edit an answer: Next returns to the review at once.
        await pilot.click("#edit-nps")
        assert current(app) == "nps"
        await pilot.press("7", "enter")
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ThankYouScreen)

    [record] = ResponseStore(db).responses("small")
    assert record["answers"] == {
        "lik": 4,
        "hours": 4,
        "tools": ["copilot", "chatgpt"],
        "grid": {"x": 5, "y": 3},
        "nps": 7,
    }  # "why" was answered while visible, then pruned on submit
    assert record["group"] == "a" and record["status"] == "complete"


async def test_fixed_group_and_group_wording(tmp_path: Path) -> None:
    app = SurveyApp(load(SMALL), ResponseStore(tmp_path / "r.json"), group="b")
    async with app.run_test(size=(80, 24)) as pilot:
        assert not app.screen.query("#group")  # no group choice when --group fixes it
        await pilot.press("enter")
        assert current(app) == "lik"
        assert app.session is not None and app.session.group == "b"
