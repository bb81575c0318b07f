"""The respondent's Textual app (``survey-tui run``); the home picker is in ``tui.home``."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import Any, ClassVar, cast

from textual import events, on, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.worker import get_current_worker

from survey_tui.core import flow, texts
from survey_tui.core.i18n import Words, words
from survey_tui.core.live import TOUCH_INTERVAL, Touchable, touch
from survey_tui.core.model import AnyQuestion, Questionnaire
from survey_tui.core.record import Record
from survey_tui.core.resume import ResumeSearch
from survey_tui.core.session import Session, Store
from survey_tui.core.textsafety import clean_record, strip_controls
from survey_tui.frontends.tui.messages import (
    AnswerRecorded,
    BackRequested,
    EditRequested,
    ResumeFound,
    Submitted,
)


class SurveyApp(App[None]):
    """Welcome -> one screen per visible question -> review -> thank-you."""

    CSS_PATH = "survey.tcss"
    TITLE = "survey-tui"
    # Light or dark for the room's screen or projector (also in the command palette: Theme).
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+t", "toggle_dark", texts.LIGHT_DARK, show=False)
    ]

    def __init__(
        self,
        questionnaire: Questionnaire,
        store: Store,
        *,
        group: str | None = None,
        wave: str = "default",
        resume_key: str | None = None,
        from_home: bool = False,
        test: bool = False,
        language: str | None = None,
    ) -> None:
        super().__init__()
        self.resume_key = resume_key
        # A rehearsal (run --test): the response is marked and left out of every analysis.
        self.test = test
        # The file as loaded (every language); ``questionnaire`` is it in the chosen language.
        self.source = questionnaire
        # --lang: the language is fixed, the welcome screen offers no choice.
        self.language_fixed = language is not None
        self.language: str | None = None
        self.questionnaire = questionnaire
        self.words: Words = words(None)
        self.set_language(language or questionnaire.default_language)
        self.store = store
        # With one group there is nothing to ask.
        only = questionnaire.group_ids[0] if len(questionnaire.group_ids) == 1 else None
        self.fixed_group = group or only
        self.wave = wave
        self.session: Session | None = None
        # Stored on each record; the kiosk app stores "kiosk".
        self.mode = "interview" if questionnaire.mode == "interview" else "run"
        # Started from the home picker: Esc on the welcome goes back to the list.
        self.from_home = from_home
        # What to tell the respondent on leaving (their answers are kept, how to go on).
        self.leaving_message: str | None = None
        # Changing an answer from the review: Next leads back to the review.
        self.returning_to_review = False
        # What the interview timer reads; tests swap it to move time on without sleeping.
        self.clock: Callable[[], float] = time.monotonic
        # How often the open partial response is marked as still being answered (so counts of
        # "in progress" drop closed terminals); tests shorten it instead of waiting a minute.
        self.touch_seconds = TOUCH_INTERVAL.total_seconds()

    def set_language(self, language: str | None) -> None:
        """Show the questionnaire and the product's words in ``language`` (a declared tag;
        None: a questionnaire that declares no languages)."""
        if language is not None and self.source.languages:
            self.questionnaire = self.source.in_language(language)
        self.language = language if self.source.languages else None
        self.words = words(language)
        self.sub_title = self.questionnaire.title

    def get_key_display(self, binding: Binding) -> str:
        """A key as the footer shows it, its name in the respondent's language (Bild↓)."""
        shown = super().get_key_display(binding)
        parts = shown.split("+")
        return "+".join(self.words(texts.KEY_NAMES.get(part, part)) for part in parts)

    @property
    def language_choice(self) -> dict[str, str]:
        """The languages the welcome screen offers ({tag: its own name}); empty when the
        questionnaire has one language or ``--lang`` fixed it."""
        if self.language_fixed or len(self.source.languages) < 2:
            return {}
        return self.source.language_names()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Paste):
            # Textual draws pasted ESC and C1 as they are (it drops only BEL, BS, VT, FF, CR),
            # so the terminal would obey them; cleaned here, before any widget gets the text.
            event.text = strip_controls(event.text)
        await super().on_event(event)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        from survey_tui.frontends.tui.palette import system_commands

        return system_commands(super().get_system_commands(screen))

    def on_mount(self) -> None:
        self.set_interval(self.touch_seconds, self.touch_partial)
        if self.test:
            self.notify(self.words(texts.PRACTICE), timeout=8)
        record = self._resume_search().find()
        if record is not None:
            self.offer_resume(record)
            return
        self.show_welcome()
        if self.resume_key is not None:
            self._resume_when_released()

    def _resume_search(self) -> ResumeSearch:
        return ResumeSearch(
            self.questionnaire, self.store, self.resume_key, self.fixed_group, self.test
        )

    @work(thread=True, exclusive=True, group="resume")
    def _resume_when_released(self) -> None:
        """A terminal closed a moment ago may still be ending while it holds this terminal's
        unfinished response: wait for it to let go, then offer the response after all."""
        worker = get_current_worker()
        record = self._resume_search().wait(cancelled=lambda: worker.is_cancelled)
        if record is not None and not worker.is_cancelled:
            self.post_message(ResumeFound(record))  # thread-safe, unlike a call on a closing app

    @on(ResumeFound)
    def _late_resume(self, event: ResumeFound) -> None:
        from survey_tui.frontends.tui.screens.welcome import WelcomeScreen

        if self.session is None and isinstance(self.screen, WelcomeScreen):
            self.push_screen(_resume_screen(event.record), self._late_resume_chosen)

    def _late_resume_chosen(self, record: Record | None) -> None:
        if record is not None:  # else: back on the welcome screen underneath
            self._resume_chosen(record)

    def offer_resume(self, record: Record) -> None:
        self.push_screen(_resume_screen(record), self._resume_chosen)

    def touch_partial(self) -> None:
        """Keep the respondent's unfinished response counted as in progress while the app is
        open (on the event loop, like every save of the session, so it never interleaves
        with one)."""
        session = self.session
        if session is None or session.record is None or session.submitted:
            return
        touch(cast(Touchable, self.store), str(session.record["response_id"]))

    async def action_quit(self) -> None:
        """Leave; an unfinished response is kept, and the respondent is told how to go on."""
        session = self.session
        if session is not None and session.record is not None and not session.submitted:
            self.leaving_message = self.words(texts.SAVED_ON_LEAVING)
        # From the home, the list says it (a line printed here would be hidden by the list).
        self.exit(message=None if self.from_home else self.leaving_message)

    def show_welcome(self) -> None:
        from survey_tui.frontends.tui.screens.welcome import WelcomeScreen

        self.push_screen(WelcomeScreen(self.start_session, self.fixed_group))

    def show_welcome_again(self) -> None:
        """Back from the first question: the welcome screen, to change the group."""
        from survey_tui.frontends.tui.screens.welcome import WelcomeScreen

        chosen = self.session.group if self.session is not None else None
        self.returning_to_review = False
        self.switch_screen(WelcomeScreen(self.change_group, self.fixed_group, chosen))

    def change_group(self, group: str) -> None:
        """Start again from the welcome screen: same response, possibly another group (the
        answers are kept; those the new group is not asked are dropped on submit)."""
        if self.session is None:
            self.start_session(group)
            return
        self.session.set_group(group)
        first = self.session.first()
        if first is None:
            self.show_review()
        else:
            self.show_question(first)

    def _resume_chosen(self, record: Record | None) -> None:
        if record is None:
            self.show_welcome()
            return
        # A record stored before answers were cleaned on write could hold terminal controls.
        if record.get("language") and self.source.languages:
            self.set_language(self._declared(str(record["language"])))
        self.session = Session.resumed(self.questionnaire, self.store, clean_record(record))
        question = self.session.resume_point()
        self.push_screen(_blank())
        if question is None:
            self.show_review()
        else:
            self.show_question(question)

    def start_session(self, group: str) -> None:
        self.session = Session(
            self.questionnaire,
            self.store,
            group=group,
            wave=self.wave,
            mode=self.mode,
            resume_key=self.resume_key,
            test=self.test,
            language=self.language,
        )
        self.session.begin()
        first = self.session.first()
        if first is None:
            self.show_review()
        else:
            self.show_question(first)

    def _declared(self, tag: str) -> str | None:
        """A stored record's language as a declared tag (None: the file no longer has it)."""
        from survey_tui.core.errors import SurveyError
        from survey_tui.core.languages import resolve_language

        try:
            return resolve_language(tag, self.source.languages)
        except SurveyError:
            return self.source.default_language

    def show_question(self, question: AnyQuestion) -> None:
        from survey_tui.frontends.tui.screens.question import QuestionScreen

        assert self.session is not None
        if self.questionnaire.mode == "interview":
            from survey_tui.frontends.tui.screens.interview import InterviewQuestionScreen

            self.switch_screen(InterviewQuestionScreen(self.session, question))
            return
        if type(self.screen) is QuestionScreen and self.screen.session is self.session:
            self.screen.show(question)  # next/previous question: reuse the screen
            return
        self.switch_screen(QuestionScreen(self.session, question))

    def show_review(self) -> None:
        from survey_tui.frontends.tui.screens.review import ReviewScreen

        assert self.session is not None
        self.returning_to_review = False
        self.switch_screen(ReviewScreen(self.session))

    def show_thanks(self) -> None:
        """After submit: the thank-you screen (the kiosk app shows its own, then starts over)."""
        from survey_tui.frontends.tui.screens.thanks import ThankYouScreen

        self.switch_screen(ThankYouScreen())

    # --- navigation: what the screens ask for ------------------------------------------
    def on_answer_recorded(self, event: AnswerRecorded) -> None:
        # Conditions are re-evaluated here: the next question depends on this answer.
        assert self.session is not None
        if self.returning_to_review:
            following = flow.after_edit(self.session)
        else:
            following = self.session.next_after(event.question_id)
        self._show_or(following, self.show_review)

    @on(BackRequested)
    def _back(self, event: BackRequested) -> None:
        assert self.session is not None
        if event.question_id is None:  # from the review: its last question
            last = self.session.last()
            if last is not None:
                self.show_question(last)
            return
        self._show_or(self.session.previous_before(event.question_id), self.show_welcome_again)

    def _show_or(self, question: AnyQuestion | None, otherwise: Callable[[], None]) -> None:
        """Show ``question``; where there is none, what comes ``otherwise``."""
        if question is None:
            otherwise()
        else:
            self.show_question(question)

    @on(EditRequested)
    def _edit(self, event: EditRequested) -> None:
        assert self.session is not None
        question = self.questionnaire.question(event.question_id)
        if question is not None:
            self.returning_to_review = True
            self.show_question(question)

    @on(Submitted)
    def _submitted(self) -> None:
        self.show_thanks()


def _resume_screen(record: Record) -> Any:
    """The resume prompt (imported when it is shown)."""
    from survey_tui.frontends.tui.screens.resume import ResumeScreen

    return ResumeScreen(record)


def _blank() -> Any:
    """A placeholder screen for switch_screen to replace (the resume prompt was dismissed)."""
    return Screen()
