"""Interview mode under Pilot: probes, notes autosaved and kept across Back/Next, the timer."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from helpers.dashboard import wait_until
from textual.widgets import Button, TextArea

from survey_tui.core.loader import load
from survey_tui.core.store import ResponseStore
from survey_tui.frontends.tui.apps.survey import SurveyApp
from survey_tui.frontends.tui.screens.interview import InterviewQuestionScreen
from survey_tui.frontends.tui.screens.review import ReviewScreen
from survey_tui.frontends.tui.screens.thanks import ThankYouScreen
from survey_tui.frontends.tui.widgets.answers import AnswerWidget
from survey_tui.frontends.tui.widgets.interview import Elapsed, NotesArea, format_elapsed

GUIDE = Path(__file__).parent / "interview_small.yaml"


class FakeClock:
    """Time that moves only when a test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def interview_app(db: Path) -> tuple[SurveyApp, FakeClock]:
    app = SurveyApp(load(GUIDE), ResponseStore(db))
    clock = FakeClock()
    app.clock = clock
    return app, clock


def stored(db: Path) -> dict:
    [record] = ResponseStore(db).responses("iv-small", status=None)
    return record


def screen_question(app: SurveyApp) -> str:
    assert isinstance(app.screen, InterviewQuestionScreen)
    return app.screen.question.id


async def test_notes_and_text_answers_survive_next_back_and_are_stored(tmp_path: Path) -> None:
    db = tmp_path / "r.json"
    app, clock = interview_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")  # welcome (one group, no consent): Start
        assert screen_question(app) == "role"
        # Probes are shown; a text question's answer is the note area (no second TextArea).
        probes = app.screen.query_one("#probes")
        assert "Since when [roughly]?" in str(probes.query("Static").last().render())
        assert len(app.screen.query(TextArea)) == 1 and not app.screen.query(NotesArea)
        await pilot.press(*"Payments", "enter", *"team")
        clock.now += 75
        await pilot.press("pagedown")
        assert screen_question(app) == "trust"
        record = stored(db)
        assert record["mode"] == "interview"
        assert record["answers"] == {"role": "Payments\nteam"}
        assert record["seconds"]["role"] == pytest.approx(75, abs=0.5)

        await pilot.press("4", "tab", *"hedged")  # rate, then notes
        assert app.focused is app.screen.query_one(NotesArea)
        clock.now += 30
        await pilot.press("pagedown")
        assert screen_question(app) == "team"
        assert stored(db)["notes"] == {"trust": "hedged"}
        assert stored(db)["answers"]["trust"] == 4

        await pilot.press("pageup")  # back: the rating and the notes are there again
        assert screen_question(app) == "trust"
        assert app.screen.query_one(NotesArea).text == "hedged"
        assert str(app.screen.query_one(Elapsed).render()) == "Time 00:30"
        await pilot.press("pageup")
        assert screen_question(app) == "role"
        assert app.screen.query_one(TextArea).text == "Payments\nteam"
        assert str(app.screen.query_one(Elapsed).render()) == "Time 01:15"

        await pilot.press("pagedown", "pagedown")
        assert screen_question(app) == "team"
        await pilot.press("tab", *"no number", "pagedown")  # notes kept even when refused
        assert screen_question(app) == "team"
        assert stored(db)["notes"]["team"] == "no number"
        clock.now += 5
        await pilot.press("shift+tab", "7", "enter")
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ThankYouScreen)
        assert "The interview has been recorded." in str(app.screen.query("Label")[0].render())

    record = ResponseStore(db).responses("iv-small")[0]
    assert record["status"] == "complete" and record["mode"] == "interview"
    assert record["answers"] == {"role": "Payments\nteam", "trust": 4, "team": 7}
    assert record["notes"] == {"trust": "hedged", "team": "no number"}
    assert set(record["seconds"]) == {"role", "trust", "team"}
    assert record["seconds"]["trust"] == pytest.approx(30, abs=0.5)


async def test_notes_are_saved_while_typing_and_come_back_on_resume(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A fast tick, so the autosave can be seen without sleeping a second.
    monkeypatch.setattr(InterviewQuestionScreen, "TICK_SECONDS", 0.05)
    db = tmp_path / "r.json"
    app, clock = interview_app(db)
    app.resume_key = "k"
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", *"typed", "pagedown", "5", "tab")
        clock.now += 42
        await pilot.press(*"half a thought")
        # No Next: the tick alone must save it.
        await wait_until(pilot, lambda: stored(db).get("notes") == {"trust": "half a thought"})
        record = stored(db)
        assert record["answers"] == {"role": "typed", "trust": 5}  # the rating on screen too
        assert record["seconds"]["trust"] == pytest.approx(42, abs=0.5)
        assert str(app.screen.query_one(Elapsed).render()) == "Time 00:42"

    # A new app in the same "terminal": resume, and the notes are back on screen.
    again, _ = interview_app(db)
    again.resume_key = "k"
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        assert screen_question(again) == "trust"  # where the interviewer had got to
        assert again.screen.query_one(NotesArea).text == "half a thought"
        assert again.screen.query_one(AnswerWidget).value() == 5
        await pilot.press("pageup")
        assert again.screen.query_one(TextArea).text == "typed"


def test_format_elapsed() -> None:
    assert format_elapsed(0) == "00:00"
    assert format_elapsed(59.9) == "00:59"
    assert format_elapsed(61) == "01:01"
    assert format_elapsed(3725) == "62:05"


async def test_review_shows_notes_and_brackets_literally(tmp_path: Path) -> None:
    # Interviewers mark their own reading in [brackets]; the review must neither drop that
    # text as markup nor crash on a stray closing tag.
    db = tmp_path / "r.json"
    app, _ = interview_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", *"ok [/oops]", "pagedown", "3", "tab", *"meh [hedged]")
        await pilot.press("pagedown", "2", "pagedown")
        assert isinstance(app.screen, ReviewScreen)
        role = str(app.screen.query_one("#edit-role", Button).label)
        trust = str(app.screen.query_one("#edit-trust", Button).label)
        assert "→ ok [/oops]" in role
        assert "Note: meh [hedged]" in trust and "→ 3 - Neutral" in trust


async def test_the_timer_does_not_go_backwards_after_a_killed_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(InterviewQuestionScreen, "TICK_SECONDS", 0.2)
    db = tmp_path / "r.json"
    app, clock = interview_app(db)
    app.resume_key = "k"
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", *"typed", "pagedown")  # on "trust", nothing changes now
        clock.now += 20
        timer = app.screen.query_one(Elapsed)
        deadline = time.monotonic() + 10
        while str(timer.render()) != "Time 00:20":  # shown by the next tick
            assert time.monotonic() < deadline
            await pilot.pause(0.05)
        # The terminal dies here (no Next, no save on the way out).
    again, _ = interview_app(db)
    again.resume_key = "k"
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        assert screen_question(again) == "trust"
        assert str(again.screen.query_one(Elapsed).render()) >= "Time 00:20"


async def test_the_welcome_speaks_to_the_interviewer(tmp_path: Path) -> None:
    guide = Path(__file__).parents[2] / "questionnaires" / "ai_implementation_interview.yaml"
    app = SurveyApp(load(guide), ResponseStore(tmp_path / "r.json"))
    async with app.run_test(size=(80, 24)):
        shown = " ".join(str(w.render()) for w in app.screen.query("Label, Checkbox"))
        assert "The interviewee agrees to take part" in shown
        assert "Which group is the interviewee in?" in shown
        assert "describes you best" not in shown and "I agree" not in shown


async def test_the_next_button_and_enter_keep_the_notes_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(InterviewQuestionScreen, "TICK_SECONDS", 3600.0)  # no autosave
    db = tmp_path / "r.json"
    app, _ = interview_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", *"typed", "pagedown", "4", "tab", *"by button")
        await pilot.click("#next")
        assert screen_question(app) == "team"
        assert stored(db)["notes"] == {"trust": "by button"}
        await pilot.press("pageup", "tab", *"and ", "shift+tab", "enter")  # Enter on the rating
        assert screen_question(app) == "team"
        assert stored(db)["notes"] == {"trust": "and by button"}
