"""What the command palette of every survey-tui app offers (Ctrl+P)."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import SystemCommand

#: Left out of the palette. "Screenshot" writes an SVG of the screen (a respondent's answers,
#: the figures before the reveal) into the downloads folder without saying where: nothing a
#: survey should leave on a shared machine.
LEFT_OUT = frozenset({"Screenshot"})


def system_commands(commands: Iterable[SystemCommand]) -> Iterable[SystemCommand]:
    """Textual's system commands minus :data:`LEFT_OUT`."""
    return (command for command in commands if command.title not in LEFT_OUT)
