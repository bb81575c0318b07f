"""The dashboard's feedback-log line: entries arriving, as counts only (never a note, a tool
or who). Polls the store itself in a thread, so the dashboard's own poll is unchanged."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import work
from textual.widget import Widget

from survey_tui.core import texts
from survey_tui.core.errors import SurveyError
from survey_tui.core.feedback.live import LiveLog, LogCounts
from survey_tui.core.i18n import Words
from survey_tui.frontends.tui.words import words_of


def log_counts_text(counts: LogCounts, w: Words) -> Text:
    """``Feedback log: 41 entries from 9 contributors (3 today, 12 this week)``."""
    line = texts.log_counts(counts.entries, counts.contributors, counts.today, counts.this_week)
    return Text(w(line))


class LogCountsPanel(Widget):
    """One line of counts, refreshed every ``poll_seconds`` when the store changed."""

    DEFAULT_CSS = """
    LogCountsPanel { height: auto; margin: 1 0 0 0; }
    """

    def __init__(
        self, questionnaire_id: str, store: Any, *, poll_seconds: float = 1.0, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.store = store
        self.live = LiveLog(questionnaire_id)
        self.poll_seconds = poll_seconds
        self.counts: LogCounts | None = None
        self.polls = 0  # finished polls (tests wait on this)
        self._busy = False

    def on_mount(self) -> None:
        self.poll()
        self.set_interval(self.poll_seconds, self.poll)

    def poll(self) -> None:
        if not self._busy:
            self._busy = True
            self._poll()

    @work(thread=True, group="log-poll")
    def _poll(self) -> None:
        try:
            self.live.poll(self.store)
            counts: LogCounts | None = self.live.counts()
        except SurveyError:
            counts = self.counts  # the dashboard's own poll reports a damaged store
        self.app.call_from_thread(self._show, counts)

    def _show(self, counts: LogCounts | None) -> None:
        self._busy = False
        self.polls += 1
        if counts != self.counts:
            self.counts = counts
            self.refresh(layout=True)

    def render(self) -> Text:
        """The log's counts line (a short note before the first poll has answered)."""
        shown = self.counts
        return (
            log_counts_text(shown, words_of(self))
            if shown is not None
            else Text(words_of(self)(texts.LOG_READING_STORE))
        )
