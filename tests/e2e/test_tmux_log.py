"""A real terminal: ``survey-tui log`` with values missing opens the one-screen form at 80x24;
the keyboard fills it, Enter logs, and the entry is in the store."""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

import pytest
from helpers.terminal import Terminal, wait_for_file

from survey_tui.core.feedback.entries import stored_entries
from survey_tui.core.store import ResponseStore

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

TEAM = Path(__file__).resolve().parents[1] / "fixtures" / "feedback" / "log_team.yaml"


def test_log_opens_the_form_in_a_terminal_and_logs_by_keyboard(tmp_path: Path) -> None:
    db = tmp_path / "responses.json"
    rc = tmp_path / "rc"
    command = (
        f"{sys.executable} -m survey_tui log {TEAM} --db {db} --group frontline "
        f"--workflow test_writing; echo $? > {rc}; sleep 30"
    )
    term = Terminal(command)
    try:
        # The first field without a value has the focus (a loaded machine starts slowly).
        screen = term.wait_for("▸ AI tool", timeout=60)
        assert "Test writing" in screen  # from the command line
        term.keys("Enter")  # the tool list opens
        term.wait_for("Cursor", timeout=30)
        term.keys("c", "l", "a", "u", "Enter")
        deadline = time.monotonic() + 30
        while "Cursor" in term.screen() and time.monotonic() < deadline:  # the list closes
            time.sleep(0.05)
        term.keys("Tab")
        term.wait_for("▸ What came of it", timeout=30)
        term.keys("Down", "Enter", "Tab")  # the second outcome, "Needed correction"
        term.wait_for("▸ Minutes saved", timeout=30)
        term.keys("2", "0", "Tab")
        term.wait_for("▸ Note", timeout=30)
        term.type("wrong API version")
        term.keys("Enter")
        assert wait_for_file(rc, timeout=20).strip() == "0"
        screen = term.wait_for("logged:").replace("\n", "")  # the line wraps at 80
        assert "Needed correction, 20 min lost (wrong API version)" in screen
    finally:
        term.close()
    [entry] = stored_entries(ResponseStore(db))
    assert (entry["workflow"], entry["tool"], entry["outcome"], entry["minutes"]) == (
        "test_writing",
        "claude",
        "corrected",
        20,
    )
