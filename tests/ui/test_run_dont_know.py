"""'Don't know' in the TUI: its own key and choice on a likert scale, per matrix row and on a
number; stored as ``dont_know``, enough for a required question, never on a scale without it."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Checkbox, Input, Label, RadioButton

from survey_tui.core.loader import load
from survey_tui.core.store import ResponseStore
from survey_tui.frontends.tui.apps.survey import SurveyApp
from survey_tui.frontends.tui.screens.question import QuestionScreen
from survey_tui.frontends.tui.screens.review import ReviewScreen

FIXTURE = Path(__file__).parents[1] / "fixtures" / "dont_know.yaml"


def labels(app: SurveyApp) -> list[str]:
    return [str(b.label) for b in app.screen.query(RadioButton)]


def hint(app: SurveyApp) -> str:
    return str(app.screen.query_one("#hint", Label).render())


async def test_dont_know_is_offered_chosen_and_stored(tmp_path: Path) -> None:
    db = tmp_path / "r.json"
    app = SurveyApp(load(FIXTURE), ResponseStore(db))
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.press("enter")  # one group, no consent: Start
        assert isinstance(app.screen, QuestionScreen) and app.screen.question.id == "lik"
        assert labels(app)[-1] == "?  I don't know"
        assert "?: I don't know" in hint(app)
        await pilot.press("?", "enter")  # required, and "don't know" answers it
        assert app.screen.question.id == "grid"
        assert "?: Not used for this" in hint(app)
        assert "?=Not used for this" in str(app.screen.query_one(".legend").render())
        await pilot.press("?", "4")  # row 1: not used; row 2: 4
        assert app.screen.question.id == "hours"
        assert "?: Not sure" in hint(app)
        await pilot.press("tab", "space")  # the tick box clears and disables the field
        assert app.screen.query_one("#dont-know", Checkbox).value
        assert app.screen.query_one("#number", Input).disabled
        await pilot.press("pagedown")
        assert app.screen.question.id == "rating"
        assert "?" not in hint(app) and all("?" not in label for label in labels(app))
        await pilot.press("?", "enter")  # no such choice here: still unanswered
        assert app.screen.question.id == "rating"
        assert "needs an answer" in str(app.screen.query_one("#error", Label).render())
        await pilot.press("3", "enter")
        assert isinstance(app.screen, ReviewScreen)
        shown = " ".join(str(b.label) for b in app.screen.query(".review-item"))
        assert "I don't know" in shown and "Writing code: Not used for this" in shown
        assert "Not sure" in shown

        await pilot.press("ctrl+s")
    [record] = ResponseStore(db).responses("dont-know")
    assert record["answers"] == {
        "lik": "dont_know",
        "grid": {"code": "dont_know", "tests": 4},
        "hours": "dont_know",
        "rating": 3,
    }


async def test_a_stored_dont_know_is_shown_chosen(tmp_path: Path) -> None:
    q = load(FIXTURE)
    app = SurveyApp(q, ResponseStore(tmp_path / "r.json"))
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.press("enter")
        assert app.session is not None
        app.session.answers.update(
            {"lik": "dont_know", "grid": {"code": "dont_know"}, "hours": "dont_know"}
        )
        app.show_question(q.question("lik"))
        await pilot.pause()
        assert app.screen.query_one("#choice").pressed_index == 5
        app.show_question(q.question("grid"))
        await pilot.pause()
        assert app.screen.query_one("#row-code").pressed_index == 5
        assert app.screen.query_one("#row-tests").pressed_index == -1
        app.show_question(q.question("hours"))
        await pilot.pause()
        assert app.screen.query_one("#dont-know", Checkbox).value
        assert app.screen.query_one("#number", Input).value == ""


async def test_typing_a_question_mark_in_the_number_field_means_dont_know(
    tmp_path: Path,
) -> None:
    db = tmp_path / "r.json"
    app = SurveyApp(load(FIXTURE), ResponseStore(db))
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.press("enter")
        app.show_question(app.questionnaire.question("hours"))
        await pilot.pause()
        await pilot.press("?", "enter")
        assert app.screen.question.id == "rating"
    [partial] = ResponseStore(db).responses("dont-know", status="partial")
    assert partial["answers"]["hours"] == "dont_know"
