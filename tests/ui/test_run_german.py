"""A German respondent in the TUI: the welcome screen offers each declared language in its own
name, and after choosing Deutsch (or with the language fixed) every screen, hint, button,
footer key and error is German; the record stores ``language``."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from catalogs import english_only_words, words_in
from rich.console import Console
from textual.app import App

from survey_tui.core.loader import load
from survey_tui.core.store import ResponseStore
from survey_tui.tui.app import SurveyApp
from survey_tui.tui.screens.survey import QuestionScreen, ReviewScreen, WelcomeScreen

BILINGUAL = Path(__file__).parents[1] / "fixtures" / "languages" / "bilingual.yaml"


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
