"""The feedback log's one-screen form (Pilot): keyboard only, starts at the last choices,
errors name the field and move the focus there, Other takes its own text, Esc logs nothing,
pasted control characters never reach a field."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual import events
from textual.widgets import Input, RadioSet, Select

from survey_tui.core.feedback.entries import Draft
from survey_tui.core.loader import load
from survey_tui.frontends.tui.apps.log_form import LogFormApp

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "feedback"
TEAM = load(FIXTURES / "log_team.yaml")
TODAY = date(2026, 12, 1)


def app(draft: Draft | None = None, last: dict[str, str] | None = None) -> LogFormApp:
    return LogFormApp(TEAM, draft, contributor="c" * 32, last=last, today=TODAY)


async def test_a_repeat_entry_by_keyboard_starts_at_the_last_choices() -> None:
    form = app(last={"group": "frontline", "workflow": "test_writing", "tool": "claude"})
    async with form.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        # Group, workflow and tool are as last time: the cursor waits at the outcome.
        assert isinstance(form.focused, RadioSet)
        await pilot.press("down", "enter", "tab", "2", "5", "tab", *"flaky mock", "enter")
        await pilot.pause()
    entry = form.return_value
    assert entry is not None
    assert (entry["group"], entry["workflow"], entry["tool"]) == (
        "frontline",
        "test_writing",
        "claude",
    )
    assert (entry["outcome"], entry["minutes"], entry["note"]) == ("corrected", 25, "flaky mock")
    assert entry["date"] == "2026-12-01" and entry["contributor"] == "c" * 32


async def test_lists_open_and_pick_what_is_typed() -> None:
    form = app(Draft(group="executive"))
    async with form.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert form.focused is form.query_one("#workflow", Select)
        await pilot.press("enter", *"incid", "enter", "tab", "enter", *"chat", "enter")
        await pilot.pause()
        assert form.query_one("#workflow", Select).value == "incident_response"
        assert form.query_one("#tool", Select).value == "chatgpt"


async def test_errors_name_the_field_and_focus_it_and_nothing_is_returned() -> None:
    form = app(Draft(group="frontline", workflow="test_writing", tool="claude", outcome="helped"))
    async with form.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        minutes = form.query_one("#minutes", Input)
        minutes.value = "999"
        await pilot.press("ctrl+s")
        await pilot.pause()
        errors = str(form.query_one("#errors").render())
        assert "Minutes: 999 is outside 0..240 minutes" in errors
        assert form.focused is minutes
        assert form.return_value is None and form.is_running
        await pilot.press("escape")
        await pilot.pause()
    assert form.return_value is None


async def test_other_takes_the_tool_s_own_name() -> None:
    form = app(Draft(group="frontline", workflow="code_review", outcome="abandoned", minutes=10))
    async with form.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert form.focused is form.query_one("#tool", Select)
        await pilot.press("enter", *"other", "enter")
        await pilot.pause()
        other = form.query_one("#other-tool", Input)
        assert other.display and form.focused is other
        await pilot.press(*"Windsurf", "ctrl+s")
        await pilot.pause()
    entry = form.return_value
    assert entry is not None and entry["tool"] == "Windsurf"


async def test_pasted_control_characters_never_reach_the_note() -> None:
    form = app(
        Draft(group="frontline", workflow="code_review", tool="claude", outcome="helped", minutes=3)
    )
    async with form.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        form.query_one("#note", Input).focus()
        form.post_message(events.Paste("ok \x1b]52;c;ZXZpbA==\x07 \x9b2J done"))
        await pilot.pause()
        assert form.query_one("#note", Input).value == "ok ]52;c;ZXZpbA== 2J done"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert form.return_value is not None and "\x1b" not in form.return_value["note"]


async def test_the_form_speaks_the_questionnaire_copy_s_language() -> None:
    """Labels, prompts, placeholders, the key hint and the footer keys come from the product's
    catalogs: a German copy of the questionnaire gets a German form."""
    import io

    from rich.console import Console

    from survey_tui.core.catalog import resolve_questionnaire

    german = load(resolve_questionnaire("ai-expectation-gap")).in_language("de")
    form = LogFormApp(german, None, contributor="c" * 32, today=TODAY)
    async with form.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        console = Console(width=100, height=40, file=io.StringIO(), record=True)
        console.print(form.screen._compositor.render_update(full=True))
        shown = console.export_text()
        other = form.query_one("#other-tool", Input).placeholder
        minutes = form.query_one("#minutes", Input).placeholder
    for german_words in ("Ihre Gruppe", "Wählen Sie Ihre Gruppe", "Speichern", "Tag"):
        assert german_words in shown, german_words
    for english in ("Your group", "Choose your group", "Save", "Leave without logging"):
        assert english not in shown, english
    assert "tool" not in other.casefold() and "to" not in minutes.split()
