"""Running the web form for ``survey-tui serve``: the server, the facilitator's counts line,
and a clean stop on Ctrl+C (or SIGTERM)."""

from __future__ import annotations

import asyncio
import signal
import time
from typing import TYPE_CHECKING, Any

import click
from aiohttp import web

from survey_tui.core.errors import StoreError, SurveyError
from survey_tui.core.live import LiveResponses, Tally
from survey_tui.frontends.web.app import FormServer, WebConfig, make_app
from survey_tui.frontends.web.security import quiet_logging

if TYPE_CHECKING:
    from survey_tui.frontends.web.plan import ServePlan

#: Seconds between looks at the store for the counts line.
COUNTS_EVERY = 2.0
#: Seconds between clean-ups of respondents gone quiet.
SWEEP_EVERY = 300.0


def counts_line(tally: Tally) -> str:
    """One short line: ``complete: exec 2, eng 0 · in progress: exec 1``.

    Group ids, not labels: labels are sentences that would wrap an 80-column terminal.
    "In progress" follows the dashboard's rule (core.live): a response left untouched too long
    (a closed tab) no longer counts.
    """
    text = "complete: " + ", ".join(f"{g} {c.complete}" for g, c in tally.groups.items())
    answering = [f"{g} {c.in_progress}" for g, c in tally.groups.items() if c.in_progress]
    if answering:
        text += " · in progress: " + ", ".join(answering)
    return text


class CountsWatcher:
    """Prints the counts line whenever it changes (and once at the start)."""

    def __init__(self, server: FormServer, wave: str) -> None:
        self.server = server
        self.wave = wave
        self.live = LiveResponses(server.config.questionnaire)
        self.shown = ""
        self.failed = False

    async def once(self) -> None:
        loop = asyncio.get_running_loop()
        try:
            store: Any = self.server.store  # a ResponseStore: it has changes_since
            await loop.run_in_executor(self.server.worker, self.live.poll, store)
        except StoreError as error:
            if not self.failed:  # say it once, keep serving: each page reports its own errors
                click.echo(f"cannot read the store for counts: {error}", err=True)
            self.failed = True
            return
        self.failed = False
        line = counts_line(self.live.tally(self.wave))
        if line != self.shown:
            click.echo(f"{time.strftime('%H:%M:%S')}  {line}")
            self.shown = line

    async def run(self) -> None:
        while True:
            await self.once()
            await asyncio.sleep(COUNTS_EVERY)


async def _sweep(server: FormServer) -> None:
    loop = asyncio.get_running_loop()
    while True:
        await asyncio.sleep(SWEEP_EVERY)
        await loop.run_in_executor(server.worker, server.respondents.sweep)


def web_config(plan: ServePlan) -> WebConfig:
    return WebConfig(
        questionnaire=plan.questionnaire,
        group=plan.group,
        wave=plan.wave,
        kiosk=plan.kiosk,
        per_page=plan.per_page,
        rate_limit=plan.rate_limit,
        tls=plan.ssl_context is not None,
        language=plan.language,
    )


async def _serve(plan: ServePlan) -> int:
    from survey_tui.core.store import ResponseStore

    server = FormServer(web_config(plan), ResponseStore(plan.store_path))
    runner = web.AppRunner(make_app(server), access_log=None, handle_signals=False)
    await runner.setup()
    site = web.TCPSite(runner, plan.host, plan.port, ssl_context=plan.ssl_context, backlog=1024)
    try:
        await site.start()
    except OSError as error:  # lost a race for the port after the check
        await runner.cleanup()
        raise SurveyError(f"cannot serve on {plan.host}:{plan.port}: {error.strerror}") from None
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    watcher = CountsWatcher(server, plan.wave)
    tasks = [asyncio.create_task(watcher.run()), asyncio.create_task(_sweep(server))]
    try:
        await stop.wait()
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await runner.cleanup()  # answers the open requests, then stops the store thread
    return server.respondents.submitted


def run_server(plan: ServePlan) -> int:
    """Serve until Ctrl+C (or SIGTERM); return how many responses were submitted meanwhile."""
    quiet_logging()
    return asyncio.run(_serve(plan))
