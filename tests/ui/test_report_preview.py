"""The report preview: MarkdownViewer screen (q/Esc close) and ``report --preview``."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers.analysis import stored_answers
from textual.app import App
from textual.widgets import MarkdownViewer
from textual.widgets._markdown import MarkdownTableCellContents

from survey_tui.cli import main
from survey_tui.frontends.tui.apps.preview import ReportPreviewApp
from survey_tui.frontends.tui.screens.report_preview import ReportPreviewScreen

REPORT = "# Gap report\n\n## Headline\n\n| Group | Score |\n|---|---|\n| Executives | 71.2 |\n"


async def test_preview_shows_the_markdown_and_q_closes() -> None:
    app = ReportPreviewApp(REPORT, "Pilot report")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReportPreviewScreen)
        viewer = screen.query_one(MarkdownViewer)
        assert viewer.document.source == REPORT
        assert "Pilot report" in str(screen.query_one("#preview-title").render())
        # The table was parsed into cells (2 x 2), not shown as pipes, and is on screen.
        assert len(viewer.query(MarkdownTableCellContents)) == 4
        shot = app.export_screenshot()
        assert "71.2" in shot and "Executives" in shot and "|&#160;Executives" not in shot
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


class _Host(App[None]):
    """Stands in for the facilitator dashboard: pushes the preview and gets control back."""

    closed = 0

    def on_mount(self) -> None:
        self.push_screen(ReportPreviewScreen(REPORT, "From the dashboard"), self._back)

    def _back(self, _result: None) -> None:
        self.closed += 1


async def test_escape_returns_to_the_pushing_screen() -> None:
    app = _Host()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReportPreviewScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ReportPreviewScreen)
        assert app.closed == 1
        assert app.return_code is None  # the host app keeps running


async def test_toc_toggles() -> None:
    app = ReportPreviewApp(REPORT, "T")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        viewer = app.screen.query_one(MarkdownViewer)
        assert not viewer.show_table_of_contents
        await pilot.press("t")
        assert viewer.show_table_of_contents


@pytest.fixture
def store(tmp_path: Path) -> tuple[Path, Path]:
    rows = [("executive", [5, 5, 4, 4], "default"), ("frontline", [1, 2, 2, 1], "default")]
    qfile, db, _, _ = stored_answers(tmp_path, rows, "{group} says {value}")
    return qfile, db


def test_cli_preview_without_a_terminal_exits_2(store: tuple[Path, Path], tmp_path: Path) -> None:
    qfile, db = store
    out = tmp_path / "r.md"
    args = ["report", str(qfile), "--db", str(db), "--preview", "-o", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2 and "needs a terminal" in result.stderr
    assert not out.exists()


def test_cli_preview_shows_the_rendered_markdown(
    store: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import survey_tui.commands.report as report_command
    import survey_tui.frontends.tui.apps.preview as preview_module

    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(report_command, "_is_terminal", lambda: True)
    monkeypatch.setattr(preview_module, "preview_report", lambda md, t: shown.append((md, t)))
    qfile, db = store
    out = tmp_path / "r.html"
    args = ["report", str(qfile), "--db", str(db), "--preview", "--format", "html", "-o", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert len(shown) == 1
    markdown, title = shown[0]
    # The preview gets the Markdown even when the file written is HTML; stdout stays clean.
    assert markdown.startswith("# Gap test") and "Expectation Gap Index" in markdown
    assert title.startswith("Gap test")
    assert out.read_text().startswith("<!DOCTYPE html>")
    assert "Expectation Gap Index" not in result.stdout
