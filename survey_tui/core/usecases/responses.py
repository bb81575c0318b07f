"""The stored responses an analysis or a report reads, and what the reader must be told.

One rule for every front end: every version of the questionnaire and every status (the
analysis keeps the complete ones and pools versions where a question is unchanged), never a
practice response (``run --test``). What was left out or pooled comes back as notes, which
the CLI prints on stderr and the TUI shows as a notification.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from survey_tui.core.errors import StoreError
from survey_tui.core.export import answers_that_fit
from survey_tui.core.model import Questionnaire
from survey_tui.core.record import Record
from survey_tui.core.store import ResponseStore
from survey_tui.core.store.records import without_practice


@dataclass(frozen=True)
class StoredResponses:
    """Responses to analyse, and the notes a reader needs about them."""

    records: list[Record]
    notes: list[str] = field(default_factory=list)


def practice_note(q: Questionnaire, count: int) -> str:
    """What a reader is told when practice responses (``run --test``) were left out."""
    what = "response" if count == 1 else "responses"
    return (
        f"note: {count} practice {what} (run --test) left out; "
        f"survey-tui delete {q.id} --test removes them"
    )


def edited_text_warning(q: Questionnaire, records: list[Record]) -> str | None:
    """A warning when responses were given to another text of ``q``'s id and version.

    Records carry the SHA-256 of the file they were answered with; a different one means the
    file was edited without a version bump, and some stored answers may no longer fit.
    """

    if q.sha256 is None:
        return None
    edited = [
        r
        for r in records
        if r.get("questionnaire_sha256") and r.get("questionnaire_sha256") != q.sha256
    ]
    if not edited:
        return None
    misfits = sum(answers_that_fit(q, r.get("answers") or {})[1] for r in edited)
    return (
        f"warning: {len(edited)} responses were given to a different text of {q.id} "
        f"version {q.version} (edited without a version bump?); answers that no longer fit "
        f"are left out: {misfits} answers (out of scale, unknown option, question gone)"
    )


def read_responses(q: Questionnaire, path: Path) -> StoredResponses:
    """The responses to ``q`` in the store at ``path``; StoreError when there are none."""

    if not path.exists():
        raise StoreError(f"no response store at {path}")
    # Read-only use: skip the defensive copy (halves memory on large stores).
    records, practice = without_practice(
        ResponseStore(path).responses(q.id, status=None, copy=False)
    )
    notes = [practice_note(q, practice)] if practice else []
    if not records:
        only = f" ({practice_note(q, practice).removeprefix('note: ')})" if practice else ""
        raise StoreError(f"{path}: no responses for questionnaire {q.id!r}{only}")
    mine = [r for r in records if r.get("questionnaire_version") == q.version]
    if len(mine) < len(records):
        versions = sorted({str(r.get("questionnaire_version")) for r in records} - {str(q.version)})
        notes.append(
            f"note: {len(records) - len(mine)} responses to version {', '.join(versions)} of "
            f"{q.id!r} are pooled with version {q.version} where a question is unchanged"
        )
    warning = edited_text_warning(q, mine)
    if warning:
        notes.append(warning)
    return StoredResponses(records, notes)
