"""Shared by the serve tests and benchmarks/serve_bench.py: a real ``survey-tui serve`` process
and a respondent that talks to the web form over HTTP as a browser does (fetches each page,
posts each answer with the page's hidden fields, keeps its cookies, follows redirects)."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import aiohttp

SMALL = Path(__file__).parents[1] / "e2e" / "serve_small.yaml"

#: serve_small.yaml answered as an engineer (with ``--group eng``): the fields of each page.
ENGINEER_PAGES: list[list[tuple[str, str]]] = [
    [("q_impact", "4")],
    [("q_uses_ai", "yes")],
    [("q_hours", "5")],
]
ENGINEER_ANSWERS = {"impact": 4, "uses_ai": "yes", "hours": 5}

_HIDDEN = re.compile(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)">')
_ACTION = re.compile(r'<form method="post" action="([^"]+)"')


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextmanager
def serving(
    tmp: Path, db: Path, *extra: str, questionnaire: Path = SMALL
) -> Iterator[tuple[str, subprocess.Popen[bytes], Path]]:
    """``survey-tui serve`` in a subprocess on a free loopback port; stopped with SIGINT
    (what Ctrl+C sends) on exit. Yields (base URL, process, file with its output)."""
    port = free_port()
    log = tmp / f"serve-{port}.log"
    env = dict(os.environ, XDG_CONFIG_HOME=str(tmp / "xdg-config"), XDG_CACHE_HOME=str(tmp))
    command = [sys.executable, "-m", "survey_tui", "--db", str(db), "serve", str(questionnaire)]
    with log.open("wb") as out:
        process = subprocess.Popen(
            [*command, "--port", str(port), *extra],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,  # our SIGINT only, not the test runner's process group
        )
    try:
        wait_for_port(port, process, log)
        yield f"http://127.0.0.1:{port}", process, log
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def wait_for_port(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"serve exited {process.returncode}:\n{log.read_text()}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise AssertionError(f"serve never listened on {port}:\n{log.read_text()}")


class WebRespondent:
    """One browser's worth of requests: its own cookies, the page it is on, page times."""

    def __init__(self, base_url: str, timeout: float = 60.0) -> None:
        self.base = base_url
        jar = aiohttp.CookieJar(unsafe=True)  # cookies from an IP address host
        self.http = aiohttp.ClientSession(
            cookie_jar=jar, timeout=aiohttp.ClientTimeout(total=timeout)
        )
        self.html = ""
        self.path = ""
        self.times: list[float] = []  # seconds per page: a GET, or a POST and its redirect

    async def close(self) -> None:
        await self.http.close()

    async def _read(self, response: aiohttp.ClientResponse, start: float) -> None:
        self.html = await response.text()
        self.times.append(time.perf_counter() - start)
        if response.status >= 400:
            raise AssertionError(f"{response.status} on {response.url}:\n{self.html[:2000]}")
        self.path = response.url.path

    async def get(self, path: str) -> None:
        start = time.perf_counter()
        async with self.http.get(self.base + path) as response:
            await self._read(response, start)

    async def post(self, fields: Sequence[tuple[str, str]] = ()) -> None:
        """Send the page's form with ``fields`` and its hidden fields, as a browser does."""
        action = _ACTION.search(self.html)
        assert action is not None, self.html[:2000]
        data = [*_HIDDEN.findall(self.html), *fields]
        start = time.perf_counter()
        async with self.http.post(
            self.base + action.group(1), data=data, headers={"Origin": self.base}
        ) as response:
            await self._read(response, start)


async def answer_over_http(
    base_url: str,
    pages: Sequence[Sequence[tuple[str, str]]] = ENGINEER_PAGES,
    *,
    timeout: float = 60.0,
    think: float = 0.0,
) -> list[float]:
    """Welcome, each page, review, submit, thank-you (serve with ``--group eng``), pausing
    ``think`` seconds on each page as a person reads; returns the time of each page."""
    respondent = WebRespondent(base_url, timeout)
    try:
        await respondent.get("/")
        await asyncio.sleep(think)
        await respondent.post()  # Start
        for fields in pages:
            assert respondent.path.startswith("/page/"), respondent.path
            await asyncio.sleep(think)
            await respondent.post([*fields, ("action", "next")])
        assert respondent.path == "/review", respondent.path
        await asyncio.sleep(think)
        await respondent.post()  # Submit
        assert respondent.path == "/thanks", respondent.path
        return respondent.times
    finally:
        await respondent.close()
