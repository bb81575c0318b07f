"""Constants and small helpers shared by the store modules."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

FORMAT_VERSION = 1
META_TABLE = "_meta"
RESPONSES_TABLE = "responses"
LOCK_TIMEOUT_SECONDS = 60.0

Record = dict[str, Any]


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


def copy_record(record: Record) -> Record:
    """A deep copy of ``record`` (and a check that it is storable as JSON)."""
    # A JSON round trip is both a fast deep copy and a check that the record is storable.
    copied: Record = orjson.loads(orjson.dumps(record))
    return copied
