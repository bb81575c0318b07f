"""The facilitator's dashboard screen: live counts, then the gap view on the reveal.

A timer polls the store every ``poll_seconds`` in a thread worker (``changes_since`` reads
only what changed), so the UI never waits on the store lock or on SciPy. The analysis is
re-run only when the set of submitted responses changed, with the analysis' own seed and
resample count, so every interval equals the one ``analyze`` and ``report`` print for the same
store (docs/statistics.md: a number means the same thing wherever it appears). It runs before
the reveal too, in the worker thread, so the reveal is instant and the UI never waits on it
(about 0.2-0.6 s for 3,000 responses to the flagship questionnaire on 2 busy cores).

Once figures have been shown (reveal or preview), they are computed from the shown set of
``core.live.advance_shown``: a group's figures refresh only when at least ``min_group_size``
new responses of it came in, while the counts move one by one. Two figures shown one after
the other never differ by fewer than ``min_group_size`` people.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, ClassVar, TypedDict, Unpack

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Static

from survey_tui.core import texts
from survey_tui.core.analysis.dataset import ALL_WAVES, choose_waves
from survey_tui.core.analysis.types import Analysis
from survey_tui.core.errors import SurveyError
from survey_tui.core.live import (
    ChangeSource,
    LiveResponses,
    ShownSet,
    Tally,
    advance_shown,
    fingerprint,
    since_text,
)
from survey_tui.core.model import Questionnaire
from survey_tui.core.record import Record
from survey_tui.core.texts import T_, Text
from survey_tui.core.textsafety import escape_for_terminal
from survey_tui.frontends.tui.widgets.counts import CountsPanel
from survey_tui.frontends.tui.widgets.footer import QuietFooter
from survey_tui.frontends.tui.widgets.gap_view import GapView
from survey_tui.frontends.tui.words import words_of


class DashboardOptions(TypedDict, total=False):
    """How a dashboard starts (the dashboard app passes them on to its screen)."""

    wave: str | None  # None: follow the most recent wave
    export_dir: Path | None  # where e writes the report and CSV (default: the working folder)
    poll_seconds: float  # how often the store is read (default 1 s)


class DashboardScreen(Screen[None]):
    """Counts per group (always) and the gap view (after ``r``); ``p`` preview, ``e`` export."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "reveal", texts.REVEAL_HIDE),
        Binding("p", "preview", texts.REPORT_PREVIEW),
        Binding("e", "export", texts.EXPORT),
        Binding("w", "next_wave", texts.WAVE),
        Binding("escape,q", "back", texts.BACK),  # from the home: q goes back, not out
    ]

    # Figures on screen (the counts are always there).
    revealed: reactive[bool] = reactive(False, init=False)

    def __init__(
        self,
        questionnaire: Questionnaire,
        store: ChangeSource,
        *,
        can_go_back: bool = False,
        **options: Unpack[DashboardOptions],
    ) -> None:
        super().__init__()
        self.questionnaire = questionnaire
        self.store = store
        # The wave chosen (``--wave`` or the w key; ``all`` pools every wave), or None: follow
        # the most recent wave, as analyze does (docs/statistics.md, "One wave").
        self.wave = options.get("wave")
        self.shown_wave: str | None = self.wave  # the wave the counts and figures cover
        self.export_dir = options.get("export_dir") or Path.cwd()
        self.poll_seconds = options.get("poll_seconds", 1.0)
        self.can_go_back = can_go_back
        self.live = LiveResponses(questionnaire)  # touched only by the poll worker
        self.tally: Tally | None = None
        self.waves: list[str] = []
        self.analysis: Analysis | None = None
        self.complete: list[Record] = []  # what the shown analysis was made from
        self.submitted: list[Record] = []  # every submitted response of the wave now
        # Once figures were shown (reveal or preview) they refresh only in anonymous steps
        # (core.live.advance_shown); replaced only on the UI thread, by an accepted poll.
        self.figures_shown = False
        self.shown_set = ShownSet()
        self.analysed_key: tuple[str | None, frozenset[tuple[str, Any]]] | None = None
        self.polls = 0  # finished polls (tests wait on this)
        self.exported: tuple[Path, Path] | None = None
        self._polling = False
        # (wave,) once a poll of that wave was fully shown; then a poll with no change is cheap.
        self._settled: tuple[str | None] | None = None
        self._last_error: str | None = None
        # What "now" is for the counts (in progress vs abandoned, time since the last submit);
        # tests move it on instead of waiting minutes.
        self.now: Callable[[], datetime] = lambda: datetime.now(UTC)

    def compose(self) -> ComposeResult:
        with Vertical(id="dash"):
            yield Static("", id="dash-title", markup=False)
            yield CountsPanel(self.questionnaire.min_group_size, id="counts")
            if self.questionnaire.feedback_log is not None and hasattr(self.store, "rows_since"):
                from survey_tui.frontends.tui.widgets.log_counts import LogCountsPanel

                yield LogCountsPanel(
                    self.questionnaire.id,
                    self.store,
                    poll_seconds=self.poll_seconds,
                    id="log-counts",
                )
            yield Static("", id="dash-hint", markup=False)
            with VerticalScroll(id="gap-scroll"):
                yield GapView(id="gap")
        yield QuietFooter()

    def on_mount(self) -> None:
        self._show_mode()
        self.poll_now()
        self.set_interval(self.poll_seconds, self._tick)

    # --- polling --------------------------------------------------------------------------
    def _tick(self) -> None:
        self._show_since()
        self.poll_now()

    def poll_now(self) -> None:
        """Start a poll unless one is still running (a slow store never piles up workers)."""
        if self._polling:
            return
        self._polling = True
        self._poll()

    @work(thread=True, exclusive=True, group="poll")
    def _poll(self) -> None:
        chosen, hold = self.wave, self.figures_shown
        try:
            changed = self.live.poll(self.store)
            wave = chosen if chosen is not None else _latest_wave(self.live)
            if not changed and self._settled == (wave,) and not self._counts_went_stale():
                # Nothing new since a poll that was fully shown: skip the tally and the rest.
                self.app.call_from_thread(self._idle)
                return
            every = None if wave == ALL_WAVES else wave  # LiveResponses: None = every wave
            result = _Polled(
                chosen, hold, self.live.tally(every, now=self.now()), self.live.waves()
            )
            result.covers = wave
            result.submitted = self.live.complete(every)
            result.shown_set = advance_shown(
                self.shown_set,
                self.live.complete(None),
                self.questionnaire.min_group_size,
                hold=hold,
            )
            result.complete = result.shown_set.records(every)
            result.key = (wave, fingerprint(result.complete))
            if result.key != self.analysed_key and result.complete:
                result.analysis, result.labels = _analyse(self.questionnaire, result.complete, wave)
        except SurveyError as error:
            self.app.call_from_thread(self._poll_failed, str(error))
            return
        self.app.call_from_thread(self._polled, result)

    def _counts_went_stale(self) -> bool:
        """Whether a response counted in progress has since gone untouched too long (the
        counts change with time alone: a closed tab drops out without any write)."""
        stale_at = self.tally.stale_at if self.tally is not None else None
        return stale_at is not None and self.now() >= stale_at

    def _polled(self, result: _Polled) -> None:
        self._polling = False
        self._last_error = None
        self.polls += 1
        if result.wave != self.wave or result.hold != self.figures_shown:
            # The wave was switched, or figures were shown, while this poll ran: its figures
            # may have moved past what is on screen in a step too small, so poll again.
            self._settled = None
            self.poll_now()
            return
        self._settled = (result.covers,)
        self.shown_wave = result.covers
        self.tally = result.tally
        self.waves = result.waves
        self.submitted = result.submitted
        self.shown_set = result.shown_set
        self._show_since()
        if result.key != self.analysed_key:
            self.analysed_key = result.key
            self.analysis = result.analysis
            self.complete = result.complete
            message = words_of(self)(texts.NO_SUBMITTED_YET) if not result.complete else ""
            self.query_one(GapView).show(result.analysis, result.labels, message)
        self._show_mode()

    def _idle(self) -> None:
        self._polling = False
        self.polls += 1

    def _poll_failed(self, message: str) -> None:
        self._polling = False
        self._settled = None  # retry everything on the next tick
        self.polls += 1
        if message != self._last_error:  # once per distinct problem, not every second
            self._last_error = message
            title = words_of(self)(texts.CANNOT_READ_STORE)
            self.notify(message, title=title, severity="error")

    # --- display ------------------------------------------------------------------------
    def _show_since(self) -> None:
        if self.tally is None:
            return
        since = since_text(self.tally.last_submit, self.now())
        self.query_one(CountsPanel).show(self.tally, since)
        self._show_title()

    def _show_title(self) -> None:
        w = words_of(self)
        count = self.tally.complete if self.tally else None
        total = texts.TITLE_READING if count is None else T_(texts.TITLE_SUBMITTED, count=count)
        state = texts.FIGURES_SHOWN if self.revealed else texts.FIGURES_HIDDEN
        wave = _wave_text(self.shown_wave)
        title = f"{self.questionnaire.title} | {w(wave)} | {w(total)} | {w(state)}"
        # Wave names come from the store (a CSV import, an older store): never raw controls.
        self.query_one("#dash-title", Static).update(escape_for_terminal(title))

    def _show_mode(self) -> None:
        self.set_class(self.revealed, "-revealed")
        w = words_of(self)
        if not self.revealed:
            hint = w(texts.FIGURES_HIDDEN_HINT)
        elif len(self.complete) < len(self.submitted):
            hint = w(held_text(len(self.complete), len(self.submitted), self.questionnaire))
        else:
            hint = ""
        hint_line = self.query_one("#dash-hint", Static)
        hint_line.update(hint)
        hint_line.display = bool(hint)  # revealed: only to say the figures are held back
        self._show_title()

    # --- actions ------------------------------------------------------------------------
    def action_reveal(self) -> None:
        """Show or hide the figures (counts stay visible while hidden)."""
        self.revealed = not self.revealed

    def watch_revealed(self, revealed: bool) -> None:
        if revealed:
            self.figures_shown = True  # from now on they refresh in anonymous steps only
            self.query_one("#gap-scroll").focus()
        self._show_mode()

    def action_next_wave(self) -> None:
        """Cycle: the most recent wave (following new ones), each wave, every wave pooled."""
        choices: list[str | None] = [None, *self.waves, ALL_WAVES]
        if self.wave not in choices:
            choices.append(self.wave)
        self.wave = choices[(choices.index(self.wave) + 1) % len(choices)]
        self._settled = None
        shown = texts.MOST_RECENT_WAVE if self.wave is None else _wave_text(self.wave)
        showing = words_of(self)(T_(texts.SHOWING, what=shown))
        self.notify(escape_for_terminal(showing), markup=False)
        self._show_title()
        self.poll_now()

    def action_preview(self) -> None:
        """Render the gap report of the responses shown and open it in the preview screen."""
        self.figures_shown = True  # a preview shows the figures as much as the reveal does
        self.run_worker(self._preview, thread=True, group="report")

    def _preview(self) -> None:
        from survey_tui.core.usecases.report_files import report_markdown

        try:
            markdown = report_markdown(
                self.questionnaire, self.store, list(self.complete), self.shown_wave
            )
        except SurveyError as error:
            self.app.call_from_thread(self._failed, str(error), texts.NO_REPORT)
            return
        self.app.call_from_thread(self._open_preview, markdown)

    def _open_preview(self, markdown: str) -> None:
        from survey_tui.frontends.tui.screens.report_preview import ReportPreviewScreen

        title = words_of(self)(T_(texts.REPORT_TITLE, title=self.questionnaire.title))
        self.app.push_screen(ReportPreviewScreen(markdown, title))

    def action_export(self) -> None:
        """Write the Markdown report and the CSV of responses into the export folder."""
        self.run_worker(self._export, thread=True, group="report")

    def _export(self) -> None:
        from survey_tui.core.usecases.report_files import export_files

        try:
            # The report shows the held figures on screen; the CSV is the raw data, all of it.
            paths = export_files(
                self.questionnaire,
                self.store,
                list(self.complete),
                self.shown_wave,
                self.export_dir,
                raw=list(self.submitted),
            )
        except SurveyError as error:
            self.app.call_from_thread(self._failed, str(error), texts.EXPORT_FAILED)
            return
        self.exported = paths
        self.app.call_from_thread(self._exported, paths)

    def _exported(self, paths: tuple[Path, Path]) -> None:
        w = words_of(self)
        report = w(T_(texts.EXPORTED_REPORT, path=paths[0]))
        responses = w(T_(texts.EXPORTED_RESPONSES, path=paths[1]))
        self.notify(f"{report}\n{responses}", title=w(texts.EXPORTED))

    def _failed(self, message: str, title: Text) -> None:
        self.notify(message, title=words_of(self)(title), severity="error")

    def action_back(self) -> None:
        """Back to the home picker (when opened from there)."""
        if self.can_go_back:
            self.dismiss(None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide "Back" unless there is somewhere to go back to."""
        if action == "back":
            return self.can_go_back
        return True


def held_text(shown: int, submitted: int, questionnaire: Questionnaire) -> Text:
    """Why the figures are from fewer responses than the counts say."""
    step = questionnaire.min_group_size
    return T_(texts.FIGURES_HELD, shown=shown, submitted=submitted, step=step)


@dataclass
class _Polled:
    """What one poll found (built in the worker, shown on the UI thread)."""

    wave: str | None  # the wave chosen when the poll started (None: the most recent)
    hold: bool  # whether figures had been shown when the poll started
    tally: Tally
    waves: list[str]
    submitted: list[Record] = field(default_factory=list)
    shown_set: ShownSet = field(default_factory=ShownSet)
    complete: list[Record] = field(default_factory=list)  # the shown set, this wave
    key: tuple[str | None, frozenset[tuple[str, Any]]] | None = None
    analysis: Analysis | None = None
    labels: dict[str, str] = field(default_factory=dict)
    covers: str | None = None  # the wave these counts and figures cover (or "all")


def _latest_wave(live: LiveResponses) -> str | None:
    """The most recent wave with a submitted response (analyze's default), or None."""
    return choose_waves(live.complete(None), None, None).wave


def _wave_text(wave: str | None) -> Text:
    if wave is None:
        return texts.NO_WAVE_YET
    return texts.ALL_WAVES_POOLED if wave == ALL_WAVES else T_(texts.WAVE_NAMED, wave=wave)


def _analyse(
    questionnaire: Questionnaire, complete: list[Record], wave: str | None
) -> tuple[Analysis, dict[str, str]]:
    from survey_tui.core.analysis import analyze
    from survey_tui.core.reports import build_context

    # The analysis defaults (seed, 2,000 resamples): the same figures as analyze and report.
    result = analyze(questionnaire, complete, wave=wave)
    return result, dict(build_context(result)["labels"])
