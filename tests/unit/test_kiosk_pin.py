"""The kiosk PIN rules (core.pin): what a valid PIN is, and the wait after wrong tries."""

from __future__ import annotations

import pytest

from survey_tui.core.pin import MAX_WAIT_SECONDS, PinBackoff, pin_problem, wait_after


@pytest.mark.parametrize("pin", ["", "1", "123", "12a4", "abcd", "１２３４", " 1234", "1" * 65])
def test_short_or_non_digit_pins_are_refused(pin: str) -> None:
    assert pin_problem(pin) is not None


@pytest.mark.parametrize("pin", ["1234", "0000", "4711", "12345678", "9" * 64])
def test_four_or_more_digits_are_accepted(pin: str) -> None:
    assert pin_problem(pin) is None


def test_the_message_never_repeats_the_pin() -> None:
    assert "987" not in (pin_problem("987") or "")


def test_three_free_tries_then_1_2_4_seconds_capped_at_60() -> None:
    waits = [wait_after(n) for n in range(1, 13)]
    assert waits == [0, 0, 1, 2, 4, 8, 16, 32, 60, 60, 60, 60]
    assert max(waits) == MAX_WAIT_SECONDS


def test_backoff_refuses_until_the_wait_is_over_and_resets_on_success() -> None:
    now = [100.0]
    backoff = PinBackoff(clock=lambda: now[0])
    assert [backoff.failed() for _ in range(3)] == [0, 0, 1]
    assert backoff.wait_left() == 1
    now[0] += 0.5
    assert backoff.wait_left() == 0.5
    now[0] += 0.5
    assert backoff.wait_left() == 0
    assert backoff.failed() == 2  # the 4th wrong try: twice as long
    assert backoff.wait_left() == 2
    backoff.succeeded()
    assert backoff.wait_left() == 0 and backoff.failures == 0
