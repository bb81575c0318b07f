"""The facilitator PIN prompt that guards leaving a kiosk-mode survey."""

from __future__ import annotations

import hmac
import math
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.reactive import reactive
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from survey_tui.core import texts
from survey_tui.core.pin import MAX_PIN_DIGITS, PinBackoff
from survey_tui.core.texts import T_, Text
from survey_tui.frontends.tui.widgets.capped_input import CappedInput
from survey_tui.frontends.tui.words import words_of


def pin_matches(entered: str, pin: str) -> bool:
    """Compare in constant time, so timing does not leak how much of a guess was right."""
    return hmac.compare_digest(entered.encode(), pin.encode())


def wait_text(seconds: float) -> Text:
    """'Wait 4 s before the next try.' (rounded up: never 'wait 0 s' while still refused)."""
    return T_(texts.PIN_WAIT, seconds=math.ceil(seconds))


class PinScreen(ModalScreen[bool]):
    """Ask for the facilitator PIN; dismiss with True only when it matches.

    After a few wrong tries each further try must wait (``PinBackoff``, shared by every
    prompt of one kiosk); a try during the wait is refused unchecked and the prompt counts the
    wait down. Nothing sleeps: the event loop keeps running, a timer only updates the text.
    """

    DEFAULT_CSS = """
    PinScreen { align: center middle; }
    PinScreen > #pin { width: 50; height: auto; border: thick $accent; padding: 1 2;
                       background: $surface; }
    PinScreen #pin-error { color: $error; text-style: bold; }
    PinScreen #pin Label { width: 100%; }  /* wrap inside the box, never cut off */
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", texts.PIN_BACK)]

    # Seconds before the next try is accepted, as last read from the back-off.
    wait_left: reactive[float] = reactive(0.0, init=False)

    def __init__(self, pin: str, backoff: PinBackoff) -> None:
        super().__init__()
        self._pin = pin  # only in memory, never shown or stored
        self.backoff = backoff
        self._message: str = ""

    def compose(self) -> ComposeResult:
        w = words_of(self)
        with Vertical(id="pin"):
            yield Static(w(texts.PIN_TITLE), classes="title")
            yield Label(w(texts.PIN_HELP))
            yield CappedInput(
                password=True,
                id="pin-input",
                placeholder=w(texts.PIN_PLACEHOLDER),
                max_length=MAX_PIN_DIGITS,
            )
            yield Label("", id="pin-error")

    def on_mount(self) -> None:
        self.query_one("#pin-input", Input).focus()
        self.wait_left = self.backoff.wait_left()  # reopened during a wait: say so at once
        self.set_interval(0.5, self._tick)

    def _tick(self) -> None:
        self.wait_left = self.backoff.wait_left()

    def watch_wait_left(self, old: float, new: float) -> None:
        if old > 0 and new <= 0:
            self._message = texts.PIN_AGAIN
        self._show()

    def _show(self) -> None:
        w = words_of(self)
        text = w(self._message)
        if self.wait_left > 0:
            text = f"{text} {w(wait_text(self.wait_left))}".strip()
        # Not colour alone: the message says what happened.
        self.query_one("#pin-error", Label).update(text)

    @on(Input.Submitted, "#pin-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        event.input.clear()
        waiting = self.backoff.wait_left()
        if waiting > 0:
            # Refused without comparing, so a guess during the wait learns nothing.
            self._message = texts.PIN_TOO_MANY
        elif pin_matches(event.value, self._pin):
            self.backoff.succeeded()
            self.dismiss(True)
            return
        else:
            self.backoff.failed()
            self._message = T_(texts.PIN_WRONG, attempt=self.backoff.failures)
        self.wait_left = self.backoff.wait_left()
        self._show()  # also when the wait is unchanged (the reactive would not fire)

    def action_cancel(self) -> None:
        self.dismiss(False)
