"""``survey-tui log``: the one-liner, did-you-mean, Other, late entries, undo, import checks,
export, merge and the analysis' ``log``, on real stores (CliRunner, and subprocesses where a
terminal or another device matters)."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import orjson
import pytest
from helpers.feedback_log import FIXTURES, TEAM, run, team_store

from survey_tui.core.feedback.entries import stored_entries
from survey_tui.core.store import ResponseStore

SOLO = str(FIXTURES / "log_one_group.yaml")
ONE_LINER = [
    "--group",
    "frontline",
    "--workflow",
    "test_writing",
    "--tool",
    "github_copilot",
    "--outcome",
    "corrected",
    "--minutes",
    "15",
    "mocked the wrong layer",
]


def entries(db: Path) -> list[dict[str, object]]:
    return [dict(e) for e in stored_entries(ResponseStore(db))] if db.exists() else []


def test_the_one_liner_logs_an_anonymous_entry(tmp_path: Path) -> None:
    db = tmp_path / "r.json"
    code, out, err = run("log", TEAM, "--db", str(db), *ONE_LINER)
    assert code == 0, err
    assert out.startswith(f"logged: {date.today().isoformat()} Test writing with GitHub Copilot")
    assert "undo: survey-tui log undo" in err
    [entry] = entries(db)
    assert set(entry) == {
        "entry_id",
        "questionnaire_id",
        "group",
        "date",
        "workflow",
        "tool",
        "outcome",
        "minutes",
        "note",
        "contributor",
    }
    assert entry["date"] == date.today().isoformat() and entry["note"] == "mocked the wrong layer"
    # The contributor is a hash of this device's random token: nothing of host, user or path.
    journal = db.with_name("r.json.journal")
    raw = (db.read_bytes() + (journal.read_bytes() if journal.exists() else b"")).decode()
    for secret in (os.uname().nodename, os.environ.get("USER") or "nobody-at-all", str(tmp_path)):
        assert secret not in raw


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("--workflow", "test_writting"),
            "--workflow: unknown workflow 'test_writting' (did you mean 'test_writing'?)",
        ),
        (("--tool", "copilot"), "--tool: unknown tool 'copilot' (did you mean 'github_copilot'?)"),
        (
            ("--outcome", "corected"),
            "--outcome: unknown outcome 'corected' (did you mean 'corrected'?)",
        ),
        (("--group", "frontlne"), "--group: unknown group 'frontlne' (did you mean 'frontline'?)"),
        (("--minutes", "500"), "--minutes: 500 is outside 0..240 minutes"),
        (("--minutes", "1.5"), "--minutes: '1.5' is not a whole number of minutes"),
        (("--date", "2999-01-01"), "--date: 2999-01-01 is in the future"),
        (("--date", "yesterday"), "--date: 'yesterday' is not a date (YYYY-MM-DD)"),
    ],
)
def test_bad_values_exit_2_with_did_you_mean_and_write_nothing(
    tmp_path: Path, change: tuple[str, str], expected: str
) -> None:
    db = tmp_path / "r.json"
    args = list(ONE_LINER)
    if change[0] in args:
        args[args.index(change[0]) + 1] = change[1]
    else:
        args[:0] = change
    code, out, err = run("log", TEAM, "--db", str(db), *args)
    assert code == 2 and out == ""
    assert expected in err
    assert not db.exists()


def test_a_tool_not_in_the_list_needs_other(tmp_path: Path) -> None:
    db = tmp_path / "r.json"
    args = list(ONE_LINER)
    args[args.index("--tool") + 1] = "Windsurf"
    code, _, err = run("log", TEAM, "--db", str(db), *args)
    assert code == 2 and "or store it as Other (--other)" in err and not db.exists()
    code, out, _ = run("log", TEAM, "--db", str(db), *args, "--other")
    assert code == 0 and "with Windsurf" in out
    assert entries(db)[0]["tool"] == "Windsurf"


def test_labels_work_like_ids_and_a_late_entry_keeps_its_day(tmp_path: Path) -> None:
    db = tmp_path / "r.json"
    args = ["--group", "Engineers, architects, tech leads", "--workflow", "Incident response"]
    args += ["--tool", "Claude", "--outcome", "helped", "--minutes", "30", "--date", "2026-11-20"]
    code, _, err = run("log", TEAM, "--db", str(db), *args)
    assert code == 0, err
    [entry] = entries(db)
    assert (entry["group"], entry["workflow"], entry["tool"], entry["date"]) == (
        "frontline",
        "incident_response",
        "claude",
        "2026-11-20",
    )


def test_missing_values_without_a_terminal_exit_2(tmp_path: Path) -> None:
    db = tmp_path / "r.json"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "survey_tui",
            "log",
            TEAM,
            "--db",
            str(db),
            "--workflow",
            "test_writing",
        ],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert "missing --group, --tool, --outcome, --minutes" in done.stderr
    assert "Traceback" not in done.stderr and not db.exists()


def test_a_questionnaire_without_a_log_is_refused(tmp_path: Path) -> None:
    plain = Path(__file__).resolve().parents[1] / "e2e" / "serve_small.yaml"
    code, _, err = run("log", str(plain), "--db", str(tmp_path / "r.json"), *ONE_LINER)
    assert code == 2 and "has no feedback log" in err


def _device(tmp_path: Path, name: str, *args: str) -> subprocess.CompletedProcess[str]:
    """survey-tui on another device: its own user data dir, hence its own contributor."""
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path / name))
    return subprocess.run(
        [sys.executable, "-m", "survey_tui", *args],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )


def test_undo_removes_this_devices_last_entry_only(tmp_path: Path) -> None:
    db = str(tmp_path / "r.json")
    assert _device(tmp_path, "a", "log", TEAM, "--db", db, *ONE_LINER[:-1], "first").returncode == 0
    assert (
        _device(tmp_path, "b", "log", TEAM, "--db", db, *ONE_LINER[:-1], "other device").returncode
        == 0
    )
    assert (
        _device(tmp_path, "a", "log", TEAM, "--db", db, *ONE_LINER[:-1], "second").returncode == 0
    )
    done = _device(tmp_path, "a", "log", "undo", TEAM, "--db", db)
    assert done.returncode == 0 and "removed:" in done.stdout and "(second)" in done.stdout
    notes = sorted(str(e["note"]) for e in entries(Path(db)))
    assert notes == ["first", "other device"]
    assert len({e["contributor"] for e in entries(Path(db))}) == 2
    assert _device(tmp_path, "c", "log", "undo", TEAM, "--db", db).returncode == 2  # none of c's


def test_import_checks_every_row_and_writes_nothing_on_a_bad_one(tmp_path: Path) -> None:
    db = tmp_path / "r.json"
    bad = FIXTURES / "import_bad.csv"
    code, _, err = run("log", "import", TEAM, str(bad), "--db", str(db))
    assert code == 2
    assert (
        f"{bad}:2: workflow: unknown workflow 'test_writting' (did you mean 'test_writing'?)" in err
    )
    assert f"{bad}:3: group: unknown group 'devs'" in err
    assert f"{bad}:4: minutes: 9999 is outside 0..240 minutes" in err
    assert not db.exists()
    code, out, err = run("log", "import", TEAM, str(bad), "--db", str(db), "--skip-bad-rows")
    assert code == 0 and "imported 1 entries, 0 already present, 3 bad rows skipped" in out
    assert err.count("skipped: ") == 3


def test_import_then_again_adds_nothing_and_keeps_text_as_typed(tmp_path: Path) -> None:
    db = tmp_path / "r.json"
    good = FIXTURES / "import_good.csv"
    code, out, err = run("log", "import", TEAM, str(good), "--db", str(db))
    assert code == 0, err
    assert "imported 4 entries, 0 already present" in out
    code, out, _ = run("log", "import", TEAM, str(good), "--db", str(db))
    assert "imported 0 entries, 4 already present" in out
    stored = {e["note"]: e for e in entries(db)}
    assert stored["=1+2"]["tool"] == "Windsurf"  # the spreadsheet's ' removed; Other kept
    assert stored['summarised the logs, "fast"']["workflow"] == "incident_response"
    # Rows without a contributor are one contributor together: one file, one person.
    assert len({e["contributor"] for e in stored.values()}) == 1


def test_rows_without_a_contributor_count_as_one(tmp_path: Path) -> None:
    db = tmp_path / "r.json"
    code, _, err = run(
        "log", "import", TEAM, str(FIXTURES / "import_contributors.csv"), "--db", str(db)
    )
    assert code == 0, err
    by_id = {e["entry_id"]: e["contributor"] for e in entries(db)}
    assert by_id["a1"] == "alice-laptop" and by_id["a2"] == "bob-laptop"
    assert by_id["a3"] == by_id["a4"] and by_id["a3"].startswith("file-")
    from survey_tui.core.feedback.figures import log_section
    from survey_tui.core.loader import load

    section = log_section(load(TEAM), stored_entries(ResponseStore(db)))
    assert section is not None and section["contributors"] == 3  # not 4
    assert section["by_workflow"][1]["contributors"] == 3


def test_export_is_spreadsheet_safe_and_imports_back(tmp_path: Path) -> None:
    db = tmp_path / "r.json"
    run("log", "import", TEAM, str(FIXTURES / "import_good.csv"), "--db", str(db))
    run("log", TEAM, "--db", str(db), *ONE_LINER[:-1], "@SUM(A1) +cmd|' /C calc'!A0")
    code, out, _ = run("log", "export", TEAM, "--db", str(db))
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    notes = {r["note"] for r in rows}
    assert "'=1+2" in notes and "'@SUM(A1) +cmd|' /C calc'!A0" in notes
    target = tmp_path / "out" / "log.csv"
    code, out, _ = run("log", "export", TEAM, "--db", str(db), "-o", str(target))
    assert code == 0 and out == ""
    copy = tmp_path / "copy.json"
    code, out, _ = run("log", "import", TEAM, str(target), "--db", str(copy))
    assert code == 0 and "imported 5 entries" in out
    key = lambda e: e["entry_id"]  # noqa: E731
    assert sorted(entries(copy), key=key) == sorted(entries(db), key=key)  # same ids, text


def test_merge_carries_log_entries_once(tmp_path: Path) -> None:
    laptop1, laptop2, both = tmp_path / "l1.json", tmp_path / "l2.json", tmp_path / "all.json"
    run("log", "import", TEAM, str(FIXTURES / "import_good.csv"), "--db", str(laptop1))
    run("log", "import", TEAM, str(FIXTURES / "import_good.csv"), "--db", str(laptop2))
    run("log", TEAM, "--db", str(laptop2), *ONE_LINER)
    code, out, err = run("merge", "--into", str(both), str(laptop1), str(laptop2))
    assert code == 0, err
    assert "feedback log: 5 new entries, 4 already present" in out
    assert len(entries(both)) == 5
    code, out, _ = run("merge", "--into", str(both), str(laptop1), str(laptop2))
    assert "feedback log: 0 new entries, 9 already present" in out


def test_analyze_json_carries_the_log(tmp_path: Path) -> None:
    db = team_store(tmp_path)
    code, out, err = run("analyze", TEAM, "--db", str(db), "--json")
    assert code == 0, err
    log = orjson.loads(out)["log"]
    assert log["entries"] == 8 and log["contributors"] == 4
    tests = log["by_workflow"][1]
    assert tests["key"] == "test_writing" and tests["suppressed"] is False
    assert tests["outcomes"]["corrected"] == 100.0
    assert tests["minutes_lost"]["total"] == 46.0 and tests["minutes_saved"] is None
    assert log["by_workflow"][2]["suppressed"] is True  # incident response: nobody
    assert set(log["by_group"]) == {"executive", "frontline"}
    code, out, _ = run(
        "analyze",
        TEAM,
        "--db",
        str(db),
        "--json",
        "--log-since",
        "2026-11-04",
        "--log-until",
        "2026-11-05",
    )
    log = orjson.loads(out)["log"]
    assert log["entries"] == 4 and log["since"] == "2026-11-04"
    code, out, _ = run("analyze", TEAM, "--db", str(db))
    assert "Feedback log: 8 entries from 4 contributors" in out
    assert "incident_response: withheld (fewer than 3 contributors)" in out


def test_terminal_output_never_carries_control_characters(tmp_path: Path) -> None:
    db = tmp_path / "r.json"
    note = "title \x1b]0;pwned\x07 and \x9b31m red"
    code, out, err = run("log", TEAM, "--db", str(db), *ONE_LINER[:-1], note)
    assert code == 0, err
    assert "\x1b" not in out and "\x9b" not in out and "\x07" not in out
    assert entries(db)[0]["note"] == "title ]0;pwned and 31m red"  # controls stripped
    code, out, _ = run("log", "export", TEAM, "--db", str(db))
    assert "\x1b" not in out


def test_merge_refuses_a_damaged_log_row_and_writes_nothing(tmp_path: Path) -> None:
    good, damaged, both = tmp_path / "good.json", tmp_path / "bad.json", tmp_path / "all.json"
    run("log", TEAM, "--db", str(good), *ONE_LINER)
    ResponseStore(damaged).put_rows("log_entries", [("x", {"entry_id": "x", "minutes": "many"})])
    code, _, err = run("merge", "--into", str(both), str(good), str(damaged))
    assert code == 2
    assert f"{damaged}: feedback-log entry 'x' is damaged" in err
    assert not both.exists()
