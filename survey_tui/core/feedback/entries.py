"""One feedback-log entry: checked from what a front end collected, stored, undone.

Every front end (the CLI one-liner, the TUI form, the web form at ``/log``, the CSV import)
hands a :class:`Draft` to :func:`check_draft`, which resolves ids or labels (with "did you
mean"), checks bounds and returns the entry or the problems, one per field. The stored row is
an :class:`Entry` (docs/data-exchange.md, "Feedback log entries"), keyed by ``entry_id`` in the
store's ``log_entries`` table.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, TypedDict, cast

from survey_tui.core.errors import DataError, Problem, StoreError, suggest
from survey_tui.core.feedback import LOG_TABLE
from survey_tui.core.model import OTHER_TOOL, FeedbackLog, Questionnaire
from survey_tui.core.slugs import slugify
from survey_tui.core.texts import N_, T_
from survey_tui.core.textsafety import strip_controls

if TYPE_CHECKING:
    from survey_tui.core.store import ResponseStore

#: A note holds at most this many characters (docs/data-exchange.md).
NOTE_MAX = 500
#: An "Other" tool's own text.
OTHER_MAX = 80
FIELDS = ("group", "date", "workflow", "tool", "outcome", "minutes", "note")


class Entry(TypedDict):
    """A stored feedback-log entry (no time of day, nothing that names a person)."""

    entry_id: str
    questionnaire_id: str
    group: str
    date: str
    workflow: str
    tool: str
    outcome: str
    minutes: int
    note: str
    contributor: str


@dataclass(frozen=True)
class Draft:
    """What a front end collected, as typed (ids or labels); None: not given."""

    group: str | None = None
    workflow: str | None = None
    tool: str | None = None
    outcome: str | None = None
    minutes: str | int | None = None
    note: str | None = None
    date: str | None = None
    other: bool = False  # store a tool that is not in the list as an "Other" answer


# What a missing choice says (messages of the catalogs: the web form shows them translated).
CHOOSE = {
    "group": N_("choose a group"),
    "workflow": N_("choose a workflow"),
    "outcome": N_("choose an outcome"),
}


def log_of(q: Questionnaire) -> FeedbackLog:
    """The questionnaire's feedback log; a SurveyError when it has none."""
    if q.feedback_log is None:
        raise DataError(
            [],
            f"questionnaire {q.id!r} has no feedback log (add a 'feedback_log:' block; "
            "see docs/questionnaires.md)",
        )
    return q.feedback_log


def missing(q: Questionnaire, draft: Draft) -> list[str]:
    """The fields a draft still lacks (the note and the date are optional)."""
    lacking = []
    if draft.group is None and len(q.group_ids) > 1:
        lacking.append("group")
    for name in ("workflow", "tool", "outcome", "minutes"):
        if getattr(draft, name) in (None, ""):
            lacking.append(name)
    return lacking


def find_choice(given: str, choices: list[tuple[str, str]], what: str) -> tuple[str | None, str]:
    """The id among ``(id, label)`` pairs that ``given`` names (id, label or its slug,
    case-insensitive), or None and the message."""
    text = given.strip()
    folded = text.casefold()
    for key, label in choices:
        if folded in (key.casefold(), label.casefold()) or slugify(text) == key:
            return key, ""
    ids = [key for key, _ in choices]
    hint = suggest(text, ids) or suggest(text, [label for _, label in choices])
    return None, f"unknown {what} {text!r}{hint}; {what}s: {', '.join(ids)}"


def check_draft(
    q: Questionnaire, draft: Draft, *, contributor: str, today: date | None = None
) -> tuple[Entry | None, list[tuple[str, str]]]:
    """The entry a complete, valid draft makes, else None and ``(field, message)`` pairs."""
    log = log_of(q)
    problems: list[tuple[str, str]] = []
    values: dict[str, Any] = {}

    def pick(name: str, given: str | None, choices: list[tuple[str, str]]) -> None:
        if given is None or not given.strip():
            problems.append((name, CHOOSE[name]))
            return
        found, message = find_choice(given, choices, name)
        if found is None:
            problems.append((name, message))
        values[name] = found

    if draft.group is None and len(q.group_ids) == 1:
        values["group"] = q.group_ids[0]
    else:
        pick("group", draft.group, [(g.id, g.label) for g in q.groups])
    pick("workflow", draft.workflow, [(w.id, w.label) for w in q.log_workflows()])
    _check_tool(log, draft, values, problems)
    pick("outcome", draft.outcome, [(o.value, o.label) for o in log.outcomes])
    _check_minutes(log, draft.minutes, values, problems)
    note = strip_controls(draft.note or "").strip()
    if len(note) > NOTE_MAX:
        problems.append(
            (
                "note",
                T_(
                    "the note has {count} characters; at most {limit}",
                    count=len(note),
                    limit=NOTE_MAX,
                ),
            )
        )
    day = _check_date(draft.date, today or date.today(), problems)
    if problems:
        return None, problems
    entry: Entry = {
        "entry_id": str(uuid.uuid4()),
        "questionnaire_id": q.id,
        "group": values["group"],
        "date": day,
        "workflow": values["workflow"],
        "tool": values["tool"],
        "outcome": values["outcome"],
        "minutes": values["minutes"],
        "note": note,
        "contributor": contributor,
    }
    return entry, []


def _check_tool(
    log: FeedbackLog, draft: Draft, values: dict[str, Any], problems: list[tuple[str, str]]
) -> None:
    given = strip_controls(draft.tool or "").strip()
    if not given:
        problems.append(("tool", N_("choose a tool")))
        return
    listed = [(t.value, t.label) for t in log.tools]
    found, message = find_choice(given, listed, "tool")
    if found is not None:
        values["tool"] = found
    elif draft.other:
        if len(given) > OTHER_MAX:
            problems.append(
                ("tool", T_("an Other tool's name has at most {limit} characters", limit=OTHER_MAX))
            )
        elif slugify(given) == OTHER_TOOL:
            problems.append(("tool", N_("name the other tool")))
        else:
            values["tool"] = given
    else:
        problems.append(("tool", f"{message}; or store it as Other (--other)"))


def _check_minutes(
    log: FeedbackLog,
    given: str | int | None,
    values: dict[str, Any],
    problems: list[tuple[str, str]],
) -> None:
    if given is None or (isinstance(given, str) and not given.strip()):
        problems.append(("minutes", N_("give the minutes saved or lost")))
        return
    try:
        minutes = given if isinstance(given, int) else int(str(given).strip())
    except ValueError:
        problems.append(
            ("minutes", T_("{given} is not a whole number of minutes", given=repr(str(given)[:20])))
        )
        return
    if not 0 <= minutes <= log.max_minutes:
        problems.append(
            (
                "minutes",
                T_(
                    "{minutes} is outside 0..{limit} minutes",
                    minutes=minutes,
                    limit=log.max_minutes,
                ),
            )
        )
        return
    values["minutes"] = minutes


def _check_date(given: str | None, today: date, problems: list[tuple[str, str]]) -> str:
    if given is None or not given.strip():
        return today.isoformat()
    try:
        day = date.fromisoformat(given.strip())
    except ValueError:
        problems.append(
            ("date", T_("{given} is not a date (YYYY-MM-DD)", given=repr(given.strip()[:30])))
        )
        return ""
    if day > today:
        problems.append(("date", T_("{day} is in the future", day=day.isoformat())))
    return day.isoformat()


def make_entry(
    q: Questionnaire, draft: Draft, *, contributor: str, today: date | None = None
) -> Entry:
    """:func:`check_draft`, raising a DataError (one ``field: message`` line each)."""
    entry, problems = check_draft(q, draft, contributor=contributor, today=today)
    if entry is None:
        raise DataError(
            [Problem("", None, None, name, message) for name, message in problems],
            "\n".join(f"{name}: {message}" for name, message in problems),
        )
    return entry


# --- the store ---------------------------------------------------------------------------
def add_entries(store: ResponseStore, entries: Iterable[Entry]) -> None:
    """Store entries (one locked, fsynced write)."""
    store.put_rows(LOG_TABLE, [(e["entry_id"], dict(e)) for e in entries])


ENTRY_TYPES: dict[str, type] = {
    "entry_id": str,
    "questionnaire_id": str,
    "group": str,
    "date": str,
    "workflow": str,
    "tool": str,
    "outcome": str,
    "minutes": int,
    "note": str,
    "contributor": str,
}


def shape_problem(row: dict[str, Any]) -> str | None:
    """Why a stored row is not an entry, or None."""
    for key, kind in ENTRY_TYPES.items():
        value = row.get(key)
        if type(value) is not kind:
            return f"its {key} is not {'a whole number' if kind is int else 'text'}"
    try:
        date.fromisoformat(row["date"])
    except ValueError:
        return "its date is not an ISO date"
    return None


def stored_entries(store: ResponseStore, questionnaire_id: str | None = None) -> list[Entry]:
    """The stored entries (of one questionnaire), oldest write first; a damaged row is a
    StoreError naming the store and the entry."""
    found: list[Entry] = []
    for row in store.rows(LOG_TABLE):
        problem = shape_problem(row)
        if problem:
            raise StoreError(
                f"feedback-log entry {str(row.get('entry_id'))[:40]!r} is damaged: {problem}",
                location=str(store.path),
            )
        if questionnaire_id is None or row["questionnaire_id"] == questionnaire_id:
            found.append(cast(Entry, {key: row[key] for key in ENTRY_TYPES}))
    return found


def undo_last(store: ResponseStore, questionnaire_id: str, contributor: str) -> Entry | None:
    """Delete this contributor's most recently written entry; it, or None if there is none."""
    mine = [e for e in stored_entries(store, questionnaire_id) if e["contributor"] == contributor]
    if not mine:
        return None
    last = mine[-1]
    store.delete_rows(LOG_TABLE, [last["entry_id"]])
    return last


def merge_entries(store: ResponseStore, sources: list[tuple[str, list[Entry]]]) -> tuple[int, int]:
    """Bring entries of other stores in, one copy per ``entry_id`` (the one held, else the
    first source's); returns (new, already present). One locked write."""
    held = {e["entry_id"] for e in stored_entries(store)} if _exists(store) else set()
    new: dict[str, Entry] = {}
    present = 0
    for _, entries in sources:
        for entry in entries:
            if entry["entry_id"] in held or entry["entry_id"] in new:
                present += 1
            else:
                new[entry["entry_id"]] = entry
    add_entries(store, new.values())
    return len(new), present


def _exists(store: ResponseStore) -> bool:
    return store.path.exists() or store.journal_path.exists()
