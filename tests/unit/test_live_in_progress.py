"""The one rule for "in progress" (core.live): a partial touched within the last 5 minutes.

Closed tabs and terminals used to count as in progress for 30 minutes; open ones now touch
their partial every minute, so 5 minutes without a touch means nobody is answering.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from survey_tui.core.live import (
    IN_PROGRESS_WINDOW,
    TOUCH_INTERVAL,
    LiveResponses,
    is_in_progress,
    touch,
)
from survey_tui.core.loader import load
from survey_tui.core.store import ResponseStore

SMALL = Path(__file__).parent.parent / "ui" / "dashboard_small.yaml"
NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


def stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def partial(touched: datetime, **extra: Any) -> dict[str, Any]:
    return {"status": "partial", "updated_at": stamp(touched), **extra}


def test_the_window_is_5_minutes_and_open_front_ends_touch_well_within_it() -> None:
    assert timedelta(minutes=5) == IN_PROGRESS_WINDOW
    assert TOUCH_INTERVAL * 3 <= IN_PROGRESS_WINDOW  # a late touch or two never drops one


def test_a_partial_is_in_progress_only_when_touched_within_the_window() -> None:
    assert is_in_progress(partial(NOW - timedelta(minutes=4, seconds=59)), NOW)
    assert is_in_progress(partial(NOW - IN_PROGRESS_WINDOW), NOW)
    assert not is_in_progress(partial(NOW - timedelta(minutes=5, seconds=1)), NOW)
    assert not is_in_progress(partial(NOW - timedelta(minutes=20)), NOW)  # was 30 min
    assert not is_in_progress({"status": "partial"}, NOW)  # no time: nobody known to answer
    assert not is_in_progress({"status": "complete", "updated_at": stamp(NOW)}, NOW)


def test_tally_counts_stale_partials_as_abandoned_and_says_when_the_next_goes_stale(
    tmp_path: Path,
) -> None:
    q = load(SMALL)
    fresh, older, stale = (NOW - timedelta(minutes=m) for m in (1, 3, 6))
    store = ResponseStore(tmp_path / "r.json")
    store.insert_many(
        [
            {**_record(q, "eng"), **partial(fresh)},
            {**_record(q, "lead"), **partial(older)},
            {**_record(q, "ops"), **partial(stale)},
        ]
    )
    live = LiveResponses(q)
    live.poll(store)
    tally = live.tally(None, now=NOW)
    assert {g: c.in_progress for g, c in tally.groups.items()} == {"lead": 1, "eng": 1, "ops": 0}
    assert tally.abandoned == 1
    assert tally.stale_at == older + IN_PROGRESS_WINDOW  # the first to drop out
    later = live.tally(None, now=older + IN_PROGRESS_WINDOW + timedelta(seconds=1))
    assert (later.in_progress, later.abandoned) == (1, 2)


def test_touch_moves_only_updated_at_of_a_partial(tmp_path: Path) -> None:
    q = load(SMALL)
    store = ResponseStore(tmp_path / "r.json")
    old = stamp(datetime.now(UTC) - timedelta(hours=1))
    record = {**_record(q, "eng"), **partial(datetime.now(UTC) - timedelta(hours=1))}
    record["answers"] = {"speed": 3}
    done = {**_record(q, "lead"), "status": "complete", "updated_at": old}
    store.insert_many([record, done])

    assert touch(store, record["response_id"])
    again = ResponseStore(tmp_path / "r.json").get(record["response_id"])
    assert again is not None and again["updated_at"] != old
    assert is_in_progress(again, datetime.now(UTC))
    assert {k: v for k, v in again.items() if k != "updated_at"} == {
        k: v for k, v in record.items() if k != "updated_at"
    }
    # A submitted response is never re-saved (the dashboard would re-analyse), nor an unknown.
    assert not touch(store, done["response_id"])
    assert store.get(done["response_id"])["updated_at"] == old  # type: ignore[index]
    assert not touch(store, "no-such-response")


def _record(q: Any, group: str) -> dict[str, Any]:
    import uuid

    return {
        "response_id": str(uuid.uuid4()),
        "questionnaire_id": q.id,
        "questionnaire_version": q.version,
        "group": group,
        "wave": "default",
        "answers": {},
    }
