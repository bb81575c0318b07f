"""Messages between answer widgets, screens and the app (past tense: what happened)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.message import Message

from survey_tui.core.record import Record


@dataclass
class NextRequested(Message):
    """The respondent asked to go on (Enter on a choice, submitted an input)."""


@dataclass
class AnswerRecorded(Message):
    """A question got an acceptable answer (already saved as a partial response)."""

    question_id: str
    value: Any


@dataclass
class BackRequested(Message):
    """The respondent asked to go back: from a question (its id) or from the review (None)."""

    question_id: str | None


@dataclass
class EditRequested(Message):
    """The respondent chose an answer on the review to change (or submit found it missing);
    after it, the way leads back to the review."""

    question_id: str


@dataclass
class Submitted(Message):
    """The response was stored as complete."""


@dataclass
class ResumeFound(Message):
    """This terminal's unfinished response was let go by the process that held it."""

    record: Record
