"""Which stored responses ``survey-tui delete`` removes, and how it says so before asking.

Practice responses (``run --test``), a whole wave, or one response, always of one
questionnaire (any version, submitted or not). The removal itself is
:meth:`survey_tui.core.store.ResponseStore.delete` (one locked, crash-safe write).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from survey_tui.core.errors import StoreError, suggest
from survey_tui.core.live import is_in_progress
from survey_tui.core.record import Record
from survey_tui.core.store.records import is_practice


@dataclass(frozen=True)
class Selection:
    """What to remove: exactly one of a wave, a response id, or the practice responses."""

    wave: str | None = None
    response_id: str | None = None
    practice: bool = False

    def problem(self) -> str | None:
        """Why this selection cannot be used (not exactly one choice), or None."""
        chosen = sum((self.wave is not None, self.response_id is not None, self.practice))
        if chosen != 1:
            return "choose exactly one of --wave W, --response ID or --test"
        return None


def select(records: list[Record], questionnaire_id: str, selection: Selection) -> list[Record]:
    """The responses to ``questionnaire_id`` that ``selection`` names; a StoreError when a
    wave or a response id names none (a typo must not pass as "nothing to delete")."""
    mine = [r for r in records if r.get("questionnaire_id") == questionnaire_id]
    if selection.practice:
        return [r for r in mine if is_practice(r)]
    if selection.response_id is not None:
        found = [r for r in mine if r.get("response_id") == selection.response_id]
        if not found:
            raise StoreError(
                f"no response {selection.response_id!r} to {questionnaire_id!r}; nothing was "
                "deleted (response ids are in survey-tui export --format json)"
            )
        return found
    wave = selection.wave
    found = [r for r in mine if r.get("wave", "default") == wave]
    if not found:
        waves = sorted({str(r.get("wave", "default")) for r in mine})
        hint = suggest(str(wave), waves)
        listed = f"; its waves: {', '.join(waves)}" if waves else ""
        raise StoreError(
            f"no responses to {questionnaire_id!r} in wave {wave!r}{hint}{listed}; "
            "nothing was deleted"
        )
    return found


def describe(records: list[Record], now: datetime | None = None) -> str:
    """ "3 responses (2 submitted, 1 unfinished, 1 of them still being answered)"."""
    now = now or datetime.now(UTC)
    submitted = sum(r.get("status") == "complete" for r in records)
    unfinished = len(records) - submitted
    answering = sum(is_in_progress(r, now) for r in records)
    what = "response" if len(records) == 1 else "responses"
    parts = [f"{submitted} submitted"] if submitted else []
    parts += [f"{unfinished} unfinished"] if unfinished else []
    if answering:
        parts.append(f"{answering} still being answered, which comes back with its next answer")
    return f"{len(records)} {what} ({', '.join(parts)})"
