"""The feedback log's form at ``/log`` (docs/feedback-log.md): one page, post/redirect/get.

The same checks as every other page apply (the app's guard: host, origin, rate limit; the
form token; bounded, known fields). What a post holds is checked by
``core.feedback.entries.check_draft``, the rule of the CLI and the TUI. A browser is a
contributor through a random cookie (``st_contrib``, kept 400 days, HttpOnly); the store holds
only a hash of it. A second cookie remembers the last group, workflow and tool.
"""

from __future__ import annotations

import re
import secrets
from datetime import date
from typing import TYPE_CHECKING, Any

from aiohttp import web

from survey_tui.core import texts
from survey_tui.core.answer_rules import number_rule
from survey_tui.core.feedback.entries import (
    NOTE_MAX,
    OTHER_MAX,
    Draft,
    add_entries,
    check_draft,
    undo_last,
)
from survey_tui.core.feedback.tokens import stored_contributor
from survey_tui.core.i18n import words
from survey_tui.core.model import OTHER_TOOL, Questionnaire
from survey_tui.frontends.web.base import asked_language
from survey_tui.frontends.web.forms import SHORT_FIELD, BadForm
from survey_tui.frontends.web.render import render

if TYPE_CHECKING:
    from survey_tui.frontends.web.app import FormServer

CONTRIBUTOR_COOKIE = "st_contrib"
LAST_COOKIE = "st_log"
COOKIE_DAYS = 400  # the longest a browser keeps a cookie
FIELDS = frozenset(
    {"csrf", "group", "workflow", "tool", "other_tool", "outcome", "minutes", "note", "date"}
)
_SECRET = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
_LAST = re.compile(r"^[a-z0-9_]{0,100}(:[a-z0-9_]{0,100}){2}$")
# The id of each field's element on the page, where an error about it links to.
FIELD_IDS = {
    name: f"log-{name}"
    for name in ("group", "workflow", "tool", "outcome", "minutes", "note", "date")
}


def read_form(form: Any) -> Draft:
    """The posted fields as a draft; a forged request (unknown or repeated fields, oversized
    values) is a :class:`BadForm`."""
    for name in form:
        if name not in FIELDS:
            raise BadForm(f"unknown field {name[:40]!r} on the log form")
        if len(form.getall(name)) > 1:
            raise BadForm(f"field {name!r} sent twice")

    def value(name: str, limit: int) -> str:
        raw = form.get(name, "")
        if not isinstance(raw, str) or len(raw) > limit:
            raise BadForm(f"field {name!r} is not a text of at most {limit} characters")
        return raw

    tool = value("tool", SHORT_FIELD)
    other = value("other_tool", OTHER_MAX * 2).strip()
    chose_other = tool == OTHER_TOOL or (not tool and bool(other))
    return Draft(
        group=value("group", SHORT_FIELD) or None,
        workflow=value("workflow", SHORT_FIELD),
        tool=other if chose_other else tool,
        outcome=value("outcome", SHORT_FIELD),
        minutes=value("minutes", SHORT_FIELD),
        note=value("note", NOTE_MAX * 2),
        date=value("date", SHORT_FIELD),
        other=chose_other,
    )


class LogPage:
    """Drawing the form and taking a post (runs in the store thread when it writes)."""

    def __init__(self, q: Questionnaire, group: str | None, store: Any, lang: str = "en") -> None:
        self.q = q
        self.group = group or (q.group_ids[0] if len(q.group_ids) == 1 else None)
        self.store = store
        self.lang = lang
        assert q.feedback_log is not None
        self.feedback = q.feedback_log

    def html(
        self,
        csrf: str,
        draft: Draft,
        *,
        status: int = 200,
        language: str | None = None,
        **extra: Any,
    ) -> str:
        """The form in ``language`` (a declared tag, or None): the questionnaire's labels and
        the product's words in it."""
        w = words(language)
        q = self.q.in_language(language) if language and self.q.languages else self.q
        feedback = q.feedback_log
        assert feedback is not None
        errors: list[tuple[str, str]] = [(n, w(m)) for n, m in extra.pop("problems", [])]
        notice = extra.pop("notice", None)
        by_field = dict(errors)
        chosen_tool = OTHER_TOOL if draft.other else (draft.tool or "")
        return render(
            "log.html",
            w,
            survey_title=q.title,
            page_title=w(texts.LOG_TITLE),
            lang=language or self.lang,
            restart_after=None,
            csrf=csrf,
            errors=[(FIELD_IDS.get(name, "log-form"), message) for name, message in errors],
            error=by_field,
            groups=[] if self.group else [(g.id, g.label, g.description) for g in q.groups],
            workflows=[(wf.id, wf.label) for wf in q.log_workflows()],
            tools=[(t.value, t.label) for t in feedback.tools],
            outcomes=[(o.value, o.label, None) for o in feedback.outcomes],
            other=OTHER_TOOL,
            other_max=OTHER_MAX,
            note_max=NOTE_MAX,
            minutes_rule=w(
                number_rule(
                    integer=True, low=0, high=feedback.max_minutes, unit=w(texts.MINUTES_UNIT)
                )
            ),
            draft=draft,
            chosen_tool=chosen_tool,
            other_text=draft.tool if draft.other else "",
            today=date.today().isoformat(),
            notice=w(notice) if notice else None,
            **extra,
        )

    def post(self, draft: Draft, secret: str) -> tuple[bool, list[tuple[str, str]]]:
        """Store the entry of a good draft; (stored, problems)."""
        if self.group is not None:
            draft = Draft(**{**draft.__dict__, "group": self.group})
        entry, problems = check_draft(self.q, draft, contributor=stored_contributor(secret))
        if entry is None:
            return False, problems
        add_entries(self.store, [entry])
        return True, []

    def undo(self, secret: str) -> bool:
        return undo_last(self.store, self.q.id, stored_contributor(secret)) is not None


def _secret(request: web.Request) -> str | None:
    value = request.cookies.get(CONTRIBUTOR_COOKIE)
    return value if value and _SECRET.match(value) else None


def _last(request: web.Request) -> dict[str, str]:
    value = request.cookies.get(LAST_COOKIE, "")
    if not _LAST.match(value):
        return {}
    group, workflow, tool = value.split(":")
    return {"group": group, "workflow": workflow, "tool": tool}


async def _in_store(server: FormServer, function: Any, *args: Any) -> Any:
    """Run ``function`` in the server's store thread (the one that writes)."""
    import asyncio

    return await asyncio.get_running_loop().run_in_executor(server.worker, function, *args)


# What ``?done=`` on the form's address tells the contributor after a redirect.
_NOTICES = {
    "1": texts.LOG_DONE,
    "undone": texts.LOG_UNDONE,
    "none": texts.LOG_NOTHING_TO_UNDO,
}


def _see_other(location: str) -> web.StreamResponse:
    """The redirect after a post (post/redirect/get), never cached."""
    response = web.Response(status=303, headers={"Location": location})
    response.headers["Cache-Control"] = "no-store"
    return response


class _LogRoutes:
    """The handlers of ``/log`` for one server: the page, its cookies and its replies."""

    def __init__(self, server: FormServer) -> None:
        self.server = server
        config = server.config
        self.page = LogPage(config.questionnaire, config.group, server.store)

    def language_of(self, request: web.Request) -> str | None:
        """--lang, else ?lang= or the browser's Accept-Language, else the default."""
        return self.server.pages.language_for(asked=asked_language(request))

    def cookie(self, response: web.StreamResponse, name: str, value: str) -> None:
        response.set_cookie(
            name,
            value,
            path="/log",
            httponly=True,
            samesite="Strict",
            secure=self.server.config.tls,
            max_age=COOKIE_DAYS * 86400,
        )

    def reply(self, html: str, status: int, fresh_csrf: str | None) -> web.StreamResponse:
        from survey_tui.frontends.web.base import Reply

        return self.server.respond(Reply(status=status, html=html), fresh_csrf)

    async def show(self, request: web.Request) -> web.StreamResponse:
        csrf, fresh = self.server.csrf(request)
        last = _last(request)
        draft = Draft(
            group=last.get("group") or None,
            workflow=last.get("workflow"),
            tool=last.get("tool"),
        )
        html = self.page.html(
            csrf,
            draft,
            language=self.language_of(request),
            notice=_NOTICES.get(request.query.get("done", "")),
            can_undo=_secret(request) is not None,
        )
        return self.reply(html, 200, fresh)

    async def post(self, request: web.Request) -> web.StreamResponse:
        form = await self.server.form(request)
        csrf, _ = self.server.csrf(request)
        draft = read_form(form)
        secret = _secret(request) or secrets.token_urlsafe(24)
        stored, problems = await _in_store(self.server, self.page.post, draft, secret)
        if not stored:
            html = self.page.html(
                csrf,
                draft,
                language=self.language_of(request),
                problems=problems,
                notice=None,
                can_undo=_secret(request) is not None,
            )
            return self.reply(html, 422, None)
        response = _see_other("/log?done=1")
        self.cookie(response, CONTRIBUTOR_COOKIE, secret)
        self.remember(response, draft)
        return response

    def remember(self, response: web.StreamResponse, draft: Draft) -> None:
        """Keep the group, workflow and tool of a stored entry for the next visit; a value
        the cookie's pattern would not read back is left out rather than stored."""
        workflow = (
            draft.workflow if draft.workflow and re.fullmatch(r"[a-z0-9_]+", draft.workflow) else ""
        )
        tool = "" if draft.other else (draft.tool or "")
        group = self.page.group or draft.group or ""
        remembered = f"{group}:{workflow}:{tool}"
        if _LAST.match(remembered):
            self.cookie(response, LAST_COOKIE, remembered)

    async def undo(self, request: web.Request) -> web.StreamResponse:
        await self.server.form(request)
        secret = _secret(request)
        removed = secret is not None and await _in_store(self.server, self.page.undo, secret)
        return _see_other("/log?done=undone" if removed else "/log?done=none")


def add_log_routes(app: web.Application, server: FormServer) -> None:
    """``GET|POST /log`` and ``POST /log/undo`` for a questionnaire with a feedback log."""
    routes = _LogRoutes(server)
    app.router.add_get("/log", routes.show)
    app.router.add_post("/log", routes.post)
    app.router.add_post("/log/undo", routes.undo)
