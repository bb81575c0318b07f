"""The web server behind ``survey-tui serve``: textual-serve plus live counts in the terminal.

textual-serve starts one respondent app process per browser websocket; every app writes to the
one store through the store's own inter-process lock. This module adds what a facilitator
needs on top: page URLs that follow the address the browser used (so a phone on the LAN gets a
working websocket URL even when the server listens on 0.0.0.0), a counts line that is printed
only when the counts change, and a clean stop on Ctrl+C with every app process told to quit.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from typing import TYPE_CHECKING, Any

import aiohttp_jinja2
import click
import jinja2
from aiohttp import web
from textual_serve.server import Server, to_int

from survey_tui.core.errors import StoreError

if TYPE_CHECKING:
    from survey_tui.commands.serve import ServePlan
    from survey_tui.core.model import Questionnaire

#: Seconds between looks at the store for the counts line.
COUNTS_EVERY = 2.0

# The page links a web font on Google's servers: offline it fails (and online it tells a third
# party who answers the survey). textual-serve ships the same font, so the page uses that.
_WEB_FONT_LINK = re.compile(
    r'<link\s+rel="stylesheet"\s+href="https://fonts\.googleapis\.com/[^"]*"\s*/>'
)
_LOCAL_FONT = """<style>
      @font-face {
        font-family: "Roboto Mono";
        src: url("{{ config.static.url }}fonts/RobotoMono-VariableFont_wght.ttf");
        font-weight: 100 900;
      }
    </style>"""

# A Host header we are willing to echo into the page (it comes from the browser).
_SAFE_HOST = re.compile(r"^[A-Za-z0-9.\-]+(:\d+)?$|^\[[0-9A-Fa-f:.%]+\](:\d+)?$")


class LiveCounts:
    """Complete and in-progress responses per group, fed from ``store.changes_since``.

    In progress means a partial response written since serving began: partials left over
    from earlier days are not people answering now.
    """

    def __init__(self, questionnaire: Questionnaire, wave: str, since: str) -> None:
        self.questionnaire = questionnaire
        self.wave = wave
        self.since = since  # ISO 8601 UTC, compared as text (same format as the store's)
        self.token: int | None = None
        self.status: dict[str, tuple[str, str, bool]] = {}  # id -> (group, status, recent)

    def update(self, records: list[dict[str, Any]]) -> None:
        """Take in changed records (any questionnaire; others are ignored)."""
        for r in records:
            if r.get("questionnaire_id") != self.questionnaire.id:
                continue
            if r.get("wave", "default") != self.wave:
                continue
            recent = str(r.get("updated_at") or "") >= self.since
            self.status[r["response_id"]] = (str(r.get("group")), str(r.get("status")), recent)

    def complete_since_start(self) -> int:
        """Complete responses submitted (last written) while serving."""
        return sum(
            1 for _, status, recent in self.status.values() if status == "complete" and recent
        )

    def line(self) -> str:
        """One short line: ``complete: exec 2, eng 0 · in progress: exec 1``.

        Group ids, not labels: labels are sentences that would wrap an 80-column terminal.
        """
        done = dict.fromkeys(self.questionnaire.group_ids, 0)
        busy = dict.fromkeys(self.questionnaire.group_ids, 0)
        for group, status, recent in self.status.values():
            if status == "complete" and group in done:
                done[group] += 1
            elif status == "partial" and recent and group in busy:
                busy[group] += 1
        text = "complete: " + ", ".join(f"{g} {n}" for g, n in done.items())
        answering = [f"{g} {n}" for g, n in busy.items() if n]
        if answering:
            text += " · in progress: " + ", ".join(answering)
        return text


class SurveyServer(Server):
    """textual-serve's Server, quiet (no logo or connection logs), with counts, host-relative
    URLs, a page that needs no internet and a clean stop."""

    def __init__(self, plan: ServePlan) -> None:
        super().__init__(
            plan.command, host=plan.host, port=plan.port, title=plan.questionnaire.title
        )
        from survey_tui.core.store import ResponseStore, utc_now

        self.plan = plan
        self.store = ResponseStore(plan.store_path)
        self.counts = LiveCounts(plan.questionnaire, plan.wave, utc_now())
        self._handlers: set[asyncio.Task[Any]] = set()
        self._watcher: asyncio.Task[None] | None = None

    def initialize_logging(self) -> None:
        # textual-serve logs every connection at INFO; the facilitator wants the counts line.
        logging.basicConfig(level=logging.WARNING, format="%(name)s: %(message)s")

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        page = (self.templates_path / "app_index.html").read_text(encoding="utf-8")
        page = _WEB_FONT_LINK.sub(lambda _: _LOCAL_FONT, page)
        loader = jinja2.ChoiceLoader(
            [
                jinja2.DictLoader({"app_index.html": page}),
                jinja2.FileSystemLoader(self.templates_path),
            ]
        )
        aiohttp_jinja2.setup(app, loader=loader)
        return app

    async def on_startup(self, app: web.Application) -> None:
        self._watcher = asyncio.create_task(self._watch_counts())

    async def on_shutdown(self, app: web.Application) -> None:
        # Open websockets would keep aiohttp waiting; cancelling a handler makes
        # textual-serve send its app a "quit" and wait for the process to end.
        for task in list(self._handlers):
            task.cancel()
        if self._handlers:
            await asyncio.wait(list(self._handlers), timeout=10)
        if self._watcher is not None:
            self._watcher.cancel()

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        task = asyncio.current_task()
        assert task is not None
        self._handlers.add(task)
        try:
            return await super().handle_websocket(request)
        finally:
            self._handlers.discard(task)

    @aiohttp_jinja2.template("app_index.html")
    async def handle_index(self, request: web.Request) -> dict[str, Any]:
        # textual-serve builds absolute URLs from the bind address; with --host 0.0.0.0 that
        # gives phones "ws://0.0.0.0:...". Use the address the browser itself asked for.
        host = request.host if _SAFE_HOST.match(request.host) else f"127.0.0.1:{self.port}"
        origin = f"http://{host}"
        return {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": f"ws://{host}/ws",
            "config": {"static": {"url": f"{origin}/static/"}},
            "application": {"name": self.title},
        }

    async def _watch_counts(self) -> None:
        loop = asyncio.get_running_loop()
        shown = ""
        failed = False
        while True:
            try:
                changed, token = await loop.run_in_executor(
                    None, self.store.changes_since, self.counts.token
                )
            except StoreError as error:
                if not failed:  # say it once, keep serving: the apps report their own errors
                    click.echo(f"cannot read the store for counts: {error}", err=True)
                failed = True
            else:
                failed = False
                self.counts.token = token
                self.counts.update(changed)
                line = self.counts.line()
                if line != shown:
                    click.echo(f"{time.strftime('%H:%M:%S')}  {line}")
                    shown = line
            await asyncio.sleep(COUNTS_EVERY)


def run_server(plan: ServePlan) -> int:
    """Serve until Ctrl+C (or SIGTERM); return the complete responses stored meanwhile."""
    server = SurveyServer(plan)
    try:
        server.serve()
    except OSError as error:  # lost a race for the port after the check
        from survey_tui.core.errors import SurveyError

        raise SurveyError(f"cannot serve on {plan.host}:{plan.port}: {error.strerror}") from None
    try:
        changed, _ = server.store.changes_since(server.counts.token)
        server.counts.update(changed)
    except StoreError:
        pass
    return server.counts.complete_since_start()
