"""An Input that keeps what fits into ``max_length``.

Textual's Input refuses a too-long paste whole (after splitting all of it into lines); an
Input without ``max_length`` takes a 1 MB paste in full. Every input a respondent or a
facilitator types into is a :class:`CappedInput`.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.widgets import Input


class CappedInput(Input):
    """An Input that takes what fits into ``max_length`` from a paste or an insert (Input
    itself refuses a too-long paste whole), and never looks at more of a paste than that."""

    def __init__(self, *args: Any, max_length: int, **kwargs: Any) -> None:
        super().__init__(*args, max_length=max_length, **kwargs)

    def _on_paste(self, event: events.Paste) -> None:
        event.prevent_default()  # instead of Input's handler, which splits the whole paste
        event.stop()
        lines = event.text[: self.max_length].splitlines()
        if lines:
            self.replace(lines[0], *self.selection)

    def replace(self, text: str, start: int, end: int) -> None:
        start, end = sorted((max(0, start), min(len(self.value), end)))
        room = max(0, (self.max_length or 0) - (len(self.value) - (end - start)))
        if len(text) > room:
            self.restricted()
            text = text[:room]
        super().replace(text, start, end)
