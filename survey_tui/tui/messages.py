"""Messages between answer widgets, screens and the app (past tense: what happened)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.message import Message


@dataclass
class NextRequested(Message):
    """The respondent asked to go on (Enter on a choice, submitted an input)."""


@dataclass
class AnswerRecorded(Message):
    """A question got an acceptable answer (already saved as a partial response)."""

    question_id: str
    value: Any
