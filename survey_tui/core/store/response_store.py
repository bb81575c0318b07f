"""The response store: a TinyDB file plus an append-only journal, safe across processes.

Layout (see docs/architecture.md, "Response store"):

- ``PATH`` is a plain TinyDB JSON file (``TinyDB(PATH)`` opens it) with two tables:
  ``_meta`` (one document: ``format``, ``seq``) and ``responses`` (one document per response;
  ``_seq`` is the change number of its last write).
- ``PATH.journal`` holds upserts not yet folded into the snapshot: one orjson line
  ``{"seq": N, "r": record}`` per save, fsynced before ``save`` returns. Readers apply it on top
  of the snapshot; it is folded into the snapshot (atomic replace) when it passes
  :data:`FOLD_BYTES`, on ``insert_many`` and on :meth:`ResponseStore.compact`.
- ``PATH.lock`` is the inter-process lock held around every read and write.
"""

from __future__ import annotations

import os
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson
from filelock import FileLock, Timeout

from survey_tui.core.errors import StoreError
from survey_tui.core.store.common import (
    FORMAT_VERSION,
    LOCK_TIMEOUT_SECONDS,
    META_TABLE,
    RESPONSES_TABLE,
    Record,
    copy_record,
    new_record,
    utc_now,
)
from survey_tui.core.store.storage import (
    NEW_FILE_MODE,
    AtomicOrjsonStorage,
    fsync_dir,
    read_json_file,
    remove_temp_files,
)
from survey_tui.core.textsafety import clean_record

if TYPE_CHECKING:
    from survey_tui.core.model import Questionnaire

#: Fold the journal into the snapshot once it is this large (a few thousand saves).
FOLD_BYTES = 1 << 20


class ResponseStore:
    """Responses of every questionnaire in one store file (see the module docstring)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.journal_path = self.path.with_name(self.path.name + ".journal")
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        self._storage = AtomicOrjsonStorage(self.path)
        self._file_lock = FileLock(
            self.lock_path, mode=NEW_FILE_MODE, thread_local=False, poll_interval=0.002
        )
        # filelock is re-entrant per object, not per thread: the RLock keeps threads apart.
        self._thread_lock = threading.RLock()
        self._loaded = False
        self._snapshot_sig: tuple[int, int, int] | None = None
        self._snapshot_seq = 0
        self._extra_tables: dict[str, Any] = {}
        self._records: dict[str, Record] = {}
        self._seq_of: dict[str, int] = {}
        self._seq = 0
        self._journal_ino: int | None = None
        self._journal_pos = 0
        self._journal_torn = False

    # --- locking and loading ------------------------------------------------------------
    @contextmanager
    def _locked(self, *, write: bool = False) -> Iterator[None]:
        with self._thread_lock:
            if not write and not self.path.parent.is_dir():
                # Reading a store in a folder that does not exist: empty, and create nothing.
                self._load_snapshot()
                yield
                return
            self.path.parent.mkdir(parents=True, exist_ok=True)
            try:
                self._file_lock.acquire(timeout=LOCK_TIMEOUT_SECONDS)
            except Timeout:
                raise StoreError(
                    f"another program has held the lock {self.lock_path} for "
                    f"{LOCK_TIMEOUT_SECONDS:.0f} s",
                    location=str(self.path),
                ) from None
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

    @staticmethod
    def _sig(path: Path) -> tuple[int, int, int] | None:
        try:
            st = path.stat()
        except FileNotFoundError:
            return None
        return (st.st_ino, st.st_mtime_ns, st.st_size)

    def _refresh(self) -> None:
        """Bring the in-memory view up to date with the files (call with the lock held)."""
        snapshot_sig = self._sig(self.path)
        journal_sig = self._sig(self.journal_path)
        journal_ino = journal_sig[0] if journal_sig else None
        if (
            not self._loaded
            or snapshot_sig != self._snapshot_sig
            or (self._journal_pos and journal_ino != self._journal_ino)
            or (journal_sig is not None and journal_sig[2] < self._journal_pos)
        ):
            self._load_snapshot()
            self._snapshot_sig = snapshot_sig
        if journal_sig is not None:
            self._read_journal()

    def _load_snapshot(self) -> None:
        data = read_json_file(self.path) or {}
        records: dict[str, Record] = {}
        seq_of: dict[str, int] = {}
        snapshot_seq = 0
        if data:
            snapshot_seq = self._check_meta(data.get(META_TABLE))
            table = data.get(RESPONSES_TABLE, {})
            if not isinstance(table, dict):
                raise self._format_error("the responses table is not a JSON object")
            for doc in table.values():
                if not isinstance(doc, dict) or not isinstance(doc.get("response_id"), str):
                    raise self._format_error("a response has no response_id")
                seq = doc.pop("_seq", 0)
                records[doc["response_id"]] = doc
                seq_of[doc["response_id"]] = seq if isinstance(seq, int) else 0
        self._extra_tables = {
            k: v for k, v in data.items() if k not in (META_TABLE, RESPONSES_TABLE)
        }
        self._records, self._seq_of = records, seq_of
        self._snapshot_seq = snapshot_seq
        self._seq = max([snapshot_seq, *seq_of.values()])
        self._journal_ino, self._journal_pos, self._journal_torn = None, 0, False

    def _format_error(self, why: str) -> StoreError:
        return StoreError(
            f"not a survey-tui response store ({why}); it was left untouched",
            location=str(self.path),
        )

    def _check_meta(self, meta: Any) -> int:
        if not isinstance(meta, dict) or not meta:
            raise self._format_error(f"no {META_TABLE} table with a format version")
        doc = next(iter(meta.values()))
        version = doc.get("format") if isinstance(doc, dict) else None
        if not isinstance(version, int) or version < 1:
            raise self._format_error("unknown format version")
        if version > FORMAT_VERSION:
            raise StoreError(
                f"written by a newer survey-tui (store format {version}; this version reads "
                f"format {FORMAT_VERSION}); upgrade survey-tui. The file was left untouched.",
                location=str(self.path),
            )
        seq = doc.get("seq", 0)
        return seq if isinstance(seq, int) else 0

    def _read_journal(self) -> None:
        try:
            with open(self.journal_path, "rb") as handle:
                self._journal_ino = os.fstat(handle.fileno()).st_ino
                handle.seek(self._journal_pos)
                chunk = handle.read()
        except FileNotFoundError:
            return
        # A line without its newline is a write that a crash cut short: it was never
        # acknowledged, so it is ignored (and cut off before the next append).
        end = chunk.rfind(b"\n") + 1
        self._journal_torn = end < len(chunk)
        for number, line in enumerate(chunk[:end].splitlines(), start=1):
            if not line.strip():
                continue
            try:
                entry = orjson.loads(line)
                seq, record = entry["seq"], entry["r"]
                response_id = record["response_id"]
            except (orjson.JSONDecodeError, KeyError, TypeError):
                raise StoreError(
                    f"journal entry {number} after byte {self._journal_pos} is damaged; "
                    "the store was left untouched",
                    location=str(self.journal_path),
                ) from None
            if seq <= self._snapshot_seq:
                continue  # already folded (a crash came between the fold and the unlink)
            self._records[response_id] = record
            self._seq_of[response_id] = seq
            self._seq = max(self._seq, seq)
        self._journal_pos += end

    # --- writing ------------------------------------------------------------------------
    def _write(self, records: list[Record], *, fold: bool = False) -> None:
        """Upsert ``records`` durably (call with the lock held, after _refresh)."""
        try:
            self._write_files(records, fold=fold)
        except BaseException as error:
            # The in-memory view may now hold records that are not on disk: re-read it all.
            self._loaded = False
            if isinstance(error, OSError):
                raise StoreError(
                    f"cannot write the store: {error.strerror or error}", location=str(self.path)
                ) from error
            raise

    def _write_files(self, records: list[Record], *, fold: bool) -> None:
        lines = []
        for record in records:
            self._seq += 1
            self._records[record["response_id"]] = record
            self._seq_of[record["response_id"]] = self._seq
            lines.append(orjson.dumps({"seq": self._seq, "r": record}) + b"\n")
        if fold or self._snapshot_sig is None:
            # A new store is written as a snapshot at once, so the file exists with its format.
            self._fold()
            return
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
        if self._journal_pos > FOLD_BYTES:
            self._fold()

    def _fold(self) -> None:
        """Write every record into the snapshot atomically, then drop the journal."""
        order = sorted(self._records, key=self._seq_of.__getitem__)
        table = {
            str(doc_id): {**self._records[rid], "_seq": self._seq_of[rid]}
            for doc_id, rid in enumerate(order, start=1)
        }
        meta = {"1": {"format": FORMAT_VERSION, "seq": self._seq, "app": "survey-tui"}}
        self._storage.write({META_TABLE: meta, RESPONSES_TABLE: table, **self._extra_tables})
        self._snapshot_sig = self._sig(self.path)
        self._snapshot_seq = self._seq
        if self.journal_path.exists():
            self.journal_path.unlink()
            fsync_dir(self.path.parent)
        self._journal_ino, self._journal_pos, self._journal_torn = None, 0, False

    # --- public API ---------------------------------------------------------------------
    def start(
        self,
        questionnaire: Questionnaire,
        *,
        group: str,
        wave: str = "default",
        mode: str = "run",
        resume_key: str | None = None,
    ) -> Record:
        """Create and save a partial response to ``questionnaire``; return it."""
        now = utc_now()
        record = new_record(
            questionnaire,
            response_id=str(uuid.uuid4()),
            group=group,
            wave=wave,
            status="partial",
            mode=mode,
            started_at=now,
            updated_at=now,
            submitted_at=None,
            resume_key=resume_key,
        )
        self.save(record)
        return record

    def save(self, record: Record) -> None:
        """Upsert ``record`` by response_id, durably; sets its ``updated_at`` (in place)."""
        if not isinstance(record.get("response_id"), str):
            raise ValueError("a record needs a response_id")
        record["updated_at"] = utc_now()
        stored = clean_record(copy_record(record))  # no terminal controls in answers
        with self._locked(write=True):
            self._write([stored])

    def submit(self, record: Record) -> Record:
        """Mark ``record`` complete (submitted_at = now), save it and return it."""
        record["status"] = "complete"
        record["submitted_at"] = utc_now()
        self.save(record)
        return record

    def check(self) -> None:
        """Read the store now: a damaged or unreadable file raises :class:`StoreError` here,
        before a full-screen app starts, instead of on the first answer."""
        with self._locked():
            pass

    def get(self, response_id: str) -> Record | None:
        """A copy of the stored response, or ``None``."""
        with self._locked():
            record = self._records.get(response_id)
            return copy_record(record) if record is not None else None

    def _select(self, keep: Any, *, copy: bool = True) -> list[Record]:
        with self._locked():
            chosen = [r for r in self._records.values() if keep(r)]
            chosen.sort(key=lambda r: self._seq_of[r["response_id"]])
            if not copy:
                return chosen
            copied: list[Record] = orjson.loads(orjson.dumps(chosen))
            return copied

    def responses(
        self,
        questionnaire_id: str | None = None,
        *,
        version: int | None = None,
        wave: str | None = None,
        status: str | None = "complete",
        copy: bool = True,
    ) -> list[Record]:
        """Stored responses matching every given filter (None = any), oldest write first.

        ``copy=False`` returns the store's own dicts (no second copy of a large store in
        memory): read-only use, e.g. analysis; they may change on the store's next call.
        """
        return self._select(
            lambda r: (
                (questionnaire_id is None or r.get("questionnaire_id") == questionnaire_id)
                and (version is None or r.get("questionnaire_version") == version)
                and (wave is None or r.get("wave", "default") == wave)
                and (status is None or r.get("status") == status)
            ),
            copy=copy,
        )

    def find_resumable(
        self,
        questionnaire_id: str,
        resume_key: str,
        accept: Callable[[Record], bool] | None = None,
    ) -> Record | None:
        """The most recently saved partial response with this resume key (and, when given,
        that ``accept`` takes), if any."""
        found = self._select(
            lambda r: (
                r.get("questionnaire_id") == questionnaire_id
                and r.get("resume_key") == resume_key
                and r.get("status") == "partial"
                and (accept is None or accept(r))
            )
        )
        return found[-1] if found else None

    def insert_many(self, records: list[Record]) -> tuple[int, int]:
        """Insert responses in one locked write; returns (inserted, already present).

        A record whose response_id is already stored (or repeated in ``records``) is skipped;
        a record without one gets a new UUID.
        """
        fresh = []
        for record in records:
            copied = clean_record(copy_record(record))  # no terminal controls in answers
            if not copied.get("response_id"):
                copied["response_id"] = str(uuid.uuid4())
            fresh.append(copied)
        with self._locked(write=True):
            # A response id names one response of one questionnaire; ids numbered 1, 2, 3 by
            # two web forms must not make one questionnaire's rows vanish as "already present".
            clashes = sorted(
                {
                    (
                        str(r["response_id"]),
                        str(self._records[r["response_id"]]["questionnaire_id"]),
                    )
                    for r in fresh
                    if r["response_id"] in self._records
                    and self._records[r["response_id"]].get("questionnaire_id")
                    != r.get("questionnaire_id")
                }
            )
            if clashes:
                shown = ", ".join(f"{rid!r} (of {qid!r})" for rid, qid in clashes[:5])
                more = f" and {len(clashes) - 5} more" if len(clashes) > 5 else ""
                raise StoreError(
                    f"response ids already used by another questionnaire: {shown}{more}; "
                    "nothing was written (give these responses other ids, or use another store)",
                    location=str(self.path),
                )
            new: dict[str, Record] = {}
            for record in fresh:
                rid = record["response_id"]
                if rid not in self._records and rid not in new:
                    new[rid] = record
            if new:
                self._write(list(new.values()), fold=True)
            return len(new), len(fresh) - len(new)

    def waves(self, questionnaire_id: str) -> list[str]:
        """The waves that hold responses (any status) to the questionnaire, sorted."""
        with self._locked():
            return sorted(
                {
                    r.get("wave", "default")
                    for r in self._records.values()
                    if r.get("questionnaire_id") == questionnaire_id
                }
            )

    def changes_since(self, token: int | None) -> tuple[list[Record], int]:
        """Responses (any status) written after ``token`` (None = from the start), new token.

        The token is a change counter; pass back the one returned to get only what is new.
        """
        since = token or 0
        with self._locked():
            ids = [rid for rid, seq in self._seq_of.items() if seq > since]
            ids.sort(key=self._seq_of.__getitem__)
            changed: list[Record] = orjson.loads(orjson.dumps([self._records[i] for i in ids]))
            return changed, self._seq

    def compact(self) -> None:
        """Fold the journal into the TinyDB file, so that ``TinyDB(path)`` sees everything."""
        with self._locked(write=True):
            if self._snapshot_sig is not None or self._records:
                self._fold()
