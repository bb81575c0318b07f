"""The kiosk's facilitator PIN: what a valid PIN is, and the back-off after wrong tries.

A 4-digit PIN has 10,000 values; a prompt that answers at once can be tried through in
minutes. After :data:`FREE_TRIES` wrong tries in a row, each further try must wait 1, 2, 4...
seconds (at most :data:`MAX_WAIT_SECONDS`), which makes guessing 10,000 values take days.
Both front ends (the terminal kiosk and a served kiosk tab) use these rules.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

MIN_PIN_DIGITS = 4
MAX_PIN_DIGITS = 64  # what the prompt accepts; a longer PIN could never be typed in
FREE_TRIES = 3
MAX_WAIT_SECONDS = 60.0


def pin_problem(pin: str) -> str | None:
    """Why ``pin`` cannot guard a kiosk (None: it can). Never repeats the PIN itself."""
    if pin == "":
        return "the facilitator PIN must not be empty"
    if not (pin.isascii() and pin.isdigit()) or len(pin) < MIN_PIN_DIGITS:
        return f"the facilitator PIN must be at least {MIN_PIN_DIGITS} digits (0-9)"
    if len(pin) > MAX_PIN_DIGITS:
        return f"the facilitator PIN must be at most {MAX_PIN_DIGITS} digits"
    return None


def wait_after(failures: int) -> float:
    """Seconds to wait before the next try after ``failures`` wrong tries in a row."""
    if failures < FREE_TRIES:
        return 0.0
    return min(MAX_WAIT_SECONDS, 2.0 ** (failures - FREE_TRIES))


@dataclass
class PinBackoff:
    """Wrong tries in a row and when the next try is allowed, on the caller's ``clock``
    (monotonic seconds; tests pass a fake one). One per kiosk, so closing and reopening the
    prompt does not reset it."""

    clock: Callable[[], float]
    failures: int = 0
    next_try_at: float = 0.0

    def wait_left(self) -> float:
        """Seconds before a try is accepted (0: now)."""
        return max(0.0, self.next_try_at - self.clock())

    def failed(self) -> float:
        """Count a wrong try; return the seconds to wait before the next one."""
        self.failures += 1
        wait = wait_after(self.failures)
        self.next_try_at = self.clock() + wait
        return wait

    def succeeded(self) -> None:
        """The right PIN: start counting afresh."""
        self.failures = 0
        self.next_try_at = 0.0
