"""``survey-tui report --preview``: a tiny app around :class:`ReportPreviewScreen`."""

from __future__ import annotations

from textual.app import App

from survey_tui.core.i18n import Words, words
from survey_tui.frontends.tui.screens.report_preview import ReportPreviewScreen


class ReportPreviewApp(App[None]):
    """Show one rendered report; closing the preview ends the app."""

    TITLE = "survey-tui report preview"

    def __init__(self, markdown: str, title: str) -> None:
        super().__init__()
        # The facilitator's words (English for now; the preview's footer reads them here).
        self.words: Words = words(None)
        self._markdown = markdown
        self._title = title

    def on_mount(self) -> None:
        self.push_screen(ReportPreviewScreen(self._markdown, self._title), self._preview_done)

    def _preview_done(self, _result: None) -> None:
        self.exit()


def preview_report(markdown: str, title: str) -> None:
    """Show ``markdown`` in the terminal until the user presses q or Esc."""
    ReportPreviewApp(markdown, title).run()
