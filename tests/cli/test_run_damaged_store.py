"""`run` on a damaged store stops with the store's message and exit 2, before any app starts
(it used to open the full-screen app and die there with a traceback, exit 0)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from survey_tui.cli import main


@pytest.mark.parametrize("flags", [[], ["--kiosk", "--pin", "1"], ["--plain"]])
def test_run_refuses_a_damaged_store(tmp_path: Path, flags: list[str]) -> None:
    store = tmp_path / "r.json"
    store.write_text('{"bad": ')
    result = CliRunner().invoke(
        main, ["--db", str(store), "run", "ai-expectation-gap", "--group", "frontline", *flags]
    )
    assert result.exit_code == 2, result.output
    assert f"{store}: not a valid JSON store" in result.stderr
    assert store.read_text() == '{"bad": '
