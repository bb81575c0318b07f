"""``survey-tui`` with no arguments: pick a questionnaire, then run it, watch it or report on it.

Enter or r runs the highlighted questionnaire (the home app exits, the survey app runs in the
same terminal, then the list comes back), d opens the facilitator dashboard on it, p previews
its gap report.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from pathlib import Path, PurePath
from typing import Any, ClassVar

from textual import getters
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Header, OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from survey_tui.core import texts
from survey_tui.core.errors import SurveyError
from survey_tui.core.i18n import Words, words
from survey_tui.core.model import Questionnaire
from survey_tui.core.texts import T_
from survey_tui.frontends.tui.palette import system_commands
from survey_tui.frontends.tui.widgets.footer import QuietFooter


def _label(path: Path, w: Words) -> str:
    from survey_tui.core.loader import load

    try:
        q = load(path)
    except SurveyError:
        return w(T_(texts.DOES_NOT_LOAD, name=path.name))
    return w(texts.questionnaire_label(q.title, q.id, sum(1 for _ in q.questions())))


class HomeApp(App[None]):
    """The home picker; ``choice`` is the questionnaire to run after it exits (or None)."""

    CSS_PATH: ClassVar[list[str | PurePath]] = ["survey.tcss", "dashboard.tcss"]
    TITLE = "survey-tui"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("q", "quit", texts.QUIT)]

    def __init__(
        self,
        store_path: Path,
        *,
        export_dir: Path | None = None,
        highlight: Path | None = None,
        message: str | None = None,
    ) -> None:
        super().__init__()
        self.store_path = store_path
        self.export_dir = export_dir
        self.choice: Path | None = None
        self.highlight = highlight  # back from a run: the questionnaire just run
        self.message = message  # back from a run: what the survey said on leaving
        # The facilitator's words (English for now; the footer and screens read them here).
        self.words: Words = words(None)
        self.sub_title = self.words(texts.HOME_SUBTITLE)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        return system_commands(super().get_system_commands(screen))

    def on_mount(self) -> None:
        self.push_screen(HomeScreen())
        if self.message:
            self.notify(self.message, timeout=10)


class HomeScreen(Screen[None]):
    """Shipped and local questionnaires, with what can be done with the highlighted one."""

    app = getters.app(HomeApp)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "run", texts.RUN),
        Binding("d", "dashboard", texts.DASHBOARD),
        Binding("p", "preview", texts.REPORT_PREVIEW),
    ]

    def compose(self) -> ComposeResult:
        from survey_tui.core.catalog import local_questionnaire_files, shipped_questionnaire_files

        yield Header()
        files = shipped_questionnaire_files() + local_questionnaire_files()
        w = self.app.words
        yield OptionList(*(Option(_label(p, w), id=str(p)) for p in files), id="home")
        yield QuietFooter()

    def on_mount(self) -> None:
        highlight = self.app.highlight
        options = self.query_one("#home", OptionList)
        if highlight is not None:
            with contextlib.suppress(OptionDoesNotExist):
                options.highlighted = options.get_option_index(str(highlight))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_run()

    def highlighted(self) -> Path | None:
        """The questionnaire file under the cursor."""
        options = self.query_one("#home", OptionList)
        if options.highlighted is None:
            return None
        return Path(str(options.get_option_at_index(options.highlighted).id))

    def _questionnaire(self) -> Questionnaire | None:
        from survey_tui.core.loader import load

        path = self.highlighted()
        if path is None:
            return None
        try:
            return load(path)
        except SurveyError as error:
            title = self.app.words(texts.DOES_NOT_LOAD_TITLE)
            self.notify(str(error), title=title, severity="error")
            return None

    def action_run(self) -> None:
        """Leave the home app and answer the highlighted questionnaire."""
        path = self.highlighted()
        if path is not None and self._questionnaire() is not None:
            self.app.choice = path
            self.app.exit()

    def action_dashboard(self) -> None:
        """The facilitator dashboard on the highlighted questionnaire (Esc comes back)."""
        from survey_tui.core.store import ResponseStore
        from survey_tui.frontends.tui.screens.dashboard import DashboardScreen

        q = self._questionnaire()
        if q is None:
            return
        store = ResponseStore(self.app.store_path)
        dashboard = DashboardScreen(q, store, export_dir=self.app.export_dir, can_go_back=True)
        self.app.push_screen(dashboard)

    def action_preview(self) -> None:
        """Render the gap report of the stored responses and show it."""
        q = self._questionnaire()
        if q is not None:
            self.run_worker(lambda: self._preview(q), thread=True)

    def _preview(self, q: Questionnaire) -> None:
        from survey_tui.core.usecases.report import ReportRequest, make_report
        from survey_tui.core.usecases.responses import read_responses

        app = self.app
        try:
            # The same responses, analysis and report as ``survey-tui report`` (and its notes
            # on practice runs or pooled versions are for the command line's stderr).
            found = read_responses(q, app.store_path)
            markdown = make_report(q, app.store_path, found.records, ReportRequest()).markdown
        except SurveyError as error:
            title = app.words(texts.NO_REPORT)
            self.app.call_from_thread(self.notify, str(error), title=title, severity="error")
            return
        self.app.call_from_thread(self._open_preview, markdown, q.title)

    def _open_preview(self, markdown: str, title: str) -> None:
        from survey_tui.frontends.tui.screens.report_preview import ReportPreviewScreen

        report_title = self.app.words(T_(texts.REPORT_TITLE, title=title))
        self.app.push_screen(ReportPreviewScreen(markdown, report_title))


def run_home(store_path: Path) -> None:
    """Show the home picker; run the chosen questionnaire in the same terminal, then come
    back to the list (on the same questionnaire) until the facilitator quits."""
    import contextlib

    from survey_tui.core.loader import load
    from survey_tui.core.session import terminal_resume_key
    from survey_tui.core.store import ResponseStore
    from survey_tui.frontends.tui.apps.survey import SurveyApp

    chosen: Path | None = None
    message: str | None = None
    while True:
        home = HomeApp(store_path, highlight=chosen, message=message)
        home.run()
        if home.choice is None:
            return
        chosen = home.choice
        store = ResponseStore(store_path)
        survey = SurveyApp(load(chosen), store, resume_key=terminal_resume_key(), from_home=True)
        try:
            survey.run()
        finally:
            # As `run` does: the store file alone then holds every response (for copying).
            with contextlib.suppress(SurveyError, OSError):
                store.compact()
        message = survey.leaving_message
