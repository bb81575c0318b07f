"""The response store: a TinyDB file plus an append-only journal, safe across processes.

The files and how they are locked, read and written: :mod:`survey_tui.core.store.files`
(and docs/architecture.md, "Response store"). This module is the API of docs/interfaces.md.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Collection
from typing import TYPE_CHECKING, Any, Unpack

import orjson

from survey_tui.core.errors import StoreError
from survey_tui.core.record import Record, ResponseStart, Row
from survey_tui.core.store.common import copy_record, new_record, utc_now
from survey_tui.core.store.files import StoreFiles
from survey_tui.core.store.records import scrub, supersedes
from survey_tui.core.store.tables import KNOWN_TABLES
from survey_tui.core.textsafety import clean_answers, clean_record

if TYPE_CHECKING:
    from survey_tui.core.model import Questionnaire


class ResponseStore(StoreFiles):
    """Responses of every questionnaire in one store file (see the module docstring)."""

    # --- public API ---------------------------------------------------------------------
    def start(self, questionnaire: Questionnaire, **start: Unpack[ResponseStart]) -> Record:
        """Create and save a partial response to ``questionnaire``; return it (``start``: who
        answers and how, see :class:`~survey_tui.core.record.ResponseStart`)."""
        now = utc_now()
        record = new_record(
            questionnaire,
            response_id=str(uuid.uuid4()),
            status="partial",
            started_at=now,
            updated_at=now,
            submitted_at=None,
            **start,
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
        """Mark ``record`` complete (submitted_at = now), save it and return it.

        What only resuming needed (``resume_key``, ``owner``) is dropped, also from ``record``.
        """
        record["status"] = "complete"
        record["submitted_at"] = utc_now()
        scrub(record)
        self.save(record)
        return record

    def check(self, *, write: bool = False) -> None:
        """Read the store now: a damaged or unreadable file raises :class:`StoreError` here,
        before a full-screen app starts, instead of on the first answer. ``write=True`` also
        refuses a store that cannot be written (read-only folder, file or journal)."""
        with self._locked(write=write):
            if write:
                self._check_writable()

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
        a record without one gets a new UUID. Records that come in bulk are never resumed
        here: they keep no ``resume_key`` or ``owner``.
        """
        arrived, written, new = self._bring_in(records, lambda incoming, held: False)
        return new, arrived - written

    def merge_many(self, records: list[Record]) -> tuple[int, int, int]:
        """Bring in copies of responses from other stores in one locked write; returns
        (new, updated, already present).

        Of two copies of one response the newer stays (:func:`records.supersedes`: complete
        beats partial, then the later ``updated_at``), so a response merged while partial
        and completed afterwards is updated by the next merge, and a complete response is
        never replaced by a partial copy.
        """
        arrived, written, new = self._bring_in(records, supersedes)
        return new, written - new, arrived - written

    def _bring_in(
        self, records: list[Record], replaces: Callable[[Record, Record], bool]
    ) -> tuple[int, int, int]:
        """Write, in one locked write, each arriving record that is new or that ``replaces``
        prefers to the copy held (stored, or earlier in ``records``); returns how many
        arrived, how many were written and how many of those were new."""
        fresh = self._incoming(records)
        with self._locked(write=True):
            self._refuse_id_clashes(fresh)
            chosen: dict[str, Record] = {}
            for record in fresh:
                rid = record["response_id"]
                held = chosen.get(rid) or self._records.get(rid)
                if held is None or replaces(record, held):
                    chosen[rid] = record
            new = sum(1 for rid in chosen if rid not in self._records)
            if chosen:
                self._write(list(chosen.values()), fold=True)
            return len(fresh), len(chosen), new

    @staticmethod
    def _incoming(records: list[Record]) -> list[Record]:
        """Copies of records arriving in bulk: each with a response_id, no resume data."""
        fresh = []
        for record in records:
            copied = clean_record(copy_record(record))  # no terminal controls in answers
            if not copied.get("response_id"):
                copied["response_id"] = str(uuid.uuid4())
            fresh.append(scrub(copied, keep_resume=False))
        return fresh

    def _refuse_id_clashes(self, fresh: list[Record]) -> None:
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

    def delete(self, response_ids: Collection[str]) -> int:
        """Remove the stored responses with these ids in one locked, crash-safe write; returns
        how many were removed (ids not stored are ignored).

        The removal is a fold (files.StoreFiles._remove): the snapshot is replaced atomically
        without them and the journal dropped, so the journal format is unchanged and a crash
        leaves either every response or none of these. A response still being answered comes
        back with its next save.
        """
        with self._locked(write=True):
            return self._remove(set(response_ids))

    def waves(self, questionnaire_id: str) -> list[str]:
        """The waves that hold responses (any status) to the questionnaire, sorted."""
        with self._locked():
            return sorted(
                {
                    r.get("wave") or "default"
                    for r in self._records.values()
                    if r.get("questionnaire_id") == questionnaire_id
                }
            )

    def changes_since(self, token: int | None) -> tuple[list[Record], int]:
        """Responses (any status) written after ``token`` (None = from the start), new token.

        The token is a change counter; pass back the one returned to get only what is new.
        A response removed since (``delete``, here or by another process) comes as
        ``{"response_id", "questionnaire_id", "status": "removed"}``.
        """
        since = token or 0
        with self._locked():
            ids = [rid for rid, seq in self._seq_of.items() if seq > since]
            ids.sort(key=self._seq_of.__getitem__)
            changed: list[Record] = orjson.loads(orjson.dumps([self._records[i] for i in ids]))
            changed += self._removed_since(since)
            return changed, self._seq

    # --- named tables: feedback-log entries, evidence metrics (store/tables.py) ----------
    def rows(self, table: str) -> list[Row]:
        """Every row of ``table`` (copies), in the order they were last written."""
        _known(table)
        with self._locked():
            seqs = self._tables.seq_of.get(table, {})
            rows = self._tables.rows.get(table, {})
            order = sorted(rows, key=seqs.__getitem__)
            found: list[Row] = orjson.loads(orjson.dumps([rows[k] for k in order]))
            return found

    def rows_since(self, table: str, token: int | None) -> tuple[list[Row], int]:
        """Rows of ``table`` written after ``token`` (None: all), and the new token."""
        _known(table)
        since = token or 0
        with self._locked():
            seqs = self._tables.seq_of.get(table, {})
            keys = sorted((k for k, seq in seqs.items() if seq > since), key=seqs.__getitem__)
            rows = self._tables.rows.get(table, {})
            changed: list[Row] = orjson.loads(orjson.dumps([rows[k] for k in keys]))
            return changed, self._seq

    def put_rows(self, table: str, rows: list[tuple[str, Row]]) -> None:
        """Insert or replace rows of ``table`` by key, in one locked, fsynced write."""
        _known(table)
        if not rows:
            return
        # Every text of a row is something a person typed (a note, a team name): no controls.
        changes = [(table, key, clean_answers(copy_record(row))) for key, row in rows]
        with self._locked(write=True):
            self._change_tables(list(changes))

    def delete_rows(self, table: str, keys: list[str]) -> int:
        """Delete rows of ``table`` by key; how many there were."""
        _known(table)
        with self._locked(write=True):
            present = [k for k in dict.fromkeys(keys) if k in self._tables.rows.get(table, {})]
            if present:
                self._change_tables([(table, key, None) for key in present])
            return len(present)

    def compact(self) -> None:
        """Fold the journal into the TinyDB file, so that ``TinyDB(path)`` sees everything.

        Nothing is written when there is nothing to fold; a failure (e.g. a full disk) is a
        :class:`StoreError` and leaves the file and the journal as they were.
        """
        with self._locked(write=True):
            stale = self.journal_path.exists() or self._scrub_pending
            if stale and (self._snapshot_sig is not None or self._records):
                self._write([], fold=True)


def _known(table: str) -> None:
    if table not in KNOWN_TABLES:
        raise ValueError(
            f"unknown store table {table!r} (known: {', '.join(sorted(KNOWN_TABLES))})"
        )
