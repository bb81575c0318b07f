"""Named tables beside the responses: feedback-log entries and evidence metrics.

Each table holds rows (JSON objects) under a string key of the table's choosing. They share the
store's files and guarantees (docs/architecture.md, "Response store"):

- in the snapshot, each table is a TinyDB table whose documents carry ``_key`` and ``_seq``;
- in the journal, a change is one line ``{"seq": N, "t": TABLE, "k": KEY, "r": ROW}`` (an
  upsert) or ``{"seq": N, "t": TABLE, "k": KEY, "del": true}`` (a deletion).

A store holding such lines is format 2: the first such change is written as a whole new
snapshot of format 2, so an older survey-tui (format 1) refuses the store ("written by a newer
survey-tui") instead of misreading a line it does not know.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import orjson

from survey_tui.core.record import Row as Record
from survey_tui.core.store.records import shape_problem

#: Table names: lower case words (they become TinyDB table names in the snapshot).
TABLE_NAME = re.compile(r"^[a-z][a-z_]{0,39}$")
#: Tables the store keeps for the product (others are refused, so a typo is an error).
KNOWN_TABLES = frozenset({"log_entries", "evidence"})
#: The store format that tables (and deletions) need.
TABLES_FORMAT = 2


@dataclass
class Tables:
    """Every named table's rows by key, with the change number of each row's last write."""

    rows: dict[str, dict[str, Record]] = field(default_factory=dict)
    seq_of: dict[str, dict[str, int]] = field(default_factory=dict)

    def load(self, name: str, table: Any) -> str | None:
        """Take in one snapshot table; a problem (why it is not a table of ours) or None."""
        if not isinstance(table, dict):
            return f"the {name} table is not a JSON object"
        rows: dict[str, Record] = {}
        seqs: dict[str, int] = {}
        for doc in table.values():
            if not isinstance(doc, dict) or not isinstance(doc.get("_key"), str):
                return f"a row of the {name} table has no _key"
            row = dict(doc)
            key = row.pop("_key")
            seq = row.pop("_seq", 0)
            rows[key] = row
            seqs[key] = seq if type(seq) is int else 0
        self.rows[name], self.seq_of[name] = rows, seqs
        return None

    def apply(self, name: str, key: str, row: Record | None, seq: int) -> None:
        """One change: an upsert, or a deletion when ``row`` is None."""
        rows = self.rows.setdefault(name, {})
        seqs = self.seq_of.setdefault(name, {})
        if row is None:
            rows.pop(key, None)
            seqs.pop(key, None)
        else:
            rows[key] = row
            seqs[key] = seq

    def snapshot(self) -> dict[str, dict[str, Record]]:
        """Every non-empty table as TinyDB documents, in change order."""
        out: dict[str, dict[str, Record]] = {}
        for name, rows in self.rows.items():
            if not rows:
                continue
            seqs = self.seq_of[name]
            order = sorted(rows, key=seqs.__getitem__)
            out[name] = {
                str(doc_id): {**rows[key], "_key": key, "_seq": seqs[key]}
                for doc_id, key in enumerate(order, start=1)
            }
        return out

    def max_seq(self) -> int:
        return max((s for seqs in self.seq_of.values() for s in seqs.values()), default=0)


def journal_problem(entry: dict[str, Any]) -> str | None:
    """Why a journal line naming a table is damaged, or None."""
    name, key = entry.get("t"), entry.get("k")
    if not isinstance(name, str) or not TABLE_NAME.match(name):
        return "its table name is not a lower-case word"
    if not isinstance(key, str) or not key:
        return "its key is not a non-empty string"
    if entry.get("del") is True:
        return None
    if not isinstance(entry.get("r"), dict):
        return "its row is not a JSON object"
    return None


def parse_journal_line(line: bytes) -> tuple[tuple[int, Record, str | None] | None, str]:
    """A journal line as ``(seq, record or table line, table or None)``, or None and why it
    is damaged. A response line is ``{"seq", "r"}`` as ``save`` writes it."""
    try:
        entry = orjson.loads(line)
    except orjson.JSONDecodeError:
        entry = None
    if isinstance(entry, dict) and "seq" in entry and "t" in entry:
        problem = journal_problem(entry) or ""
        if type(entry["seq"]) is not int:
            problem = "its seq is not a whole number"
        return (None, problem) if problem else ((entry["seq"], entry, str(entry["t"])), "")
    if isinstance(entry, dict) and "seq" in entry and "r" in entry:
        seq, record = entry["seq"], entry["r"]
        problem = shape_problem(record) or ""
        if type(seq) is not int:
            problem = "its seq is not a whole number"
        return (None, problem) if problem else ((seq, record, None), "")
    return None, "not a JSON object with seq and r"
