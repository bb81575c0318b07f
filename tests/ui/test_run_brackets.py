"""Authored and typed text is shown as written: [brackets] are not Textual markup."""

from __future__ import annotations

from pathlib import Path

from survey_tui.core.loader import load
from survey_tui.core.store import ResponseStore
from survey_tui.frontends.tui.apps.survey import SurveyApp
from survey_tui.frontends.tui.screens.review import ReviewScreen

BRACKETS = Path(__file__).parent / "run_brackets.yaml"


def screen_text(app: SurveyApp) -> str:
    """Every piece of text the current screen renders, as plain text."""
    parts = []
    for widget in app.screen.query("*"):
        rendered = widget.render()
        plain = getattr(rendered, "plain", None)
        if isinstance(plain, str):
            parts.append(plain)
    return "\n".join(parts)


async def test_brackets_are_shown_not_parsed(tmp_path: Path) -> None:
    db = tmp_path / "r.json"
    app = SurveyApp(load(BRACKETS), ResponseStore(db))
    async with app.run_test(size=(80, 24)) as pilot:
        assert "Brackets [draft]" in screen_text(app)
        await pilot.press("enter")
        text = screen_text(app)
        for shown in ("Part [1]", "Which tool [main one]?", "Pick one [/b]", "[/odd]"):
            assert shown in text
        await pilot.press("1", "enter", "space", "down", "space", "enter")
        assert "Speed [/x]" in screen_text(app)
        await pilot.press("5")
        assert isinstance(app.screen, ReviewScreen)
        assert "Copilot [Microsoft]" in screen_text(app)
        await pilot.press("ctrl+s")
    [record] = ResponseStore(db).responses("brackets")
    assert record["answers"] == {
        "tool": "copilot_microsoft",
        "tasks": ["code_new", "tests_unit"],
        "grid": {"x": 5},
    }
