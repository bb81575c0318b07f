"""The aiohttp application of the web form: routes, checks on every request, cookies.

Handlers parse the request and delegate: :class:`survey_tui.frontends.web.pages.Pages` decides what to
answer, in one thread that owns the store and the sessions (a store write waits for fsync;
the event loop keeps serving other browsers meanwhile).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from typing import Any

from aiohttp import web

from survey_tui.core import texts
from survey_tui.core.errors import SurveyError
from survey_tui.core.flow import PerPage
from survey_tui.core.model import MultiChoiceQuestion, Questionnaire, SingleChoiceQuestion
from survey_tui.core.model import TextQuestion as _Text
from survey_tui.core.session import Store
from survey_tui.frontends.web import forms
from survey_tui.frontends.web.base import Asked, asked_language
from survey_tui.frontends.web.forms import BadForm
from survey_tui.frontends.web.pages import Pages, Reply, Settings
from survey_tui.frontends.web.render import static_file
from survey_tui.frontends.web.respondents import Respondents
from survey_tui.frontends.web.security import (
    CSRF_COOKIE,
    HEADERS,
    LOG,
    RESUME_COOKIE,
    RateLimiter,
    Signer,
    host_allowed,
    same_origin,
)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

#: A resume cookie outlives a closed tab for this long (not in kiosk mode).
RESUME_DAYS = 7
LOCK_STRIPES = 256
STATIC = {"form.css": "text/css", "form.js": "text/javascript"}
FORM_TYPE = "application/x-www-form-urlencoded"


@dataclass(frozen=True)
class WebConfig:
    """How the form is served (checked by ``survey-tui serve`` before it starts)."""

    questionnaire: Questionnaire
    group: str | None = None
    wave: str = "default"
    kiosk: bool = False
    per_page: PerPage = "question"
    rate_limit: float = 20.0  # requests a second per client address
    tls: bool = False
    language: str | None = None  # --lang: every page in it, no choice offered


def body_limit(q: Questionnaire) -> int:
    """The largest request a page of ``q`` can send, with room to spare (bytes)."""
    chars = 0
    for question in q.questions():
        if isinstance(question, _Text):
            chars += question.max_length
        if isinstance(question, SingleChoiceQuestion | MultiChoiceQuestion) and question.other:
            chars += forms.OTHER_MAX_LENGTH
        if forms.takes_notes(q, question):
            chars += forms.NOTE_MAX_LENGTH
        chars += 200
    # Percent-encoding turns one character of up to 4 UTF-8 bytes into up to 12 bytes.
    return min(16 * 1024 + 12 * chars, 4 * 1024 * 1024)


class FormServer:
    """The web form's state: settings, respondents, the store thread, security helpers."""

    def __init__(self, config: WebConfig, store: Store, *, signer: Signer | None = None) -> None:
        q = config.questionnaire
        mode = "interview" if q.mode == "interview" else "serve"
        only = q.group_ids[0] if len(q.group_ids) == 1 else None
        self.config = config
        self.store = store
        self.respondents = Respondents(
            q, store, group=config.group, wave=config.wave, mode=mode, kiosk=config.kiosk
        )
        self.pages = Pages(
            Settings(q, config.group or only, config.kiosk, config.per_page, config.language),
            self.respondents,
        )
        self.signer = signer or Signer()
        self.limiter = RateLimiter(config.rate_limit, max(10.0, 3 * config.rate_limit))
        self.worker = ThreadPoolExecutor(1, thread_name_prefix="survey-store")
        self.max_fields = 10 + max(
            (len(forms.field_names(q, s.questions)) for s in q.sections), default=0
        )
        self.scheme = "https" if config.tls else "http"
        # Striped: a lock per respondent without keeping one per token forever.
        self.locks = [asyncio.Lock() for _ in range(LOCK_STRIPES)]

    async def call(self, function: Callable[..., Reply], *args: Any, **kwargs: Any) -> Reply:
        """Run page logic in the store thread (one at a time: sessions are not shared)."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.worker, partial(function, *args, **kwargs))

    async def run(
        self, token: str | None, function: Callable[..., Reply], *args: Any, read: bool = False
    ) -> Reply:
        """Page logic for one respondent, one request at a time (two tabs of one browser
        wait for each other). A page that only reads a respondent already in memory is drawn
        right here; anything that may write goes to the store thread, so that a write
        waiting for fsync holds up nobody else."""
        async with self.locks[hash(token) % len(self.locks)]:
            if read and not self.respondents.needs_store(token):
                return function(*args, store=False)
            return await self.call(function, *args)

    # --- cookies and replies ----------------------------------------------------------
    def csrf(self, request: web.Request) -> tuple[str, str | None]:
        """(the form token for this browser, a new cookie to set or None)."""
        cookie = request.cookies.get(CSRF_COOKIE)
        if cookie and len(cookie) <= 100:
            return self.signer.token(cookie), None
        fresh = self.signer.new_cookie()
        return self.signer.token(fresh), fresh

    def _cookie(self, response: web.StreamResponse, name: str, value: str, **extra: Any) -> None:
        response.set_cookie(
            name,
            value,
            path="/",
            httponly=True,
            samesite="Strict",
            secure=self.config.tls,
            **extra,
        )

    def respond(self, reply: Reply, new_csrf: str | None = None) -> web.StreamResponse:
        if reply.location is not None:
            response: web.StreamResponse = web.Response(
                status=reply.status, headers={"Location": reply.location}
            )
        elif reply.data is not None:
            response = web.json_response(reply.data, status=reply.status)
        else:
            response = web.Response(
                status=reply.status, text=reply.html or "", content_type="text/html"
            )
        response.headers["Cache-Control"] = "no-store"
        if new_csrf is not None:
            self._cookie(response, CSRF_COOKIE, new_csrf)
        if reply.resume is not None:
            days = {} if self.config.kiosk else {"max_age": RESUME_DAYS * 86400}
            self._cookie(response, RESUME_COOKIE, reply.resume, **days)
        if reply.drop_resume:
            response.del_cookie(RESUME_COOKIE, path="/")
        return response

    def refusal(
        self, status: int, title: str, text: str, asked: Asked | None = None
    ) -> web.StreamResponse:
        return self.respond(self.pages.message(status, title, text, asked=asked))

    async def form(self, request: web.Request) -> Any:
        """The posted fields, after the anti-forgery token is checked (else 403)."""
        if request.content_type != FORM_TYPE:
            raise Refused(415, "not a form post")
        data = await request.post()
        if len(data) > self.max_fields:
            raise Refused(400, f"{len(data)} fields")
        token = data.get("csrf")
        if not self.signer.valid(
            request.cookies.get(CSRF_COOKIE), token if isinstance(token, str) else None
        ):
            raise Refused(403, "missing or wrong form token")
        return data

    # --- routes -----------------------------------------------------------------------
    async def welcome(self, request: web.Request) -> web.StreamResponse:
        csrf, fresh = self.csrf(request)
        token = request.cookies.get(RESUME_COOKIE)
        back = request.query.get("back") == "1"
        welcome = partial(self.pages.welcome, back=back, asked=asked_language(request))
        reply = await self.run(token, welcome, token, csrf, read=True)
        return self.respond(reply, fresh)

    async def start(self, request: web.Request) -> web.StreamResponse:
        data = await self.form(request)
        csrf, _ = self.csrf(request)
        token = request.cookies.get(RESUME_COOKIE)
        start = partial(self.pages.start, asked=asked_language(request))
        return self.respond(await self.run(token, start, token, csrf, data))

    async def show(self, request: web.Request) -> web.StreamResponse:
        csrf, fresh = self.csrf(request)
        token = request.cookies.get(RESUME_COOKIE)
        key = request.match_info["key"]
        query = {k: v for k, v in request.query.items() if k in ("return", "check", "resumed")}
        reply = await self.run(token, self.pages.show, token, key, csrf, query, read=True)
        return self.respond(reply, fresh)

    async def answer(self, request: web.Request) -> web.StreamResponse:
        data = await self.form(request)
        csrf, _ = self.csrf(request)
        token = request.cookies.get(RESUME_COOKIE)
        key = request.match_info["key"]
        return self.respond(await self.run(token, self.pages.answer, token, key, csrf, data))

    async def autosave(self, request: web.Request) -> web.StreamResponse:
        data = await self.form(request)
        token = request.cookies.get(RESUME_COOKIE)
        key = request.match_info["key"]
        return self.respond(await self.run(token, self.pages.autosave, token, key, data))

    async def review(self, request: web.Request) -> web.StreamResponse:
        csrf, fresh = self.csrf(request)
        token = request.cookies.get(RESUME_COOKIE)
        reply = await self.run(token, self.pages.review, token, csrf, read=True)
        return self.respond(reply, fresh)

    async def submit(self, request: web.Request) -> web.StreamResponse:
        data = await self.form(request)
        token = request.cookies.get(RESUME_COOKIE)
        return self.respond(await self.run(token, self.pages.submit, token, data))

    async def restart(self, request: web.Request) -> web.StreamResponse:
        await self.form(request)
        token = request.cookies.get(RESUME_COOKIE)
        return self.respond(await self.run(token, self.pages.restart, token))

    async def thanks(self, request: web.Request) -> web.StreamResponse:
        return self.respond(self.pages.thanks(asked=asked_language(request)))

    async def no_icon(self, request: web.Request) -> web.StreamResponse:
        return web.Response(status=204, headers={"Cache-Control": "max-age=86400"})

    async def static(self, request: web.Request) -> web.StreamResponse:
        name = request.match_info["name"]
        if name not in STATIC:
            raise web.HTTPNotFound()
        return web.Response(
            body=static_file(name),
            content_type=STATIC[name],
            charset="utf-8",
            headers={"Cache-Control": "max-age=3600"},
        )

    # --- what every request goes through ----------------------------------------------
    @web.middleware
    async def guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        try:
            if not host_allowed(request.host):
                raise Refused(400, f"unknown host {request.host[:60]!r}")
            if not self.limiter.allow(request.remote or "?"):
                raise Refused(429, "rate limit")
            if request.method == "POST" and not same_origin(
                self.scheme,
                request.host,
                request.headers.get("Origin"),
                request.headers.get("Referer"),
            ):
                raise Refused(403, "foreign or missing origin")
            return await handler(request)
        except Refused as refused:
            LOG.warning("refused %s %s: %s", request.method, request.path[:80], refused.reason)
            return self.refused(refused.status, request)
        except BadForm as error:
            LOG.warning("refused %s %s: %s", request.method, request.path[:80], error)
            return self.refused(400, request)
        except web.HTTPException as error:
            if error.status >= 400:
                LOG.warning("%s %s: %s", request.method, request.path[:80], error.reason)
                return self.refused(error.status, request)
            raise
        except SurveyError as error:  # the store could not be read or written
            LOG.error("%s %s: %s", request.method, request.path[:80], error)
            return self.refused(500, request)
        except Exception as error:  # a bug: one line for the log, a page for the browser
            LOG.error(
                "%s %s: %s: %s", request.method, request.path[:80], type(error).__name__, error
            )
            return self.refused(500, request)

    def refused(self, status: int, request: web.Request | None = None) -> web.StreamResponse:
        title, text = {
            403: (texts.EXPIRED_TITLE, texts.EXPIRED),
            404: (texts.NOT_FOUND_TITLE, texts.NOT_FOUND),
            429: (texts.TOO_MANY_TITLE, texts.TOO_MANY),
            500: (texts.FAILED_TITLE, texts.FAILED),
        }.get(status, (texts.BAD_REQUEST_TITLE, texts.BAD_REQUEST))
        asked = asked_language(request) if request is not None else None
        response = self.refusal(status, title, text, asked)
        if status == 429:
            response.headers["Retry-After"] = "2"
        return response


class Refused(Exception):
    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


async def _headers(request: web.Request, response: web.StreamResponse) -> None:
    response.headers.update(HEADERS)
    response.headers["Server"] = "survey-tui"


def make_app(server: FormServer) -> web.Application:
    """The aiohttp application for ``server`` (its store thread is shut down on cleanup)."""
    app = web.Application(
        middlewares=[server.guard],
        client_max_size=body_limit(server.config.questionnaire),
    )
    app.on_response_prepare.append(_headers)

    async def close_worker(_: web.Application) -> None:
        server.worker.shutdown(wait=True)

    app.on_cleanup.append(close_worker)
    app.router.add_get("/", server.welcome)
    app.router.add_post("/start", server.start)
    app.router.add_get("/page/{key:[a-z0-9_]{1,100}}", server.show)
    app.router.add_post("/page/{key:[a-z0-9_]{1,100}}", server.answer)
    app.router.add_post("/save/{key:[a-z0-9_]{1,100}}", server.autosave)
    app.router.add_get("/review", server.review)
    app.router.add_post("/submit", server.submit)
    app.router.add_post("/restart", server.restart)
    app.router.add_get("/thanks", server.thanks)
    app.router.add_get("/static/{name}", server.static)
    app.router.add_get("/favicon.ico", server.no_icon)  # browsers ask; nothing to log
    if server.config.questionnaire.feedback_log is not None:
        from survey_tui.frontends.web.log_page import add_log_routes

        add_log_routes(app, server)
    logging.getLogger("aiohttp.access").setLevel(logging.CRITICAL)
    return app
