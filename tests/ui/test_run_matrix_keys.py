"""The matrix at the keyboard: the hint says what the keys do and they do it (issue 18)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Label

from survey_tui.core.loader import load
from survey_tui.core.store import ResponseStore
from survey_tui.frontends.tui.apps.survey import SurveyApp
from survey_tui.frontends.tui.screens.question import QuestionScreen
from survey_tui.frontends.tui.widgets.matrix import RowSet

MATRIX = Path(__file__).parent / "run_matrix.yaml"


def focused_row(app: SurveyApp) -> str:
    focused = app.focused
    assert isinstance(focused, RowSet), focused
    return str(focused.id)


def rated(app: SurveyApp) -> dict[str, int]:
    return {
        str(r.id): r.pressed_index + 1 for r in app.screen.query(RowSet) if r.pressed_index >= 0
    }


async def start(pilot) -> SurveyApp:  # type: ignore[no-untyped-def]
    await pilot.press("enter")
    app = pilot.app
    assert isinstance(app.screen, QuestionScreen) and app.screen.question.id == "grid"
    return app


async def test_hint_says_a_digit_rates_and_moves_down(tmp_path: Path) -> None:
    app = SurveyApp(load(MATRIX), ResponseStore(tmp_path / "r.json"))
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        hint = str(app.screen.query_one("#hint", Label).render())
        assert "A digit (or ←→ and Space) rates a row and moves down" in hint
        await pilot.press("4")
        assert rated(app) == {"row-r1": 4} and focused_row(app) == "row-r2"


async def test_down_right_after_a_digit_does_not_skip_a_row(tmp_path: Path) -> None:
    app = SurveyApp(load(MATRIX), ResponseStore(tmp_path / "r.json"))
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("4", "down")  # rated row 1, moved to row 2; Down means row 2
        assert focused_row(app) == "row-r2"
        await pilot.press("down")  # a second Down moves on
        assert focused_row(app) == "row-r3"
        await pilot.press("up", "up")
        assert focused_row(app) == "row-r1"


async def test_left_right_move_the_highlight_and_space_or_enter_pick(tmp_path: Path) -> None:
    app = SurveyApp(load(MATRIX), ResponseStore(tmp_path / "r.json"))
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("right", "right")  # highlight only: nothing rated yet
        assert rated(app) == {} and focused_row(app) == "row-r1"
        await pilot.press("space")
        assert rated(app) == {"row-r1": 3} and focused_row(app) == "row-r2"
        await pilot.press("right", "right", "right", "left", "enter")
        assert rated(app) == {"row-r1": 3, "row-r2": 3} and focused_row(app) == "row-r3"


async def test_a_digit_on_the_last_row_goes_to_an_unrated_row_not_past_it(tmp_path: Path) -> None:
    app = SurveyApp(load(MATRIX), ResponseStore(tmp_path / "r.json"))
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("4", "down", "down", "down")  # row 1 rated; rows 2, 3 skipped
        assert focused_row(app) == "row-r4"
        await pilot.press("5")
        assert app.screen.question.id == "grid"  # not on to the next question
        assert focused_row(app) == "row-r2"
        await pilot.press("2", "3")  # rows 2 and 3, and down to row 4 (rated already)
        assert focused_row(app) == "row-r4" and len(rated(app)) == 4
        await pilot.press("5")  # the last row again: complete now, so on
        assert app.screen.question.id == "after"


async def test_the_error_names_every_unrated_row_and_goes_once_fixed(tmp_path: Path) -> None:
    app = SurveyApp(load(MATRIX), ResponseStore(tmp_path / "r.json"))
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("4", "pagedown")
        error = app.screen.query_one("#error", Label)
        assert str(error.render()) == "Rate every row (missing: Second row, Third row, Fourth row)."
        await pilot.press("3")  # row 2 rated: the error follows
        assert str(error.render()) == "Rate every row (missing: Third row, Fourth row)."
        await pilot.press("3")
        await pilot.press("3")  # last row: complete, on to the next question
        assert app.screen.question.id == "after"
