"""One question at a time: its heading, its answer widget, Next and Back.

Screens say what the respondent asked for with messages (``NextRequested``,
``BackRequested``, ``AnswerRecorded``); the app decides which screen comes next, the way
``core.flow`` says.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import (
    Button,
    Checkbox,
    Input,
    Label,
    ProgressBar,
    RadioSet,
    SelectionList,
    Static,
    TextArea,
)

from survey_tui.core import flow, texts
from survey_tui.core.answers import AnswerError, check_answer
from survey_tui.core.model import AnyQuestion
from survey_tui.core.session import Session, Stopwatch
from survey_tui.frontends.tui.apps.survey import SurveyApp
from survey_tui.frontends.tui.messages import (
    AnswerRecorded,
    BackRequested,
    NextRequested,
)
from survey_tui.frontends.tui.widgets.answers import AnswerWidget, answer_widget
from survey_tui.frontends.tui.widgets.footer import QuietFooter
from survey_tui.frontends.tui.widgets.markdown_lite import inline_content


class QuestionScreen(Screen[None]):
    """One question: section, text, help, answer widget, inline error, progress, Back/Next."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("pagedown,ctrl+n", "next", texts.NEXT, priority=True),
        Binding("pageup,ctrl+b", "back", texts.BACK, priority=True),
    ]
    # on_mount focuses the answer field itself; Textual's auto focus would first focus the
    # answer area (restyling it and rebuilding the footer) only for that to move at once.
    AUTO_FOCUS = ""

    app = getters.app(SurveyApp)

    def __init__(self, session: Session, question: AnyQuestion) -> None:
        super().__init__()
        self.session = session
        self.question = question
        self.stopwatch = Stopwatch()

    def compose(self) -> ComposeResult:
        s, q = self.session, self.question
        w = self.app.words
        h = flow.heading(s, q)
        answered, visible = s.progress()
        with Vertical(id="question"):
            with Horizontal(id="top"):
                yield Label(h.section, id="section", markup=False)
                yield Label(w(h.position), id="position")
            yield ProgressBar(total=max(visible, 1), show_eta=False, id="progress")
            intro = Static(inline_content(h.intro), id="intro", markup=False)
            intro.display = bool(h.intro)
            yield intro
            yield Static(h.text, id="text", markup=False)
            # Both always there (hidden when not needed), so the next question can reuse them.
            help_text = Static(inline_content(h.help), id="help", markup=False)
            help_text.display = bool(h.help)
            yield help_text
            optional = Label(w(texts.OPTIONAL), classes="optional")
            optional.display = not q.is_required
            yield optional
            widget = answer_widget(s.questionnaire, q, s.answers.get(q.id))
            yield Label(widget.hint, id="hint", markup=False)
            # The answer takes the room left and scrolls within it, its error right below
            # it: the hint above and Back/Next below stay on screen from 60x20 up.
            with VerticalScroll(id="answer-area"):
                yield widget
                yield Label("", id="error", classes="error")
            with Horizontal(id="nav"):
                yield Button(w(texts.BACK), id="back", disabled=not self._can_go_back(q))
                yield Button(w(texts.NEXT), variant="primary", id="next")
        yield QuietFooter()
        self._answered = answered

    def on_mount(self) -> None:
        self.query_one("#progress", ProgressBar).progress = self._answered
        self.answer_widget.focus_first()
        if self.focused is None:  # no field to type in: as auto focus would have done
            self.set_focus(next((w for w in self.query("*") if w.focusable), None))

    @property
    def answer_widget(self) -> AnswerWidget:
        """The current question's widget (the last one: a replaced one may not be gone yet)."""
        return self.query(AnswerWidget).last()

    def show(self, question: AnyQuestion) -> None:
        """Show ``question`` on this screen, replacing only what differs from the last one.

        Cheaper than a new screen per question (no new Footer, no full restyle of a fresh
        screen on resume); what the respondent sees is the same as a freshly composed screen.
        """
        self.call_later(self._show, question)

    async def _show(self, question: AnyQuestion) -> None:
        s = self.session
        h = flow.heading(s, question)
        answered, visible = s.progress()
        widget = answer_widget(s.questionnaire, question, s.answers.get(question.id))
        old = self.answer_widget
        # One batch: painted once, with everything for the new question in place.
        async with self.batch():
            self.question = question
            self.stopwatch = Stopwatch()
            self.query_one("#section", Label).update(h.section)
            self.query_one("#position", Label).update(self.app.words(h.position))
            progress = self.query_one("#progress", ProgressBar)
            progress.update(total=max(visible, 1), progress=answered)
            intro = self.query_one("#intro", Static)
            intro.update(inline_content(h.intro))
            intro.display = bool(h.intro)
            self.query_one("#text", Static).update(h.text)
            help_text = self.query_one("#help", Static)
            help_text.update(inline_content(h.help))
            help_text.display = bool(h.help)
            self.query_one(".optional").display = not question.is_required
            self.query_one("#hint", Label).update(widget.hint)
            self.query_one("#error", Label).update("")
            self.query_one("#back", Button).disabled = not self._can_go_back(question)
            area = self.query_one("#answer-area", VerticalScroll)
            area.scroll_home(animate=False)
            # Before the error line; its on_mount (showing a stored answer) has run after this.
            await area.mount(widget, before="#error")
            # Focus straight from the old field to the new one, then drop the old widget
            # (removing the focused widget first would move the focus elsewhere meanwhile,
            # restyling and redrawing the footer twice).
            widget.focus_first()
            await old.remove()

    # The handlers call the actions by name, so a subclass's action (the interview screen
    # saves its notes first) runs for the buttons and Enter too: @on binds this class's own.
    @on(Button.Pressed, "#next")
    @on(NextRequested)
    def _next(self, event: Button.Pressed | NextRequested) -> None:
        event.stop()
        self.action_next()

    @on(Button.Pressed, "#back")
    def _back(self) -> None:
        self.action_back()

    def action_next(self) -> None:
        error = self.query_one("#error", Label)
        message = self._problem()
        if isinstance(message, str):
            error.update(self.app.words(message))
            error.scroll_visible(animate=False)
            return  # focus stays where it was, the typed text stays too
        self.session.record_answer(self.question.id, message[0], self.stopwatch.lap())
        self.post_message(AnswerRecorded(self.question.id, message[0]))

    def _problem(self) -> str | tuple[Any]:
        """Why the answer on screen cannot be taken, or (the value,) when it can."""
        try:
            value = self.answer_widget.value()
        except AnswerError as problem:
            return problem.message
        message = check_answer(self.session.questionnaire, self.question, value)
        return message if message is not None else (value,)

    @on(RadioSet.Changed)
    @on(Input.Changed)
    @on(Checkbox.Changed)
    @on(SelectionList.SelectedChanged)
    @on(TextArea.Changed)
    def _recheck(self) -> None:
        """An error on screen follows the answer: it goes once the answer is fixed (and says
        what is still wrong meanwhile, e.g. the matrix rows still missing)."""
        error = self.query_one("#error", Label)
        if not str(error.render()):
            return
        message = self._problem()
        error.update(self.app.words(message) if isinstance(message, str) else "")

    def _can_go_back(self, question: AnyQuestion) -> bool:
        """Back to the previous question, or from the first to the welcome screen when the
        group was chosen there (a respondent who picked the wrong group can change it)."""
        if self.session.previous_before(question.id) is not None:
            return True
        return self.app.fixed_group is None

    def action_back(self) -> None:
        if not self._can_go_back(self.question):
            return
        # Keep what is on screen without validating it, so going back loses nothing.
        try:
            value = self.answer_widget.value()
        except AnswerError:
            value = None
        if value is not None:
            self.session.record_answer(self.question.id, value, self.stopwatch.lap())
        self.post_message(BackRequested(self.question.id))
