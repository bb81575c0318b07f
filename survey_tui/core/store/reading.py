"""The in-memory view of one store and how it is read from the files: the snapshot, then the
journal on top of it (the layout is described in :mod:`survey_tui.core.store.files`).

Every method here expects the caller to hold the store's lock, or to have made sure it cannot
be taken (:meth:`~survey_tui.core.store.files.StoreFiles._locked`).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, cast

from survey_tui.core.errors import StoreError
from survey_tui.core.record import Record, Row
from survey_tui.core.store.common import FORMAT_VERSION, META_TABLE, RESPONSES_TABLE
from survey_tui.core.store.records import needs_scrub, scrub, shape_problem
from survey_tui.core.store.storage import read_json_file
from survey_tui.core.store.tables import KNOWN_TABLES, TABLES_FORMAT, Tables, parse_journal_line


class StoreReader:
    """The records, tables and change numbers of one store as last read, and the reading."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.journal_path = self.path.with_name(self.path.name + ".journal")
        self._loaded = False
        self._snapshot_sig: tuple[int, int, int] | None = None
        self._snapshot_seq = 0
        self._extra_tables: dict[str, Any] = {}
        self._tables = Tables()
        self._snapshot_format = FORMAT_VERSION
        self._records: dict[str, Record] = {}
        self._seq_of: dict[str, int] = {}
        self._seq = 0
        self._journal_ino: int | None = None
        self._journal_pos = 0
        self._journal_torn = False
        # Records were read that still hold data a submitted record must not keep (written
        # by an older version): the next write rewrites the whole file without it.
        self._scrub_pending = False
        # Responses this view has seen go (a delete here, or one found on re-reading the
        # snapshot): response_id -> (change number, questionnaire_id), for changes_since.
        self._removed: dict[str, tuple[int, Any]] = {}

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
            before = self._records if self._loaded else {}  # replaced, not changed, below
            self._load_snapshot()
            self._snapshot_sig = snapshot_sig
            self._note_removed(before)
        if journal_sig is not None:
            self._read_journal()

    def _load_snapshot(self) -> None:
        data = read_json_file(self.path, empty_ok=False) or {}
        records: dict[str, Record] = {}
        seq_of: dict[str, int] = {}
        snapshot_seq = 0
        tables = Tables()
        self._snapshot_format = 1
        if data:
            snapshot_seq = self._check_meta(data.get(META_TABLE))
            table = data.get(RESPONSES_TABLE, {})
            if not isinstance(table, dict):
                raise self._format_error("the responses table is not a JSON object")
            for doc in table.values():
                problem = shape_problem(doc)
                if problem is not None:
                    raise self._format_error(problem)
                seq = doc.pop("_seq", 0)
                records[doc["response_id"]] = self._scrubbed(doc)
                seq_of[doc["response_id"]] = seq if type(seq) is int else 0
        self._extra_tables = {}
        for name, table in data.items():
            if name in KNOWN_TABLES:
                problem = tables.load(name, table)
                if problem is not None:
                    raise self._format_error(problem)
            elif name not in (META_TABLE, RESPONSES_TABLE):
                self._extra_tables[name] = table  # kept as it is, for whoever wrote it
        self._records, self._seq_of, self._tables = records, seq_of, tables
        self._snapshot_seq = snapshot_seq
        self._seq = max([snapshot_seq, *seq_of.values(), tables.max_seq()])
        self._journal_ino, self._journal_pos, self._journal_torn = None, 0, False

    def _scrubbed(self, record: Record) -> Record:
        """``record`` without what a stored record must not keep (see records.scrub); the
        file is rewritten without it on the next write."""
        if needs_scrub(record):
            self._scrub_pending = True
            scrub(record)
        return record

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
        self._snapshot_format = version
        if version > TABLES_FORMAT:
            raise StoreError(
                f"written by a newer survey-tui (store format {version}; this version reads "
                f"format {TABLES_FORMAT}); upgrade survey-tui. The file was left untouched.",
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
            seq, record, table = self._journal_entry(line, number)
            if seq <= self._snapshot_seq:
                continue  # already folded (a crash came between the fold and the unlink)
            self._seq = max(self._seq, seq)
            if table is not None:
                self._apply_table_change(table, record, seq)
                continue
            response_id = record["response_id"]
            self._records[response_id] = self._scrubbed(cast(Record, record))
            self._seq_of[response_id] = seq
        self._journal_pos += end

    def _journal_entry(self, line: bytes, number: int) -> tuple[int, Row, str | None]:
        """One journal line's change number, record (or table line) and table (None: a
        response); StoreError naming it if damaged."""
        found, problem = parse_journal_line(line)
        if found is not None:
            return found
        raise StoreError(
            f"journal entry {number} (after byte {self._journal_pos}) is damaged: {problem}; "
            "the store was left untouched",
            location=str(self.journal_path),
        )

    def _apply_table_change(self, name: str, entry: Row, seq: int) -> None:
        row = None if entry.get("del") is True else entry["r"]
        self._tables.apply(name, str(entry["k"]), row, seq)

    def _note_removed(self, before: dict[str, Record]) -> None:
        """Responses held before a re-read of the snapshot and gone after it were removed
        (by another process): remember them for changes_since."""
        for rid, record in before.items():
            if rid not in self._records and rid not in self._removed:
                self._removed[rid] = (self._seq, record.get("questionnaire_id"))
