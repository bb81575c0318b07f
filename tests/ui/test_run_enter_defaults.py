"""Enter on an untouched choice never records the first option (RadioSet highlights it on mount).

A respondent who presses Enter too early must be told the answer is required, not be stored as
"Strongly disagree"; in a matrix, Enter after rating a row must not rate the next one "1".
"""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Label

from survey_tui.core.loader import load
from survey_tui.core.store import ResponseStore
from survey_tui.frontends.tui.apps.survey import SurveyApp
from survey_tui.frontends.tui.screens.question import QuestionScreen
from survey_tui.frontends.tui.screens.review import ReviewScreen
from survey_tui.frontends.tui.widgets.matrix import RowSet

FIXTURE = Path(__file__).parent / "run_enter_defaults.yaml"


async def test_enter_on_untouched_choices_records_nothing(tmp_path: Path) -> None:
    db = tmp_path / "r.json"
    app = SurveyApp(load(FIXTURE), ResponseStore(db))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")  # welcome: one group, no consent
        assert isinstance(app.screen, QuestionScreen) and app.screen.question.id == "lik"
        await pilot.press("enter")
        assert app.screen.question.id == "lik"  # refused: required, nothing chosen
        assert "needs an answer" in str(app.screen.query_one("#error", Label).render())
        assert app.session is not None and "lik" not in app.session.answers

        await pilot.press("down", "down", "enter")  # moving the highlight, then Enter, chooses
        assert app.session.answers["lik"] == 3
        assert app.screen.question.id == "flows"

        # Rate "Code" 4 (focus moves on to "Tests"), then Enter twice: Tests and Docs skipped.
        await pilot.press("4", "enter", "enter")
        assert isinstance(app.screen, ReviewScreen)
        assert app.session.answers["flows"] == {"code": 4}
        await pilot.press("ctrl+s")

    [record] = ResponseStore(db).responses("enter-defaults")
    assert record["answers"] == {"lik": 3, "flows": {"code": 4}}


async def test_review_starts_on_the_answers_and_matrix_arrows_stay_on_the_grid(
    tmp_path: Path,
) -> None:
    db = tmp_path / "r.json"
    app = SurveyApp(load(FIXTURE), ResponseStore(db))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "4", "enter")  # welcome, lik = 4
        assert app.screen.question.id == "flows"
        # Down past the last row stays on it, so the next digit still rates something.
        await pilot.press("down", "down", "down", "down")
        assert app.focused is not None and app.focused.id == "row-docs"
        await pilot.press("up", "up", "up", "up")  # and Up stops at the first row
        assert app.focused is not None and app.focused.id == "row-code"
        await pilot.press("5")
        assert app.screen.query_one("#row-code", RowSet).pressed_index == 4
        await pilot.press("pagedown")
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("down", "enter")  # the second answer: edit it, never a submit
        assert isinstance(app.screen, QuestionScreen) and app.screen.question.id == "flows"
    assert ResponseStore(db).responses("enter-defaults") == []  # nothing was submitted


async def test_back_from_the_first_question_changes_the_group(tmp_path: Path) -> None:
    # A respondent who picked the wrong group goes Back to the welcome and picks again:
    # the same response, now in the right group.
    from survey_tui.frontends.tui.screens.welcome import WelcomeScreen

    small = Path(__file__).parent / "run_small.yaml"
    db = tmp_path / "r.json"
    app = SurveyApp(load(small), ResponseStore(db))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "enter")  # group A (the list has focus: no consent to tick)
        assert isinstance(app.screen, QuestionScreen) and app.session is not None
        first_id = app.session.record["response_id"]
        assert not app.screen.query_one("#back").disabled
        await pilot.press("4", "pageup")  # rated, then Back: the welcome, A still chosen
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("2", "enter")  # group B instead
        assert isinstance(app.screen, QuestionScreen)
        assert app.session.group == "b" and app.session.answers["lik"] == 4
    [record] = ResponseStore(db).responses("small", status=None)
    assert record["response_id"] == first_id and record["group"] == "b"
