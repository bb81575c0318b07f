"""``core.flow``: pages per question or per section, progress with "up to", review, submit check."""

from __future__ import annotations

from pathlib import Path

import pytest

from survey_tui.core import flow
from survey_tui.core.loader import load
from survey_tui.core.session import Session
from survey_tui.core.store import ResponseStore

ALL = Path(__file__).parent.parent / "web" / "web_all.yaml"


@pytest.fixture
def session(tmp_path: Path) -> Session:
    return Session(load(ALL), ResponseStore(tmp_path / "r.json"), group="eng")


def keys(pages: list[flow.Page]) -> list[str]:
    return [p.key for p in pages]


def test_question_pages_follow_the_conditions(session: Session) -> None:
    assert keys(flow.pages(session)) == [
        *("impact", "recommend", "tool", "tasks", "hours", "share", "grid", "comment"),
    ]
    session.record_answer("tool", "none")
    assert flow.next_page(session, "tool").key == "why_none"  # type: ignore[union-attr]
    assert flow.previous_page(session, "tasks").key == "why_none"  # type: ignore[union-attr]
    assert flow.previous_page(session, "impact") is None
    assert flow.next_page(session, "comment") is None


def test_next_page_works_from_a_page_its_answer_just_hid(session: Session) -> None:
    session.record_answer("tool", "none")
    session.record_answer("why_none", "cost")
    session.record_answer("tool", "copilot")  # back, and changed: why_none is hidden now
    assert flow.find_page(session, "why_none") is None
    assert flow.next_page(session, "why_none").key == "tasks"  # type: ignore[union-attr]


def test_section_pages_and_groups(tmp_path: Path) -> None:
    q = load(ALL)
    store = ResponseStore(tmp_path / "r.json")
    eng = Session(q, store, group="eng")
    lead = Session(q, store, group="lead")
    assert keys(flow.pages(eng, "section")) == ["first", "second", "third"]
    assert keys(flow.pages(lead, "section")) == ["first", "second"]  # third: engineers only
    first = flow.first_page(eng, "section")
    assert first is not None and [x.id for x in first.questions] == ["impact", "recommend", "tool"]
    assert [x.id for x in flow.section_candidates(eng, q.sections[0])] == [
        *("impact", "recommend", "tool", "why_none"),
    ]
    assert flow.next_page(lead, "second", "section") is None


def test_progress_counts_questions_a_later_answer_may_still_show(session: Session) -> None:
    impact = flow.find_page(session, "impact")
    assert impact is not None
    # Visible now: 8; why_none (reads tool) and detail (reads share) may still appear.
    assert flow.progress(session, impact).text() == "Question 1 of up to 10"
    session.record_answer("tool", "copilot")
    tasks = flow.find_page(session, "tasks")
    assert tasks is not None
    assert flow.progress(session, tasks).text() == "Question 4 of up to 9"
    session.record_answer("share", 10)  # detail's condition is decided: false
    grid = flow.find_page(session, "grid")
    assert grid is not None
    assert flow.progress(session, grid).text() == "Question 7 of 8"


def test_progress_of_a_section_page_names_its_range(session: Session) -> None:
    second = flow.find_page(session, "second", "section")
    assert second is not None
    assert flow.progress(session, second).text() == "Questions 4-6 of up to 9"


def test_an_open_condition_on_a_skipped_question_is_no_longer_counted(tmp_path: Path) -> None:
    q = load(ALL)
    session = Session(q, ResponseStore(tmp_path / "r.json"), group="eng")
    for qid, value in {"impact": 3, "recommend": 7, "tool": "copilot", "tasks": ["code"]}.items():
        session.record_answer(qid, value)
    # share left unanswered and passed: detail can no longer appear.
    grid = flow.find_page(session, "grid")
    assert grid is not None and flow.progress(session, grid).text() == "Question 7 of 8"


def test_review_items_and_first_problem(session: Session) -> None:
    session.record_answer("impact", 4)
    items = flow.review_items(session)
    assert [i.number for i in items] == list(range(1, 9))
    assert items[0].text == "AI made me faster." and items[0].answer == "4 - Agree"
    assert items[1].answer == "(no answer)"
    problem = flow.first_problem(session)
    assert problem is not None
    assert problem[0].id == "recommend" and problem[1] == "This question needs an answer."


def test_resume_page_is_the_first_unanswered(session: Session) -> None:
    session.record_answer("impact", 4)
    assert flow.resume_page(session).key == "recommend"  # type: ignore[union-attr]
    assert flow.resume_page(session, "section").key == "first"  # type: ignore[union-attr]
