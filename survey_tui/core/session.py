"""One respondent's pass through a questionnaire: answers, navigation, autosave, submit.

Both front ends (the Textual app and ``--plain``) drive this class, so that conditions,
progress, autosave and pruning behave identically whichever way a respondent answers.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, Protocol, Unpack

from survey_tui.core.answered import is_answered
from survey_tui.core.model import AnyQuestion, Questionnaire
from survey_tui.core.owner import terminal_resume_key, this_process
from survey_tui.core.record import DEFAULT_MODE, DEFAULT_WAVE, Record, ResponseStart, start_of
from survey_tui.core.resume import find_resumable
from survey_tui.core.texts import Text, length_text

__all__ = [
    "Session",
    "Stopwatch",
    "Store",
    "find_resumable",
    "length_summary",
    "terminal_resume_key",
]


class Store(Protocol):
    """The part of :class:`survey_tui.core.store.ResponseStore` a session needs."""

    def start(self, questionnaire: Questionnaire, **start: Unpack[ResponseStart]) -> Record: ...

    def save(self, record: Record) -> None: ...

    def submit(self, record: Record) -> Record: ...

    def find_resumable(
        self,
        questionnaire_id: str,
        resume_key: str,
        accept: Callable[[Record], bool] | None = ...,
    ) -> Record | None: ...


class Session:
    """Answers given so far, which questions are visible, and the stored record."""

    def __init__(
        self,
        questionnaire: Questionnaire,
        store: Store,
        **start: Unpack[ResponseStart],
    ) -> None:
        self.questionnaire = questionnaire
        self.store = store
        # What the stored record starts with; the group and the language may still change
        # (back on the welcome screen), the rest is fixed.
        self.start = start
        self.answers: dict[str, Any] = {}
        self.seconds: dict[str, float] = {}
        self.notes: dict[str, str] = {}  # interviewer notes per question (interview mode)
        self.record: Record | None = None
        self.submitted = False

    @property
    def group(self) -> str:
        return self.start["group"]

    @property
    def wave(self) -> str:
        return self.start.get("wave", DEFAULT_WAVE)

    @property
    def mode(self) -> str:
        return self.start.get("mode", DEFAULT_MODE)

    @property
    def language(self) -> str | None:
        """The tag the respondent answers in (the record's ``language``); default: the
        language of the questionnaire copy (Questionnaire.in_language)."""
        language = self.start.get("language")
        return language if language is not None else self.questionnaire.language

    def begin(self) -> None:
        """Create the partial record in the store (once the respondent starts answering)."""
        if self.record is None:
            self.record = self.store.start(self.questionnaire, **self.start)
            if self.start.get("resume_key") is not None:
                self.claim()

    def set_group(self, group: str) -> None:
        """The respondent changed their group (back on the welcome screen): saved at once."""
        self.start["group"] = group
        if self.record is not None:
            self.record["group"] = group
            self.store.save(self.record)

    def claim(self) -> None:
        """Mark the record as being answered by this process, so that a second terminal of
        the same user is not offered it while this one is still open."""
        assert self.record is not None
        self.record["owner"] = this_process()
        self.store.save(self.record)

    @classmethod
    def resumed(cls, questionnaire: Questionnaire, store: Store, record: Record) -> Session:
        """Carry on with an unfinished stored response: its group, wave and answers."""
        session = cls(questionnaire, store, **start_of(record))
        session.record = record
        session.answers = dict(record.get("answers") or {})
        session.seconds = dict(record.get("seconds") or {})
        session.notes = dict(record.get("notes") or {})
        if session.start.get("resume_key") is not None:
            session.claim()  # this terminal answers it now
        return session

    def resume_point(self) -> AnyQuestion | None:
        """Where a resumed pass picks up (None: the review).

        A survey resumes at its first unanswered question. An interview resumes at the
        furthest question the interviewer had reached: most of its questions are optional,
        so an unanswered one early on does not mean that is where they stopped.
        """
        if self.mode == "interview":
            touched = self.answers.keys() | self.notes.keys() | self.seconds.keys()
            reached = [q for q in self.visible() if q.id in touched]
            if reached:
                return reached[-1]
        return self.first_unanswered()

    def first_unanswered(self) -> AnyQuestion | None:
        """Where a resumed respondent picks up: the first visible question without answer."""
        return next((q for q in self.visible() if not is_answered(self.answers.get(q.id))), None)

    # --- navigation --------------------------------------------------------------------
    def visible(self) -> list[AnyQuestion]:
        """The questions currently shown, re-evaluated from the answers given so far."""
        return self.questionnaire.visible_questions(self.answers, self.group, self.wave)

    def first(self) -> AnyQuestion | None:
        visible = self.visible()
        return visible[0] if visible else None

    def next_after(self, question_id: str) -> AnyQuestion | None:
        """The next visible question after ``question_id`` in file order (None: review)."""
        order = [q.id for q in self.questionnaire.questions()]
        position = order.index(question_id)
        visible = {q.id for q in self.visible()}
        for qid in order[position + 1 :]:
            if qid in visible:
                return self.questionnaire.question(qid)
        return None

    def previous_before(self, question_id: str) -> AnyQuestion | None:
        """The visible question before ``question_id`` (None at the first one)."""
        order = [q.id for q in self.questionnaire.questions()]
        position = order.index(question_id)
        visible = {q.id for q in self.visible()}
        for qid in reversed(order[:position]):
            if qid in visible:
                return self.questionnaire.question(qid)
        return None

    def last(self) -> AnyQuestion | None:
        visible = self.visible()
        return visible[-1] if visible else None

    def progress(self) -> tuple[int, int]:
        """(answered, visible): answered counts only visible questions."""
        visible = self.visible()
        answered = sum(1 for q in visible if is_answered(self.answers.get(q.id)))
        return answered, len(visible)

    def position(self, question_id: str) -> tuple[int, int]:
        """1-based position of ``question_id`` among the visible questions, and their count."""
        ids = [q.id for q in self.visible()]
        return (ids.index(question_id) + 1 if question_id in ids else 0), len(ids)

    # --- answers -----------------------------------------------------------------------
    def record_answer(
        self, question_id: str, value: Any, seconds: float = 0.0, *, save: bool = True
    ) -> None:
        """Keep an answer (None clears it) and save the partial response right away
        (``save=False``: the caller saves next, e.g. with a note, in one write)."""
        if is_answered(value):
            self.answers[question_id] = value
        else:
            self.answers.pop(question_id, None)
        self.add_seconds(question_id, seconds)
        if save:
            self.save()

    def add_seconds(self, question_id: str, seconds: float) -> None:
        """Add time spent on ``question_id`` (kept in memory until the next save)."""
        if seconds > 0:
            # Unrounded here: the interview timer adds a lap every second, and rounding
            # each lap would drift; the stored figure is rounded once, in save().
            self.seconds[question_id] = self.seconds.get(question_id, 0.0) + seconds

    def set_note(self, question_id: str, text: str) -> None:
        """Keep the interviewer's note on ``question_id`` (blank removes it) and save."""
        cleaned = text.strip()
        if cleaned:
            self.notes[question_id] = cleaned
        else:
            self.notes.pop(question_id, None)
        self.save()

    def save(self) -> None:
        """Write answers, seconds and notes to the partial record in the store."""
        self.begin()
        assert self.record is not None
        self.record["answers"] = dict(self.answers)
        self.record["seconds"] = _rounded(self.seconds)
        self.record["notes"] = dict(self.notes)
        self.store.save(self.record)

    def submit(self) -> Record:
        """Drop answers to hidden questions and store the response as complete."""
        self.begin()
        assert self.record is not None
        self.answers = self.questionnaire.prune_answers(self.answers, self.group, self.wave)
        visible = {q.id for q in self.visible()}
        self.notes = {k: v for k, v in self.notes.items() if k in visible}
        kept = self.answers.keys() | self.notes.keys()
        self.record["answers"] = dict(self.answers)
        self.record["seconds"] = _rounded({k: v for k, v in self.seconds.items() if k in kept})
        self.record["notes"] = dict(self.notes)
        self.record = self.store.submit(self.record)
        self.submitted = True
        return self.record


def _rounded(seconds: dict[str, float]) -> dict[str, float]:
    return {k: round(v, 1) for k, v in seconds.items()}


def length_summary(questionnaire: Questionnaire, group: str | None = None) -> Text:
    """ "7 questions, about 2 minutes." (singular where it is one), for the welcome text.

    Counts only what ``group`` (or, when not known yet, the group asked the most) can be
    asked; "up to" when conditions or other groups may ask fewer.
    """

    def asked(gid: str) -> tuple[int, bool]:
        shown = [q for q in questionnaire.questions() if gid in questionnaire.groups_asked(q.id)]
        conditional = any(
            q.show_if or getattr(questionnaire.section_of(q.id), "show_if", None) for q in shown
        )
        return len(shown), conditional

    per_group = [asked(group)] if group else [asked(g) for g in questionnaire.group_ids]
    count = max(n for n, _ in per_group)
    up_to = any(c for _, c in per_group) or len({n for n, _ in per_group}) > 1
    return length_text(count, questionnaire.estimate_minutes(), up_to)


class Stopwatch:
    """Seconds spent on the current question (stored per question in ``seconds``).

    ``clock`` is injectable so tests can move time on without sleeping.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._start = clock()

    def elapsed(self) -> float:
        """Seconds since the last lap, without starting a new one."""
        return self._clock() - self._start

    def lap(self) -> float:
        now = self._clock()
        spent, self._start = now - self._start, now
        return spent
