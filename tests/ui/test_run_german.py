"""A German respondent in the TUI: the welcome screen offers each declared language in its own
name, and after choosing Deutsch (or with the language fixed) every screen, hint, button,
footer key and error is German; the record stores ``language``."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from helpers.catalogs import english_only_words, words_in
from rich.console import Console
from textual.app import App

from survey_tui.core.loader import load
from survey_tui.core.store import ResponseStore
from survey_tui.frontends.tui.apps.survey import SurveyApp
from survey_tui.frontends.tui.screens.question import QuestionScreen
from survey_tui.frontends.tui.screens.review import ReviewScreen
from survey_tui.frontends.tui.screens.welcome import WelcomeScreen

BILINGUAL = Path(__file__).parents[1] / "fixtures" / "languages" / "every_type.yaml"


def screen_text(app: App[Any]) -> str:
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), record=True)
    console.print(app.screen._compositor.render_update(full=True))
    return console.export_text()


def german_texts() -> list[str]:
    """Every text of the questionnaire in German (its own words are allowed on screen)."""
    import yaml

    from survey_tui.core.languages import text_sites

    data = yaml.safe_load(BILINGUAL.read_text(encoding="utf-8"))
    found: list[str] = []

    def collect(value: Any) -> None:
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            for key, inner in value.items():
                if key != "en":
                    collect(inner)

    for site in text_sites(data):
        collect(site.value)
    return found


def english_on(app: App[Any], english: set[str]) -> set[str]:
    return words_in(screen_text(app)) & english


async def test_a_german_respondent_meets_no_english_word(tmp_path: Path) -> None:
    english = english_only_words("de", *german_texts())
    db = tmp_path / "r.json"
    app = SurveyApp(load(BILINGUAL), ResponseStore(db))
    seen: list[str] = []
    async with app.run_test(size=(100, 40)) as pilot:
        assert isinstance(app.screen, WelcomeScreen)
        welcome = screen_text(app)
        assert "English" in welcome and "Deutsch" in welcome  # each in its own name
        assert "Language / Sprache" in welcome  # read before a language is chosen
        app.screen.query_one("#language").focus()
        await pilot.press("2")  # Deutsch: the welcome screen again, in German
        await pilot.pause()
        assert app.language == "de"
        assert english_on(app, english) == set(), screen_text(app)
        await pilot.press("ctrl+s")  # refused: the error is German too
        await pilot.pause()
        assert "Bitte" in screen_text(app)
        assert english_on(app, english) == set(), screen_text(app)
        app.screen.query_one("#consent").focus()
        await pilot.press("space", "tab", "2", "ctrl+s")
        keys_for = {
            "impact": ("4",),
            "recommend": ("8",),
            "tool": ("1",),
            "tasks": ("space", "down", "down", "space"),
            "hours": ("5",),
            "grid": ("4", "3"),
        }
        await pilot.pause()
        while isinstance(app.screen, QuestionScreen):
            seen.append(screen_text(app))
            assert english_on(app, english) == set(), screen_text(app)
            shown = app.screen.question.id
            await pilot.press(*keys_for.get(shown, ()))
            await pilot.pause()
            if isinstance(app.screen, QuestionScreen) and app.screen.question.id == shown:
                await pilot.press("ctrl+n")
            await pilot.pause()
        assert len(seen) == 7
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert "Ihre Antworten prüfen" in screen_text(app)
        assert english_on(app, english) == set(), screen_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Vielen Dank" in screen_text(app)
        assert english_on(app, english) == set(), screen_text(app)
    assert "Frage 1 von 7" in seen[0]
    [record] = ResponseStore(db).responses("bilingual")
    assert record["language"] == "de"
    assert record["answers"]["tool"] == "copilot"  # the same data in any language


async def test_a_fixed_language_offers_no_choice(tmp_path: Path) -> None:
    app = SurveyApp(load(BILINGUAL), ResponseStore(tmp_path / "r.json"), language="de")
    async with app.run_test(size=(100, 40)):
        assert isinstance(app.screen, WelcomeScreen)
        assert not app.screen.query("#language")
        assert "Arbeiten mit KI" in screen_text(app)
        assert "Starten" in screen_text(app)


INTERVIEW = BILINGUAL.parent / "interview_bilingual.yaml"


async def test_kiosk_in_german_thanks_pin_and_next_person(tmp_path: Path) -> None:
    from survey_tui.frontends.tui.apps.kiosk import KioskApp, KioskThanksScreen
    from survey_tui.frontends.tui.screens.pin import PinScreen

    english = english_only_words("de", *german_texts())
    db = tmp_path / "r.json"
    app = KioskApp(load(BILINGUAL), ResponseStore(db), pin="4711", group="eng", thanks_seconds=60)
    async with app.run_test(size=(100, 40)) as pilot:
        app.screen.query_one("#language").focus()
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("ctrl+q")  # leaving asks for the PIN, in German
        await pilot.pause()
        assert isinstance(app.screen, PinScreen)
        assert english_on(app, english) == set(), screen_text(app)
        await pilot.press(*"0000", "enter")
        await pilot.pause()
        assert "Falsche PIN" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        app.screen.query_one("#consent").focus()
        await pilot.press("space", "ctrl+s")
        while isinstance(app.screen, QuestionScreen):
            shown = app.screen.question.id
            keys = {"tasks": ("space",), "hours": ("5",), "grid": ("4", "3")}.get(shown, ("3",))
            await pilot.press(*keys)
            await pilot.pause()
            if isinstance(app.screen, QuestionScreen) and app.screen.question.id == shown:
                await pilot.press("ctrl+n")
            await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, KioskThanksScreen)
        assert "Vielen Dank" in screen_text(app)
        assert english_on(app, english) == set(), screen_text(app)
        await pilot.press("enter")  # the next person starts in the default language again
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen) and app.language == "en"
    [record] = ResponseStore(db).responses("bilingual")
    assert record["language"] == "de" and record["mode"] == "kiosk"


async def test_interview_mode_in_german(tmp_path: Path) -> None:
    q = load(INTERVIEW)
    german = q.in_language("de")
    texts = [german.title, german.consent or "", *(g.label for g in german.groups)]
    texts += [question.model_dump_json() for question in german.questions()]
    texts += [str(s.model_dump()) for s in german.scales.values()]
    english = english_only_words("de", *texts, "Einstieg")
    db = tmp_path / "r.json"
    app = SurveyApp(q, ResponseStore(db), language="de")
    async with app.run_test(size=(100, 40)) as pilot:
        assert english_on(app, english) == set(), screen_text(app)
        assert "Die befragte Person ist mit der Teilnahme einverstanden" in screen_text(app)
        app.screen.query_one("#consent").focus()
        await pilot.press("space", "tab", "1", "ctrl+s")
        await pilot.pause()
        for _ in range(3):
            assert isinstance(app.screen, QuestionScreen)
            text = screen_text(app)
            assert "Zeit 00:0" in text
            if app.screen.question.probes:
                assert "Nachfragen (für Sie, nach Bedarf):" in text
            assert english_on(app, english) == set(), text
            if app.screen.question.id == "trust":
                await pilot.press("4")
            await pilot.press("ctrl+n")
            await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert english_on(app, english) == set(), screen_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Das Interview wurde gespeichert." in screen_text(app)
    [record] = ResponseStore(db).responses("iv-bilingual")
    assert record["language"] == "de" and record["mode"] == "interview"


async def test_the_german_flagship_in_the_tui(tmp_path: Path) -> None:
    """The shipped flagship with --lang de, every question answered by keys: no English word
    of ours on any screen."""
    from survey_tui.core.catalog import resolve_questionnaire

    q = load(resolve_questionnaire("ai-expectation-gap"))
    german = q.in_language("de")
    texts: list[str] = []

    def collect(data: Any, shown: bool = False) -> None:
        if isinstance(data, str) and shown:
            texts.append(data)
        elif isinstance(data, dict):
            for key, value in data.items():
                collect(value, key in SHOWN_KEYS)
        elif isinstance(data, list):
            for value in data:
                collect(value, shown)

    collect(german.model_dump())
    english = english_only_words("de", *texts, "Gut")
    db = tmp_path / "r.json"
    app = SurveyApp(q, ResponseStore(db), language="de")
    screens = 0
    async with app.run_test(size=(100, 40)) as pilot:
        assert english_on(app, english) == set(), screen_text(app)
        app.screen.query_one("#consent").focus()
        await pilot.press("space", "tab", "2", "ctrl+s")
        await pilot.pause()
        while isinstance(app.screen, QuestionScreen) and screens < 80:
            screens += 1
            assert english_on(app, english) == set(), screen_text(app)
            shown = app.screen.question
            await pilot.press(*keys_for(shown))
            await pilot.pause()
            if isinstance(app.screen, QuestionScreen) and app.screen.question.id == shown.id:
                await pilot.press("ctrl+n")
                await pilot.pause()
            assert not (
                isinstance(app.screen, QuestionScreen) and app.screen.question.id == shown.id
            ), screen_text(app)
        assert isinstance(app.screen, ReviewScreen)
        assert english_on(app, english) == set(), screen_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert english_on(app, english) == set(), screen_text(app)
    assert screens > 20
    [record] = ResponseStore(db).responses(q.id)
    assert record["language"] == "de"


SHOWN_KEYS = {"title", "description", "consent", "label", "labels", "text", "help", "probes"}
SHOWN_KEYS |= {"dont_know", "unit", "short", "topic"}


def keys_for(question: Any) -> tuple[str, ...]:
    """Keys that give ``question`` a valid answer."""
    kind = question.type
    if kind in ("likert", "nps", "single_choice"):
        return ("1",)
    if kind == "multi_choice":
        return ("space",)
    if kind == "number":
        low = int(question.min) if question.min is not None else 0
        return tuple(str(low))
    if kind == "matrix":
        return tuple("1" for _ in question.rows)
    return tuple("Gut")


async def test_the_german_consent_line_wraps_instead_of_being_cut(tmp_path: Path) -> None:
    """German runs longer than English: at 80x24 the consent checkbox keeps its whole label
    (the key hint at its end is what tells a respondent how to go on)."""
    from survey_tui.core.catalog import resolve_questionnaire

    q = load(resolve_questionnaire("ai-expectation-gap"))
    app = SurveyApp(q, ResponseStore(tmp_path / "r.json"), language="de")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+s")  # past the introduction, to consent and group
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        consent = app.screen.query_one("#consent")
        assert consent.size.height >= 2
        assert "dann Tab zu den Gruppen)" in " ".join(screen_text(app).split())
