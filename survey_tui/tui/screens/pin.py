"""The facilitator PIN prompt that guards leaving a kiosk-mode survey."""

from __future__ import annotations

import hmac
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static


def pin_matches(entered: str, pin: str) -> bool:
    """Compare in constant time, so timing does not leak how much of a guess was right."""
    return hmac.compare_digest(entered.encode(), pin.encode())


class PinScreen(ModalScreen[bool]):
    """Ask for the facilitator PIN; dismiss with True only when it matches."""

    DEFAULT_CSS = """
    PinScreen { align: center middle; }
    PinScreen > #pin { width: 50; height: auto; border: thick $accent; padding: 1 2;
                       background: $surface; }
    PinScreen #pin-error { color: $error; text-style: bold; }
    PinScreen #pin Label { width: 100%; }  /* wrap inside the box, never cut off */
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Back to survey")]

    def __init__(self, pin: str) -> None:
        super().__init__()
        self._pin = pin  # only in memory, never shown or stored
        self.attempts = 0

    def compose(self) -> ComposeResult:
        with Vertical(id="pin"):
            yield Static("Facilitator PIN", classes="title")
            yield Label("Type the PIN and press Enter to leave. Esc: back to the survey.")
            yield Input(password=True, id="pin-input", placeholder="PIN")
            yield Label("", id="pin-error")

    def on_mount(self) -> None:
        self.query_one("#pin-input", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if pin_matches(event.value, self._pin):
            self.dismiss(True)
            return
        self.attempts += 1
        # Not colour alone: the message says what happened.
        self.query_one("#pin-error", Label).update(f"Wrong PIN (attempt {self.attempts}).")
        event.input.clear()

    def action_cancel(self) -> None:
        self.dismiss(False)
