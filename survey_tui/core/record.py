"""The stored response record: one TypedDict for every module that reads or writes one.

The keys and what each holds are in docs/interfaces.md ("Response record"); which keys a
stored record may carry is enforced by :mod:`survey_tui.core.store.records`. Table rows of
the feedback log and of evidence are other shapes (:data:`Row`).
"""

from __future__ import annotations

from typing import Any, Required, TypedDict, TypeVar

#: One answer as stored: a number, a choice value, a list of values, a matrix {row: value},
#: text, or "dont_know"; its shape depends on the question type (docs/interfaces.md).
Answer = Any

#: A row of a named table (``log_entries``, ``evidence``): its shape is its table's.
Row = dict[str, Any]


class Owner(TypedDict):
    """Who is answering a partial response: an opaque machine id and a process id."""

    machine: str | None  # None where no token could be kept
    pid: int


class Record(TypedDict, total=False):
    """A response as stored (docs/interfaces.md); ``resume_key``/``owner`` only while partial,
    ``test`` only on a practice response."""

    response_id: Required[str]
    questionnaire_id: Required[str]
    questionnaire_version: int | None
    questionnaire_sha256: str | None
    group: str
    wave: str | None
    language: str | None  # the language answered in, for a questionnaire with languages
    status: str
    mode: str | None
    started_at: str | None
    updated_at: str | None
    submitted_at: str | None
    answers: dict[str, Answer]
    seconds: dict[str, float]
    notes: dict[str, str]
    test: bool
    resume_key: str | None
    owner: Owner | None


#: The wave and the mode of a response that names none.
DEFAULT_WAVE = "default"
DEFAULT_MODE = "run"


class ResponseStart(TypedDict, total=False):
    """Who answers a new response, and how: what its record starts with.

    Only ``group`` is needed; :func:`survey_tui.core.store.common.new_record` fills in the
    rest (wave "default", mode "run", no resume key, not practice, the questionnaire copy's
    language)."""

    group: Required[str]
    wave: str
    mode: str
    resume_key: str | None
    test: bool  # a practice response (run --test): left out of every analysis
    language: str | None


def start_of(record: Record) -> ResponseStart:
    """What a stored response was started with, to carry on with it."""
    start: ResponseStart = {
        "group": str(record["group"]),
        "resume_key": record.get("resume_key"),
        "test": record.get("test") is True,
        "language": record.get("language"),
    }
    if wave := record.get("wave"):
        start["wave"] = wave
    if mode := record.get("mode"):
        start["mode"] = mode
    return start


#: A stored document of either kind, for helpers that copy or clean both.
Doc = TypeVar("Doc", Record, Row)
