"""A real terminal: an interview's notes survive kill -9 and come back on resume."""

from __future__ import annotations

import os
import shutil
import signal
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from helpers.terminal import Terminal, wait_for_file

from survey_tui.core.store import ResponseStore

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

GUIDE = Path(__file__).parent.parent / "ui" / "interview_small.yaml"


def wait_for_stored(db: Path, check: Any, timeout: float = 30.0) -> dict[str, Any]:
    """The partial record once ``check(record)`` holds (autosave runs on a 1 s tick)."""
    deadline = time.monotonic() + timeout
    record: dict[str, Any] = {}
    while time.monotonic() < deadline:
        if db.exists():
            records = ResponseStore(db).responses("iv-small", status=None)
            if records and check(records[0]):
                return records[0]
            record = records[0] if records else {}
        time.sleep(0.1)
    raise AssertionError(f"never stored; last record: {record}")


def test_interview_notes_survive_kill_9_and_resume(tmp_path: Path) -> None:
    db, rc = tmp_path / "responses.json", tmp_path / "rc"
    command = f"{sys.executable} -m survey_tui run {GUIDE} --db {db}; echo $? > {rc}"
    term = Terminal(command)
    try:
        term.wait_for("Small interview")
        term.keys("Enter")  # one group, no consent: Start has the focus
        screen = term.wait_for("Question 1 of 3")
        assert "Since when [roughly]?" in screen and "Time 00:0" in screen
        term.type("Payments team")
        term.keys("PageDown")
        term.wait_for("Question 2 of 3")
        term.keys("4")
        term.wait_for("▐●▌ 4")  # the rating is in: Tab now leaves the list, not a repaint
        term.keys("Tab")
        term.type("only boilerplate")
        # No Next: the typed note and the rating must reach the store on their own.
        wait_for_stored(
            db, lambda r: r["notes"].get("trust") == "only boilerplate" and "trust" in r["answers"]
        )
        os.kill(term.app_pid(), signal.SIGKILL)
        assert wait_for_file(rc).strip() == "137"
    finally:
        term.close()

    again = Terminal(command)
    try:
        again.wait_for("Unfinished response found")
        again.keys("r")
        again.wait_for("Question 2 of 3")
        # The notes area is drawn a moment after the question: wait for it, don't sample.
        screen = again.wait_for("only boilerplate")
        assert "●" in screen  # notes and rating are back
        again.keys("PageUp")
        assert "Payments team" in again.wait_for("Question 1 of 3")
    finally:
        again.close()

    [record] = ResponseStore(db).responses("iv-small", status=None)
    assert record["mode"] == "interview" and record["status"] == "partial"
    assert record["answers"] == {"role": "Payments team", "trust": 4}
    assert record["notes"] == {"trust": "only boilerplate"}
