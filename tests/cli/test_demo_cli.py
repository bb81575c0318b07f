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


def test_demo_without_db_makes_one_demo_store_and_no_temporary_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("SURVEY_TUI_DB", str(tmp_path / "real.json"))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    demo = tmp_path / "data" / "survey-tui" / "demo.json"
    for seed in ("1", "2"):  # a second run replaces the first: nothing piles up
        result = CliRunner().invoke(main, ["demo", "--seed", seed])
        assert result.exit_code == 0, result.output
        assert str(demo) in result.output
        # the store and the success plan beside it; no .lock left
        assert sorted(p.name for p in demo.parent.iterdir()) == ["demo.json", "demo.plan.yaml"]
        assert len(ResponseStore(demo).responses("ai-expectation-gap")) == 120
    assert list((tmp_path / "tmp").iterdir()) == []  # no stray temporary folder
    assert not (tmp_path / "real.json").exists()  # $SURVEY_TUI_DB: the real store, untouched
    assert "SURVEY_TUI_DB is not used" in CliRunner().invoke(main, ["demo", "--help"]).output


def test_demo_honours_db_before_the_subcommand(tmp_path: Path) -> None:
    db = tmp_path / "given.json"
    result = CliRunner().invoke(main, ["--db", str(db), "demo", "--seed", "3"])
    assert result.exit_code == 0, result.output
    assert f"Demo store: {db}" in result.output
    assert len(ResponseStore(db).responses("ai-expectation-gap")) == 120


def test_demo_refuses_a_store_with_responses(tmp_path: Path) -> None:
    db = tmp_path / "demo.json"
    assert CliRunner().invoke(main, ["demo", "--db", str(db)]).exit_code == 0
    before = db.read_bytes()
    again = CliRunner().invoke(main, ["demo", "--db", str(db), "--seed", "9"])
    assert again.exit_code == 2
    assert "already holds responses" in again.output
    assert db.read_bytes() == before
    assert len(ResponseStore(db).responses("ai-expectation-gap")) == 120
