"""A killed session comes back: the same terminal is offered its unfinished response."""

from __future__ import annotations

import io
from pathlib import Path

from survey_tui.core.loader import load
from survey_tui.core.store import ResponseStore
from survey_tui.plain import PlainRunner
from survey_tui.tui.app import SurveyApp
from survey_tui.tui.screens.survey import QuestionScreen, ResumeScreen, WelcomeScreen

SMALL = Path(__file__).parent / "run_small.yaml"


async def test_tui_resumes_where_the_respondent_left_off(tmp_path: Path) -> None:
    db = tmp_path / "r.json"
    q = load(SMALL)
    first = SurveyApp(q, ResponseStore(db), group="b", resume_key="tty-1")
    async with first.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "4", "enter")  # one answer, then the terminal "dies"
        assert isinstance(first.screen, QuestionScreen)

    other_terminal = SurveyApp(q, ResponseStore(db), resume_key="tty-2")
    async with other_terminal.run_test(size=(80, 24)):
        assert isinstance(other_terminal.screen, WelcomeScreen)  # not offered elsewhere

    again = SurveyApp(q, ResponseStore(db), resume_key="tty-1")
    async with again.run_test(size=(80, 24)) as pilot:
        assert isinstance(again.screen, ResumeScreen)
        await pilot.press("r")
        screen = again.screen
        assert isinstance(screen, QuestionScreen) and screen.question.id == "hours"
        assert again.session is not None and again.session.group == "b"
        await pilot.press("8", "enter")

    [partial] = ResponseStore(db).responses("small", status="partial")
    assert partial["answers"] == {"lik": 4, "hours": 8}  # one record, carried on


async def test_start_over_leaves_old_partial_and_starts_fresh(tmp_path: Path) -> None:
    db = tmp_path / "r.json"
    q = load(SMALL)
    store = ResponseStore(db)
    old = store.start(q, group="a", resume_key="tty-1")
    old["answers"] = {"lik": 2}
    store.save(old)
    app = SurveyApp(q, ResponseStore(db), group="a", resume_key="tty-1")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        assert isinstance(app.screen, WelcomeScreen)


def test_plain_resume(tmp_path: Path) -> None:
    db = tmp_path / "r.json"
    q = load(SMALL)
    store = ResponseStore(db)
    old = store.start(q, group="a", resume_key="tty-1")
    old["answers"] = {"lik": 4, "hours": 3}
    store.save(old)
    out = io.StringIO()
    runner = PlainRunner(
        q, store, group=None, wave="default", stdin=io.StringIO("yes\n2\n5\n4\n9\n\n\n"), stdout=out
    )
    runner.resume_key = "tty-1"
    record = runner.run()
    assert record is not None and record["response_id"] == old["response_id"]
    [done] = ResponseStore(db).responses("small")
    assert done["answers"] == {
        "lik": 4,
        "hours": 3,
        "tools": ["chatgpt"],
        "grid": {"x": 5, "y": 4},
        "nps": 9,
    }
