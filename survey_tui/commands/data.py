"""``import``, ``export`` and ``merge``: responses in and out of the store (docs/data-exchange.md)."""

from __future__ import annotations

import contextlib
import csv
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from survey_tui.commands.common import (
    csv_import_arguments,
    db_option,
    load_questionnaire,
    store_path,
)
from survey_tui.core.csvrows import csv_rows
from survey_tui.core.errors import DataError, Problem, StoreError, SurveyError
from survey_tui.core.record import Record
from survey_tui.core.textsafety import escape_for_terminal
from survey_tui.core.usecases.responses import edited_text_warning, practice_note

if TYPE_CHECKING:
    from survey_tui.core.export import Export
    from survey_tui.core.model import Questionnaire
    from survey_tui.core.store import ResponseStore


PROGRESS_FROM_ROWS = 2000


def _read_csv(path: Path) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    try:
        # Bytes, not read_text: universal newlines would turn a "\r" inside a quoted answer
        # into "\n" before the csv module sees it.
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DataError(
            [Problem(str(path), None, None, "", f"not UTF-8 text ({error.reason})")]
        ) from None
    except OSError as error:
        raise DataError([Problem(str(path), None, None, "", str(error.strerror))]) from None
    return _split_csv(str(path), text)


def _split_csv(file: str, text: str) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """Header and (line, row) pairs; a malformed shape is a DataError naming each line.

    A row with more fields than the header, a repeated column or an unterminated quote would
    otherwise lose answers without a word; an all-empty row (Excel's ``,,,``) is skipped like
    a blank line.
    """
    problems: list[Problem] = []
    header: list[str] = []
    rows: list[tuple[int, dict[str, str]]] = []
    for line, fields in csv_rows(file, text, problems, _csv_message):
        if not header:
            header = [h.strip() for h in fields]
            problems += _header_problems(file, line, header)
            continue
        if len(fields) > len(header):
            message = f"row has {len(fields)} fields, the header has {len(header)}"
            problems.append(Problem(file, line, None, "", message))
            continue
        rows.append((line, dict(zip(header, fields, strict=False))))
    if problems:
        raise DataError(problems)
    return header, rows


def _csv_message(error: csv.Error) -> str:
    text = str(error)
    if "unexpected end of data" in text or "EOF" in text:
        return 'unterminated quote (a " opens a field that never closes)'
    return f"not valid CSV ({text})"


def _header_problems(file: str, line: int, header: list[str]) -> list[Problem]:
    if len(header) == 1 and ";" in header[0] and "," not in header[0]:
        return [
            Problem(file, line, None, "", "the file seems to use ';' as the separator; use ','")
        ]
    problems = []
    seen: set[str] = set()
    for name in header:
        if name in seen:
            problems.append(Problem(file, line, None, name, "column appears twice"))
        seen.add(name)
    return problems


@click.command("import")
@csv_import_arguments
def import_command(questionnaire: str, csv_file: str, skip_bad_rows: bool, db: str | None) -> None:
    """Load responses from a wide CSV (all-or-nothing unless --skip-bad-rows).

    Example: survey-tui import ai-expectation-gap answers.csv
    """
    from survey_tui.core.store import ResponseStore
    from survey_tui.core.store.exchange import parse_rows

    q = load_questionnaire(questionnaire)
    header, rows = _read_csv(Path(csv_file))
    if len(rows) >= PROGRESS_FROM_ROWS:
        with click.progressbar(rows, label="Checking rows", file=sys.stderr) as bar:
            records, problems, bad = parse_rows(q, csv_file, header, bar)
    else:
        records, problems, bad = parse_rows(q, csv_file, header, rows)
    if problems and (not skip_bad_rows or bad == 0):
        raise DataError(problems)
    for problem in problems:
        click.echo(escape_for_terminal(f"skipped: {problem}"), err=True)
    store = ResponseStore(store_path(db))
    stored = {r["response_id"]: r for r in store.responses(q.id, status=None, copy=False)}
    inserted, present = store.insert_many(records)
    click.echo(f"imported {inserted} responses, {present} already present, {bad} bad rows skipped")
    differing = [r["response_id"] for r in records if _differs(r, stored.get(r["response_id"]))]
    if differing:
        # Re-importing never overwrites, but a row that changed since must not pass unnoticed.
        shown = ", ".join(differing[:5]) + (
            f" and {len(differing) - 5} more" if len(differing) > 5 else ""
        )
        click.echo(
            escape_for_terminal(
                f"warning: {len(differing)} rows have a response_id already stored with other "
                f"answers; the stored responses were kept: {shown}"
            ),
            err=True,
        )


def _differs(row: Record, stored: Record | None) -> bool:
    """Whether an imported row's content differs from the stored response with its id."""
    if stored is None:
        return False
    keys = ("group", "wave", "language", "answers")
    return any(row.get(k) != stored.get(k) for k in keys)


@click.command()
@click.argument("questionnaire")
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv")
@click.option("-o", "output", type=click.Path(), metavar="FILE", default=None, help="Output file.")
@click.option("--wave", default=None, help="Only this wave.")
@click.option(
    "--exact-times",
    is_flag=True,
    help="Timestamps to the second (default: the day only; a time can tell who answered).",
)
@db_option
def export(
    questionnaire: str,
    fmt: str,
    output: str | None,
    wave: str | None,
    exact_times: bool,
    db: str | None,
) -> None:
    """Write every complete response as CSV or JSON (stdout without -o).

    The export is the raw data for the survey's owner: it holds every response, also those
    of groups smaller than min_group_size that analyze and report withhold (a note on stderr
    says when). Timestamps are exported to the day unless --exact-times; the seconds spent
    per question are never exported. Text cells starting with = + - @ ' tab or CR get one
    leading ' so that a spreadsheet shows them instead of running them (import removes it).

    Example: survey-tui export ai-expectation-gap --format json -o answers.json
    """
    from survey_tui.core.export import export_responses
    from survey_tui.core.store import ResponseStore

    q = load_questionnaire(questionnaire)
    path = store_path(db)
    if not path.exists():
        # Like analyze/report: a typo in --db must not look like an empty survey.
        raise StoreError(f"no response store at {path}")
    store = ResponseStore(path)
    target = _output_path(output, store) if output else None
    every = store.responses(q.id, wave=wave)
    # The CSV has no version column: a response to another version would be relabelled
    # as this one on re-import, so only this version's responses are exported (as analyze).
    result = export_responses(
        q, every, fmt="json" if fmt == "json" else "csv", exact_times=exact_times
    )
    if target is not None:
        _write_export(target, result.data)
    else:
        # To a terminal, never raw control bytes (stored answers are clean; older ones may not be).
        click.echo(escape_for_terminal(result.data.decode("utf-8")), nl=False)
    for note in _export_notes(q, result, every, fmt):
        click.echo(escape_for_terminal(note), err=True)


def _export_notes(q: Questionnaire, result: Export, every: list[Record], fmt: str) -> list[str]:
    """What stderr says about an export: versions left out, edited texts, small groups."""
    notes = []
    if result.other_versions:
        notes.append(
            f"note: {result.other_versions} responses to other versions of {q.id!r} "
            "left out (export with that version's file to get them)"
        )
    if result.practice:
        notes.append(practice_note(q, result.practice))
    records = [r for r in every if r.get("questionnaire_version") == q.version]
    warning = edited_text_warning(q, records)
    if warning:
        notes.append(warning + (" (kept as stored in JSON)" if fmt == "json" else ""))
    if result.small_groups:
        # The export is raw data for the survey's owner: it keeps what reports withhold.
        several = len({r.get("wave") or "default" for r in records}) > 1
        shown = ", ".join(
            f"{s.group}{f' in wave {s.wave}' if several else ''} ({s.n})"
            for s in result.small_groups
        )
        notes.append(
            f"note: the export includes every response, also of groups below min_group_size "
            f"{q.min_group_size} that analyze and report withhold: {shown}; it is raw data, "
            "share it with care"
        )
    return notes


def _output_path(output: str, store: ResponseStore) -> Path:
    """``-o``'s file, refused before any work when it cannot be a file we may write."""
    target = Path(output)
    if target.is_dir():
        raise SurveyError("is a folder; give a file name for the export", location=output)
    own = {p.resolve() for p in (store.path, store.journal_path, store.lock_path)}
    if target.resolve() in own:
        raise SurveyError("is the response store; give another file name", location=output)
    existing = next((p for p in target.parents if p.exists()), None)
    if existing is not None and not existing.is_dir():
        raise SurveyError(f"{existing} is a file, not a folder", location=output)
    return target


def _write_export(target: Path, data: bytes) -> None:
    """Write ``data`` atomically; on failure nothing is left, not even a folder made for it."""
    from survey_tui.core.store.storage import atomic_write_bytes

    missing = [p for p in target.parents if not p.exists()]
    try:
        atomic_write_bytes(target, data)
    except OSError as error:
        for folder in missing:  # innermost first; only the still-empty ones made here
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise SurveyError(
            f"cannot write the export: {error.strerror or error}", location=str(target)
        ) from None


@click.command()
@click.option(
    "--into", "into", required=True, type=click.Path(dir_okay=False), help="Target store."
)
@click.option(
    "--keep-versions-apart",
    is_flag=True,
    help="Allow several versions of a questionnaire; each response keeps its version.",
)
@click.argument("sources", nargs=-1, required=True, type=click.Path(dir_okay=False, exists=True))
def merge(into: str, keep_versions_apart: bool, sources: tuple[str, ...]) -> None:
    """Combine stores from several machines, one copy per response_id.

    Of two copies of a response the newer is kept: a complete one over a partial one, else
    the later update. So merging again after a partial response was completed updates it.

    Example: survey-tui merge --into all.json laptop1.json laptop2.json
    """
    from survey_tui.core.store import ResponseStore

    target = ResponseStore(into)
    batches = [(src, _read_source(src)) for src in sources]
    # A missing target is read as empty without taking its lock: a refused merge leaves
    # nothing behind, not even a lock file.
    exists = target.path.exists() or target.journal_path.exists()
    held = target.responses(status=None) if exists else []
    conflicts = _version_conflicts(held, batches)
    if conflicts and not keep_versions_apart:
        lines = [
            f"{qid}: versions " + ", ".join(f"{ver} (in {src})" for ver, src in v.items())
            for qid, v in sorted(conflicts.items())
        ]
        raise StoreError(
            "the stores hold different versions of a questionnaire; nothing was merged "
            "(use --keep-versions-apart to merge anyway; each response keeps its version):\n"
            + "\n".join(lines),
            location=into,
        )
    from survey_tui.core.feedback.entries import merge_entries, stored_entries

    # Read before anything is written: a damaged log row refuses the merge as a whole.
    logs = [(src, stored_entries(ResponseStore(src))) for src in sources]
    incoming = [record for _, records in batches for record in records]
    new, updated, present = target.merge_many(incoming)
    logged = merge_entries(target, logs) if any(entries for _, entries in logs) else None
    click.echo(
        f"merged {len(sources)} stores into {into}: {new} new responses, "
        f"{present} already present, {updated} updated"
        + (
            f"; feedback log: {logged[0]} new entries, {logged[1]} already present"
            if logged
            else ""
        )
    )


def _read_source(src: str) -> list[Record]:
    """Every response of a source store; a file that is not a store keeps no lock file."""
    from survey_tui.core.store import ResponseStore

    store = ResponseStore(src)
    had_lock = store.lock_path.exists()
    try:
        return store.responses(status=None)
    except StoreError:
        if not had_lock:
            # Not a store (e.g. a questionnaire given by mistake): nobody else locks it.
            with contextlib.suppress(OSError):
                store.lock_path.unlink(missing_ok=True)
        raise


def _version_conflicts(
    held: list[Record], batches: list[tuple[str, list[Record]]]
) -> dict[str, dict[Any, str]]:
    """Questionnaires for which the sources bring a version that is new beside another.

    Versions already kept apart in the target (an earlier --keep-versions-apart) are no
    conflict by themselves: only a version the target does not hold yet, arriving where
    another version is (or arrives), is refused.
    """
    seen: dict[str, dict[Any, str]] = {}
    for name, records in [("into", held), *batches]:
        for record in records:
            versions = seen.setdefault(str(record.get("questionnaire_id")), {})
            versions.setdefault(record.get("questionnaire_version"), name)
    return {
        qid: versions
        for qid, versions in seen.items()
        if len(versions) > 1 and any(src != "into" for src in versions.values())
    }
