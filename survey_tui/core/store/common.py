"""Constants and small helpers shared by the store modules."""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Unpack

import orjson

from survey_tui.core.record import DEFAULT_MODE, DEFAULT_WAVE, Doc, Record, ResponseStart

if TYPE_CHECKING:
    from survey_tui.core.model import Questionnaire

FORMAT_VERSION = 1  # responses only; named tables need format 2 (store/tables.py)
META_TABLE = "_meta"
RESPONSES_TABLE = "responses"
LOCK_TIMEOUT_SECONDS = 60.0


def default_store_path() -> Path:
    """``$SURVEY_TUI_DB`` if set, else ``responses.json`` in the user data dir (platformdirs)."""
    env = os.environ.get("SURVEY_TUI_DB")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("survey-tui")) / "responses.json"


def utc_now() -> str:
    """The current time as ISO 8601 UTC, to the second (``2026-11-24T19:30:00Z``)."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def copy_record(record: Doc) -> Doc:
    """A deep copy of ``record`` (and a check that it is storable as JSON)."""
    # A JSON round trip is both a fast deep copy and a check that the record is storable.
    copied: Doc = orjson.loads(orjson.dumps(record))
    return copied


def new_record(
    questionnaire: Questionnaire,
    *,
    response_id: str,
    status: str,
    started_at: str,
    updated_at: str,
    submitted_at: str | None,
    answers: dict[str, Any] | None = None,
    seconds: Mapping[str, float] | None = None,
    **start: Unpack[ResponseStart],
) -> Record:
    """A response record of docs/interfaces.md: the one place its fields are spelled out.

    ``resume_key`` is kept only on a partial record (a submitted one never holds it);
    ``test`` marks a practice response (the key is there only when true). ``language`` is the
    tag the respondent answers in; default: the questionnaire copy's own (``in_language``), and
    no key at all for a questionnaire without ``languages``.
    """
    record: Record = {
        "response_id": response_id,
        "questionnaire_id": questionnaire.id,
        "questionnaire_version": questionnaire.version,
        "questionnaire_sha256": questionnaire.sha256,
        "group": start["group"],
        "wave": start.get("wave", DEFAULT_WAVE),
        "status": status,
        "mode": start.get("mode", DEFAULT_MODE),
        "started_at": started_at,
        "updated_at": updated_at,
        "submitted_at": submitted_at,
        "answers": answers if answers is not None else {},
        "seconds": dict(seconds) if seconds is not None else {},
        "notes": {},
    }
    if start.get("test"):
        record["test"] = True
    language = start.get("language")
    language = language if language is not None else questionnaire.language
    if language is not None:
        record["language"] = language
    if status != "complete":
        record["resume_key"] = start.get("resume_key")
    return record
