"""The store's files: the lock, the snapshot, the journal, and how they are read and written.

Layout (see docs/architecture.md, "Response store"):

- ``PATH`` is a plain TinyDB JSON file (``TinyDB(PATH)`` opens it) with two tables:
  ``_meta`` (one document: ``format``, ``seq``) and ``responses`` (one document per response;
  ``_seq`` is the change number of its last write).
- ``PATH.journal`` holds upserts not yet folded into the snapshot: one orjson line
  ``{"seq": N, "r": record}`` per save, fsynced before ``save`` returns. Readers apply it on top
  of the snapshot; it is folded into the snapshot (atomic replace) when it passes
  :data:`FOLD_BYTES`, on ``insert_many`` and on ``ResponseStore.compact``.
- ``PATH.lock`` is the inter-process lock held around every read and write. Where it cannot
  be made (a read-only mount or folder), reads go on without it; writes are refused. When a
  process is done with a store (:func:`remove_lock_files`, at the end of every command), it
  removes the lock file if nobody holds the lock then (:mod:`survey_tui.core.store.locks`).
"""

from __future__ import annotations

import contextlib
import errno
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson
from filelock import FileLock, Timeout

from survey_tui.core.errors import StoreError
from survey_tui.core.record import Record, Row
from survey_tui.core.store import locks
from survey_tui.core.store.common import (
    LOCK_TIMEOUT_SECONDS,
    META_TABLE,
    RESPONSES_TABLE,
)
from survey_tui.core.store.reading import StoreReader
from survey_tui.core.store.records import scrub
from survey_tui.core.store.storage import (
    NEW_FILE_MODE,
    AtomicOrjsonStorage,
    fsync_dir,
    remove_temp_files,
)
from survey_tui.core.store.tables import TABLES_FORMAT

#: Fold the journal into the snapshot once it is this large (a few thousand saves).
FOLD_BYTES = 1 << 20
#: Errors that mean "this store cannot be written here" (a read-only mount or folder).
READ_ONLY_ERRNOS = frozenset({errno.EROFS, errno.EACCES, errno.EPERM})
#: Lock-free reads retry this often when a writer replaces the snapshot meanwhile.
UNLOCKED_READ_TRIES = 20


class StoreFiles(StoreReader):
    """The locked, crash-safe file operations behind one store's in-memory view (the public
    API is :class:`~survey_tui.core.store.ResponseStore`)."""

    def __init__(self, path: str | Path) -> None:
        super().__init__(path)
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        self._storage = AtomicOrjsonStorage(self.path)
        self._file_lock = FileLock(
            self.lock_path, mode=NEW_FILE_MODE, thread_local=False, poll_interval=0.002
        )
        # filelock is re-entrant per object, not per thread: the RLock keeps threads apart.
        self._thread_lock = threading.RLock()
        locks.note_used(self.lock_path)

    # --- locking and loading ------------------------------------------------------------
    @contextmanager
    def _locked(self, *, write: bool = False) -> Iterator[None]:
        with self._thread_lock:
            if not write and not self.path.parent.is_dir():
                # Reading a store in a folder that does not exist: empty, and create nothing.
                self._load_snapshot()
                yield
                return
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._file_lock.acquire(timeout=LOCK_TIMEOUT_SECONDS)
            except Timeout:
                raise StoreError(
                    f"another program has held the lock {self.lock_path} for "
                    f"{LOCK_TIMEOUT_SECONDS:.0f} s",
                    location=str(self.path),
                ) from None
            except OSError as error:
                if write or error.errno not in READ_ONLY_ERRNOS:
                    raise self._read_only_error(error) from None
                # A read-only mount or folder: no lock file can be made, and no writer can
                # be at work here; read a consistent snapshot + journal without one.
                self._refresh_unlocked()
                yield
                return
            try:
                if not self._loaded:
                    # Under the lock, so no live writer's temp file can be removed.
                    remove_temp_files(self.path)
                try:
                    self._refresh()
                except OSError as error:
                    raise StoreError(
                        f"cannot read the store: {error.strerror or error}",
                        location=str(self.path),
                    ) from error
                self._loaded = True
                yield
            finally:
                self._file_lock.release()

    def remove_lock_file(self) -> bool:
        """Remove ``PATH.lock`` if nobody holds the lock now (see :mod:`.locks`)."""
        with self._thread_lock:
            return locks.remove_lock_file(self._file_lock)

    def _read_only_error(self, error: OSError) -> StoreError:
        if error.errno in READ_ONLY_ERRNOS:
            why = f"the store is read-only here ({error.strerror}); nothing was written"
        else:
            why = f"cannot use the store: {error.strerror or error}"
        return StoreError(why, location=str(self.path))

    def _refresh_unlocked(self) -> None:
        """Read without the lock: retried until the snapshot did not change meanwhile (a
        writer folds by replacing the snapshot first, then removing the journal)."""
        for _ in range(UNLOCKED_READ_TRIES):
            before = self._sig(self.path)
            try:
                self._refresh()
            except OSError as error:
                raise StoreError(
                    f"cannot read the store: {error.strerror or error}", location=str(self.path)
                ) from error
            if self._sig(self.path) == before:
                self._loaded = True
                return
            self._loaded = False
        raise StoreError(
            "the store kept changing while it was read without a lock; try again",
            location=str(self.path),
        )

    # --- writing ------------------------------------------------------------------------
    @contextlib.contextmanager
    def _writing(self) -> Iterator[None]:
        """Around a write: on any failure the in-memory view may hold changes that are not on
        disk, so it is re-read in full next time; an OSError becomes a StoreError."""
        try:
            yield
        except BaseException as error:
            self._loaded = False
            if isinstance(error, OSError):
                raise StoreError(
                    f"cannot write the store: {error.strerror or error}", location=str(self.path)
                ) from error
            raise

    def _write(self, records: list[Record], *, fold: bool = False) -> None:
        """Upsert ``records`` durably (call with the lock held, after _refresh)."""
        with self._writing():
            self._write_files(records, fold=fold)

    def _write_files(self, records: list[Record], *, fold: bool) -> None:
        lines = []
        for record in records:
            scrub(record)  # no host, user or path: only the documented keys are stored
            self._seq += 1
            self._records[record["response_id"]] = record
            self._seq_of[record["response_id"]] = self._seq
            lines.append(orjson.dumps({"seq": self._seq, "r": record}) + b"\n")
        if fold or self._snapshot_sig is None:
            # A new store is written as a snapshot at once, so the file exists with its format.
            self._fold()
            return
        self._append(lines)

    def _change_tables(self, changes: list[tuple[str, str, Row | None]]) -> None:
        """Upsert (row) or delete (None) rows of named tables: durable as ``_write`` (call
        with the lock held). Responses are removed by ``_remove`` (a fold), not here."""
        with self._writing():
            lines = []
            for name, key, row in changes:
                self._seq += 1
                entry: dict[str, Any] = {"seq": self._seq, "t": name, "k": key}
                if row is None:
                    entry["del"] = True
                else:
                    entry["r"] = row
                self._apply_table_change(name, entry, self._seq)
                lines.append(orjson.dumps(entry) + b"\n")
            if self._snapshot_sig is None or self._snapshot_format < TABLES_FORMAT:
                # The first table line of a store is a new snapshot of the format that reads
                # it: an older survey-tui then refuses the store instead of misreading it.
                self._snapshot_format = TABLES_FORMAT
                self._fold()
            else:
                self._append(lines)

    def _append(self, lines: list[bytes]) -> None:
        """Append ``lines`` to the journal and fsync it; fold when it grows large."""
        if self._journal_torn:
            os.truncate(self.journal_path, self._journal_pos)
            self._journal_torn = False
        created = not self.journal_path.exists()
        fd = os.open(self.journal_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, NEW_FILE_MODE)
        try:
            view = memoryview(b"".join(lines))
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
            self._journal_ino = os.fstat(fd).st_ino
        finally:
            os.close(fd)
        if created:
            fsync_dir(self.path.parent)
        self._journal_pos += sum(len(line) for line in lines)
        if self._journal_pos > FOLD_BYTES or self._scrub_pending:
            # The records are safe in the journal already: a fold that fails here (disk
            # full, read-only file) is tried again on a later write, the save stands.
            with contextlib.suppress(OSError, StoreError):
                self._fold()

    def _fold(self) -> None:
        """Write every record into the snapshot atomically, then drop the journal.

        A store file that is not writable is never replaced (the rename would succeed in a
        writable folder): someone made it read-only.
        """
        if self.path.exists() and not os.access(self.path, os.W_OK):
            raise StoreError(
                "the store file is read-only; nothing was written", location=str(self.path)
            )
        order = sorted(self._records, key=self._seq_of.__getitem__)
        table = {
            str(doc_id): {**self._records[rid], "_seq": self._seq_of[rid]}
            for doc_id, rid in enumerate(order, start=1)
        }
        tables = self._tables.snapshot()
        version = TABLES_FORMAT if tables or self._snapshot_format >= TABLES_FORMAT else 1
        meta = {"1": {"format": version, "seq": self._seq, "app": "survey-tui"}}
        self._storage.write(
            {META_TABLE: meta, RESPONSES_TABLE: table, **self._extra_tables, **tables}
        )
        self._snapshot_format = version
        self._snapshot_sig = self._sig(self.path)
        self._snapshot_seq = self._seq
        if self.journal_path.exists():
            self.journal_path.unlink()
            fsync_dir(self.path.parent)
        self._journal_ino, self._journal_pos, self._journal_torn = None, 0, False
        self._scrub_pending = False

    # --- removing ---------------------------------------------------------------------
    def _remove(self, response_ids: set[str]) -> int:
        """Drop these responses durably (call with the lock held, after _refresh).

        A fold, not a journal line: the snapshot is replaced atomically without them (and
        with every journaled save), then the journal goes. The files stay in the format an
        older reader knows; a crash before the replace keeps every response, after it none
        of these (journal lines at or below the snapshot's seq are skipped on reading).
        """
        gone = [rid for rid in response_ids if rid in self._records]
        if not gone:
            return 0
        self._seq += 1  # the removal is a change of its own
        for rid in gone:
            record = self._records.pop(rid)
            del self._seq_of[rid]
            self._removed[rid] = (self._seq, record.get("questionnaire_id"))
        try:
            self._fold()
        except BaseException as error:
            self._loaded = False  # re-read the files, whichever way the fold ended
            if isinstance(error, OSError):
                raise StoreError(
                    f"cannot write the store: {error.strerror or error}", location=str(self.path)
                ) from error
            raise
        return len(gone)

    def _removed_since(self, token: int) -> list[Record]:
        return [
            {"response_id": rid, "questionnaire_id": qid, "status": "removed"}
            for rid, (seq, qid) in sorted(self._removed.items(), key=lambda item: item[1][0])
            if seq > token and rid not in self._records  # not saved again since
        ]

    def _check_writable(self) -> None:
        """Refuse a store whose folder, file or journal cannot be written here."""
        for target, what in (
            (self.path.parent, "its folder"),
            (self.path, "the file"),
            (self.journal_path, f"its journal {self.journal_path.name}"),
        ):
            if target.exists() and not os.access(target, os.W_OK):
                raise StoreError(
                    f"the store is read-only ({what} is not writable); nothing was written",
                    location=str(self.path),
                )
