"""The respondent's screens: welcome, one question at a time, review, thank-you.

Screens say what the respondent asked for with messages (``NextRequested``,
``BackRequested``, ``EditRequested``, ``Submitted``, ``AnswerRecorded``); the app decides
which screen comes next (tui/app.py), the way ``core.flow`` says.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
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
from survey_tui.core.i18n import in_each
from survey_tui.core.model import AnyQuestion, Questionnaire
from survey_tui.core.record import Record
from survey_tui.core.session import Session, Stopwatch, length_summary
from survey_tui.core.texts import T_
from survey_tui.frontends.tui.apps.survey import SurveyApp
from survey_tui.frontends.tui.messages import (
    AnswerRecorded,
    BackRequested,
    NextRequested,
)
from survey_tui.frontends.tui.widgets.answers import AnswerWidget, ChoiceSet, Tick, answer_widget
from survey_tui.frontends.tui.widgets.footer import QuietFooter
from survey_tui.frontends.tui.widgets.markdown_lite import inline_content, markdown_block
from survey_tui.frontends.tui.words import words_of


class ResumeScreen(Screen[Record | None]):
    """Offer to carry on with an unfinished response from this terminal, or start over."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "resume", texts.RESUME),
        Binding("s", "start_over", texts.START_OVER),
    ]

    def __init__(self, record: Record) -> None:
        super().__init__()
        self.record = record

    def compose(self) -> ComposeResult:
        w = words_of(self)
        count = texts.answers_count(len(self.record.get("answers") or {}))
        started = str(self.record.get("started_at") or "")[:16].replace("T", " ")
        with Vertical(id="resume"):
            yield Static(w(texts.RESUME_TITLE), classes="title")
            yield Label(w(T_(texts.RESUME_STARTED, started=started, count=count)))
            yield Label(w(texts.RESUME_OR_START_OVER))
            with Horizontal(id="nav"):
                yield Button(w(texts.RESUME_KEY), variant="primary", id="resume-button")
                yield Button(w(texts.START_OVER_KEY), id="start-over")
        yield QuietFooter()

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#resume-button"))

    @on(Button.Pressed, "#resume-button")
    def action_resume(self) -> None:
        self.dismiss(self.record)

    @on(Button.Pressed, "#start-over")
    def action_start_over(self) -> None:
        self.dismiss(None)


def group_label(label: str, description: str | None) -> Content:
    """A group on the picker: its label, and its description (muted) below it."""
    if not description:
        return Content(label)
    return Content.assemble(label, (f" · {' '.join(description.split())}", "$text-muted"))


class WelcomeScreen(Screen[None]):
    """Title, description, length, consent and (unless fixed) the group choice."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "start", texts.START, priority=True),
        Binding("space", "tick_consent", texts.AGREE, show=False),
        Binding("escape", "leave", texts.BACK_TO_LIST),
    ]

    app = getters.app(SurveyApp)

    def __init__(self, session_factory: Any, group: str | None, chosen: str | None = None) -> None:
        super().__init__()
        self.session_factory = session_factory
        self.fixed_group = group
        self.chosen = chosen  # back from the first question: the group picked before

    @property
    def interview(self) -> bool:
        return self.app.questionnaire.mode == "interview"

    def compose(self) -> ComposeResult:
        q: Questionnaire = self.app.questionnaire
        w = self.app.words
        choose = self.fixed_group is None
        with VerticalScroll(id="welcome"):
            yield Static(q.title, classes="title", markup=False)
            yield Label(w(texts.KEYS_WELCOME), classes="hint")
            languages = self.app.language_choice
            if languages:
                # "Language / Sprache" until another language than the default is chosen.
                first = self.app.language == self.app.source.default_language
                shown = list(languages) if first else [str(self.app.language)]
                both = in_each(texts.LANGUAGE_PROMPT, shown)
                prompt = T_(texts.KEYS_LANGUAGE, prompt=both)
                yield Label(w(prompt), classes="prompt")
                names = [Content(name) for name in languages.values()]
                digits = {str(i + 1): i for i in range(min(9, len(names)))}
                yield ChoiceSet(*names, digits=digits, id="language")
            if q.description:
                yield markdown_block(q.description, "description")
            yield Label(w(length_summary(q, self.fixed_group)))
            if q.consent:
                yield markdown_block(q.consent, "consent")
                agree = texts.INTERVIEW_CONSENT_AGREE if self.interview else texts.CONSENT_AGREE
                then = texts.KEYS_CONSENT if choose else texts.KEYS_CONSENT_START
                yield Tick(w(T_(then, agree=agree)), id="consent")
            if choose:
                prompt = texts.INTERVIEW_GROUP_PROMPT if self.interview else texts.GROUP_PROMPT
                yield Label(w(T_(texts.KEYS_GROUP, prompt=prompt)), classes="prompt")
                digits = {str(i + 1): i for i in range(min(9, len(q.groups)))}
                labels = [group_label(g.label, g.description) for g in q.groups]
                yield ChoiceSet(*labels, digits=digits, id="group")
            yield Label("", id="error", classes="error")
            yield Button(w(texts.START), variant="primary", id="start")
        yield QuietFooter()

    def on_mount(self) -> None:
        languages = list(self.app.language_choice)
        if languages and self.app.language in languages:
            self.query_one("#language", ChoiceSet).choose(languages.index(self.app.language))
        if self.chosen is not None:  # come back to change the group: show what was picked
            q = self.app.questionnaire
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
        # to the choices; Space ticks the consent); otherwise straight on the Start button.
        has_choices = bool(self.query("#consent") or self.query("#group"))
        self.set_focus(self.query_one("#welcome" if has_choices else "#start"))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "leave":
            return self.app.from_home  # Esc: back to the home's list; nowhere to go otherwise
        if action == "tick_consent":
            # Space ticks the consent while reading; on a choice or a button it is theirs.
            return bool(self.query("#consent")) and self.focused is self.query_one("#welcome")
        return True

    def action_tick_consent(self) -> None:
        consent = self.query_one("#consent", Checkbox)
        consent.value = not consent.value
        consent.focus()  # so that one Tab reaches the groups (or Start), as its label says

    def action_leave(self) -> None:
        self.app.exit()

    @on(RadioSet.Changed, "#language")
    async def _language_chosen(self, event: RadioSet.Changed) -> None:
        """Another language: the whole welcome screen again in it (the consent tick and the
        group chosen so far are kept)."""
        languages = list(self.app.language_choice)
        chosen = languages[event.radio_set.pressed_index]
        if chosen == self.app.language:
            return
        consent = self.query("#consent")
        ticked = bool(consent) and consent.first(Checkbox).value
        group = self.query("#group")
        index = group.first(RadioSet).pressed_index if group else -1
        self.app.set_language(chosen)
        await self.recompose()
        self.on_mount_language(ticked, index)

    def on_mount_language(self, ticked: bool, group_index: int) -> None:
        """After a language change: what was ticked and chosen, and the focus on the list."""
        languages = list(self.app.language_choice)
        language_set = self.query_one("#language", ChoiceSet)
        with language_set.prevent(RadioSet.Changed):
            language_set.choose(languages.index(str(self.app.language)))
        if self.query("#consent"):
            self.query_one("#consent", Checkbox).value = ticked
        if group_index >= 0 and self.query("#group"):
            self.query_one("#group", ChoiceSet).choose(group_index)
        self.set_focus(language_set)

    @on(Checkbox.Changed, "#consent")
    @on(RadioSet.Changed, "#group")
    def _clear_error(self) -> None:
        error = self.query_one("#error", Label)
        shown = [self.app.words(message) for message, _ in self._problems()]
        if str(error.render()) not in shown:
            error.update("")  # what it said is fixed (the next problem waits for Start)

    @on(Button.Pressed, "#start")
    @on(NextRequested)
    def action_start(self, event: NextRequested | None = None) -> None:
        if isinstance(event, NextRequested):
            event.stop()
        problem = self._problem()
        if problem is not None:
            message, where = problem
            self.query_one("#error", Label).update(self.app.words(message))
            self.query_one(where).focus()
            return
        group = self.fixed_group
        if group is None:
            index = self.query_one("#group", RadioSet).pressed_index
            group = self.app.questionnaire.groups[index].id
        self.session_factory(group)

    def _problem(self) -> tuple[texts.Text, str] | None:
        """What first keeps the respondent from starting, and where to fix it."""
        problems = self._problems()
        return problems[0] if problems else None

    def _problems(self) -> list[tuple[texts.Text, str]]:
        found: list[tuple[texts.Text, str]] = []
        if self.app.questionnaire.consent and not self.query_one("#consent", Checkbox).value:
            found.append((texts.CONSENT_NEEDED, "#consent"))
        if self.fixed_group is None and self.query_one("#group", RadioSet).pressed_index < 0:
            found.append((texts.GROUP_NEEDED, "#group"))
        return found


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


# The review and thank-you screens live in their own module; importable from here as well.
from survey_tui.frontends.tui.screens.review import ReviewScreen, ThankYouScreen  # noqa: E402

__all__ = [
    "QuestionScreen",
    "ResumeScreen",
    "ReviewScreen",
    "ThankYouScreen",
    "WelcomeScreen",
]
