"""The respondents answering in browsers right now: one core Session per resume token.

A browser holds only a random token (``secrets.token_urlsafe``) in a cookie; the token is the
partial response's ``resume_key``, so a respondent who closes the tab and opens the link
again on the same device carries on, also after the server was restarted. The token says
nothing about the person or the device. In kiosk mode the token lives only in memory and in
a session cookie, and the stored response has no resume key: nobody can come back into it.

Not thread-safe: the server calls the methods that may touch the store from its one store
thread, and reads a respondent in memory from its event loop only under that respondent's
lock (see ``FormServer.run``).
"""

from __future__ import annotations

import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass

from survey_tui.core.model import Questionnaire
from survey_tui.core.record import Record
from survey_tui.core.resume import find_resumable
from survey_tui.core.session import Session, Store

#: An open response is written at most this often just to show it is still being answered
#: (a page view or the page's heartbeat), so it counts as in progress on the dashboard.
TOUCH_EVERY = 60.0
#: Respondents not seen for this long are let go from memory (the store keeps their answers;
#: the token finds them there again).
FORGET_AFTER = 3600.0

#: How many lately submitted tokens are remembered (for a double click on Submit).
DONE_KEPT = 1000

TOKEN = re.compile(r"[A-Za-z0-9_-]{20,64}")


@dataclass
class Respondent:
    token: str
    session: Session
    shown_at: float | None = None  # when the current page was shown (seconds per question)
    saved_at: float = 0.0  # when the response was last written
    seen_at: float = 0.0


class Respondents:
    def __init__(
        self,
        questionnaire: Questionnaire,
        store: Store,
        *,
        group: str | None,
        wave: str,
        mode: str,
        kiosk: bool,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.questionnaire = questionnaire
        self.store = store
        self.group = group
        self.wave = wave
        self.mode = mode
        self.kiosk = kiosk
        self.clock = clock
        self.live: dict[str, Respondent] = {}
        # The questionnaire in each language asked for so far (made once each).
        self._shown: dict[str | None, Questionnaire] = {}
        self.submitted = 0
        # Tokens submitted lately: a second click on Submit lands on the thank-you page.
        self.done: dict[str, float] = {}

    def shown(self, language: str | None) -> Questionnaire:
        """The questionnaire in ``language`` (a declared tag; None: as loaded)."""
        found = self._shown.get(language)
        if found is None:
            q = self.questionnaire
            found = q.in_language(language) if language and q.languages else q
            self._shown[language] = found
        return found

    def language_of(self, record: Record) -> str | None:
        """A stored response's language, if the questionnaire still declares it."""
        stored = record.get("language")
        return stored if stored in self.questionnaire.languages else None

    def get(self, token: str | None, *, store: bool = True) -> Respondent | None:
        """The respondent with this token: in memory, else (not in kiosk mode, and unless
        ``store`` is False) the store's unfinished response with this resume key."""
        if not token or not TOKEN.fullmatch(token):
            return None
        now = self.clock()
        found = self.live.get(token)
        if found is None and store and not self.kiosk:
            record = find_resumable(self.questionnaire, self.store, token, self.group)
            if record is not None:
                shown = self.shown(self.language_of(record))
                session = Session.resumed(shown, self.store, record)
                found = self.live[token] = Respondent(token, session, saved_at=now)
        if found is not None:
            found.seen_at = now
        return found

    def needs_store(self, token: str | None) -> bool:
        """Whether :meth:`get` and a page view for ``token`` may read or write the store
        (a respondent not in memory, or one due for a touch)."""
        if not token or not TOKEN.fullmatch(token):
            return False
        found = self.live.get(token)
        if found is None:
            return not self.kiosk
        return self.clock() - found.saved_at >= TOUCH_EVERY

    def start(self, group: str, language: str | None = None) -> Respondent:
        """A new respondent in ``group`` answering in ``language``: a new token and a partial
        response in the store."""
        token = secrets.token_urlsafe(24)
        session = Session(
            self.shown(language),
            self.store,
            group=group,
            wave=self.wave,
            mode=self.mode,
            language=language,
        )
        session.begin()
        if not self.kiosk:
            # Stored with the first answer (the partial holds nothing to resume before it).
            # Not given to Session(): that would also claim the record for this server
            # process, one more write that says nothing about a browser.
            session.start["resume_key"] = token
            assert session.record is not None
            session.record["resume_key"] = token
        now = self.clock()
        respondent = self.live[token] = Respondent(token, session, saved_at=now, seen_at=now)
        return respondent

    def set_language(self, respondent: Respondent, language: str | None) -> None:
        """Back on the welcome page, the respondent chose another language: the same
        response goes on in it (saved at once, like a changed group)."""
        session = respondent.session
        session.questionnaire = self.shown(language)
        session.start["language"] = language
        if session.record is not None and language is not None:
            session.record["language"] = language
            session.save()
        self.saved(respondent)

    def touch(self, respondent: Respondent) -> None:
        """Write the open response again if it has not been written for a minute."""
        now = self.clock()
        if now - respondent.saved_at >= TOUCH_EVERY and not respondent.session.submitted:
            respondent.session.save()
            respondent.saved_at = now

    def saved(self, respondent: Respondent) -> None:
        respondent.saved_at = self.clock()

    def submit(self, respondent: Respondent) -> None:
        respondent.session.submit()
        self.submitted += 1
        self.live.pop(respondent.token, None)
        self.done[respondent.token] = self.clock()
        while len(self.done) > DONE_KEPT:
            del self.done[next(iter(self.done))]

    def after_submit(self, token: str | None) -> str:
        """Where a request without a live respondent goes: the thank-you page right after a
        submit (a second click), else the welcome page."""
        return "/thanks" if token is not None and token in self.done else "/"

    def forget(self, respondent: Respondent) -> None:
        """Start over: the unfinished response stays stored, this browser leaves it."""
        self.live.pop(respondent.token, None)

    def sweep(self) -> None:
        """Let go of respondents not seen for :data:`FORGET_AFTER` (a kiosk's are gone)."""
        limit = self.clock() - FORGET_AFTER
        for token in [t for t, r in self.live.items() if r.seen_at < limit]:
            del self.live[token]
