"""Finding a terminal's unfinished response to offer it again (docs/interfaces.md, "Store").

Both front ends that resume by terminal (the Textual app and ``--plain``) and the web form
(which resumes by a browser's token) ask the same question here, so that "is this response
theirs to carry on?" has one answer.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from survey_tui.core.owner import alive
from survey_tui.core.record import Record

if TYPE_CHECKING:
    from survey_tui.core.model import Questionnaire
    from survey_tui.core.session import Store

#: How long a new terminal waits for the one that held its unfinished response to end: a
#: closed terminal's app takes a moment to exit (and to fold the store) after its window went.
RESUME_WAIT_SECONDS = 3.0


@dataclass(frozen=True)
class ResumeSearch:
    """Who is looking for their unfinished response: the resume key of their terminal (or
    browser), the group when it is fixed (``--group``), and whether this is a practice run.

    A response is theirs when its group (if fixed) and its practice mark match; a practice
    response is offered only to a practice run, and the other way round.
    """

    questionnaire: Questionnaire
    store: Store
    resume_key: str | None
    group: str | None = None
    test: bool = False

    def theirs(self, record: Record) -> bool:
        if self.group is not None and record.get("group") != self.group:
            return False
        return (record.get("test") is True) == self.test

    def find(self) -> Record | None:
        """Their unfinished response to this exact questionnaire file, if any, and never one
        still being answered in another open terminal (two people on one laptop)."""
        if self.resume_key is None:
            return None

        def free(record: Record) -> bool:
            return self.theirs(record) and not alive(record.get("owner"))

        record = self.store.find_resumable(self.questionnaire.id, self.resume_key, free)
        if record is None or record.get("questionnaire_sha256") != self.questionnaire.sha256:
            return None  # a changed file could make old answers invalid: start over instead
        return record

    def wait(
        self,
        *,
        within: float = RESUME_WAIT_SECONDS,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> Record | None:
        """As :meth:`find`, but when their unfinished response is still held by a running
        process, wait up to ``within`` seconds for that process to end (the terminal was
        just closed) before giving up: a respondent who reopens the terminal at once must be
        offered their answers all the same. Returns at once when nothing is held (or when
        ``cancelled()`` says the caller stopped waiting)."""
        deadline = clock() + within
        while True:
            record = self.find()
            if record is not None or self.resume_key is None:
                return record
            if clock() >= deadline or cancelled() or not self._held_elsewhere(self.resume_key):
                return None
            sleep(0.05)

    def _held_elsewhere(self, resume_key: str) -> bool:
        """Whether an unfinished response of theirs is owned by a running process."""
        sha256 = self.questionnaire.sha256

        def held(record: Record) -> bool:
            same_file = record.get("questionnaire_sha256") == sha256
            return self.theirs(record) and same_file and alive(record.get("owner"))

        return self.store.find_resumable(self.questionnaire.id, resume_key, held) is not None


def find_resumable(
    questionnaire: Questionnaire,
    store: Store,
    resume_key: str | None,
    group: str | None = None,
    *,
    test: bool = False,
) -> Record | None:
    """:meth:`ResumeSearch.find` in one call."""
    return ResumeSearch(questionnaire, store, resume_key, group, test).find()
