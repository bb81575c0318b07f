"""'all' names every wave pooled in an analysis, so no response may be recorded in a wave of
that name (docs/statistics.md, "One wave per analysis")."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from survey_tui.cli import main

SMALL = Path(__file__).resolve().parents[1] / "ui" / "run_small.yaml"


@pytest.mark.parametrize("command", ["run", "serve"])
def test_recording_in_a_wave_named_all_is_refused(tmp_path: Path, command: str) -> None:
    db = tmp_path / "r.json"
    result = CliRunner().invoke(main, ["--db", str(db), command, str(SMALL), "--wave", "all"])
    assert result.exit_code == 2
    assert "'all' names every wave pooled" in result.output
    assert not db.exists()


def test_importing_a_row_in_wave_all_is_refused(tmp_path: Path) -> None:
    from survey_tui.core.loader import load

    q = load(SMALL)
    csv_file = tmp_path / "in.csv"
    group = q.group_ids[0]
    csv_file.write_text(f"response_id,group,wave\nr1,{group},all\n", encoding="utf-8")
    db = tmp_path / "r.json"
    args = ["--db", str(db), "import", str(SMALL), str(csv_file), "--skip-bad-rows"]
    result = CliRunner().invoke(main, args)
    assert f"{csv_file}:2: wave:" in result.output + result.stderr
    assert "r1" not in (db.read_text() if db.exists() else "")
