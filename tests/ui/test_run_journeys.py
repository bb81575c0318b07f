"""Respondent journeys of issue 18 under Pilot: the screen does what it says."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Button, Checkbox, Input, Static

from survey_tui.core.loader import load
from survey_tui.core.store import ResponseStore
from survey_tui.frontends.tui.apps.survey import SurveyApp
from survey_tui.frontends.tui.screens.question import QuestionScreen
from survey_tui.frontends.tui.screens.review import ReviewScreen
from survey_tui.frontends.tui.screens.welcome import WelcomeScreen
from survey_tui.frontends.tui.widgets.multi import MultiList

JOURNEYS = Path(__file__).parent / "run_journeys.yaml"


def text(app: SurveyApp, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


def current(app: SurveyApp) -> str:
    screen = app.screen
    return screen.question.id if isinstance(screen, QuestionScreen) else type(screen).__name__


def footer_keys(app: SurveyApp) -> dict[str, str]:
    """The keys the footer shows now: key -> description."""
    return {
        key: binding.description
        for key, (_, binding, enabled, _) in app.screen.active_bindings.items()
        if binding.show and enabled
    }


async def begin(pilot) -> None:  # type: ignore[no-untyped-def]
    """Past the welcome (its keys have tests of their own): an engineer starts."""
    pilot.app.start_session("eng")
    await pilot.pause()


async def test_space_ticks_the_consent_at_once_and_the_label_says_the_next_key(
    tmp_path: Path,
) -> None:
    app = SurveyApp(load(JOURNEYS), ResponseStore(tmp_path / "r.json"))
    async with app.run_test(size=(80, 30)) as pilot:
        consent = app.screen.query_one("#consent", Checkbox)
        assert "Space to tick, then Tab to the groups" in str(consent.label)
        await pilot.press("space")  # no Tab first
        assert consent.value
        await pilot.press("tab")
        assert app.focused is app.screen.query_one("#group")


async def test_group_descriptions_are_on_the_picker(tmp_path: Path) -> None:
    app = SurveyApp(load(JOURNEYS), ResponseStore(tmp_path / "r.json"))
    async with app.run_test(size=(80, 30)):
        shown = [str(b.label) for b in app.screen.query("#group RadioButton")]
        assert shown == [
            "Leaders · People who decide on AI tools.",
            "Engineers · People who use AI tools every day.",
        ]


async def test_welcome_errors_clear_once_fixed(tmp_path: Path) -> None:
    app = SurveyApp(load(JOURNEYS), ResponseStore(tmp_path / "r.json"))
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.press("ctrl+s")
        assert text(app, "#error") == "Please tick 'I agree' to take part."
        await pilot.press("space")  # the focus went to the consent box: Space ticks it
        assert text(app, "#error") == ""
        await pilot.press("ctrl+s")
        assert text(app, "#error") == "Please choose the group that describes you."
        await pilot.press("1")
        assert text(app, "#error") == ""


async def test_question_error_clears_once_the_answer_is_fixed(tmp_path: Path) -> None:
    app = SurveyApp(load(JOURNEYS), ResponseStore(tmp_path / "r.json"))
    async with app.run_test(size=(80, 30)) as pilot:
        await begin(pilot)
        await pilot.press("enter")
        assert text(app, "#error") == "This question needs an answer."
        await pilot.press("4")
        assert text(app, "#error") == ""
        await pilot.press("enter", "enter")  # on to uses, then refused: needs an answer
        assert current(app) == "uses" and text(app, "#error") == "This question needs an answer."
        await pilot.press("space")
        assert text(app, "#error") == ""


async def test_down_from_the_last_option_reaches_the_other_box(tmp_path: Path) -> None:
    db = tmp_path / "r.json"
    app = SurveyApp(load(JOURNEYS), ResponseStore(db))
    async with app.run_test(size=(80, 30)) as pilot:
        await begin(pilot)
        await pilot.press("4", "enter")
        assert "↓ past the last: Other" in text(app, "#hint")
        assert "cannot contain ';'" in text(app, ".other-rule")
        await pilot.press("down", "down")  # Code, Tests, then the Other box
        other = app.screen.query_one("#other", Input)
        assert app.focused is other
        await pilot.press("P", "a", "i", "r")
        assert other.value == "Pair"
        await pilot.press("up")  # back to the options, on the last one
        assert isinstance(app.focused, MultiList) and app.focused.highlighted == 1
        await pilot.press("space", "enter")
        assert current(app) == "hours"
    [partial] = ResponseStore(db).responses("journeys", status="partial")
    assert partial["answers"]["uses"] == ["tests", "Pair"]


async def test_section_description_shows_where_the_section_starts(tmp_path: Path) -> None:
    q = load(JOURNEYS)
    app = SurveyApp(q, ResponseStore(tmp_path / "r.json"))
    async with app.run_test(size=(80, 30)) as pilot:
        await begin(pilot)
        intro = app.screen.query_one("#intro", Static)
        assert not intro.display  # the first section has none
        await pilot.press("4", "enter", "space", "enter", "3", "enter")
        assert current(app) == "measured"
        assert intro.display and str(intro.render()) == "These questions are optional."
        await pilot.press("enter")  # optional: skipped
        assert current(app) == "shared" and not intro.display


async def test_review_arrows_move_between_answers_and_an_edit_returns_to_it(
    tmp_path: Path,
) -> None:
    app = SurveyApp(load(JOURNEYS), ResponseStore(tmp_path / "r.json"))
    async with app.run_test(size=(80, 24)) as pilot:
        await begin(pilot)
        await pilot.press("4", "enter", "space", "enter", "3", "enter", "enter", "enter")
        assert isinstance(app.screen, ReviewScreen)
        items = list(app.screen.query(".review-item"))
        assert app.focused is items[0]
        await pilot.press("down", "down")
        assert app.focused is items[2]
        await pilot.press("up")
        assert app.focused is items[1]
        for _ in range(len(items)):
            await pilot.press("down")
        assert app.focused is app.screen.query_one("#submit", Button)
        await pilot.click("#edit-lik")
        assert current(app) == "lik"
        await pilot.press("2", "enter")  # Next goes back to the review, not on to "uses"
        assert isinstance(app.screen, ReviewScreen)
        assert "2 - Disagree" in str(app.screen.query_one("#edit-lik", Button).label)


async def test_esc_on_the_welcome_goes_back_to_the_list_only_from_the_home(
    tmp_path: Path,
) -> None:
    app = SurveyApp(load(JOURNEYS), ResponseStore(tmp_path / "r.json"), from_home=True)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, WelcomeScreen)
        assert footer_keys(app)["escape"] == "Back to the list"
        await pilot.press("escape")
        assert not app.is_running
    alone = SurveyApp(load(JOURNEYS), ResponseStore(tmp_path / "r.json"))
    async with alone.run_test(size=(80, 24)) as pilot:
        assert "escape" not in footer_keys(alone)
        await pilot.press("escape")
        assert alone.is_running and isinstance(alone.screen, WelcomeScreen)


async def test_ctrl_q_mid_survey_says_the_answers_are_saved(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    app = SurveyApp(load(JOURNEYS), ResponseStore(tmp_path / "r.json"))
    async with app.run_test(size=(80, 24)) as pilot:
        await begin(pilot)
        await pilot.press("4", "enter", "ctrl+q")
    said = " ".join(capfd.readouterr().err.split())
    assert "Your answers so far are saved" in said and "choose Resume" in said
