"""The offer to carry on with an unfinished response (or start over as a new respondent)."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import (
    Button,
    Label,
    Static,
)

from survey_tui.core import texts
from survey_tui.core.record import Record
from survey_tui.core.texts import T_
from survey_tui.frontends.tui.widgets.footer import QuietFooter
from survey_tui.frontends.tui.words import words_of


class ResumeScreen(Screen[Record | None]):
    """Offer to carry on with an unfinished response from this terminal, or start over."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "resume", texts.RESUME),
        Binding("s", "start_over", texts.START_OVER),
    ]

    def __init__(self, record: Record) -> None:
        super().__init__()
        self.record = record

    def compose(self) -> ComposeResult:
        w = words_of(self)
        count = texts.answers_count(len(self.record.get("answers") or {}))
        started = str(self.record.get("started_at") or "")[:16].replace("T", " ")
        with Vertical(id="resume"):
            yield Static(w(texts.RESUME_TITLE), classes="title")
            yield Label(w(T_(texts.RESUME_STARTED, started=started, count=count)))
            yield Label(w(texts.RESUME_OR_START_OVER))
            with Horizontal(id="nav"):
                yield Button(w(texts.RESUME_KEY), variant="primary", id="resume-button")
                yield Button(w(texts.START_OVER_KEY), id="start-over")
        yield QuietFooter()

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#resume-button"))

    @on(Button.Pressed, "#resume-button")
    def action_resume(self) -> None:
        self.dismiss(self.record)

    @on(Button.Pressed, "#start-over")
    def action_start_over(self) -> None:
        self.dismiss(None)
