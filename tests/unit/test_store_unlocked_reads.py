"""Reading a store where no lock file can be made (a read-only mount or folder): the snapshot
and the journal are read without the lock, and a fold that replaces the snapshot meanwhile is
noticed and read again; writing is refused with one clear StoreError (issue 11).

The lock's failure is simulated (OSError EROFS from acquire); tests/cli/test_store_read_only.py
runs the real commands on a real read-only mount."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from survey_tui.core.errors import StoreError
from survey_tui.core.store import ResponseStore


def _record(rid: str) -> dict[str, object]:
    return {"response_id": rid, "questionnaire_id": "q", "group": "a", "status": "complete"}


def _no_lock(*args: object, **kwargs: object) -> None:
    raise OSError(errno.EROFS, "Read-only file system")


def test_a_lock_free_read_notices_a_fold_in_between(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "r.json"
    writer = ResponseStore(path)
    writer.save(_record("a"))
    writer.save(_record("b"))  # in the journal
    reader = ResponseStore(path)
    monkeypatch.setattr(reader._file_lock, "acquire", _no_lock)
    read_journal = reader._read_journal
    folds: list[bool] = []

    def fold_meanwhile() -> None:
        if not folds:  # between the reader's snapshot and journal reads, a writer folds
            folds.append(True)
            writer.save(_record("c"))
            writer.compact()  # snapshot replaced, journal removed
        read_journal()

    monkeypatch.setattr(reader, "_read_journal", fold_meanwhile)
    assert {r["response_id"] for r in reader.responses()} == {"a", "b", "c"}
    assert folds == [True]


def test_writes_are_refused_in_one_line_and_reads_create_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "r.json"
    ResponseStore(path).save(_record("a"))
    ResponseStore(path).save(_record("b"))
    ResponseStore(path).lock_path.unlink()
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    store = ResponseStore(path)
    monkeypatch.setattr(store._file_lock, "acquire", _no_lock)
    assert [r["response_id"] for r in store.responses()] == ["a", "b"]
    assert store.get("b") is not None and store.waves("q") == ["default"]
    store.check()
    for write in (
        lambda: store.save(_record("c")),
        lambda: store.insert_many([_record("d")]),
        lambda: store.merge_many([_record("e")]),
        store.compact,
        lambda: store.check(write=True),
    ):
        with pytest.raises(StoreError) as info:
            write()
        assert str(info.value) == (
            f"{path}: the store is read-only here (Read-only file system); nothing was written"
        )
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before
