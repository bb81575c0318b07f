"""The dashboard's live state (no UI): what a poll picks up and how it is counted."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from helpers.dashboard import add, small

from survey_tui.core.live import LiveResponses, since_text
from survey_tui.core.store import ResponseStore


def test_poll_reads_only_changes_and_tallies_per_wave(tmp_path: Path) -> None:
    q = small()
    writer = ResponseStore(tmp_path / "r.json")  # another writer on the same file
    add(writer, q, "lead", 4, wave="w1")
    add(writer, q, "eng", 2, wave="w1")
    add(writer, q, "eng", 2, wave="w2", submit=False)
    live = LiveResponses(q)
    reader = ResponseStore(tmp_path / "r.json")
    assert live.poll(reader) == 3
    assert live.poll(reader) == 0  # nothing new: nothing returned
    assert live.waves() == ["w1", "w2"]

    every = live.tally(None)
    assert (every.groups["eng"].complete, every.groups["eng"].in_progress) == (1, 1)
    assert (every.complete, every.in_progress) == (2, 1)
    w2 = live.tally("w2")
    assert (w2.complete, w2.in_progress) == (0, 1) and w2.last_submit is None
    assert live.tally("w1").last_submit is not None

    before = live.fingerprint("w1")
    partial = add(writer, q, "ops", 5, wave="w1", submit=False)
    assert live.poll(reader) == 1
    assert live.fingerprint("w1") == before  # a partial answer does not re-run the analysis
    writer.submit(partial)
    assert live.poll(reader) == 1
    assert live.fingerprint("w1") != before
    assert len(live.complete("w1")) == 3


def test_other_versions_and_questionnaires_are_not_counted(tmp_path: Path) -> None:
    q = small()
    store = ResponseStore(tmp_path / "r.json")
    add(store, q, "lead", 4)
    old = add(store, q, "lead", 4)
    old["questionnaire_version"] = q.version - 1
    store.save(old)
    other = add(store, q, "lead", 4)
    other["questionnaire_id"] = "someone-else"
    store.save(other)
    live = LiveResponses(q)
    live.poll(ResponseStore(tmp_path / "r.json"))
    tally = live.tally(None)
    assert tally.groups["lead"].complete == 1 and tally.other_versions == 1
    complete = {r["response_id"] for r in live.complete(None)}
    assert len(complete) == 1 and old["response_id"] not in complete


def test_since_text_reads_naturally() -> None:
    now = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
    assert since_text(None, now) == "no submits yet"
    assert since_text(now - timedelta(seconds=12), now) == "12 s ago"
    assert since_text(now - timedelta(minutes=3, seconds=5), now) == "3 min ago"
    assert since_text(now - timedelta(hours=2, minutes=5), now) == "2 h 5 min ago"
    # Older than two days (a demo store, last month's workshop): the date, not "229 days ago".
    assert since_text(now - timedelta(days=229), now) == "on 2026-04-09"


def test_an_old_unfinished_response_counts_as_abandoned_not_in_progress(tmp_path: Path) -> None:
    from datetime import UTC, datetime, timedelta

    q = small()
    store = ResponseStore(tmp_path / "r.json")
    add(store, q, "eng", 2, submit=False)
    live = LiveResponses(q)
    live.poll(ResponseStore(tmp_path / "r.json"))
    assert live.tally(None).in_progress == 1
    later = datetime.now(UTC) + timedelta(minutes=6)  # nobody touched it since
    tally = live.tally(None, now=later)
    assert (tally.in_progress, tally.abandoned) == (0, 1)
