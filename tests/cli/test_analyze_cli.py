"""``survey-tui analyze`` against a real store file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers.analysis import BASIC_YAML, stored_answers

from survey_tui.cli import main


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Path, Path]:
    rows = [
        ("executive", [5, 5, 4, 4], "w1"),
        ("frontline", [1, 2, 2, 1], "w1"),
        ("manager", [3, 3], "w1"),
        ("executive", [4, 4, 4], "w2"),
        ("frontline", [3, 3, 2], "w2"),
    ]
    qfile, db, q, store = stored_answers(tmp_path, rows, "{group} says {value}")
    store.start(q, group="frontline", wave="w1")  # a partial one
    return qfile, db


def test_json_matches_the_library(setup: tuple[Path, Path]) -> None:
    qfile, db = setup
    args = ["analyze", str(qfile), "--db", str(db), "--json", "--wave", "all"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["questionnaire"] == {
        "id": "gap-test",
        "version": 1,
        "title": "Gap test",
        "topic": "AI",
    }
    assert (data["schema_version"], data["wave"], data["waves"]) == (2, "all", ["w1", "w2"])
    assert data["groups"]["frontline"]["n"] == 7
    assert data["groups"]["frontline"]["partial"] == 1
    quality = next(i for i in data["items"] if i["question"] == "quality")
    assert quality["groups"]["manager"]["suppressed"] is True
    assert quality["gap"]["significant"] is True
    assert "manager" not in data["comments"][0]["groups"]


def test_without_a_wave_the_most_recent_is_analysed_and_named(setup: tuple[Path, Path]) -> None:
    qfile, db = setup
    result = CliRunner().invoke(main, ["analyze", str(qfile), "--db", str(db), "--json"])
    data = json.loads(result.stdout)
    assert data["wave"] == "w2"  # submitted last
    assert data["groups"]["frontline"]["n"] == 3
    table = CliRunner().invoke(main, ["analyze", str(qfile), "--db", str(db)]).stdout
    assert "wave: w2" in table.splitlines()[1]


def test_wave_and_baseline(setup: tuple[Path, Path]) -> None:
    qfile, db = setup
    args = ["analyze", str(qfile), "--db", str(db), "--json", "--wave", "w2"]
    result = CliRunner().invoke(main, [*args, "--baseline-wave", "w1"])
    assert result.exit_code == 0, result.output
    quality = next(i for i in json.loads(result.stdout)["items"] if i["question"] == "quality")
    assert quality["change"]["points_before"] == pytest.approx(100 * (4.5 - 1.5) / 4)
    assert quality["change"]["points_now"] == pytest.approx(100 * (4 - 8 / 3) / 4)


def test_table_marks_suppressed_and_significant(setup: tuple[Path, Path]) -> None:
    qfile, db = setup
    result = CliRunner().invoke(main, ["analyze", str(qfile), "--db", str(db), "--wave", "all"])
    assert result.exit_code == 0, result.output
    assert "suppressed (n < 3)" in result.stdout
    line = next(x for x in result.stdout.splitlines() if x.startswith("quality"))
    assert line.rstrip().endswith("*")
    assert "large, p adj=" in line  # the effect label and the adjusted p


def test_table_shows_the_change_when_there_is_a_baseline(setup: tuple[Path, Path]) -> None:
    qfile, db = setup
    args = ["analyze", str(qfile), "--db", str(db)]
    plain = CliRunner().invoke(main, args).stdout
    with_baseline = CliRunner().invoke(main, [*args, "--baseline-wave", "w1"]).stdout
    assert "change" not in plain
    header = next(x for x in with_baseline.splitlines() if x.startswith(" ") and "change" in x)
    assert header.rstrip().endswith("change")
    line = next(x for x in with_baseline.splitlines() if x.startswith("quality"))
    assert "+75.0 -> +33.3" in line
    assert "Expectation Gap Index" in with_baseline and "w1 75.0 -> 33.3" in with_baseline


@pytest.mark.parametrize(
    ("extra", "message"),
    [(["--wave", "nope"], "unknown wave 'nope'"), ([], "no response store")],
)
def test_bad_input_exits_2(setup: tuple[Path, Path], extra: list[str], message: str) -> None:
    qfile, db = setup
    target = db if extra else db.with_name("missing.json")
    result = CliRunner().invoke(main, ["analyze", str(qfile), "--db", str(target), *extra])
    assert result.exit_code == 2
    assert message in result.stderr
    assert not db.with_name("missing.json").exists()


def test_other_versions_are_pooled_where_unchanged(setup: tuple[Path, Path]) -> None:
    qfile, db = setup
    qfile.write_text(BASIC_YAML.replace("MINSIZE", "3").replace("version: 1", "version: 2"))
    args = ["analyze", str(qfile), "--db", str(db), "--json", "--wave", "all"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "version 1" in result.stderr and "pooled with version 2" in result.stderr
    data = json.loads(result.stdout)
    assert data["groups"]["frontline"]["n"] == 7
    assert data["version_changed"] == []


def test_analyze_json_is_the_same_bytes_in_every_process(tmp_path: Path) -> None:
    """Two runs over one store print the same JSON, whatever Python's hash seed: the
    per-group wording of an item follows the questionnaire's group order, not a set's."""
    import os
    import subprocess
    import sys

    db = tmp_path / "demo.json"
    made = CliRunner().invoke(main, ["demo", "--db", str(db), "--no-dashboard"])
    assert made.exit_code == 0, made.output
    command = [sys.executable, "-m", "survey_tui", "analyze", "ai-expectation-gap"]
    command += ["--db", str(db), "--json"]
    printed = []
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(command, capture_output=True, env=env, check=True)
        printed.append(done.stdout)
    assert b'"wording"' in printed[0]
    assert printed[0] == printed[1] == printed[2]
