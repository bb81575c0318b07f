"""Kiosk mode under Pilot: a fresh start per respondent, PIN-guarded leaving, no palette."""

from __future__ import annotations

from pathlib import Path

from helpers.dashboard import wait_until
from textual.command import CommandPalette
from textual.widgets import Input, Label

from survey_tui.core.loader import load
from survey_tui.core.store import ResponseStore
from survey_tui.frontends.tui.apps.kiosk import KioskApp, KioskThanksScreen
from survey_tui.frontends.tui.screens.pin import PinScreen
from survey_tui.frontends.tui.screens.question import QuestionScreen
from survey_tui.frontends.tui.screens.review import ReviewScreen
from survey_tui.frontends.tui.screens.welcome import WelcomeScreen
from survey_tui.frontends.tui.widgets.answers import AnswerWidget

ONE = Path(__file__).parent / "kiosk_one.yaml"


def kiosk(db: Path) -> KioskApp:
    # A long thank-you pause, so the test (not the timer) decides when the next person starts.
    return KioskApp(load(ONE), ResponseStore(db), pin="4711", group="a", thanks_seconds=60)


async def test_next_respondent_starts_fresh(tmp_path: Path) -> None:
    db = tmp_path / "r.json"
    app = kiosk(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "4", "enter", "ctrl+s")
        assert isinstance(app.screen, KioskThanksScreen)
        await pilot.press("enter")  # next respondent now
        assert isinstance(app.screen, WelcomeScreen)
        assert app.session is None  # the previous session is not reachable
        await pilot.press("enter")
        assert isinstance(app.screen, QuestionScreen)
        assert app.screen.query_one(AnswerWidget).value() is None  # no previous answer shown
        assert app.screen.query_one("#back").disabled  # and no way back into the old one
        await pilot.press("2", "enter")
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, KioskThanksScreen)
        assert app.respondents == 2

    records = ResponseStore(db).responses("kiosk-one")
    assert sorted(r["answers"]["lik"] for r in records) == [2, 4]
    assert {r["status"] for r in records} == {"complete"}
    assert {r["mode"] for r in records} == {"kiosk"}
    assert len({r["response_id"] for r in records}) == 2
    assert {r.get("resume_key") for r in records} == {None}  # never offered to someone else


async def test_leaving_needs_the_pin_and_palette_is_off(tmp_path: Path) -> None:
    app = kiosk(tmp_path / "r.json")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        assert not isinstance(app.screen, CommandPalette)
        assert isinstance(app.screen, WelcomeScreen)

        await pilot.press("ctrl+q")
        assert isinstance(app.screen, PinScreen)
        await pilot.press("1", "2", "enter")
        assert isinstance(app.screen, PinScreen)  # wrong PIN: still here, still running
        assert "Wrong PIN" in str(app.screen.query_one("#pin-error", Label).render())
        assert app.screen.query_one("#pin-input", Input).value == ""
        await pilot.press("escape")  # back to the survey
        assert isinstance(app.screen, WelcomeScreen)
        assert app.return_code is None
        await pilot.press("escape")  # Esc at the top asks for the PIN too
        assert isinstance(app.screen, PinScreen)
        await pilot.press("escape")

        await pilot.press("ctrl+c")
        assert isinstance(app.screen, PinScreen)
        await pilot.press("4", "7", "1", "1", "enter")
        await pilot.pause()
        assert app.return_code == 0  # the right PIN exits


async def test_thank_you_moves_on_by_itself(tmp_path: Path) -> None:
    app = KioskApp(load(ONE), ResponseStore(tmp_path / "r.json"), pin="1", thanks_seconds=0.05)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "enter", "3", "enter", "ctrl+s")
        assert app.respondents == 1  # submitted; no key pressed after the thank-you
        await wait_until(pilot, lambda: isinstance(app.screen, WelcomeScreen))
        assert app.session is None
        assert app.screen.query("#group")  # the group is asked again for the next person


async def test_a_respondent_who_walks_away_is_not_handed_to_the_next(tmp_path: Path) -> None:
    db = tmp_path / "r.json"
    now = [1000.0]
    app = KioskApp(load(ONE), ResponseStore(db), pin="1", group="a", idle_seconds=180)
    app.clock = lambda: now[0]  # the app's clock: time moves only when the test says so
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "4")  # started, rated, then walked away before Next
        assert isinstance(app.screen, QuestionScreen)
        now[0] += 170
        app._check_idle()
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)  # warned ("Still there?"), not reset
        assert any("Still there?" in n.message for n in app._notifications)
        now[0] += 20
        app._check_idle()
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen) and app.session is None
        assert app.abandoned == 1
        await pilot.press("enter")  # the next person
        assert app.screen.query_one(AnswerWidget).value() is None
    stored = ResponseStore(db).responses("kiosk-one", status=None)
    # Two unfinished responses (the walked-away one stays stored, never shown again), no mix.
    assert [r["status"] for r in stored] == ["partial", "partial"]
    assert len({r["response_id"] for r in stored}) == 2


def pin_message(app: KioskApp) -> str:
    return str(app.screen.query_one("#pin-error", Label).render())


async def test_wrong_pins_make_the_next_try_wait_and_reopening_does_not_reset(
    tmp_path: Path,
) -> None:
    now = [1000.0]
    app = kiosk(tmp_path / "r.json")
    app.clock = lambda: now[0]  # the PIN wait reads the app's clock: no real waiting
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+q", *"1111", "enter", *"2222", "enter", *"3333", "enter")
        assert isinstance(app.screen, PinScreen)
        assert "Wrong PIN (attempt 3). Wait 1 s before the next try." in pin_message(app)
        # A 4th try during the wait is refused unchecked, even the right PIN.
        await pilot.press(*"4711", "enter")
        await pilot.pause()
        assert app.return_code is None and isinstance(app.screen, PinScreen)
        assert "Too many wrong PINs. Wait 1 s before the next try." in pin_message(app)
        # Closing and reopening the prompt keeps the wait.
        await pilot.press("escape", "ctrl+q")
        assert "Wait 1 s before the next try." in pin_message(app)
        now[0] += 1
        app.screen._tick()  # what the prompt's timer does twice a second
        await pilot.pause()
        assert pin_message(app) == "You can try again now."
        await pilot.press(*"4444", "enter")  # after the wait: checked, wrong, 2 s now
        assert "Wrong PIN (attempt 4). Wait 2 s before the next try." in pin_message(app)
        now[0] += 2
        await pilot.press(*"4711", "enter")
        await pilot.pause()
        assert app.return_code == 0  # the right PIN after the wait exits
