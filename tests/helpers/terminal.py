"""A real 80x24 terminal under tmux for end-to-end tests (its own tmux server socket)."""

from __future__ import annotations

import os
import subprocess
import time
import uuid
from pathlib import Path

# The tmux server keeps the environment it started with: hand each session the test's own
# user data dir (tests/conftest.py), or one test's remembered choices leak into another's.
PASSED_ENV = ("XDG_DATA_HOME", "SURVEY_TUI_DB")

# A private server: tests never touch (or kill) the tmux sessions of the person running them.
SOCKET = "survey-tui-e2e"


def tmux(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["tmux", "-L", SOCKET, *args], capture_output=True, text=True, check=check
    )


class Terminal:
    def __init__(self, command: str) -> None:
        self.name = f"survey-e2e-{uuid.uuid4().hex[:8]}"
        env = [f"{k}={os.environ[k]}" for k in PASSED_ENV if k in os.environ]
        flags = [part for pair in env for part in ("-e", pair)]
        tmux("new-session", "-d", "-s", self.name, "-x", "80", "-y", "24", *flags, command)

    def screen(self) -> str:
        return tmux("capture-pane", "-p", "-t", self.name, check=False).stdout

    def keys(self, *keys: str) -> None:
        """Each key on its own, like a fast typist (a burst arrives as one read)."""
        for key in keys:
            tmux("send-keys", "-t", self.name, key)
            time.sleep(0.03)

    def type(self, text: str) -> None:
        """Literal text, then wait until it is on screen (as a person would see it)."""
        tmux("send-keys", "-t", self.name, "-l", text)
        self.wait_for(text)

    def wait_for(self, text: str, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.05)
        raise AssertionError(f"{text!r} never appeared; screen:\n{self.screen()}")

    def app_pid(self) -> int:
        """The app's process: the one child of the pane's shell."""
        shell = tmux("display-message", "-p", "-t", self.name, "#{pane_pid}").stdout.strip()
        children = Path(f"/proc/{shell}/task/{shell}/children").read_text().split()
        assert len(children) == 1, children
        return int(children[0])

    def close(self) -> None:
        tmux("kill-session", "-t", self.name, check=False)


def wait_for_file(path: Path, timeout: float = 30.0) -> str:
    deadline = time.monotonic() + timeout
    while not path.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    return path.read_text()
