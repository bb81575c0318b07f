"""Shared by the serve tests and benchmarks/serve_bench.py: a real ``survey-tui serve`` process
and a respondent that drives textual-serve's websocket protocol like the browser page does.

The protocol (textual_serve/server.py, static/js/textual.js): the page opens ``/ws?width&height``,
sends JSON text frames ``["resize", {"width", "height"}]`` and ``["stdin", "<terminal input>"]``
(keys as a terminal encodes them: "\\t", "\\r", "\\x13" for Ctrl+S), and receives the app's
terminal output as binary frames. When the app exits, the server closes the websocket.
"""

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

SMALL = Path(__file__).parent / "serve_small.yaml"

#: Bytes of earlier output kept when a new frame arrives (enough for a split line of text).
WINDOW = 4096

# What a terminal would draw, without its control sequences (CSI, OSC, charset, keypad).
_ANSI = re.compile(
    rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78]"
)

#: Keys that answer serve_small.yaml as an engineer: welcome, three questions, review, thanks.
#: Each step waits for its text on screen first, as a person reads before typing.
ENGINEER_STEPS: list[tuple[str, Sequence[str]]] = [
    ("Ctrl+S to start", ["2", "\x13"]),  # the group list has focus: 2 = Engineer, Ctrl+S
    ("Question 1 of", ["4", "\r"]),  # likert: Agree
    ("Question 2 of", ["1", "\r"]),  # single choice: Yes
    ("Question 3 of", ["5", "\r"]),  # number: 5 hours
    ("Review your answers", ["\x13"]),  # Ctrl+S submits
    ("Thank you", ["\r"]),  # Enter closes the app, and with it the websocket
]
ENGINEER_ANSWERS = {"impact": 4, "uses_ai": "yes", "hours": 5}

#: The same with ``serve --group eng``: the welcome has no choice to make, and Ctrl+S (a
#: priority key) starts whatever has focus, so no key depends on the first paint's focus.
FIXED_GROUP_STEPS: list[tuple[str, Sequence[str]]] = [
    ("Ctrl+S to start", ["\x13"]),
    *ENGINEER_STEPS[1:],
]


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def screen_text(data: bytes) -> str:
    """Terminal output as text, control sequences removed."""
    return _ANSI.sub(b"", data).decode("utf-8", "replace")


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


class Respondent:
    """One browser tab's worth of websocket traffic."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse, timeout: float) -> None:
        self.ws = ws
        self.timeout = timeout
        self.seen = b""

    async def wait_for(self, text: str) -> None:
        """Read output until ``text`` is on screen (then forget what was read).

        Only a bounded window is searched: the output of a busy app is long, and re-reading
        all of it on every frame would make 50 respondents starve each other.
        """
        deadline = time.monotonic() + self.timeout
        while text not in screen_text(self.seen):
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"{text!r} never arrived; last output:\n{self.tail()}")
            try:
                message = await self.ws.receive(timeout=left)
            except TimeoutError:
                continue
            if message.type == aiohttp.WSMsgType.BINARY:
                # A control sequence or the text itself may be split between two frames.
                self.seen = self.seen[-WINDOW:] + message.data
            elif message.type != aiohttp.WSMsgType.TEXT:
                raise AssertionError(f"websocket ended before {text!r}:\n{self.tail()}")
        self.seen = b""

    async def keys(self, keys: Sequence[str]) -> None:
        for key in keys:
            await self.ws.send_json(["stdin", key])
            await asyncio.sleep(0.03)  # one key per read, like a typist

    async def closed(self) -> None:
        """Wait until the server closes the websocket (the app exited)."""
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            message = await self.ws.receive(timeout=deadline - time.monotonic())
            if message.type not in (aiohttp.WSMsgType.BINARY, aiohttp.WSMsgType.TEXT):
                return
        raise AssertionError("the app never closed the websocket")

    def tail(self) -> str:
        return screen_text(self.seen)[-1500:]


async def answer_over_websocket(
    http: aiohttp.ClientSession,
    base_url: str,
    steps: Sequence[tuple[str, Sequence[str]]] = ENGINEER_STEPS,
    *,
    timeout: float = 60.0,
    size: tuple[int, int] = (100, 30),
) -> None:
    """Open a session as the page does, answer with ``steps``, wait for the app to close."""
    width, height = size
    url = base_url.replace("http://", "ws://") + f"/ws?width={width}&height={height}"
    async with http.ws_connect(url) as ws:
        await ws.send_json(["resize", {"width": width, "height": height}])
        respondent = Respondent(ws, timeout)
        for text, keys in steps:
            await respondent.wait_for(text)
            await asyncio.sleep(0.1)  # keys sent during the very first paint can race
            await respondent.keys(keys)
        await respondent.closed()
