"""``survey-tui validate``: `FILE: ok`, or every problem as FILE:LINE:COL: field: message, exit 2."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from survey_tui.cli import main

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
GOOD = FIXTURES / "loader" / "good.yaml"
MALFORMED = sorted((FIXTURES / "malformed").glob("*.yaml"))

# FILE:LINE:COL: field: message (field may be empty at the top level of the file)
LINE_RE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?:(?P<field>[^\s:]+): )?\S.*$")


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def test_good_file_is_ok(runner: CliRunner) -> None:
    result = runner.invoke(main, ["validate", str(GOOD)])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{GOOD}: ok\n"
    assert result.stderr == ""


@pytest.mark.parametrize("path", MALFORMED, ids=lambda p: p.stem)
def test_bad_file_exits_2_with_located_lines(runner: CliRunner, path: Path) -> None:
    result = runner.invoke(main, ["validate", str(path)])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines
    for line in lines:
        match = LINE_RE.match(line)
        assert match, line
        assert match["file"] == str(path)
        assert int(match["line"]) >= 1 and int(match["col"]) >= 1


def test_python_tag_file_runs_nothing(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["validate", str(FIXTURES / "malformed" / "python_tag.yaml")])
    assert result.exit_code == 2
    assert not (tmp_path / "survey_tui_pwned_marker").exists()


def test_mixed_files_report_each_and_exit_2(runner: CliRunner, tmp_path: Path) -> None:
    second_good = tmp_path / "copy.yaml"
    shutil.copy(GOOD, second_good)
    bad = FIXTURES / "malformed" / "unknown_scale.yaml"
    empty = FIXTURES / "malformed" / "empty.yaml"
    result = runner.invoke(main, ["validate", str(GOOD), str(bad), str(second_good), str(empty)])
    assert result.exit_code == 2
    # Good files are still confirmed, in the order given, after a bad one.
    assert result.stdout.splitlines() == [f"{GOOD}: ok", f"{second_good}: ok"]
    errors = result.stderr.splitlines()
    assert errors == [
        f"{bad}:21:16: sections.0.questions.0.scale: unknown scale 'agre5' (did you mean 'agree5'?)",
        f"{empty}:1:1: file is empty: a questionnaire needs id, title, version, groups and sections",
    ]


def test_missing_file(runner: CliRunner, tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    result = runner.invoke(main, ["validate", str(missing)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert result.stderr.strip() == f"{missing}: no such file"


def test_directory(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["validate", str(tmp_path)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert result.stderr.strip() == f"{tmp_path}: is a directory, not a file"


def test_non_utf8_bytes_written_at_test_time(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(GOOD.read_bytes().replace(b"title: Loader test", b"title: Caf\xe9"))
    result = runner.invoke(main, ["validate", str(path)])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"{path}:2:11: byte 0xe9 is not valid UTF-8: save the file as UTF-8"
    )


def test_a_shipped_questionnaire_id_is_accepted(runner: CliRunner) -> None:
    result = runner.invoke(main, ["validate", "ai-expectation-gap"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "ai-expectation-gap: ok\n"
    result = runner.invoke(main, ["validate", "ai-expectation-gaap"])
    assert result.exit_code == 2
    assert "ai-expectation-gaap: not a file and not a shipped questionnaire id" in result.stderr
