"""Kiosk mode: one respondent after another on a shared terminal, leaving needs a PIN."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Label, Static

from survey_tui.core.model import Questionnaire
from survey_tui.core.session import Store
from survey_tui.tui.app import SurveyApp
from survey_tui.tui.screens.pin import PinScreen


class KioskThanksScreen(Screen[None]):
    """A short thank-you; then (after a few seconds, or Enter) the next respondent starts."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "next", "Next respondent")]

    def compose(self) -> ComposeResult:
        with Vertical(id="thanks"):
            yield Static("Thank you!", classes="title")
            yield Label("Your response has been recorded.")
            yield Label("The survey restarts for the next person in a moment (Enter: now).")

    def on_mount(self) -> None:
        seconds = self.app.thanks_seconds  # type: ignore[attr-defined]
        self.set_timer(seconds, self.action_next)

    def action_next(self) -> None:
        self.app.next_respondent()  # type: ignore[attr-defined]


class KioskApp(SurveyApp):
    """The respondent app in kiosk mode: records stored with mode "kiosk", no resume,
    no command palette, and ctrl+q / ctrl+c / Esc at the top ask for the facilitator PIN."""

    ENABLE_COMMAND_PALETTE: ClassVar[bool] = False
    BINDINGS: ClassVar[list[BindingType]] = [
        # Priority, so no focused widget (ctrl+c copies in Input) can swallow them.
        Binding("ctrl+q", "quit", "Leave (PIN)", show=False, priority=True),
        Binding("ctrl+c", "quit", show=False, priority=True),
        # Not priority: only an Esc that nothing else used reaches the top.
        Binding("escape", "quit", show=False),
    ]

    def __init__(
        self,
        questionnaire: Questionnaire,
        store: Store,
        *,
        pin: str,
        group: str | None = None,
        wave: str = "default",
        thanks_seconds: float = 5.0,
    ) -> None:
        # No resume key: a respondent must never be offered the previous person's answers.
        super().__init__(questionnaire, store, group=group, wave=wave, resume_key=None)
        self._pin = pin
        self.mode = "kiosk"
        self.thanks_seconds = thanks_seconds
        self.respondents = 0

    def show_thanks(self) -> None:
        self.respondents += 1
        self.switch_screen(KioskThanksScreen())

    def next_respondent(self) -> None:
        """Replace the thank-you screen with a fresh welcome; the old session is dropped."""
        if isinstance(self.screen, PinScreen):
            # The facilitator is typing the PIN: restart once they are done.
            self.set_timer(1.0, self.next_respondent)
            return
        if not isinstance(self.screen, KioskThanksScreen):
            return  # Enter and the timer both fired: the first one already restarted
        from survey_tui.tui.screens.survey import WelcomeScreen

        self.session = None
        self.switch_screen(WelcomeScreen(self.start_session, self.fixed_group))

    async def action_quit(self) -> None:
        if isinstance(self.screen, PinScreen):
            return  # already asking
        self.push_screen(PinScreen(self._pin), self._pin_given)

    def _pin_given(self, ok: bool | None) -> None:
        if ok:
            self.exit()
