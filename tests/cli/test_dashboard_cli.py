"""``survey-tui dashboard`` refuses bad input before any UI starts; ``demo --no-dashboard``."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from survey_tui.cli import main
from survey_tui.core.store import ResponseStore


def test_dashboard_is_listed_in_help() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    assert "dashboard" in result.output and "The facilitator's live view." in result.output


def test_unknown_questionnaire_exits_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["dashboard", "no-such-survey", "--db", str(tmp_path / "r")])
    assert result.exit_code == 2
    assert "no-such-survey" in result.output and "Traceback" not in result.output


def test_broken_questionnaire_exits_2_with_its_location(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\ntitle: X\nversion: 1\ngroups: [{id: a, label: A}]\nsections: []\n")
    result = CliRunner().invoke(main, ["dashboard", str(bad), "--db", str(tmp_path / "r.json")])
    assert result.exit_code == 2
    assert f"{bad}:" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "r.json").exists()


def test_unknown_wave_exits_2_naming_the_waves_and_writes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "demo.json"
    made = CliRunner().invoke(main, ["demo", "--db", str(db), "--no-dashboard"])
    assert made.exit_code == 0, made.output
    before = db.read_bytes()
    result = CliRunner().invoke(
        main, ["dashboard", "ai-expectation-gap", "--db", str(db), "--wave", "q9"]
    )
    assert result.exit_code == 2
    assert "'q9'" in result.output and "90-day, baseline" in result.output
    assert db.read_bytes() == before


def test_demo_no_dashboard_prints_the_commands(tmp_path: Path) -> None:
    db = tmp_path / "demo.json"
    result = CliRunner().invoke(main, ["demo", "--db", str(db), "--no-dashboard"])
    assert result.exit_code == 0, result.output
    assert f"survey-tui dashboard ai-expectation-gap --db {db}" in result.output
    assert "survey-tui report ai-expectation-gap" in result.output
    assert len(ResponseStore(db).responses("ai-expectation-gap")) == 120


def test_damaged_store_exits_2_before_the_ui(tmp_path: Path) -> None:
    db = tmp_path / "r.json"
    db.write_text("{not json")
    result = CliRunner().invoke(main, ["dashboard", "ai-expectation-gap", "--db", str(db)])
    assert result.exit_code == 2
    assert str(db) in result.output and "Traceback" not in result.output
    assert db.read_text() == "{not json"
