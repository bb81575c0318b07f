"""ResponseStore: round trip, format checks, file safety (real TinyDB files in tmp dirs)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import orjson
import pytest
from tinydb import TinyDB

from survey_tui.core.errors import StoreError
from survey_tui.core.store import (
    FORMAT_VERSION,
    AtomicOrjsonStorage,
    ResponseStore,
    default_store_path,
)
from survey_tui.core.store import files as rs


def _record(rid: str, **extra: object) -> dict[str, object]:
    base: dict[str, object] = {
        "response_id": rid,
        "questionnaire_id": "ai-gap",
        "questionnaire_version": 1,
        "group": "exec",
        "wave": "default",
        "status": "partial",
        "answers": {},
    }
    base.update(extra)
    return base


class _FakeQuestionnaire:
    id = "ai-gap"
    version = 3
    sha256 = "abc123"
    language = None  # one undeclared language: the record has no language key


def test_round_trip_across_store_objects(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    store = ResponseStore(path)
    rec = store.start(_FakeQuestionnaire(), group="exec", wave="w1", resume_key="k1")  # type: ignore[arg-type]
    assert rec["status"] == "partial" and rec["submitted_at"] is None
    rec["answers"]["q1"] = 4
    store.save(rec)
    other = ResponseStore(path)
    assert other.find_resumable("ai-gap", "k1")["answers"] == {"q1": 4}  # type: ignore[index]
    assert other.responses("ai-gap") == []  # partial is not complete
    store.submit(rec)
    got = other.get(rec["response_id"])
    assert got is not None and got["status"] == "complete" and got["submitted_at"]
    assert got["questionnaire_version"] == 3 and got["questionnaire_sha256"] == "abc123"
    assert [r["response_id"] for r in other.responses("ai-gap", wave="w1")] == [rec["response_id"]]
    assert other.responses("ai-gap", version=2) == []
    assert other.find_resumable("ai-gap", "k1") is None
    assert other.waves("ai-gap") == ["w1"]


def test_returned_records_are_copies(tmp_path: Path) -> None:
    store = ResponseStore(tmp_path / "r.json")
    store.save(_record("a"))
    got = store.get("a")
    assert got is not None
    got["answers"]["x"] = 1
    assert store.get("a")["answers"] == {}  # type: ignore[index]


def test_file_is_a_tinydb_with_format_version(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    store = ResponseStore(path)
    store.save(_record("a"))
    store.save(_record("b"))  # goes to the journal
    store.compact()
    db = TinyDB(path)
    assert db.table("_meta").all()[0]["format"] == FORMAT_VERSION
    assert sorted(d["response_id"] for d in db.table("responses").all()) == ["a", "b"]
    db.close()
    assert not store.journal_path.exists()
    db2 = TinyDB(path, storage=AtomicOrjsonStorage)
    assert len(db2.table("responses")) == 2


def test_new_files_are_private(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        store = ResponseStore(tmp_path / "sub" / "r.json")
        store.save(_record("a"))
        store.save(_record("b"))
    finally:
        os.umask(old)
    for path in (store.path, store.journal_path, store.lock_path):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_newer_format_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    content = orjson.dumps({"_meta": {"1": {"format": 99}}, "responses": {}})
    path.write_bytes(content)
    store = ResponseStore(path)
    with pytest.raises(StoreError, match="newer") as info:
        store.save(_record("a"))
    assert str(path) in str(info.value)
    assert path.read_bytes() == content
    assert not store.journal_path.exists()


@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        b"[1, 2]",
        b'{"_default": {"1": {"x": 1}}}',
        b'{"_meta": {"1": {"format": 1}}, "responses": {"1": {"x": 1}}}',
    ],
)
def test_bad_store_is_never_overwritten(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "r.json"
    path.write_bytes(content)
    store = ResponseStore(path)
    for action in (lambda: store.save(_record("a")), lambda: store.insert_many([_record("b")])):
        with pytest.raises(StoreError) as info:
            action()
        assert str(path) in str(info.value)
    with pytest.raises(StoreError):
        store.responses()
    assert path.read_bytes() == content
    assert not store.journal_path.exists()


def test_insert_many_never_duplicates(tmp_path: Path) -> None:
    store = ResponseStore(tmp_path / "r.json")
    store.save(_record("a", answers={"q": 1}))
    inserted, present = store.insert_many(
        [_record("a"), _record("b"), _record("b"), {"group": "x"}]
    )
    assert (inserted, present) == (2, 2)
    assert store.get("a")["answers"] == {"q": 1}  # type: ignore[index]
    assert len(store.responses(status=None)) == 3
    assert store.insert_many([_record("b")]) == (0, 1)
    assert not store.journal_path.exists()  # one locked write into the snapshot


def test_changes_since_returns_only_new(tmp_path: Path) -> None:
    store = ResponseStore(tmp_path / "r.json")
    store.save(_record("a"))
    first, token = store.changes_since(None)
    assert [r["response_id"] for r in first] == ["a"]
    ResponseStore(store.path).save(_record("b"))
    store.save(_record("a", status="complete"))
    later, token2 = store.changes_since(token)
    assert [r["response_id"] for r in later] == ["b", "a"] and token2 > token
    assert store.changes_since(token2)[0] == []


def test_journal_folds_past_threshold(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rs, "FOLD_BYTES", 2000)
    store = ResponseStore(tmp_path / "r.json")
    for i in range(40):
        store.save(_record(f"id{i}", answers={"q": i}))
    assert store.journal_path.stat().st_size <= 2000 + 500
    assert len(TinyDB(store.path).table("responses")) >= 30
    assert len(ResponseStore(store.path).responses(status=None)) == 40


def test_torn_journal_tail_and_temp_files_are_cleaned(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    store = ResponseStore(path)
    store.save(_record("a"))
    store.save(_record("b"))
    with open(store.journal_path, "ab") as handle:
        handle.write(b'{"seq": 99, "r": {"respo')  # a write cut short by a crash
    leftover = tmp_path / "r.json.tmp-deadbeef"
    leftover.write_bytes(b"{")
    fresh = ResponseStore(path)
    assert {r["response_id"] for r in fresh.responses(status=None)} == {"a", "b"}
    assert not leftover.exists()
    fresh.save(_record("c"))
    assert {r["response_id"] for r in ResponseStore(path).responses(status=None)} == {"a", "b", "c"}


def test_damaged_journal_line_is_an_error(tmp_path: Path) -> None:
    store = ResponseStore(tmp_path / "r.json")
    store.save(_record("a"))
    store.save(_record("b"))
    store.journal_path.write_bytes(b"garbage\n")
    with pytest.raises(StoreError, match="journal"):
        ResponseStore(store.path).responses()


def test_default_store_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SURVEY_TUI_DB", str(tmp_path / "x.json"))
    assert default_store_path() == tmp_path / "x.json"
    monkeypatch.delenv("SURVEY_TUI_DB")
    path = default_store_path()
    assert path.name == "responses.json" and "survey-tui" in str(path)


def test_reading_a_missing_store_creates_nothing(tmp_path: Path) -> None:
    store = ResponseStore(tmp_path / "absent" / "r.json")
    assert store.responses() == [] and store.get("x") is None
    assert not (tmp_path / "absent").exists()
    store.save(_record("a"))
    assert store.get("a") is not None


def test_failed_write_is_an_error_and_not_believed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = ResponseStore(tmp_path / "r.json")
    store.save(_record("a"))

    class DiskFull:
        """The store module's ``os``, but opening the journal fails as on a full disk."""

        def __getattr__(self, name: str) -> object:
            return getattr(os, name)

        @staticmethod
        def open(path: object, *args: object) -> int:
            if str(path).endswith(".journal"):
                raise OSError(28, "No space left on device")
            return os.open(path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(rs, "os", DiskFull())
    with pytest.raises(StoreError, match="cannot write the store: No space"):
        store.save(_record("b"))
    monkeypatch.undo()
    assert store.get("b") is None and store.get("a") is not None
    store.save(_record("b"))
    assert ResponseStore(store.path).get("b") is not None


def test_unreadable_journal_is_a_store_error(tmp_path: Path) -> None:
    store = ResponseStore(tmp_path / "r.json")
    store.save(_record("a"))
    store.journal_path.mkdir()
    with pytest.raises(StoreError, match="cannot read the store"):
        ResponseStore(store.path).responses()


def test_responses_without_copy_are_the_same_records(tmp_path: Path) -> None:
    store = ResponseStore(tmp_path / "r.json")
    store.insert_many([_record(f"id{i}", status="complete", answers={"q": i}) for i in range(5)])
    store.save(_record("late", status="complete"))
    shared = store.responses("ai-gap", copy=False)
    assert shared == store.responses("ai-gap")
    assert [r["response_id"] for r in shared][-1] == "late"
    assert shared[0] is store.responses("ai-gap", copy=False)[0]  # no second copy in memory
    assert shared[0] is not store.responses("ai-gap")[0]
