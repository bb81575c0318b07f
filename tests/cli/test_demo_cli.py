"""``survey-tui demo``: a store that ``analyze`` reads; never on top of real responses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from survey_tui.cli import main
from survey_tui.core.store import ResponseStore


def test_demo_creates_a_store_that_analyze_reads(tmp_path: Path) -> None:
    db = tmp_path / "demo.json"
    result = CliRunner().invoke(main, ["demo", "--db", str(db), "--seed", "3"])
    assert result.exit_code == 0, result.output
    assert str(db) in result.output
    assert f"survey-tui analyze ai-expectation-gap --db {db}" in result.output
    assert "--baseline-wave baseline --wave 90-day" in result.output
    assert "-o report.md" in result.output
    assert ResponseStore(db).waves("ai-expectation-gap") == ["90-day", "baseline"]

    analysed = CliRunner().invoke(
        main,
        ["analyze", "ai-expectation-gap", "--db", str(db), "--wave", "baseline", "--json"],
    )
    assert analysed.exit_code == 0, analysed.output
    data = json.loads(analysed.stdout)
    assert data["groups"]["frontline"]["n"] == 40
    assert data["expectation_gap_index"] > 0


def test_demo_without_db_uses_a_fresh_temporary_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    result = CliRunner().invoke(main, ["demo"])
    assert result.exit_code == 0, result.output
    created = list(tmp_path.glob("survey-tui-demo-*/responses.json"))
    assert len(created) == 1 and str(created[0]) in result.output
    assert len(ResponseStore(created[0]).responses("ai-expectation-gap")) == 120


def test_demo_refuses_a_store_with_responses(tmp_path: Path) -> None:
    db = tmp_path / "demo.json"
    assert CliRunner().invoke(main, ["demo", "--db", str(db)]).exit_code == 0
    before = db.read_bytes()
    again = CliRunner().invoke(main, ["demo", "--db", str(db), "--seed", "9"])
    assert again.exit_code == 2
    assert "already holds responses" in again.output
    assert db.read_bytes() == before
    assert len(ResponseStore(db).responses("ai-expectation-gap")) == 120
