"""The thank-you after a submitted response (the kiosk's own starts the next respondent)."""

from __future__ import annotations

from typing import ClassVar

from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Label, Static

from survey_tui.core import texts
from survey_tui.core.texts import T_
from survey_tui.frontends.tui.apps.survey import SurveyApp
from survey_tui.frontends.tui.widgets.footer import QuietFooter


class ThankYouScreen(Screen[None]):
    # "Close": out of the app, or (started from the home) back to its list.
    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter,q,escape", "app.quit", texts.CLOSE)]
    #: The last line: what comes next, and the key for it.
    WHAT_NEXT: ClassVar[texts.Text] = texts.KEYS_CLOSE
    FOOTER: ClassVar[bool] = True

    app = getters.app(SurveyApp)

    def compose(self) -> ComposeResult:
        w = self.app.words
        with Vertical(id="thanks"):
            yield Static(w(texts.THANKS_TITLE), classes="title")
            interview = self.app.mode == "interview"
            what = texts.THE_INTERVIEW if interview else texts.YOUR_RESPONSE
            yield Label(w(T_(texts.RECORDED, what=what)))
            yield Label(w(self.WHAT_NEXT))
        if self.FOOTER:
            yield QuietFooter()
