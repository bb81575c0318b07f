"""Widgets only the interview screen uses: the probes, the question timer, the notes area."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Label, Static

from survey_tui.core import texts
from survey_tui.core.answers import NOTE_MAX_LENGTH
from survey_tui.core.texts import T_
from survey_tui.frontends.tui.widgets.capped_text import CappedTextArea
from survey_tui.frontends.tui.words import words_of


def format_elapsed(seconds: float) -> str:
    """``mm:ss`` (minutes go past 59 rather than adding hours: no interview lasts that long)."""
    whole = max(0, int(seconds))
    return f"{whole // 60:02d}:{whole % 60:02d}"


class Probes(Vertical):
    """The follow-up prompts for the interviewer, one bullet each (wrapped lines hang)."""

    def __init__(self, probes: list[str]) -> None:
        super().__init__(id="probes")
        self.probes = probes

    def compose(self) -> ComposeResult:
        yield Static(words_of(self)(texts.PROBES_FOR_YOU), markup=False)
        for probe in self.probes:
            with Horizontal(classes="probe"):
                yield Static("•", classes="bullet")
                # No markup: a probe may well contain [brackets].
                yield Static(probe, markup=False)


class Elapsed(Label):
    """Time spent on this question so far, all visits together."""

    def __init__(self) -> None:
        super().__init__("", id="timer")

    def show(self, seconds: float) -> None:
        self.update(words_of(self)(T_(texts.TIME, elapsed=format_elapsed(seconds))))


class NotesArea(CappedTextArea):
    """The interviewer's notes on a rated or chosen question (saved as they are typed)."""

    def __init__(self, text: str) -> None:
        super().__init__(
            text,
            id="notes",
            soft_wrap=True,
            tab_behavior="focus",
            placeholder=words_of(self)(texts.NOTES_PLACEHOLDER),
            max_length=NOTE_MAX_LENGTH,
        )
