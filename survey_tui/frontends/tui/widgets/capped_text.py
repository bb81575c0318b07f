"""A TextArea that never holds more than ``max_length`` characters.

Textual's TextArea has no length limit: a 1 MB paste was laid out and wrapped in full (3 GB
of memory, the kiosk frozen for minutes). Every edit (typed keys, a Paste event, the local
clipboard, ``insert``/``replace``) goes through :meth:`TextArea.edit`; the inserted text is
cut there to the room that is left, before the document sees it.
"""

from __future__ import annotations

from typing import Any

from textual.widgets import TextArea
from textual.widgets.text_area import Edit, EditResult, Location

# What the document treats as a line break at the end of inserted text (it splits inside the
# text with str.splitlines and joins with its own newline).
_LINE_ENDS = ("\r\n", "\n", "\r")


def fit_text(text: str, newline: str, room: int) -> tuple[str, bool]:
    """``text`` as the document will store it (line breaks in its ``newline``), cut to
    ``room`` characters, and whether anything was cut. Only about ``2 * room`` characters of
    ``text`` are ever read, however long it is."""
    head = text[: 2 * room + 2]  # each character becomes at least half a stored one
    lines = head.splitlines()
    if head.endswith(_LINE_ENDS):
        lines.append("")
    stored = newline.join(lines)
    if len(stored) <= room and len(head) == len(text):
        return stored, False
    fitted = stored[:room]
    if newline == "\r\n" and fitted.endswith("\r"):
        fitted = fitted[:-1]  # half a line break would come back as a whole one
    return fitted, True


class CappedTextArea(TextArea):
    """A TextArea whose text is at most ``max_length`` characters (a line break counts as the
    document stores it, as ``len(text)`` does)."""

    def __init__(self, text: str = "", *, max_length: int, **kwargs: Any) -> None:
        super().__init__(text[:max_length], **kwargs)
        self.max_length = max_length

    def room_for(self, start: Location, end: Location) -> int:
        """How many characters may replace the text between ``start`` and ``end``."""
        replaced = len(self.get_text_range(start, end))
        return max(0, self.max_length - (len(self.text) - replaced))

    def edit(self, edit: Edit) -> EditResult:
        if edit.text:
            room = self.room_for(edit.from_location, edit.to_location)
            fitted, cut = fit_text(edit.text, self.document.newline, room)
            if cut:
                self.app.bell()  # as Input does when its max_length refuses a key
            if fitted != edit.text:
                edit = Edit(
                    fitted, edit.from_location, edit.to_location, edit.maintain_selection_offset
                )
        return super().edit(edit)
