"""A killed session comes back: the same terminal is offered its unfinished response."""

from __future__ import annotations

import io
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.resume import SMALL, EndsOwnerWhenSeenHeld, OwnerProcess, unfinished

from survey_tui.core.loader import load
from survey_tui.core.store import ResponseStore
from survey_tui.frontends.plain import PlainRunner
from survey_tui.frontends.tui.apps.survey import SurveyApp
from survey_tui.frontends.tui.screens.question import QuestionScreen
from survey_tui.frontends.tui.screens.resume import ResumeScreen
from survey_tui.frontends.tui.screens.welcome import WelcomeScreen


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


@pytest.fixture
def owner() -> Iterator[OwnerProcess]:
    """The app of a terminal that was just closed: running until the test (or its end) ends
    it."""
    process = OwnerProcess()
    yield process
    process.end()


async def test_start_over_leaves_old_partial_and_starts_fresh(tmp_path: Path) -> None:
    old = unfinished(tmp_path, {"lik": 2})
    app = SurveyApp(old.questionnaire, ResponseStore(old.db), group="a", resume_key="tty-1")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        assert isinstance(app.screen, WelcomeScreen)


def test_plain_resume(tmp_path: Path) -> None:
    old = unfinished(tmp_path, {"lik": 4, "hours": 3})
    out = io.StringIO()
    runner = PlainRunner(
        old.questionnaire,
        old.store,
        group=None,
        wave="default",
        stdin=io.StringIO("yes\n2\n5\n4\n9\n\n\n"),
        stdout=out,
    )
    runner.resume_key = "tty-1"
    record = runner.run()
    assert record is not None and record["response_id"] == old.record["response_id"]
    [done] = ResponseStore(old.db).responses("small")
    assert done["answers"] == {
        "lik": 4,
        "hours": 3,
        "tools": ["chatgpt"],
        "grid": {"x": 5, "y": 4},
        "nps": 9,
    }


async def test_one_answer_is_said_in_the_singular(tmp_path: Path) -> None:
    old = unfinished(tmp_path, {"lik": 2})
    app = SurveyApp(old.questionnaire, ResponseStore(old.db), group="a", resume_key="tty-1")
    async with app.run_test(size=(80, 24)):
        assert isinstance(app.screen, ResumeScreen)
        shown = " ".join(str(label.render()) for label in app.screen.query("Label"))
        assert "with 1 answer given so far" in shown


async def test_resume_is_offered_when_the_closed_terminals_app_ends_a_moment_later(
    tmp_path: Path, owner: OwnerProcess
) -> None:
    old = unfinished(tmp_path, {"lik": 2}, owner)
    # The owner runs when the app starts, and ends once the app has seen it still running.
    store = EndsOwnerWhenSeenHeld(old.db, owner)
    app = SurveyApp(old.questionnaire, store, resume_key="tty-1")
    async with app.run_test(size=(80, 24)) as pilot:
        deadline = time.monotonic() + 10
        while not isinstance(app.screen, ResumeScreen):
            assert time.monotonic() < deadline, "the unfinished response was never offered"
            await pilot.pause(0.05)
        await pilot.press("r")
        assert isinstance(app.screen, QuestionScreen) and app.screen.question.id == "why"


def test_plain_waits_for_the_closed_terminals_app_too(tmp_path: Path, owner: OwnerProcess) -> None:
    old = unfinished(tmp_path, {"lik": 4}, owner)
    out = io.StringIO()
    runner = PlainRunner(
        old.questionnaire,
        EndsOwnerWhenSeenHeld(old.db, owner),
        group=None,
        wave="default",
        stdin=io.StringIO("yes\n"),
        stdout=out,
    )
    runner.resume_key = "tty-1"
    runner.run()
    assert "You have an unfinished response (1 answer). Resume it?" in out.getvalue()


def test_a_practice_response_is_resumed_only_by_a_practice_run(tmp_path: Path) -> None:
    from survey_tui.core.session import find_resumable

    q = load(SMALL)
    store = ResponseStore(tmp_path / "r.json")
    practice = store.start(q, group="a", resume_key="tty-1", test=True)
    assert practice["test"] is True
    assert find_resumable(q, store, "tty-1") is None
    found = find_resumable(q, store, "tty-1", test=True)
    assert found is not None and found["response_id"] == practice["response_id"]
