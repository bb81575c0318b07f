"""A rendered report shown in Textual's MarkdownViewer (``report --preview``, the dashboard)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import MarkdownViewer, Static

from survey_tui.core import texts
from survey_tui.core.textsafety import escape_for_terminal
from survey_tui.frontends.tui.widgets.footer import QuietFooter


class ReportPreviewScreen(Screen[None]):
    """Show ``markdown`` (a rendered report) scrollable, with its table of contents.

    q or Esc dismisses the screen, so whoever pushed it (the preview app, the facilitator
    dashboard) gets control back.
    """

    DEFAULT_CSS = """
    ReportPreviewScreen #preview-title { dock: top; height: 1; padding: 0 1;
                                         background: $primary; color: $text; text-style: bold; }
    ReportPreviewScreen MarkdownViewer { height: 1fr; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "close", texts.CLOSE),
        Binding("escape", "close", texts.CLOSE),
        Binding("t", "toggle_toc", texts.CONTENTS),
    ]

    def __init__(self, markdown: str, title: str) -> None:
        super().__init__()
        # Comments in a report quote stored answers; shown as \uXXXX, as on stdout.
        self.markdown = escape_for_terminal(markdown)
        self.report_title = escape_for_terminal(title)

    def compose(self) -> ComposeResult:
        yield Static(self.report_title, id="preview-title", markup=False)
        # open_links=False: a report is read here, never a launcher for the web browser.
        yield MarkdownViewer(self.markdown, show_table_of_contents=False, open_links=False)
        yield QuietFooter()

    def on_mount(self) -> None:
        self.query_one(MarkdownViewer).focus()

    def action_toggle_toc(self) -> None:
        viewer = self.query_one(MarkdownViewer)
        viewer.show_table_of_contents = not viewer.show_table_of_contents

    def action_close(self) -> None:
        self.dismiss(None)
