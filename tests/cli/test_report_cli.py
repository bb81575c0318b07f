"""``survey-tui report`` against a real store file."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers.analysis import stored_answers

from survey_tui.cli import main


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Path, Path]:
    rows = [
        ("executive", [5, 5, 4, 4], "default"),
        ("frontline", [1, 2, 2, 1], "default"),
        ("manager", [3, 3], "default"),
    ]
    qfile, db, _, _ = stored_answers(tmp_path, rows, "{group} | says {value}")
    return qfile, db


def test_report_to_file(setup: tuple[Path, Path], tmp_path: Path) -> None:
    qfile, db = setup
    out = tmp_path / "report.md"
    result = CliRunner().invoke(main, ["report", str(qfile), "--db", str(db), "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text()
    assert text.startswith("# Gap test")
    assert "Expectation Gap Index" in text
    assert "executive \\| says 5" in text
    assert "Managers" not in text and "manager" not in text


def test_executive_brief_to_stdout(setup: tuple[Path, Path]) -> None:
    qfile, db = setup
    args = ["report", str(qfile), "--db", str(db), "--template", "executive_brief"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "executive brief" in result.stdout


def test_broken_template_exits_2_and_writes_nothing(
    setup: tuple[Path, Path], tmp_path: Path
) -> None:
    qfile, db = setup
    template = tmp_path / "broken.md.j2"
    template.write_text("# ok\n\n{% for x in %}\n")
    out = tmp_path / "report.md"
    args = ["report", str(qfile), "--db", str(db), "--template", str(template), "-o", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert f"{template}:3" in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()


def test_missing_store_exits_2(setup: tuple[Path, Path], tmp_path: Path) -> None:
    qfile, _db = setup
    out = tmp_path / "report.md"
    missing = tmp_path / "none.json"
    result = CliRunner().invoke(main, ["report", str(qfile), "--db", str(missing), "-o", str(out)])
    assert result.exit_code == 2 and "no response store" in result.stderr
    assert not out.exists()


def test_html_report_file(setup: tuple[Path, Path], tmp_path: Path) -> None:
    qfile, db = setup
    out = tmp_path / "report.html"
    args = ["report", str(qfile), "--db", str(db), "--format", "html", "-o", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    text = out.read_text()
    assert text.startswith("<!DOCTYPE html>") and '<table tabindex="0">' in text
    assert "executive | says 5" in text
    assert text.count("<svg") == 1 and "<script" not in text  # the theme chart


def test_output_into_a_missing_folder_makes_it_like_export(
    setup: tuple[Path, Path], tmp_path: Path
) -> None:
    qfile, db = setup
    out = tmp_path / "no" / "such" / "report.md"
    result = CliRunner().invoke(main, ["report", str(qfile), "--db", str(db), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text().startswith("#")
    csv_out = tmp_path / "other" / "answers.csv"
    result = CliRunner().invoke(main, ["export", str(qfile), "--db", str(db), "-o", str(csv_out)])
    assert result.exit_code == 0 and csv_out.is_file()


def test_list_shows_every_shipped_template() -> None:
    result = CliRunner().invoke(main, ["list"])
    assert result.exit_code == 0, result.output
    templates = result.output.split("Report templates:", 1)[1]
    for name in ("gap_report", "executive_brief", "workshop_readout", "interview_digest"):
        assert f"{name}.md.j2" in templates


@pytest.mark.parametrize("name", ["workshop_readout", "interview_digest"])
def test_new_templates_by_name_leave_out_the_small_group(
    setup: tuple[Path, Path], name: str
) -> None:
    qfile, db = setup
    args = ["report", str(qfile), "--db", str(db), "--template", name]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Gap test")
    assert "Managers" not in result.stdout and "manager" not in result.stdout.lower()
