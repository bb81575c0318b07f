"""Session notes and seconds (interview mode), checked in a real store file."""

from __future__ import annotations

from pathlib import Path

import pytest

from survey_tui.core.loader import load
from survey_tui.core.session import Session, Stopwatch, length_summary
from survey_tui.core.store import ResponseStore

SMALL = Path(__file__).parent.parent / "ui" / "run_small.yaml"


def test_notes_are_saved_resumed_and_pruned_with_hidden_questions(tmp_path: Path) -> None:
    db = tmp_path / "r.json"
    store = ResponseStore(db)
    session = Session(load(SMALL), store, group="a", mode="interview", resume_key="k")
    session.record_answer("lik", 2, seconds=3.04)
    session.set_note("why", "  said: [only legacy]  ")  # "why" is shown while lik <= 2
    session.set_note("hours", "declined to guess")
    session.add_seconds("hours", 10.02)
    session.add_seconds("hours", 10.02)  # summed unrounded, rounded once when saved
    session.add_seconds("why", 0.0)  # no time, no entry
    session.set_note("why", "said: [only legacy]")

    [partial] = store.responses("small", status="partial")
    assert partial["mode"] == "interview"
    assert partial["notes"] == {"why": "said: [only legacy]", "hours": "declined to guess"}
    assert partial["seconds"] == {"lik": 3.0, "hours": 20.0}

    resumed = Session.resumed(load(SMALL), ResponseStore(db), partial)
    assert resumed.notes == partial["notes"] and resumed.mode == "interview"
    resumed.set_note("hours", "   ")  # blank removes the note
    assert "hours" not in ResponseStore(db).responses("small", status="partial")[0]["notes"]
    resumed.set_note("hours", "declined to guess")
    resumed.record_answer("lik", 4)  # hides "why": its note goes on submit, like an answer
    record = resumed.submit()
    assert record["notes"] == {"hours": "declined to guess"}
    # Seconds stay for answered or noted questions (a noted, unanswered one too).
    assert record["seconds"] == {"lik": 3.0, "hours": 20.0}
    [stored] = ResponseStore(db).responses("small")
    assert stored["notes"] == record["notes"] and stored["status"] == "complete"


def test_stopwatch_reads_the_given_clock() -> None:
    now = [100.0]
    watch = Stopwatch(lambda: now[0])
    now[0] += 2.5
    assert watch.elapsed() == pytest.approx(2.5)
    assert watch.lap() == pytest.approx(2.5)
    now[0] += 1.0
    assert watch.elapsed() == pytest.approx(1.0)


def test_length_summary_singular_and_plural() -> None:
    assert length_summary(load(SMALL)).startswith(
        "up to 7 questions, about "
    )  # "why" is conditional
    one = load(SMALL.parent / "nps_only.yaml")
    assert length_summary(one) == "1 question, about 1 minute."


def test_resume_point_survey_first_gap_interview_furthest_reached(tmp_path: Path) -> None:
    store = ResponseStore(tmp_path / "r.json")
    for mode, expected in (("run", "hours"), ("interview", "grid")):
        session = Session(load(SMALL), store, group="a", mode=mode)
        session.record_answer("lik", 4, seconds=2.0)
        session.add_seconds("hours", 3.0)  # visited, left without an answer
        session.set_note("grid", "skipped the grid")  # reached, only a note
        resumed = Session.resumed(load(SMALL), store, dict(session.record or {}))
        point = resumed.resume_point()
        assert point is not None and point.id == expected, mode
