"""The CLI group, `list`, `schema` and questionnaire resolution, through click's runner."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from survey_tui.cli import main
from survey_tui.core.catalog import resolve_questionnaire, shipped_questionnaire_files
from survey_tui.core.errors import SurveyError
from survey_tui.core.schema import questionnaire_schema

ROOT = Path(__file__).resolve().parents[2]


def test_help_lists_available_commands_with_an_example() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    assert "validate" in result.output and "schema" in result.output
    assert "Example" in result.output


def test_unknown_command_exits_2() -> None:
    result = CliRunner().invoke(main, ["frobnicate"])
    assert result.exit_code == 2


def test_schema_prints_json_schema_matching_the_shipped_file() -> None:
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0
    printed = json.loads(result.output)
    assert printed == questionnaire_schema()
    shipped = json.loads((ROOT / "schema" / "questionnaire.schema.json").read_text())
    assert shipped == printed, "schema/questionnaire.schema.json is stale: regenerate it"
    assert printed["additionalProperties"] is False
    assert {"id", "title", "version", "groups", "sections"} <= set(printed["required"])


def test_list_shows_every_shipped_questionnaire() -> None:
    result = CliRunner().invoke(main, ["list"])
    assert result.exit_code == 0
    files = shipped_questionnaire_files()
    assert files, "no shipped questionnaires found"
    for path in files:
        assert path.name in result.output
    assert "invalid" not in result.output


def test_resolve_by_path_and_unknown_id_suggests() -> None:
    files = shipped_questionnaire_files()
    assert resolve_questionnaire(str(files[0])) == files[0]
    with pytest.raises(SurveyError) as error:
        resolve_questionnaire("ai-expectation-gapp")
    assert "did you mean 'ai-expectation-gap'" in str(error.value)


def test_run_with_unknown_questionnaire_id_exits_2_without_traceback() -> None:
    result = CliRunner().invoke(main, ["validate", "no/such/file.yaml"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


@pytest.mark.slow
def test_wheel_ships_questionnaires_templates_and_schema(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("survey_tui-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for path in shipped_questionnaire_files():
        assert f"survey_tui/_data/questionnaires/{path.name}" in names
    assert "survey_tui/_data/schema/questionnaire.schema.json" in names
