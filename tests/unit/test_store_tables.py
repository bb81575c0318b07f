"""Named tables in the store (feedback-log entries, evidence) and deletions: durable like
responses, readable after a restart and a fold, refused cleanly by an older reader."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from survey_tui.core.errors import StoreError
from survey_tui.core.store import ResponseStore


def _entry(n: int, note: str = "ok") -> tuple[str, dict[str, object]]:
    key = f"e{n}"
    return key, {"entry_id": key, "questionnaire_id": "q", "minutes": n, "note": note}


def _meta_format(path: Path) -> int:
    return int(json.loads(path.read_text())["_meta"]["1"]["format"])


def _response(rid: str) -> dict[str, object]:
    return {
        "response_id": rid,
        "questionnaire_id": "q",
        "group": "g",
        "status": "partial",
        "answers": {},
    }


def test_rows_survive_a_restart_and_a_fold(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    store = ResponseStore(path)
    store.save(_response("r1"))
    store.put_rows("log_entries", [_entry(1), _entry(2)])
    store.put_rows("log_entries", [_entry(3), ("e1", {**_entry(1)[1], "minutes": 10})])
    expected = [_entry(2)[1], _entry(3)[1], {**_entry(1)[1], "minutes": 10}]
    assert ResponseStore(path).rows("log_entries") == expected  # journal replayed
    ResponseStore(path).compact()
    assert not path.with_name("s.json.journal").exists()
    assert ResponseStore(path).rows("log_entries") == expected  # from the snapshot
    assert ResponseStore(path).get("r1") is not None
    assert ResponseStore(path).rows("evidence") == []


def test_the_first_table_line_makes_the_store_format_2(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    store = ResponseStore(path)
    store.save(_response("r1"))
    store.save(_response("r2"))
    assert _meta_format(path) == 1  # responses alone: still readable by older versions
    store.put_rows("evidence", [("k", {"metric": "commits", "value": 3})])
    # Written as a new snapshot at once: an older reader refuses a format-2 store instead of
    # reading a journal line it does not know as a damaged response.
    assert _meta_format(path) == 2
    assert not path.with_name("s.json.journal").exists()
    store.put_rows("evidence", [("k2", {"metric": "merges", "value": 1})])
    assert path.with_name("s.json.journal").exists()  # later changes are journal lines


def test_deletions_of_rows_and_responses_are_durable(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    store = ResponseStore(path)
    for rid in ("r1", "r2", "r3"):
        store.save(_response(rid))
    store.put_rows("log_entries", [_entry(1), _entry(2)])
    assert store.delete_rows("log_entries", ["e1", "nope"]) == 1
    assert store.delete(["r2", "missing"]) == 1
    for fresh in (ResponseStore(path), None):
        if fresh is None:
            ResponseStore(path).compact()
            fresh = ResponseStore(path)
        assert [r["entry_id"] for r in fresh.rows("log_entries")] == ["e2"]
        assert sorted(r["response_id"] for r in fresh.responses("q", status=None)) == [
            "r1",
            "r3",
        ]


def test_a_torn_table_line_was_never_acknowledged_and_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    store = ResponseStore(path)
    store.put_rows("log_entries", [_entry(1)])
    store.put_rows("log_entries", [_entry(2)])
    journal = path.with_name("s.json.journal")
    with journal.open("ab") as handle:  # a write cut short by kill -9: no newline
        handle.write(b'{"seq": 99, "t": "log_entries", "k": "e9", "r": {"minu')
    assert [r["entry_id"] for r in ResponseStore(path).rows("log_entries")] == ["e1", "e2"]
    ResponseStore(path).put_rows("log_entries", [_entry(3)])  # cuts the torn tail first
    assert [r["entry_id"] for r in ResponseStore(path).rows("log_entries")] == ["e1", "e2", "e3"]


@pytest.mark.parametrize(
    "line",
    [
        b'{"seq": 9, "t": "Bad Name", "k": "x", "r": {}}',
        b'{"seq": 9, "t": "log_entries", "k": "", "r": {}}',
        b'{"seq": 9, "t": "log_entries", "k": "x", "r": "text"}',
        b'{"seq": "9", "t": "log_entries", "k": "x", "r": {}}',
    ],
)
def test_a_damaged_table_line_is_refused_naming_the_journal(tmp_path: Path, line: bytes) -> None:
    path = tmp_path / "s.json"
    ResponseStore(path).put_rows("log_entries", [_entry(1)])
    ResponseStore(path).put_rows("log_entries", [_entry(2)])
    journal = path.with_name("s.json.journal")
    before = journal.read_bytes() + line + b"\n"
    journal.write_bytes(before)
    with pytest.raises(StoreError) as caught:
        ResponseStore(path).rows("log_entries")
    assert str(journal) in str(caught.value) and "damaged" in str(caught.value)
    assert journal.read_bytes() == before


def test_unknown_tables_are_refused_and_typed_text_is_cleaned(tmp_path: Path) -> None:
    store = ResponseStore(tmp_path / "s.json")
    with pytest.raises(ValueError, match="unknown store table"):
        store.put_rows("logs", [_entry(1)])
    store.put_rows("log_entries", [_entry(1, note="fine\x1b]0;PWNED\x07 ok")])
    assert store.rows("log_entries")[0]["note"] == "fine]0;PWNED ok"


WRITER = r"""
import sys
from survey_tui.core.store import ResponseStore
store = ResponseStore(sys.argv[1])
for i in range(40):
    key = f"{sys.argv[2]}-{i}"
    store.put_rows("log_entries", [(key, {"entry_id": key})])
"""


def test_concurrent_writers_lose_no_row(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    ResponseStore(path).put_rows("log_entries", [("seed", {"entry_id": "seed"})])
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(path), tag]) for tag in "abc"]
    assert all(w.wait(timeout=120) == 0 for w in writers)
    keys = {r["entry_id"] for r in ResponseStore(path).rows("log_entries")}
    assert keys == {"seed"} | {f"{t}-{i}" for t in "abc" for i in range(40)}


def test_changes_since_a_token(tmp_path: Path) -> None:
    store = ResponseStore(tmp_path / "s.json")
    store.put_rows("log_entries", [_entry(1)])
    _, token = store.rows_since("log_entries", None)
    store.put_rows("log_entries", [_entry(2)])
    new, _ = store.rows_since("log_entries", token)
    assert [r["entry_id"] for r in new] == ["e2"]
