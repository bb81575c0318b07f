"""The facilitator's screen for one question of an interview guide (``mode: interview``).

Like a survey question, plus the probes, a per-question timer and a notes area. Notes and
the answer on screen (for text questions the answer is the note-taking area) are saved as
they change, at most one tick late, so a killed terminal loses at most about a second.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Label, ProgressBar, Static

from survey_tui.core import flow, texts
from survey_tui.core.answers import AnswerError, check_answer
from survey_tui.core.model import AnyQuestion, TextQuestion
from survey_tui.core.session import Session, Stopwatch
from survey_tui.core.texts import join
from survey_tui.frontends.tui.screens.question import QuestionScreen
from survey_tui.frontends.tui.widgets.answers import answer_widget
from survey_tui.frontends.tui.widgets.footer import QuietFooter
from survey_tui.frontends.tui.widgets.interview import Elapsed, NotesArea, Probes

UNSAVED = object()  # an answer still being typed (not parsable or not valid yet)


class InterviewQuestionScreen(QuestionScreen):
    """Prompt, probes, timer, the answer widget and (unless the answer is text) notes."""

    TICK_SECONDS: ClassVar[float] = 1.0

    def __init__(self, session: Session, question: AnyQuestion) -> None:
        super().__init__(session, question)
        self.is_text = isinstance(question, TextQuestion)
        self._saved_second = -1  # the timer's whole second when time was last written

    def compose(self) -> ComposeResult:
        s, q = self.session, self.question
        w = self.app.words
        h = flow.heading(s, q)
        answered, visible = s.progress()
        with Vertical(id="question", classes="interview"):
            with Horizontal(id="top"):
                yield Label(h.section, id="section", markup=False)
                yield Elapsed()
                yield Label(w(h.position), id="position")
            yield ProgressBar(total=max(visible, 1), show_eta=False, id="progress")
            yield Static(h.text, id="text", markup=False)
            if h.help:
                yield Static(h.help.strip(), id="help", markup=False)
            if q.probes:
                yield Probes(q.probes)
            widget = answer_widget(s.questionnaire, q, s.answers.get(q.id))
            # "(optional)" joins the hint: an 80x24 screen has no line to spare here.
            optional = None if q.is_required else w(texts.OPTIONAL_SHORT)
            yield Label(join(widget.hint, optional or ""), id="hint", markup=False)
            if self.is_text:
                with Vertical(id="answer-area", classes="-text"):
                    yield widget
            else:
                with VerticalScroll(id="answer-area"):
                    yield widget
                notes = NotesArea(s.notes.get(q.id, ""))
                notes.border_title = w(texts.NOTES_TITLE)
                yield notes
            yield Label("", id="error", classes="error")
            with Horizontal(id="nav"):
                yield Button(w(texts.BACK), id="back", disabled=s.previous_before(q.id) is None)
                yield Button(w(texts.NEXT), variant="primary", id="next")
        yield QuietFooter()
        self._answered = answered

    def on_mount(self) -> None:
        # (QuestionScreen.on_mount runs too: progress and focus.) The app's clock, so tests
        # can move time on without sleeping.
        self.stopwatch = Stopwatch(self.app.clock)
        self._show_time()
        self.set_interval(self.TICK_SECONDS, self._tick)

    def _tick(self) -> None:
        # Every second the timer shows is written before it is shown, so a terminal killed
        # now resumes at that time or later: the timer never goes backwards.
        if self._changed() or int(self._spent()) != self._saved_second:
            self._save()
        self._show_time()

    def _spent(self) -> float:
        return self.session.seconds.get(self.question.id, 0.0) + self.stopwatch.elapsed()

    def _show_time(self) -> None:
        self.query_one(Elapsed).show(self._spent())

    def _on_screen(self) -> Any:
        """The answer on screen as it would be stored; UNSAVED if it is not storable yet.

        Text is kept whatever its length (nothing typed may be lost; the length is checked
        on Next); other answers only once they are valid (a half-typed number is not).
        """
        try:
            value = self.answer_widget.value()
        except AnswerError:
            return UNSAVED
        if self.is_text or value is None:
            return value
        problem = check_answer(self.session.questionnaire, self.question, value)
        return UNSAVED if problem is not None else value

    def _changed(self) -> bool:
        qid = self.question.id
        answer = self._on_screen()
        if answer is not UNSAVED and answer != self.session.answers.get(qid):
            return True
        if self.is_text:
            return False
        return self.query_one(NotesArea).text.strip() != self.session.notes.get(qid, "")

    def _save(self) -> None:
        """Write the time so far, the answer on screen and the notes to the store."""
        qid = self.question.id
        self.session.add_seconds(qid, self.stopwatch.lap())
        self._saved_second = int(self._spent())
        answer = self._on_screen()
        if answer is not UNSAVED:
            self.session.record_answer(qid, answer, save=False)
        if self.is_text:
            self.session.save()
        else:
            self.session.set_note(qid, self.query_one(NotesArea).text)  # saves too

    def action_next(self) -> None:
        self._save()  # notes are kept even when the answer is refused
        super().action_next()

    def action_back(self) -> None:
        self._save()
        super().action_back()
