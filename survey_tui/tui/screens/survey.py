"""The respondent's screens: welcome, one question at a time, review, thank-you."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import (
    Button,
    Checkbox,
    Label,
    ProgressBar,
    RadioSet,
    Static,
)

from survey_tui.core import flow, texts
from survey_tui.core.answers import AnswerError, check_answer
from survey_tui.core.model import AnyQuestion
from survey_tui.core.session import Session, Stopwatch, length_summary
from survey_tui.tui.messages import AnswerRecorded, NextRequested
from survey_tui.tui.widgets.answers import AnswerWidget, ChoiceSet, Tick, answer_widget
from survey_tui.tui.widgets.footer import QuietFooter
from survey_tui.tui.widgets.markdown_lite import inline_content, markdown_block


class ResumeScreen(Screen[dict[str, Any] | None]):
    """Offer to carry on with an unfinished response from this terminal, or start over."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "resume", "Resume"),
        Binding("s", "start_over", "Start over"),
    ]

    def __init__(self, record: dict[str, Any]) -> None:
        super().__init__()
        self.record = record

    def compose(self) -> ComposeResult:
        count = len(self.record.get("answers") or {})
        started = str(self.record.get("started_at") or "")[:16].replace("T", " ")
        with Vertical(id="resume"):
            yield Static("Unfinished response found", classes="title")
            yield Label(f"Started {started} UTC with {count} answers given so far.")
            yield Label("Resume it, or start over as a new respondent?")
            with Horizontal(id="nav"):
                yield Button("Resume (R)", variant="primary", id="resume-button")
                yield Button("Start over (S)", id="start-over")
        yield QuietFooter()

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#resume-button"))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "resume-button":
            self.action_resume()
        else:
            self.action_start_over()

    def action_resume(self) -> None:
        self.dismiss(self.record)

    def action_start_over(self) -> None:
        self.dismiss(None)


class WelcomeScreen(Screen[None]):
    """Title, description, length, consent and (unless fixed) the group choice."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+s", "start", "Start", priority=True)]

    def __init__(self, session_factory: Any, group: str | None, chosen: str | None = None) -> None:
        super().__init__()
        self.session_factory = session_factory
        self.fixed_group = group
        self.chosen = chosen  # back from the first question: the group picked before

    def compose(self) -> ComposeResult:
        q = self.app.questionnaire  # type: ignore[attr-defined]
        with VerticalScroll(id="welcome"):
            yield Static(q.title, classes="title", markup=False)
            yield Label(
                "↑↓/PgDn to read · Tab to the choices below · Ctrl+S to start",
                classes="hint",
            )
            if q.description:
                yield markdown_block(q.description, "description")
            yield Label(length_summary(q, self.fixed_group).capitalize())
            if q.consent:
                yield markdown_block(q.consent, "consent")
                yield Tick("I agree to take part (Space to tick, Tab to Start)", id="consent")
            if self.fixed_group is None:
                yield Label(
                    "Which of these describes you best? (arrows or digit, then Enter)",
                    classes="prompt",
                )
                digits = {str(i + 1): i for i in range(min(9, len(q.groups)))}
                yield ChoiceSet(*[g.label for g in q.groups], digits=digits, id="group")
            yield Label("", id="error", classes="error")
            yield Button("Start", variant="primary", id="start")
        yield QuietFooter()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "start":
            self.action_start()

    def on_mount(self) -> None:
        if self.chosen is not None:  # come back to change the group: show what was picked
            q = self.app.questionnaire  # type: ignore[attr-defined]
            if self.query("#consent"):
                self.query_one("#consent", Checkbox).value = True
            if self.query("#group") and self.chosen in q.group_ids:
                group_set = self.query_one("#group", ChoiceSet)
                group_set.choose(q.group_ids.index(self.chosen))
                self.set_focus(group_set)
                return
        if self.query("#group") and not self.query("#consent"):
            # Nothing to agree to: the group list is the first thing to answer, so a digit
            # chooses at once (as the prompt says).
            self.set_focus(self.query_one("#group"))
            return
        # With something to read and choose, start on the text (arrows scroll it; Tab goes
        # to the choices); otherwise straight on the Start button.
        has_choices = bool(self.query("#consent") or self.query("#group"))
        self.set_focus(self.query_one("#welcome" if has_choices else "#start"))

    def on_next_requested(self, event: NextRequested) -> None:
        event.stop()
        self.action_start()

    def action_start(self) -> None:
        q = self.app.questionnaire  # type: ignore[attr-defined]
        error = self.query_one("#error", Label)
        if q.consent and not self.query_one("#consent", Checkbox).value:
            error.update("Please tick 'I agree' to take part.")
            self.query_one("#consent").focus()
            return
        group = self.fixed_group
        if group is None:
            index = self.query_one("#group", RadioSet).pressed_index
            if index < 0:
                error.update("Please choose the group that describes you.")
                self.query_one("#group").focus()
                return
            group = q.groups[index].id
        self.session_factory(group)


class QuestionScreen(Screen[None]):
    """One question: section, text, help, answer widget, inline error, progress, Back/Next."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("pagedown,ctrl+n", "next", "Next", priority=True),
        Binding("pageup,ctrl+b", "back", "Back", priority=True),
    ]
    # on_mount focuses the answer field itself; Textual's auto focus would first focus the
    # answer area (restyling it and rebuilding the footer) only for that to move at once.
    AUTO_FOCUS = ""

    def __init__(self, session: Session, question: AnyQuestion) -> None:
        super().__init__()
        self.session = session
        self.question = question
        self.stopwatch = Stopwatch()

    def compose(self) -> ComposeResult:
        s, q = self.session, self.question
        section = s.questionnaire.section_of(q.id)
        answered, visible = s.progress()
        with Vertical(id="question"):
            with Horizontal(id="top"):
                yield Label(section.title if section else "", id="section", markup=False)
                yield Label(flow.progress_text(s, q.id), id="position")
            yield ProgressBar(total=max(visible, 1), show_eta=False, id="progress")
            yield Static(q.text_for(s.group), id="text", markup=False)
            # Both always there (hidden when not needed), so the next question can reuse them.
            help_text = Static(inline_content(q.help or ""), id="help", markup=False)
            help_text.display = bool(q.help)
            yield help_text
            optional = Label("(optional)", classes="optional")
            optional.display = not q.is_required
            yield optional
            widget = answer_widget(s.questionnaire, q, s.answers.get(q.id))
            yield Label(widget.hint, id="hint", markup=False)
            with VerticalScroll(id="answer-area"):
                yield widget
            yield Label("", id="error", classes="error")
            yield Static("", id="spacer")
            with Horizontal(id="nav"):
                yield Button("Back", id="back", disabled=not self._can_go_back(q))
                yield Button("Next", variant="primary", id="next")
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
        section = s.questionnaire.section_of(question.id)
        answered, visible = s.progress()
        widget = answer_widget(s.questionnaire, question, s.answers.get(question.id))
        old = self.answer_widget
        # One batch: painted once, with everything for the new question in place.
        async with self.batch():
            self.question = question
            self.stopwatch = Stopwatch()
            self.query_one("#section", Label).update(section.title if section else "")
            self.query_one("#position", Label).update(flow.progress_text(s, question.id))
            progress = self.query_one("#progress", ProgressBar)
            progress.update(total=max(visible, 1), progress=answered)
            self.query_one("#text", Static).update(question.text_for(s.group))
            help_text = self.query_one("#help", Static)
            help_text.update(inline_content(question.help or ""))
            help_text.display = bool(question.help)
            self.query_one(".optional").display = not question.is_required
            self.query_one("#hint", Label).update(widget.hint)
            self.query_one("#error", Label).update("")
            self.query_one("#back", Button).disabled = not self._can_go_back(question)
            area = self.query_one("#answer-area", VerticalScroll)
            area.scroll_home(animate=False)
            await area.mount(widget)  # its on_mount (showing a stored answer) has run
            # Focus straight from the old field to the new one, then drop the old widget
            # (removing the focused widget first would move the focus elsewhere meanwhile,
            # restyling and redrawing the footer twice).
            widget.focus_first()
            await old.remove()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "next":
            self.action_next()
        elif event.button.id == "back":
            self.action_back()

    def on_next_requested(self, event: NextRequested) -> None:
        event.stop()
        self.action_next()

    def action_next(self) -> None:
        widget = self.answer_widget
        error = self.query_one("#error", Label)
        try:
            value = widget.value()
        except AnswerError as problem:
            error.update(problem.message)
            return  # focus stays where it was, the typed text stays too
        message = check_answer(self.session.questionnaire, self.question, value)
        if message is not None:
            error.update(message)
            return
        self.session.record_answer(self.question.id, value, self.stopwatch.lap())
        self.post_message(AnswerRecorded(self.question.id, value))

    def _can_go_back(self, question: AnyQuestion) -> bool:
        """Back to the previous question, or from the first to the welcome screen when the
        group was chosen there (a respondent who picked the wrong group can change it)."""
        if self.session.previous_before(question.id) is not None:
            return True
        return getattr(self.app, "fixed_group", "") is None

    def action_back(self) -> None:
        previous = self.session.previous_before(self.question.id)
        if previous is None and not self._can_go_back(self.question):
            return
        # Keep what is on screen without validating it, so going back loses nothing.
        try:
            value = self.answer_widget.value()
        except AnswerError:
            value = None
        if value is not None:
            self.session.record_answer(self.question.id, value, self.stopwatch.lap())
        if previous is None:
            self.app.show_welcome_again()  # type: ignore[attr-defined]
        else:
            self.app.show_question(previous)  # type: ignore[attr-defined]


class ReviewScreen(Screen[None]):
    """Every visible answer; Enter on one edits it; Submit stores the response."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "submit", "Submit", priority=True),
        Binding("pageup,ctrl+b", "back", "Back", priority=True),
        Binding("down", "app.focus_next", show=False),
        Binding("up", "app.focus_previous", show=False),
    ]

    # on_mount focuses the first answer: "choose an answer to change it" must not start on
    # Submit, where an Enter meant to edit would submit instead.
    AUTO_FOCUS = ""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        s = self.session
        with Vertical(id="review"):
            yield Static("Review your answers", classes="title")
            yield Label("↑↓ to an answer, Enter to change it · Ctrl+S to submit", classes="help")
            with VerticalScroll(id="review-list"):
                for item in flow.review_items(s):
                    label = f"{item.number}. {item.text}\n   → {item.answer}"
                    if item.note:  # interviews: the interviewer's notes, first line
                        label += f"\n   Note: {item.note.splitlines()[0][:60]}"
                    # Plain text: typed answers and notes may hold [brackets].
                    button_id = f"edit-{item.question.id}"
                    yield Button(Content(label), id=button_id, classes="review-item")
            yield Label("", id="error", classes="error")
            with Horizontal(id="nav"):
                yield Button("Back", id="back")
                yield Button("Submit", variant="success", id="submit")
        yield QuietFooter()

    def on_mount(self) -> None:
        items = self.query(".review-item")
        (items.first() if items else self.query_one("#submit")).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        button_id = event.button.id or ""
        if button_id == "submit":
            self.action_submit()
        elif button_id == "back":
            self.action_back()
        elif button_id.startswith("edit-"):
            question = self.session.questionnaire.question(button_id.removeprefix("edit-"))
            if question is not None:
                self.app.show_question(question)  # type: ignore[attr-defined]

    def action_back(self) -> None:
        last = self.session.last()
        if last is not None:
            self.app.show_question(last)  # type: ignore[attr-defined]

    def action_submit(self) -> None:
        s = self.session
        problem = flow.first_problem(s)
        if problem is not None:
            self.query_one("#error", Label).update(texts.STILL_NEEDED)
            self.app.show_question(problem[0])  # type: ignore[attr-defined]
            return
        s.submit()
        self.app.show_thanks()  # type: ignore[attr-defined]


class ThankYouScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter,q,escape", "app.quit", "Quit")]

    def compose(self) -> ComposeResult:
        with Vertical(id="thanks"):
            yield Static("Thank you!", classes="title")
            interview = getattr(self.app, "mode", "") == "interview"
            what = "The interview" if interview else "Your response"
            yield Label(f"{what} has been recorded.")
            yield Label("Press Enter to close.")
        yield QuietFooter()
