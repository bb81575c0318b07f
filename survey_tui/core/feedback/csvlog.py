"""The log CSV (docs/data-exchange.md, "Feedback log"): entries out and in.

Export writes the entry's own columns with the spreadsheet rule of the response export
(:func:`survey_tui.core.store.exchange.spreadsheet_safe`, one CSV writer:
:func:`survey_tui.core.export.csv_line`). Import checks every row like a response row, each
problem as ``FILE:ROW: column: message``, and keeps nothing unless every row is good (the
caller may skip bad rows on request). A row without a contributor counts, with every other
such row of the same file, as one contributor.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import uuid
from collections.abc import Iterable
from datetime import date

from survey_tui.core.errors import Problem
from survey_tui.core.export import csv_line
from survey_tui.core.feedback.entries import Draft, Entry, check_draft
from survey_tui.core.feedback.tokens import CONTRIBUTOR_MAX, file_contributor
from survey_tui.core.model import Questionnaire
from survey_tui.core.store.exchange import spreadsheet_plain, spreadsheet_safe

COLUMNS = [
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
]
#: Columns whose cells are text (the spreadsheet rule applies); date and minutes are not.
TEXT_COLUMNS = frozenset(COLUMNS) - {"date", "minutes"}
_TOKEN = re.compile(r"^[A-Za-z0-9_.:-]+$")
#: Entry ids of rows that name none: stable for a file, so importing it again adds nothing.
_NAMESPACE = uuid.UUID("6f1c0d3e-2b1a-4c55-9a0e-6c1d9f3b7a21")


def export_csv(entries: Iterable[Entry]) -> bytes:
    """The entries as a log CSV, sorted by date then entry id (header first)."""
    lines = [csv_line(COLUMNS)]
    for entry in sorted(entries, key=lambda e: (e["date"], e["entry_id"])):
        cells = [str(entry[c]) for c in COLUMNS]  # type: ignore[literal-required]
        lines.append(
            csv_line(
                [
                    spreadsheet_safe(v) if c in TEXT_COLUMNS else v
                    for c, v in zip(COLUMNS, cells, strict=True)
                ]
            )
        )
    return "".join(lines).encode("utf-8")


def required_columns(q: Questionnaire) -> list[str]:
    """The columns a log CSV must have (``group`` only when there is more than one group)."""
    return (["group"] if len(q.group_ids) > 1 else []) + [
        "date",
        "workflow",
        "tool",
        "outcome",
        "minutes",
    ]


def parse_log_rows(
    q: Questionnaire,
    file: str,
    header: list[str],
    rows: Iterable[tuple[int, dict[str, str]]],
    data: bytes,
    *,
    today: date | None = None,
) -> tuple[list[Entry], list[Problem], int]:
    """Check log CSV rows (line number, row); returns (good entries, problems, bad rows).

    ``data``: the file's bytes, from which the ids of rows without ``entry_id`` and the one
    contributor of rows without ``contributor`` are made.
    """
    problems = [
        Problem(file, 1, None, name, "unknown column" + _hint(name))
        for name in header
        if name not in COLUMNS
    ]
    problems += [
        Problem(file, 1, None, name, "the required column is missing")
        for name in required_columns(q)
        if name not in header
    ]
    if problems:
        return [], problems, 0
    digest = hashlib.sha256(data).hexdigest()
    shared = file_contributor(data)
    entries: list[Entry] = []
    seen: set[str] = set()
    bad_rows = 0
    for line, raw in rows:
        cells = {
            c: spreadsheet_plain((v or "").strip()) if c in TEXT_COLUMNS else (v or "").strip()
            for c, v in raw.items()
        }
        mine = _row_problems(q, cells, seen)
        draft = Draft(
            group=cells.get("group") or None,
            workflow=cells.get("workflow", ""),
            tool=cells.get("tool", ""),
            outcome=cells.get("outcome", ""),
            minutes=cells.get("minutes", ""),
            note=cells.get("note", ""),
            date=cells.get("date", ""),
            other=True,  # a tool the list lacks is an "Other" answer
        )
        contributor = cells.get("contributor") or shared
        entry, found = check_draft(q, draft, contributor=contributor, today=today)
        failed = {name for name, _ in mine}
        mine += [(name, message) for name, message in found if name not in failed]
        if mine or entry is None:
            problems += [Problem(file, line, None, name, message) for name, message in mine]
            bad_rows += 1
            continue
        entry["entry_id"] = cells.get("entry_id") or str(uuid.uuid5(_NAMESPACE, f"{digest}:{line}"))
        entries.append(entry)
    return entries, problems, bad_rows


def _row_problems(q: Questionnaire, cells: dict[str, str], seen: set[str]) -> list[tuple[str, str]]:
    """What is wrong with a row's own columns (before the entry's fields are checked)."""
    found: list[tuple[str, str]] = []
    for name in required_columns(q):
        if not cells.get(name):
            found.append((name, "the required value is missing"))
    entry_id = cells.get("entry_id", "")
    if entry_id:
        if len(entry_id) > 100 or not _TOKEN.match(entry_id):
            found.append(("entry_id", "use at most 100 letters, digits and - _ . :"))
        elif entry_id in seen:
            found.append(("entry_id", f"{entry_id} appears twice in the file"))
        seen.add(entry_id)
    given = cells.get("questionnaire_id", "")
    if given and given != q.id:
        found.append(("questionnaire_id", f"{given!r} is not {q.id!r}"))
    contributor = cells.get("contributor", "")
    if contributor and (len(contributor) > CONTRIBUTOR_MAX or not _TOKEN.match(contributor)):
        found.append(("contributor", f"use at most {CONTRIBUTOR_MAX} letters, digits and - _ . :"))
    return found


def _hint(name: str) -> str:
    guesses = difflib.get_close_matches(name.casefold(), COLUMNS, n=2, cutoff=0.6)
    return (
        f" (did you mean {', '.join(guesses)}?); columns: {', '.join(COLUMNS)}"
        if guesses
        else f"; columns: {', '.join(COLUMNS)}"
    )
