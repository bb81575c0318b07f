"""What a stored response record may hold, checks of its shape, and which copy is newer.

The record's keys are listed in docs/interfaces.md. A submitted record holds exactly those
keys: nothing that could name the respondent's machine, account or files. While a response is
partial it may also hold what resuming it needs (``resume_key``, ``owner``), both opaque.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

Record = dict[str, Any]

#: The keys of a submitted record (docs/interfaces.md), and no other.
RECORD_KEYS = frozenset(
    {
        "response_id",
        "questionnaire_id",
        "questionnaire_version",
        "questionnaire_sha256",
        "group",
        "wave",
        "status",
        "mode",
        "started_at",
        "updated_at",
        "submitted_at",
        "answers",
        "seconds",
        "notes",
        "test",  # true on a practice response (run --test); absent otherwise
        "language",  # the tag the respondent answered in; absent for a one-language file
    }
)
#: Keys a record holds only in some cases: ``test`` only on a practice response, ``language``
#: only for a questionnaire that declares ``languages``.
OPTIONAL_KEYS = frozenset({"test", "language"})
#: Kept only while a response is partial: what resuming it on the same machine needs.
RESUME_KEYS = frozenset({"resume_key", "owner"})
PARTIAL_KEYS = RECORD_KEYS | RESUME_KEYS
#: The fields of ``owner``: an opaque machine id (never a host name) and a process id.
OWNER_KEYS = frozenset({"machine", "pid"})

_NONE = type(None)
#: Expected JSON types of each key, when present (bool is excluded from int separately).
_TYPES: dict[str, tuple[type, ...]] = {
    "questionnaire_id": (str,),
    "questionnaire_version": (int, _NONE),
    "questionnaire_sha256": (str, _NONE),
    "group": (str,),
    "wave": (str, _NONE),
    "status": (str,),
    "mode": (str, _NONE),
    "started_at": (str, _NONE),
    "updated_at": (str, _NONE),
    "submitted_at": (str, _NONE),
    "answers": (dict,),
    "seconds": (dict,),
    "notes": (dict,),
    "resume_key": (str, _NONE),
    "owner": (dict, _NONE),
    "test": (bool,),
    "language": (str,),
}
_TYPE_NAMES = {
    str: "a string",
    int: "a whole number",
    dict: "an object",
    _NONE: "null",
    bool: "true/false",
}


def shape_problem(record: Any) -> str | None:
    """Why ``record`` cannot be a stored response (its shape), or None when it can."""
    if not isinstance(record, dict):
        return "a response is not a JSON object"
    if "response_id" not in record:
        return "a response has no response_id"
    rid = record["response_id"]
    if not isinstance(rid, str) or not rid:
        kind = "an empty string" if rid == "" else _json_kind(rid)
        return f"a response's response_id is {kind}, not a non-empty string"
    for key, types in _TYPES.items():
        if key not in record:
            continue
        value = record[key]
        if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
            wanted = " or ".join(_TYPE_NAMES[t] for t in types)
            return f"response {rid}: {key} is {_json_kind(value)}, not {wanted}"
    return None


def _json_kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "a list"
    return "an object"


def needs_scrub(record: Record, *, keep_resume: bool = True) -> bool:
    """Whether :func:`scrub` would change ``record`` (cheap: set operations on its keys)."""
    if record.get("status") == "complete" or not keep_resume:
        return not record.keys() <= RECORD_KEYS
    if not record.keys() <= PARTIAL_KEYS:
        return True
    owner = record.get("owner")
    return isinstance(owner, dict) and not owner.keys() <= OWNER_KEYS


def scrub(record: Record, *, keep_resume: bool = True) -> Record:
    """``record`` with only the documented keys (in place; also returned).

    A complete record loses ``resume_key`` and ``owner``; a partial one keeps them (unless
    ``keep_resume`` is false: records that leave their machine), with ``owner`` cut to its
    opaque fields (older versions stored the host name there).
    """
    if not needs_scrub(record, keep_resume=keep_resume):
        return record
    allowed = PARTIAL_KEYS if keep_resume and record.get("status") != "complete" else RECORD_KEYS
    for key in [k for k in record if k not in allowed]:
        del record[key]
    owner = record.get("owner")
    if isinstance(owner, dict):
        record["owner"] = {k: v for k, v in owner.items() if k in OWNER_KEYS}
    return record


def is_practice(record: Record) -> bool:
    """Whether ``record`` is a practice response (``run --test``): analysis, reports, export
    and the dashboard leave those out; ``survey-tui delete --test`` removes them."""
    return record.get("test") is True


def without_practice(records: list[Record]) -> tuple[list[Record], int]:
    """``records`` without practice responses, and how many were left out."""
    kept = [r for r in records if not is_practice(r)]
    return kept, len(records) - len(kept)


def _moment(value: Any) -> datetime:
    """An ISO 8601 time as an aware datetime; anything else counts as the oldest."""
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            pass
        else:
            return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return datetime.min.replace(tzinfo=UTC)


def supersedes(incoming: Record, held: Record) -> bool:
    """Whether a copy of a response from another store should replace the one held.

    A complete copy always wins over a partial one (a submitted response is never replaced
    by an unfinished copy, whatever the clocks say); between two copies of the same status,
    the later ``updated_at`` wins; on a tie the held copy stays.
    """
    incoming_rank = (incoming.get("status") == "complete", _moment(incoming.get("updated_at")))
    held_rank = (held.get("status") == "complete", _moment(held.get("updated_at")))
    return incoming_rank > held_rank
