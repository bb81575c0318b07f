"""Kiosk mode: one respondent after another on a shared terminal, leaving needs a PIN."""

from __future__ import annotations

from typing import ClassVar

from textual import events, getters
from textual.binding import Binding, BindingType

from survey_tui.core import texts
from survey_tui.core.model import Questionnaire
from survey_tui.core.pin import PinBackoff
from survey_tui.core.session import Store
from survey_tui.core.texts import T_
from survey_tui.frontends.tui.apps.survey import SurveyApp
from survey_tui.frontends.tui.screens.pin import PinScreen
from survey_tui.frontends.tui.screens.thanks import ThankYouScreen


class KioskApp(SurveyApp):
    """The respondent app in kiosk mode: records stored with mode "kiosk", no resume,
    no command palette, and ctrl+q / ctrl+c / Esc at the top ask for the facilitator PIN."""

    ENABLE_COMMAND_PALETTE: ClassVar[bool] = False
    BINDINGS: ClassVar[list[BindingType]] = [
        # Priority, so no focused widget (ctrl+c copies in Input) can swallow them.
        Binding("ctrl+q", "quit", texts.KIOSK_LEAVE, show=False, priority=True),
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
        idle_seconds: float = 180.0,
        test: bool = False,
        language: str | None = None,
    ) -> None:
        # No resume key: a respondent must never be offered the previous person's answers.
        super().__init__(
            questionnaire,
            store,
            group=group,
            wave=wave,
            resume_key=None,
            test=test,
            language=language,
        )
        self._pin = pin
        # One back-off for every PIN prompt: closing and reopening it must not reset the wait.
        # It reads the app's clock at each call, so a test that swaps the clock moves it too.
        self.pin_backoff = PinBackoff(clock=lambda: self.clock())
        self.mode = "kiosk"
        self.thanks_seconds = thanks_seconds
        self.respondents = 0
        # A respondent who walks away mid-survey must not hand their answers to the next
        # person: after this long without a key or click, the survey starts over (their
        # answers so far stay stored as an unfinished response, never shown again).
        self.idle_seconds = idle_seconds
        self.abandoned = 0
        self._last_input = 0.0
        self._warned = False

    def on_mount(self) -> None:
        self._last_input = self.clock()  # the app's clock, so tests can move time on
        super().on_mount()
        self.set_interval(min(5.0, max(self.idle_seconds / 4, 0.05)), self._check_idle)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.MouseDown):
            self._last_input = self.clock()
            self._warned = False
        await super().on_event(event)

    def _check_idle(self) -> None:
        if self.session is None or isinstance(self.screen, PinScreen | KioskThanksScreen):
            return
        idle = self.clock() - self._last_input
        warn_at = self.idle_seconds - min(30.0, self.idle_seconds / 3)
        if idle >= self.idle_seconds:
            self.start_over()
        elif idle >= warn_at and not self._warned:
            self._warned = True
            left = round(self.idle_seconds - idle)
            self.notify(self.words(T_(texts.KIOSK_STILL_THERE, seconds=left)))

    def start_over(self) -> None:
        """Drop the current respondent's session and show a fresh welcome screen."""
        from survey_tui.frontends.tui.screens.welcome import WelcomeScreen

        self.abandoned += 1
        self.session = None
        self.reset_language()
        self._warned = False
        self._last_input = self.clock()
        self.clear_notifications()
        self.switch_screen(WelcomeScreen(self.start_session, self.fixed_group))

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
        from survey_tui.frontends.tui.screens.welcome import WelcomeScreen

        self.session = None
        self.reset_language()
        self.switch_screen(WelcomeScreen(self.start_session, self.fixed_group))

    def reset_language(self) -> None:
        """The next person starts in the default language (or the one --lang fixed), not in
        the one the last person chose."""
        if not self.language_fixed:
            self.set_language(self.source.default_language)

    async def action_quit(self) -> None:
        if isinstance(self.screen, PinScreen):
            return  # already asking
        self.push_screen(PinScreen(self._pin, self.pin_backoff), self._pin_given)

    def _pin_given(self, ok: bool | None) -> None:
        if ok:
            self.exit()


class KioskThanksScreen(ThankYouScreen):
    """A short thank-you; then (after a few seconds, or Enter) the next respondent starts."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "next", texts.NEXT_RESPONDENT)]
    WHAT_NEXT = texts.KIOSK_NEXT_KEY
    FOOTER = False

    app = getters.app(KioskApp)

    def on_mount(self) -> None:
        self.set_timer(self.app.thanks_seconds, self.action_next)

    def action_next(self) -> None:
        self.app.next_respondent()
