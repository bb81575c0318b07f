"""The respondent's Textual app (``survey-tui run``); the home picker is in ``tui.home``."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, ClassVar, cast

from textual import events
from textual.app import App
from textual.binding import Binding, BindingType

from survey_tui.core.live import TOUCH_INTERVAL, Touchable, touch
from survey_tui.core.model import AnyQuestion, Questionnaire
from survey_tui.core.session import Session, Store
from survey_tui.core.textsafety import clean_record, strip_controls
from survey_tui.tui.messages import AnswerRecorded


class SurveyApp(App[None]):
    """Welcome -> one screen per visible question -> review -> thank-you."""

    CSS_PATH = "survey.tcss"
    TITLE = "survey-tui"
    # Light or dark for the room's screen or projector (also in the command palette: Theme).
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+t", "toggle_dark", "Light/dark", show=False)
    ]

    def __init__(
        self,
        questionnaire: Questionnaire,
        store: Store,
        *,
        group: str | None = None,
        wave: str = "default",
        resume_key: str | None = None,
    ) -> None:
        super().__init__()
        self.resume_key = resume_key
        self.questionnaire = questionnaire
        self.store = store
        # With one group there is nothing to ask.
        only = questionnaire.group_ids[0] if len(questionnaire.group_ids) == 1 else None
        self.fixed_group = group or only
        self.wave = wave
        self.session: Session | None = None
        # Stored on each record; the kiosk app stores "kiosk".
        self.mode = "interview" if questionnaire.mode == "interview" else "run"
        # What the interview timer reads; tests swap it to move time on without sleeping.
        self.clock: Callable[[], float] = time.monotonic
        # How often the open partial response is marked as still being answered (so counts of
        # "in progress" drop closed terminals); tests shorten it instead of waiting a minute.
        self.touch_seconds = TOUCH_INTERVAL.total_seconds()
        self.sub_title = questionnaire.title

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Paste):
            # Textual draws pasted ESC and C1 as they are (it drops only BEL, BS, VT, FF, CR),
            # so the terminal would obey them; cleaned here, before any widget gets the text.
            event.text = strip_controls(event.text)
        await super().on_event(event)

    def on_mount(self) -> None:
        from survey_tui.core.session import find_resumable
        from survey_tui.tui.screens.survey import ResumeScreen

        self.set_interval(self.touch_seconds, self.touch_partial)
        record = find_resumable(self.questionnaire, self.store, self.resume_key, self.fixed_group)
        if record is not None:
            self.push_screen(ResumeScreen(record), self._resume_chosen)
        else:
            self.show_welcome()

    def touch_partial(self) -> None:
        """Keep the respondent's unfinished response counted as in progress while the app is
        open (on the event loop, like every save of the session, so it never interleaves
        with one)."""
        session = self.session
        if session is None or session.record is None or session.submitted:
            return
        touch(cast(Touchable, self.store), str(session.record["response_id"]))

    def show_welcome(self) -> None:
        from survey_tui.tui.screens.survey import WelcomeScreen

        self.push_screen(WelcomeScreen(self.start_session, self.fixed_group))

    def show_welcome_again(self) -> None:
        """Back from the first question: the welcome screen, to change the group."""
        from survey_tui.tui.screens.survey import WelcomeScreen

        chosen = self.session.group if self.session is not None else None
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

    def _resume_chosen(self, record: dict[str, Any] | None) -> None:
        if record is None:
            self.show_welcome()
            return
        # A record stored before answers were cleaned on write could hold terminal controls.
        self.session = Session.resumed(self.questionnaire, self.store, clean_record(record))
        question = self.session.resume_point()
        if question is None:
            self.push_screen(_blank())
            self.show_review()
        else:
            self.push_screen(_blank())
            self.show_question(question)

    def start_session(self, group: str) -> None:
        self.session = Session(
            self.questionnaire,
            self.store,
            group=group,
            wave=self.wave,
            mode=self.mode,
            resume_key=self.resume_key,
        )
        self.session.begin()
        first = self.session.first()
        if first is None:
            self.show_review()
        else:
            self.show_question(first)

    def show_question(self, question: AnyQuestion) -> None:
        from survey_tui.tui.screens.survey import QuestionScreen

        assert self.session is not None
        if self.questionnaire.mode == "interview":
            from survey_tui.tui.screens.interview import InterviewQuestionScreen

            self.switch_screen(InterviewQuestionScreen(self.session, question))
            return
        if type(self.screen) is QuestionScreen and self.screen.session is self.session:
            self.screen.show(question)  # next/previous question: reuse the screen
            return
        self.switch_screen(QuestionScreen(self.session, question))

    def show_review(self) -> None:
        from survey_tui.tui.screens.survey import ReviewScreen

        assert self.session is not None
        self.switch_screen(ReviewScreen(self.session))

    def show_thanks(self) -> None:
        """After submit: the thank-you screen (the kiosk app shows its own, then starts over)."""
        from survey_tui.tui.screens.survey import ThankYouScreen

        self.switch_screen(ThankYouScreen())

    def on_answer_recorded(self, event: AnswerRecorded) -> None:
        # Conditions are re-evaluated here: the next question depends on this answer.
        assert self.session is not None
        following = self.session.next_after(event.question_id)
        if following is None:
            self.show_review()
        else:
            self.show_question(following)


def _blank() -> Any:
    """A placeholder screen for switch_screen to replace (the resume prompt was dismissed)."""
    from textual.screen import Screen

    return Screen()
