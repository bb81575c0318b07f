"""Hostile text (issue 11) in real subprocesses: nothing a respondent or a questionnaire holds
reaches the facilitator's terminal as a control character.

The store cleans answers on every write, so the hostile answers here are planted in the
snapshot file directly, as a store written before that rule (or by another tool) holds them.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from survey_tui.core.loader import load
from survey_tui.core.store import ResponseStore

# OSC 0 (title), OSC 52 (clipboard), CSI, BEL, DEL, one-character C1 CSI and NEL.
HOSTILE = "a\x1b]0;PWNED\x07b\x1b]52;c;aGVsbG8=\x1b\\c\x1b[31md\x7fe\x9b2Jf\x85g"
CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
LOCATED = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<field>[^\s:]+): (?P<msg>.+)$")

QUESTIONNAIRE = """\
id: hostile
title: TITLE
version: 1
groups: [{id: a, label: Group A}, {id: b, label: Group B}]
anonymity: {min_group_size: 2}
sections:
  - id: s
    title: S
    questions:
      - {id: rate, type: likert, scale: {min: 1, max: 5}, text: Rate}
      - {id: tool, type: single_choice, options: [Copilot], other: true, text: Tool}
      - {id: why, type: text, text: Why}
"""


def cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "survey_tui", *args],
        input=stdin.encode() if stdin is not None else None,
        stdin=None if stdin is not None else subprocess.DEVNULL,
        capture_output=True,
        timeout=120,
    )


def assert_no_controls(output: bytes) -> str:
    text = output.decode("utf-8")
    found = CONTROLS.search(text)
    assert found is None, f"raw {found.group()!r} in output: {text[: found.start() + 20]!r}"
    return text


@pytest.fixture(scope="module")
def legacy(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A questionnaire and a store whose snapshot holds raw hostile answers."""
    folder = tmp_path_factory.mktemp("hostile")
    qfile = folder / "q.yaml"
    qfile.write_text(QUESTIONNAIRE.replace("TITLE", "Hostile text"))
    q = load(qfile)
    db = folder / "r.json"
    store = ResponseStore(db)
    for group, rate in [("a", 5), ("a", 4), ("a", 5), ("b", 1), ("b", 2), ("b", 2)]:
        record = store.start(q, group=group, wave="w1")
        record["answers"] = {"rate": rate, "tool": "PLANT", "why": f"PLANT {group}{rate}"}
        store.submit(record)
    # One respondent in a wave of its own: analyze names that wave as left out of the totals.
    record = store.start(q, group="a", wave="PLANT")
    record["answers"] = {"rate": 3}
    store.submit(record)
    store.compact()
    inner = json.dumps(HOSTILE, ensure_ascii=False)[1:-1]
    db.write_text(db.read_text(encoding="utf-8").replace("PLANT", inner), encoding="utf-8")
    assert any(r["answers"]["why"].startswith(HOSTILE) for r in ResponseStore(db).responses())
    return qfile, db


@pytest.mark.parametrize(
    "args",
    [
        ["analyze", "--wave", "all"],
        ["analyze", "--json", "--wave", "all"],
        ["report"],
        ["report", "--format", "html"],
        ["export"],
        ["export", "--format", "json"],
    ],
    ids=" ".join,
)
def test_stored_answers_reach_stdout_escaped(legacy: tuple[Path, Path], args: list[str]) -> None:
    qfile, db = legacy
    result = cli(*args, str(qfile), "--db", str(db))
    assert result.returncode == 0, result.stderr.decode()
    text = assert_no_controls(result.stdout)
    assert_no_controls(result.stderr)
    # The planted text did reach the output, visibly escaped (analyze: the wave's name).
    assert "PWNED" in text and "\\u001b" in text and "\\u009b" in text
    if args == ["export", "--format", "json"]:
        # The escape is JSON's own: the document still decodes to exactly what is stored.
        records = json.loads(text)
        tools = [r["answers"].get("tool") for r in records]
        assert tools.count(HOSTILE) == 6 and tools.count(None) == 1
        assert [r["wave"] for r in records].count(HOSTILE) == 1
    if args == ["analyze", "--json", "--wave", "all"]:
        json.loads(text)


def test_export_to_a_file_keeps_the_stored_text(legacy: tuple[Path, Path], tmp_path: Path) -> None:
    qfile, db = legacy
    out = tmp_path / "out.csv"
    result = cli("export", str(qfile), "--db", str(db), "-o", str(out))
    assert result.returncode == 0, result.stderr.decode()
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"), newline="")))
    # Rows come sorted by day and id (not in submission order): compare as a multiset.
    assert sorted(row["tool"] for row in rows) == sorted([HOSTILE] * 6 + [""])
    assert [row["wave"] for row in rows].count(HOSTILE) == 1


@pytest.mark.parametrize("command", ["analyze", "report", "export"])
def test_hostile_questionnaire_text_is_refused_not_printed(
    legacy: tuple[Path, Path], tmp_path: Path, command: str
) -> None:
    _, db = legacy
    qfile = tmp_path / "evil.yaml"
    qfile.write_text(QUESTIONNAIRE.replace("TITLE", '"Team \\e]0;PWNED\\a pulse"'))
    result = cli(command, str(qfile), "--db", str(db))
    assert result.returncode == 2
    assert assert_no_controls(result.stdout) == ""
    [line] = assert_no_controls(result.stderr).splitlines()
    match = LOCATED.match(line)
    assert match, line
    assert (match["line"], match["col"], match["field"]) == ("2", "8", "title")
    assert "U+001B (ESC)" in match["msg"]


def test_plain_run_echoes_typed_controls_escaped_and_stores_them_clean(tmp_path: Path) -> None:
    small = Path(__file__).parent.parent / "ui" / "run_small.yaml"
    db = tmp_path / "r.json"
    # lik 2 shows "why"; then hours, tools, grid x and y, nps, the note, and submit.
    stdin = f"2\n{HOSTILE}\n12\n1\n4\n5\n9\n{HOSTILE}\n\n"
    result = cli("run", str(small), "--plain", "--group", "b", "--db", str(db), stdin=stdin)
    assert result.returncode == 0, result.stderr.decode()
    text = assert_no_controls(result.stdout)
    assert "Thank you!" in text
    [record] = ResponseStore(db).responses("small")
    assert record["answers"]["why"] == record["answers"]["note"]
    assert not CONTROLS.search(record["answers"]["why"])
    assert record["answers"]["why"].startswith("a]0;PWNEDb")


def test_cli_error_messages_are_escaped(tmp_path: Path) -> None:
    missing = tmp_path / "no\x1b]0;PWNED\x07such.yaml"
    result = cli("analyze", str(missing), "--db", str(tmp_path / "r.json"))
    assert result.returncode == 2
    assert "\\u001b]0;PWNED" in assert_no_controls(result.stderr)
