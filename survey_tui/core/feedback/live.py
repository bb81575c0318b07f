"""The dashboard's feedback-log panel: how many entries have come in (counts only, never a
note or who wrote it)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol

from survey_tui.core.feedback import LOG_TABLE
from survey_tui.core.record import Row as Record


class RowSource(Protocol):
    """What the panel needs from a store (``ResponseStore`` has it)."""

    def rows_since(self, table: str, token: int | None) -> tuple[list[Record], int]: ...

    def rows(self, table: str) -> list[Record]: ...


@dataclass(frozen=True)
class LogCounts:
    entries: int = 0
    contributors: int = 0
    today: int = 0
    this_week: int = 0


class LiveLog:
    """The entries of one questionnaire's log, re-read when the store changed."""

    def __init__(self, questionnaire_id: str) -> None:
        self.questionnaire_id = questionnaire_id
        self.token: int | None = None
        self.rows: list[tuple[str, str]] = []  # (date, contributor) of each entry

    def poll(self, store: RowSource) -> bool:
        """Read the entries again if anything in the store changed; whether it did.

        An undone entry is a deletion, which ``rows_since`` does not list: so any change
        reads the whole table (a few thousand small rows at most).
        """
        _, token = store.rows_since(LOG_TABLE, self.token)
        if token == self.token:
            return False
        self.token = token
        self.rows = [
            (str(r.get("date")), str(r.get("contributor")))
            for r in store.rows(LOG_TABLE)
            if r.get("questionnaire_id") == self.questionnaire_id
        ]
        return True

    def counts(self, today: date | None = None) -> LogCounts:
        day = (today or date.today()).isoformat()
        monday = (
            (today or date.today()) - timedelta(days=(today or date.today()).weekday())
        ).isoformat()
        return LogCounts(
            entries=len(self.rows),
            contributors=len({who for _, who in self.rows}),
            today=sum(d == day for d, _ in self.rows),
            this_week=sum(monday <= d <= day for d, _ in self.rows),
        )
