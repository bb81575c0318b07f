"""The welcome screen: the survey's description, length, consent, language and group."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import (
    Button,
    Checkbox,
    Label,
    RadioSet,
    Static,
)

from survey_tui.core import texts
from survey_tui.core.i18n import in_each
from survey_tui.core.model import Questionnaire
from survey_tui.core.session import length_summary
from survey_tui.core.texts import T_
from survey_tui.frontends.tui.apps.survey import SurveyApp
from survey_tui.frontends.tui.messages import (
    NextRequested,
)
from survey_tui.frontends.tui.widgets.answers import ChoiceSet, Tick
from survey_tui.frontends.tui.widgets.footer import QuietFooter
from survey_tui.frontends.tui.widgets.markdown_lite import markdown_block


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
