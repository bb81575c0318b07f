"""`run` on a damaged store stops with the store's message and exit 2, before any app starts
(it used to open the full-screen app and die there with a traceback, exit 0).

A real subprocess with a timeout: if the check regressed, the app would start and wait for
keys, and the test must fail rather than hang.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.parametrize("flags", [[], ["--kiosk", "--pin", "4711"], ["--plain"]])
def test_run_refuses_a_damaged_store(tmp_path: Path, flags: list[str]) -> None:
    store = tmp_path / "r.json"
    store.write_text('{"bad": ')
    command = [sys.executable, "-m", "survey_tui", "--db", str(store), "run"]
    result = subprocess.run(
        [*command, "ai-expectation-gap", "--group", "frontline", *flags],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2, result.stderr
    assert f"{store}: not a valid JSON store" in result.stderr
    assert "Traceback" not in result.stderr
    assert store.read_text() == '{"bad": '
