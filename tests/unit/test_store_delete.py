"""ResponseStore.delete: one locked, crash-safe removal (a fold), seen by other views of the
store through changes_since; the files stay a format-1 store an older reader reads as is."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import orjson
import pytest
from tinydb import TinyDB

from survey_tui.core.errors import StoreError
from survey_tui.core.live import LiveResponses
from survey_tui.core.loader import load
from survey_tui.core.store import FORMAT_VERSION, AtomicOrjsonStorage, ResponseStore

SMALL = Path(__file__).parents[1] / "ui" / "run_small.yaml"


def _record(rid: str, **extra: object) -> dict[str, object]:
    base: dict[str, object] = {
        "response_id": rid,
        "questionnaire_id": "small",
        "questionnaire_version": 1,
        "group": "a",
        "wave": "default",
        "status": "complete",
        "answers": {},
    }
    base.update(extra)
    return base


def _store_with_journal(path: Path) -> ResponseStore:
    store = ResponseStore(path)
    store.save(_record("a"))  # a new store: written as a snapshot at once
    store.save(_record("b"))  # these two wait in the journal
    store.save(_record("c"))
    assert store.journal_path.exists()
    return store


def test_delete_removes_from_snapshot_and_journal_and_keeps_the_format(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    store = _store_with_journal(path)
    assert store.delete(["b", "nope"]) == 1
    assert {r["response_id"] for r in ResponseStore(path).responses()} == {"a", "c"}
    assert not store.journal_path.exists()  # folded: the file alone holds the store
    # What an older survey-tui (or plain TinyDB) reads: format 1, no trace of "b".
    raw = orjson.loads(path.read_bytes())
    assert raw["_meta"]["1"]["format"] == FORMAT_VERSION == 1
    db = TinyDB(path, storage=AtomicOrjsonStorage)
    assert sorted(d["response_id"] for d in db.table("responses").all()) == ["a", "c"]
    db.close()
    assert b'"b"' not in path.read_bytes()


def test_a_crash_before_the_replace_keeps_everything(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "r.json"
    store = _store_with_journal(path)

    def power_cut(*args: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "replace", power_cut)
    with pytest.raises(StoreError, match="cannot write the store"):
        store.delete(["b"])
    monkeypatch.undo()
    assert {r["response_id"] for r in ResponseStore(path).responses()} == {"a", "b", "c"}
    assert {r["response_id"] for r in store.responses()} == {"a", "b", "c"}  # re-read


def test_a_crash_between_the_replace_and_dropping_the_journal_keeps_it_deleted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "r.json"
    store = _store_with_journal(path)
    journal = store.journal_path.read_bytes()
    store.delete(["b"])
    store.journal_path.write_bytes(journal)  # as if the process died before the unlink
    assert {r["response_id"] for r in ResponseStore(path).responses()} == {"a", "c"}
    ResponseStore(path).save(_record("d"))  # a later save appends after the stale lines
    assert {r["response_id"] for r in ResponseStore(path).responses()} == {"a", "c", "d"}


def test_another_view_hears_of_the_removal_through_changes_since(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    _store_with_journal(path)
    watcher = ResponseStore(path)  # as the dashboard holds it, in another process
    live = LiveResponses(load(SMALL))
    live.poll(watcher)
    assert set(live.records) == {"a", "b", "c"}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "survey_tui",
            "delete",
            str(SMALL),
            "--response",
            "b",
            "--yes",
            "--db",
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert live.poll(watcher) == 1
    assert set(live.records) == {"a", "c"}
    changed, _ = watcher.changes_since(None)
    assert {r["response_id"] for r in changed if r.get("status") != "removed"} == {"a", "c"}


def test_a_response_saved_again_after_its_removal_is_no_longer_reported_removed(
    tmp_path: Path,
) -> None:
    store = _store_with_journal(tmp_path / "r.json")
    _, token = store.changes_since(None)
    store.delete(["b"])
    store.save(_record("b"))  # a terminal still answering it saves again
    changed, _ = store.changes_since(token)
    assert [(r["response_id"], r["status"]) for r in changed] == [("b", "complete")]
