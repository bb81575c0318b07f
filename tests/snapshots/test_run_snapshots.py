"""What respondents (and interviewers) see at 80x24, frozen as SVG snapshots.

Regenerate after an intended change with ``pytest tests/snapshots --snapshot-update`` and
look at the SVGs before committing them. Cursor blinking is turned off and the interview
timer reads a frozen clock, so the pictures do not depend on timing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from survey_tui.core.loader import load
from survey_tui.core.store import ResponseStore
from survey_tui.frontends.tui.apps.kiosk import KioskApp
from survey_tui.frontends.tui.apps.survey import SurveyApp

HERE = Path(__file__).parent
SIZE = (80, 24)
RunBefore = Callable[[Pilot[Any]], Awaitable[None]]


async def settle(pilot: Pilot[Any]) -> None:
    """Stop cursors blinking (a blink mid-screenshot would make the snapshot flaky)."""
    await pilot.pause()
    for widget in pilot.app.screen.query("Input, TextArea"):
        widget.cursor_blink = False  # type: ignore[attr-defined]
    await pilot.pause()


def type_into_focused(pilot: Pilot[Any], text: str) -> None:
    """Put ``text`` where the cursor is, as typing would (one key press each is slow)."""
    focused = pilot.app.focused
    if isinstance(focused, TextArea):
        focused.insert(text)
    elif isinstance(focused, Input):
        focused.insert_text_at_cursor(text)
    else:
        raise AssertionError(f"nothing to type into: {focused!r}")


def types_app(tmp_path: Path) -> SurveyApp:
    return SurveyApp(load(HERE / "run_types.yaml"), ResponseStore(tmp_path / "r.json"))


def at_question(question_id: str, *keys: str, text: str = "") -> RunBefore:
    """Start, jump straight to ``question_id``, then press ``keys`` and type ``text``."""

    async def run_before(pilot: Pilot[Any]) -> None:
        app = pilot.app
        await pilot.press("enter")  # one group, no consent: Enter on Start
        app.show_question(app.questionnaire.question(question_id))  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.press(*keys)
        if text:
            type_into_focused(pilot, text)
        await settle(pilot)

    return run_before


def test_welcome(snap_compare: Any, tmp_path: Path) -> None:
    app = SurveyApp(load(HERE / "run_welcome.yaml"), ResponseStore(tmp_path / "r.json"))
    assert snap_compare(app, terminal_size=SIZE, run_before=settle)


def test_likert(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(
        types_app(tmp_path), terminal_size=SIZE, run_before=at_question("likert", "4")
    )


def test_nps(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(types_app(tmp_path), terminal_size=SIZE, run_before=at_question("nps", "8"))


def test_matrix(snap_compare: Any, tmp_path: Path) -> None:
    run_before = at_question("matrix", "4", "2")  # two rows rated, the third focused
    assert snap_compare(types_app(tmp_path), terminal_size=SIZE, run_before=run_before)


def test_single_choice_with_other(snap_compare: Any, tmp_path: Path) -> None:
    run_before = at_question("tool", "tab", *"Gemini")  # typing selects "Other"
    assert snap_compare(types_app(tmp_path), terminal_size=SIZE, run_before=run_before)


def test_multi_choice(snap_compare: Any, tmp_path: Path) -> None:
    run_before = at_question("tasks", "space", "down", "down", "space", "down")
    assert snap_compare(types_app(tmp_path), terminal_size=SIZE, run_before=run_before)


def test_number(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(
        types_app(tmp_path), terminal_size=SIZE, run_before=at_question("hours", "6")
    )


def test_text(snap_compare: Any, tmp_path: Path) -> None:
    run_before = at_question("comment", text="Reviews take longer now.\nTests help.")
    assert snap_compare(types_app(tmp_path), terminal_size=SIZE, run_before=run_before)


def test_validation_error(snap_compare: Any, tmp_path: Path) -> None:
    run_before = at_question("hours", "4", "5", "enter")  # 45 is above the maximum of 40
    assert snap_compare(types_app(tmp_path), terminal_size=SIZE, run_before=run_before)


ANSWERS = {
    "likert": 4,
    "nps": 9,
    "matrix": {"speed": 4, "quality": 2, "learning": 5},
    "tool": "Gemini",
    "tasks": ["writing_code", "writing_tests"],
    "hours": 6,
    "comment": "Reviews take longer now.",
}


async def answered_all(pilot: Pilot[Any]) -> None:
    app: Any = pilot.app
    await pilot.press("enter")
    for question_id, value in ANSWERS.items():
        app.session.record_answer(question_id, value)
    app.show_review()
    await settle(pilot)


def test_review(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(types_app(tmp_path), terminal_size=SIZE, run_before=answered_all)


def test_thank_you(snap_compare: Any, tmp_path: Path) -> None:
    async def submitted(pilot: Pilot[Any]) -> None:
        await answered_all(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)

    assert snap_compare(types_app(tmp_path), terminal_size=SIZE, run_before=submitted)


def test_kiosk_pin_prompt(snap_compare: Any, tmp_path: Path) -> None:
    app = KioskApp(load(HERE / "run_types.yaml"), ResponseStore(tmp_path / "r.json"), pin="4711")

    async def asked(pilot: Pilot[Any]) -> None:
        await pilot.press("ctrl+q", *"12", "enter", *"47")  # one wrong try, then typing
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=asked)


def interview_app(tmp_path: Path) -> SurveyApp:
    app = SurveyApp(load(HERE / "run_interview.yaml"), ResponseStore(tmp_path / "r.json"))
    app.clock = lambda: 0.0  # the timer shows 00:00 whenever the picture is taken
    return app


def test_interview_rated_question_with_notes(snap_compare: Any, tmp_path: Path) -> None:
    async def noted(pilot: Pilot[Any]) -> None:
        await pilot.press("enter", "4", "tab")
        type_into_focused(pilot, "Only for boilerplate [hedged].")
        await settle(pilot)

    assert snap_compare(interview_app(tmp_path), terminal_size=SIZE, run_before=noted)


def test_interview_text_question(snap_compare: Any, tmp_path: Path) -> None:
    async def typed(pilot: Pilot[Any]) -> None:
        await pilot.press("enter", "4", "enter")
        type_into_focused(pilot, "A wrong API version in a migration.")
        await settle(pilot)

    assert snap_compare(interview_app(tmp_path), terminal_size=SIZE, run_before=typed)
