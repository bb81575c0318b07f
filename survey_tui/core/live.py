"""The dashboard's live view of a store: every response to one questionnaire, kept up to date.

Pure Python (no Textual), so it is cheap to test: :meth:`LiveResponses.poll` asks the store
only for what changed since the last poll (``ResponseStore.changes_since``) and folds it into a
dict ``response_id -> record``; :meth:`LiveResponses.tally` counts per group for one wave.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from survey_tui.core import texts
from survey_tui.core.model import Questionnaire
from survey_tui.core.record import Record
from survey_tui.core.store.records import is_practice
from survey_tui.core.texts import T_, Text

#: The status changes_since gives a response that was deleted from the store.
REMOVED = "removed"


class ChangeSource(Protocol):
    """What the live view needs from a store (``ResponseStore`` has it)."""

    def changes_since(self, token: int | None) -> tuple[list[Record], int]: ...


# "In progress" means someone is answering now. Respondent front ends keep their open partial
# touched (``touch``) every TOUCH_INTERVAL while it is open, so a partial untouched for longer
# than IN_PROGRESS_WINDOW belongs to a closed tab or terminal (or a person who walked away):
# it counts as abandoned. One rule for every count of "in progress" (dashboard, web form).
IN_PROGRESS_WINDOW = timedelta(minutes=5)
TOUCH_INTERVAL = timedelta(minutes=1)


class Touchable(Protocol):
    """What :func:`touch` needs from a store (``ResponseStore`` has it)."""

    def get(self, response_id: str) -> Record | None: ...

    def save(self, record: Record) -> None: ...


@dataclass
class GroupCount:
    """Responses of one group: submitted (``complete``) and started but not submitted."""

    complete: int = 0
    in_progress: int = 0


@dataclass
class Tally:
    """Counts per group (in questionnaire order) for one wave, and the newest submit time."""

    groups: dict[str, GroupCount] = field(default_factory=dict)
    last_submit: datetime | None = None
    other_versions: int = 0  # responses to another version of the questionnaire: not counted
    abandoned: int = 0  # unfinished, untouched for IN_PROGRESS_WINDOW: nobody is answering
    # When the first response counted in progress turns abandoned unless touched again: the
    # counts change then even if the store does not (None: nothing in progress).
    stale_at: datetime | None = None

    @property
    def complete(self) -> int:
        """Submitted responses, all groups together."""
        return sum(c.complete for c in self.groups.values())

    @property
    def in_progress(self) -> int:
        """Started but not yet submitted, all groups together."""
        return sum(c.in_progress for c in self.groups.values())


def _parse_time(text: Any) -> datetime | None:
    if not isinstance(text, str):
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None


def touch(store: Touchable, response_id: str) -> bool:
    """Mark the partial response ``response_id`` as still being answered: save the stored
    record again as it is, so only its ``updated_at`` moves. A submitted (or unknown) response
    is left alone; returns whether it was touched."""
    record = store.get(response_id)
    if record is None or record.get("status") != "partial":
        return False
    store.save(record)
    return True


def is_in_progress(record: Record, now: datetime) -> bool:
    """Whether ``record`` is a partial response touched within :data:`IN_PROGRESS_WINDOW`
    before ``now`` (a partial without a readable ``updated_at`` is not)."""
    if record.get("status") == "complete":
        return False
    touched = _parse_time(record.get("updated_at"))
    return touched is not None and now - touched <= IN_PROGRESS_WINDOW


def _note_stale_at(tally: Tally, record: Record) -> None:
    touched = _parse_time(record.get("updated_at"))
    assert touched is not None  # is_in_progress said so
    stale = touched + IN_PROGRESS_WINDOW
    if tally.stale_at is None or stale < tally.stale_at:
        tally.stale_at = stale


class LiveResponses:
    """Every response to ``questionnaire`` (any version) seen so far, by response id."""

    def __init__(self, questionnaire: Questionnaire) -> None:
        self.questionnaire = questionnaire
        self.records: dict[str, Record] = {}
        self.token: int | None = None

    def poll(self, store: ChangeSource) -> int:
        """Fetch what changed since the last poll; return how many records of ours changed."""
        changed, self.token = store.changes_since(self.token)
        mine = 0
        for record in changed:
            if record.get("questionnaire_id") != self.questionnaire.id:
                continue
            rid = str(record["response_id"])
            if record.get("status") == REMOVED or is_practice(record):
                # Deleted, or a rehearsal (run --test): not part of the session's figures.
                mine += self.records.pop(rid, None) is not None
                continue
            self.records[rid] = record
            mine += 1
        return mine

    def waves(self) -> list[str]:
        """The waves that hold responses, sorted."""
        return sorted({str(r.get("wave", "default")) for r in self.records.values()})

    def _ours(self, record: Record, wave: str | None) -> bool:
        if wave is not None and record.get("wave", "default") != wave:
            return False
        return bool(record.get("questionnaire_version") == self.questionnaire.version)

    def tally(self, wave: str | None, now: datetime | None = None) -> Tally:
        """Counts per group for ``wave`` (None: every wave); unknown groups are not counted.

        An unfinished response untouched for :data:`IN_PROGRESS_WINDOW` counts as abandoned,
        not in progress (:func:`is_in_progress`): the facilitator should not wait at the reveal
        for a closed tab or someone who left.
        """
        now = now or datetime.now(UTC)
        tally = Tally(groups={g: GroupCount() for g in self.questionnaire.group_ids})
        for record in self.records.values():
            if wave is not None and record.get("wave", "default") != wave:
                continue
            if record.get("questionnaire_version") != self.questionnaire.version:
                tally.other_versions += 1
                continue
            count = tally.groups.get(str(record.get("group")))
            if count is None:
                continue
            if record.get("status") == "complete":
                count.complete += 1
                submitted = _parse_time(record.get("submitted_at"))
                if submitted is not None and (
                    tally.last_submit is None or submitted > tally.last_submit
                ):
                    tally.last_submit = submitted
            elif is_in_progress(record, now):
                count.in_progress += 1
                _note_stale_at(tally, record)
            else:
                tally.abandoned += 1
        return tally

    def complete(self, wave: str | None) -> list[Record]:
        """The submitted responses to this version in ``wave`` (None: every wave)."""
        return [
            r
            for r in self.records.values()
            if r.get("status") == "complete" and self._ours(r, wave)
        ]

    def fingerprint(self, wave: str | None) -> frozenset[tuple[str, Any]]:
        """Changes exactly when the set of complete responses (or one of them) changes."""
        return fingerprint(self.complete(wave))


def fingerprint(records: list[Record]) -> frozenset[tuple[str, Any]]:
    """Changes exactly when the set of ``records`` (or one of them) changes."""
    return frozenset((str(r["response_id"]), r.get("updated_at")) for r in records)


# --- figures over time -------------------------------------------------------------------
# One analysis withholds every figure of fewer than min_group_size respondents, but two
# analyses shown one after the other differ by the responses that came in between: a group
# at 5 whose figures refresh at 6 shows the 6th person's answers by subtraction. So once
# figures have been shown, the live view computes them from a *shown set* of responses that
# moves in steps: the responses of one wave and group ("cell") are taken in only when at
# least min_group_size of them are new since the last step. Every two analyses shown then
# differ, cell by cell, by nobody or by at least min_group_size people, and so does any sum
# of cells (a group over all waves, "the rest", everyone). A cell still below
# min_group_size follows the store freely: the analysis withholds every figure such a slice
# takes part in, so nothing of it was shown to compare with.

Cell = tuple[str, str]  # (wave, group)


def _cell(record: Record) -> Cell:
    return str(record.get("wave", "default")), str(record.get("group"))


@dataclass(frozen=True)
class ShownSet:
    """The submitted responses the shown figures are computed from, by cell, in arrival
    order. Never changed in place: :func:`advance_shown` returns a new one."""

    cells: dict[Cell, dict[str, Record]] = field(default_factory=dict)
    order: tuple[str, ...] = ()

    def records(self, wave: str | None) -> list[Record]:
        """The shown set's responses in ``wave`` (None: every wave), in arrival order."""
        by_id = {
            rid: record
            for (cell_wave, _), records in self.cells.items()
            if wave is None or cell_wave == wave
            for rid, record in records.items()
        }
        return [by_id[rid] for rid in self.order if rid in by_id]


def advance_shown(
    shown: ShownSet, submitted: list[Record], minimum: int, *, hold: bool
) -> ShownSet:
    """The shown set after ``submitted`` (every submitted response now, in arrival order).

    Before any figure was shown (``hold`` false) it is simply ``submitted``. Once figures
    are shown, a cell is replaced by its current responses only when it held fewer than
    ``minimum`` or at least ``minimum`` of its current responses are new; otherwise it stays
    as it was, edits included (an edited answer is as telling as a new one).
    """
    current: dict[Cell, dict[str, Record]] = {}
    for record in submitted:
        current.setdefault(_cell(record), {})[str(record["response_id"])] = record
    if hold:
        cells = dict(shown.cells)
        for cell, records in current.items():
            before = shown.cells.get(cell, {})
            new = sum(1 for rid in records if rid not in before)
            if len(before) < minimum or new >= minimum:
                cells[cell] = records
    else:
        cells = current
    arrived = [str(r["response_id"]) for r in submitted]
    known = set(arrived)
    # Responses held from an earlier step but no longer submitted keep their place at the end.
    order = (*arrived, *(rid for rid in shown.order if rid not in known))
    kept = {rid for records in cells.values() for rid in records}
    return ShownSet(cells, tuple(rid for rid in order if rid in kept))


def since_text(moment: datetime | None, now: datetime) -> Text:
    """'no submits yet', '12 s ago', '3 min ago', '2 h 5 min ago'; from two days back the
    date, 'on 2026-04-16' (a count of days reads like a stalled session on an old store).
    A product message: a front end shows it through its ``Words``."""
    if moment is None:
        return texts.NO_SUBMITS_YET
    seconds = max(0, int((now - moment).total_seconds()))
    if seconds < 60:
        return T_(texts.SECONDS_AGO, seconds=seconds)
    minutes = seconds // 60
    if minutes < 60:
        return T_(texts.MINUTES_AGO, minutes=minutes)
    hours = minutes // 60
    if hours < 48:
        return T_(texts.HOURS_AGO, hours=hours, minutes=minutes % 60)
    return T_(texts.ON_DATE, date=f"{moment.astimezone(UTC):%Y-%m-%d}")
