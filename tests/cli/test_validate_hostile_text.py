"""``validate`` on hostile text (issue 11): control characters are errors with their place,
bidirectional overrides and invisible characters are warnings, ordinary Unicode is fine."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from survey_tui.cli import main
from survey_tui.core.store import ResponseStore

TEMPLATE = """\
id: hostile
title: TITLE
version: 1
groups:
  - id: a
    label: LABEL
  - {id: b, label: B}
sections:
  - id: s
    title: S
    questions:
      - id: q1
        type: single_choice
        text: Pick one
        help: HELP
        other: true
        options:
          - Yes
          - OPTION
      - id: q2
        type: text
        text: Why?
        show_if: CONDITION
"""
FINE = {
    "TITLE": "Title",
    "LABEL": "Label",
    "HELP": "Help",
    "OPTION": "Option",
    "CONDITION": "q1 == 'yes'",
}
# field placeholder -> (line, column of the value, field path)
WHERE = {
    "TITLE": (2, 8, "title"),
    "LABEL": (6, 12, "groups.0.label"),
    "HELP": (15, 15, "sections.0.questions.0.help"),
    "OPTION": (19, 13, "sections.0.questions.0.options.1"),
}
ESCAPES = {"\\e": "U+001B (ESC)", "\\x07": "U+0007 (BEL)", "\\x9b": "U+009B (CSI)"}
LOCATED = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<field>[^\s:]+): (?P<msg>.+)$")
CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def write(folder: Path, name: str, **values: str) -> Path:
    text = TEMPLATE
    for key, value in {**FINE, **values}.items():
        text = text.replace(key, value)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_control_characters_are_located_errors(tmp_path: Path) -> None:
    cases = {
        write(tmp_path, f"{field.lower()}-{index}.yaml", **{field: f'"Bad {escape} text"'}): (
            field,
            name,
        )
        for field in WHERE
        for index, (escape, name) in enumerate(ESCAPES.items())
    }
    result = subprocess.run(
        [sys.executable, "-m", "survey_tui", "validate", *map(str, cases)],
        capture_output=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert result.stdout == b""
    stderr = result.stderr.decode("utf-8")
    assert not CONTROLS.search(stderr)
    lines = stderr.splitlines()
    assert len(lines) == len(cases)
    for line in lines:
        match = LOCATED.match(line)
        assert match, line
        field, name = cases[Path(match["file"])]
        assert (int(match["line"]), int(match["col"]), match["field"]) == WHERE[field], line
        assert match["msg"] == f"control character {name} is not allowed: remove it"


def test_unquoted_condition_digits_must_be_ascii(tmp_path: Path) -> None:
    path = write(tmp_path, "q.yaml", CONDITION="q1 == 'yes' or q1 <= \u0662")
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    match = LOCATED.match(line)
    assert match, line
    assert (match["line"], match["col"], match["field"]) == (
        "23",
        "39",
        "sections.0.questions.1.show_if",
    )
    assert "U+0662 (ARABIC-INDIC DIGIT TWO)" in match["msg"]


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"TITLE": "Team \u202epulse"}, (2, 13, "title", "bidirectional control U+202E")),
        ({"LABEL": "Gro\u200bup A"}, (6, 15, "groups.0.label", "invisible character U+200B")),
        (
            {"OPTION": "Ne\u200din"},
            (19, 15, "sections.0.questions.0.options.1", "invisible character U+200D"),
        ),
        (
            {"HELP": '"\\u2066x\\u2069"'},
            (15, 15, "sections.0.questions.0.help", "bidirectional control U+2066"),
        ),
    ],
)
def test_overrides_and_invisible_characters_are_warnings(
    tmp_path: Path, values: dict[str, str], expected: tuple[int, int, str, str]
) -> None:
    path = write(tmp_path, "q.yaml", **values)
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{path}: ok\n"
    [line] = result.stderr.splitlines()
    match = LOCATED.match(line)
    assert match, line
    line_no, column, field, what = expected
    assert (int(match["line"]), int(match["col"]), match["field"]) == (line_no, column, field)
    assert match["msg"].startswith(f"warning: {what}")


def test_errors_and_warnings_together_exit_2(tmp_path: Path) -> None:
    path = write(tmp_path, "q.yaml", TITLE="Team \u202epulse", HELP='"\\e"')
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert [LOCATED.match(x)["field"] for x in lines] == [  # type: ignore[index]
        "title",
        "sections.0.questions.0.help",
    ]
    assert "warning:" in lines[0] and "warning:" not in lines[1]


def test_ordinary_unicode_validates_and_runs(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "q.yaml",
        TITLE="Umfrage – Größe, Übung und 日本語 🚀",
        LABEL="Entwickler 👩\u200d💻 \U0001f1e9\U0001f1ea",
        HELP="Bitte wählen Sie. 選んでください。",
        OPTION="Käse",
        CONDITION="q1 == 'käse' or q1 == 'Grüße 🙂'",
    )
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    db = tmp_path / "r.json"
    # "Other" answer with non-ASCII text: the condition's quoted literal matches it.
    stdin = "Grüße 🙂\nweil 日本\n\n"
    run = CliRunner().invoke(
        main, ["run", str(path), "--plain", "--group", "a", "--db", str(db)], input=stdin
    )
    assert run.exit_code == 0, run.output
    assert "Why?" in run.output
    [record] = ResponseStore(db).responses("hostile")
    assert record["answers"] == {"q1": "Grüße 🙂", "q2": "weil 日本"}
