"""The web form's respondent flow over HTTP: welcome, pages, back, review with edit links,
submit, thank-you; per question and per section; and the record equals the TUI's."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.web import (
    ALL,
    SHIPPED,
    Browser,
    answer_through_core,
    comparable,
    fields_for,
    form_client,
    sample_answer,
    walk,
)

from survey_tui.core.loader import load
from survey_tui.core.store import ResponseStore


def sample(q, group):  # type: ignore[no-untyped-def]
    return {question.id: sample_answer(q, question) for question in q.questions()}


@pytest.mark.parametrize("per_page", ["question", "section"])
@pytest.mark.parametrize("path", [ALL, *SHIPPED], ids=lambda p: getattr(p, "stem", p))
async def test_the_web_record_equals_the_tuis(tmp_path: Path, path: Path, per_page: str) -> None:
    q = load(path)
    group = q.group_ids[-1]
    answers = sample(q, group)
    web_store = ResponseStore(tmp_path / "web.json")
    # The walk answers the whole flagship (over 30 pages) in about a second, faster than any
    # person; the per-device rate limit is tested on its own (test_web_security.py).
    client, _ = await form_client(q, web_store, per_page=per_page, rate_limit=1000.0)
    try:
        await walk(Browser(client), q, answers, group=group)
    finally:
        await client.close()
    mode = "interview" if q.mode == "interview" else "serve"
    core = answer_through_core(q, ResponseStore(tmp_path / "core.json"), group, answers, mode)
    [web] = web_store.responses(q.id, status=None)
    assert web["status"] == "complete" and web["mode"] == mode
    assert comparable(web) == comparable(core)
    assert web["answers"]  # something was asked and stored


async def test_question_pages_in_order_with_progress_and_conditions(tmp_path: Path) -> None:
    q = load(ALL)
    answers = sample(q, "eng") | {"tool": "none", "share": 50}
    client, _ = await form_client(q, ResponseStore(tmp_path / "r.json"))
    try:
        titles = await walk(Browser(client), q, answers, group="eng")
    finally:
        await client.close()
    assert titles == [
        "Question 1 of up to 10 - Every question type",
        "Question 2 of up to 10 - Every question type",
        "Question 3 of up to 10 - Every question type",
        "Question 4 of up to 10 - Every question type",  # why_none: tool == 'none'
        "Question 5 of up to 10 - Every question type",
        "Question 6 of up to 10 - Every question type",
        "Question 7 of up to 10 - Every question type",
        "Question 8 of 10 - Every question type",  # detail: share >= 40
        "Question 9 of 10 - Every question type",
        "Question 10 of 10 - Every question type",
        "Review your answers - Every question type",
    ]


async def test_section_pages_show_a_follow_up_that_the_page_itself_brings_up(
    tmp_path: Path,
) -> None:
    q = load(ALL)
    store = ResponseStore(tmp_path / "r.json")
    client, _ = await form_client(q, store, per_page="section")
    browser = Browser(client)
    try:
        await browser.get("/")
        await browser.post([("consent", "yes"), ("group", "lead")])
        assert browser.path == "/page/first"
        assert 'data-qid="why_none" hidden' in browser.html  # there, hidden until needed
        first = [("q_impact", "4"), ("q_recommend", "9"), ("q_tool", "none")]
        await browser.post([*first, ("action", "next")])
        # No script ran: the server shows the page again with the new question on it.
        assert browser.path == "/page/first" and browser.status == 200
        assert "brought up more questions" in browser.html
        assert 'data-qid="why_none" hidden' not in browser.html
        await browser.post([*first, ("q_why_none", "Too costly"), ("action", "next")])
        assert browser.path == "/page/second"
        assert "Questions 5-7 of up to 8" in browser.html
        assert 'data-qid="detail"' in browser.html
    finally:
        await client.close()
    [record] = store.responses(q.id, status=None)
    assert record["answers"]["why_none"] == "Too costly"


async def test_back_keeps_what_was_typed_and_the_first_page_goes_back_to_the_groups(
    tmp_path: Path,
) -> None:
    q = load(ALL)
    store = ResponseStore(tmp_path / "r.json")
    client, _ = await form_client(q, store)
    browser = Browser(client)
    try:
        await browser.get("/")
        await browser.post([("consent", "yes"), ("group", "lead")])
        await browser.post([("q_impact", "2"), ("action", "next")])
        assert browser.path == "/page/recommend"
        await browser.post([("q_recommend", "7"), ("action", "back")])  # kept, not checked
        assert browser.path == "/page/impact"
        assert 'value="2" checked' in browser.html
        await browser.post([("q_impact", "2"), ("action", "back")])
        assert browser.path == "/?back=1"
        assert 'value="lead" checked' in browser.html and "consent" in browser.html
        await browser.post([("consent", "yes"), ("group", "eng")])  # change the group
        assert browser.path == "/page/impact" and "AI made me faster." in browser.html
    finally:
        await client.close()
    [record] = store.responses(q.id, status=None)  # still one response, now an engineer's
    assert record["group"] == "eng" and record["answers"] == {"impact": 2, "recommend": 7}


async def test_review_edit_link_returns_to_the_review_and_hidden_answers_are_dropped(
    tmp_path: Path,
) -> None:
    q = load(ALL)
    store = ResponseStore(tmp_path / "r.json")
    answers = sample(q, "eng") | {"tool": "none", "why_none": "Too costly"}
    client, _ = await form_client(q, store)
    browser = Browser(client)
    try:
        await browser.get("/")
        await browser.post([("consent", "yes"), ("group", "eng")])
        while browser.path.startswith("/page/"):
            qid = browser.path.removeprefix("/page/").split("?")[0]
            await browser.post([*fields_for(q.question(qid), answers[qid]), ("action", "next")])  # type: ignore[arg-type]
        assert browser.path == "/review"
        assert 'href="/page/tool?return=review#q-tool"' in browser.html
        await browser.get("/page/tool?return=review")
        await browser.post([("q_tool", "copilot"), ("action", "next")])
        assert browser.path == "/review"  # why_none is hidden now: nothing else to answer
        assert "Why no tool?" not in browser.html
        await browser.post(action="/submit")
        assert browser.path == "/thanks" and "Your response has been recorded." in browser.html
    finally:
        await client.close()
    [record] = store.responses(q.id)
    assert record["answers"]["tool"] == "copilot" and "why_none" not in record["answers"]
    assert "why_none" not in record["seconds"]


async def test_submit_with_a_missing_answer_goes_to_that_question(tmp_path: Path) -> None:
    q = load(ALL)
    store = ResponseStore(tmp_path / "r.json")
    client, _ = await form_client(q, store, group="lead")
    browser = Browser(client)
    try:
        await browser.get("/")
        await browser.post([("consent", "yes")])
        await browser.post([("q_impact", "4"), ("action", "next")])
        await browser.get("/review")  # straight to the review, recommend not answered
        await browser.post(action="/submit")
        assert browser.path == "/page/recommend?return=review&check=1"
        assert browser.status == 422 and "This question needs an answer." in browser.html
    finally:
        await client.close()
    assert store.responses(q.id) == []  # nothing submitted


REQUIRED_FOLLOW_UP = b"""
id: follow-up
title: Follow-up
version: 1
groups: [{id: eng, label: Engineers}]
sections:
  - id: first
    title: First
    questions:
      - {id: uses, type: single_choice, options: ['yes', 'no'], text: Do you use AI?}
      - {id: which, type: text, required: true, show_if: "uses == 'yes'", text: Which tools?}
"""


async def test_a_required_follow_up_the_page_brings_up_is_shown_not_refused(
    tmp_path: Path,
) -> None:
    from survey_tui.core.loader import load_bytes

    q = load_bytes(REQUIRED_FOLLOW_UP)
    client, _ = await form_client(q, ResponseStore(tmp_path / "r.json"), per_page="section")
    browser = Browser(client)
    try:
        await browser.get("/")
        await browser.post([("group", "eng")])
        await browser.post([("q_uses", "yes"), ("action", "next")])
        # The respondent never saw "Which tools?": a notice, not "needs an answer" (422).
        assert browser.status == 200 and "brought up more questions" in browser.html
        assert "needs an answer" not in browser.html
        await browser.post([("q_uses", "yes"), ("action", "next")])  # now it was shown
        assert browser.status == 422 and "needs an answer" in browser.html
    finally:
        await client.close()


async def test_section_description_is_shown_where_the_section_starts(tmp_path: Path) -> None:
    journeys = Path(__file__).parents[1] / "ui" / "run_journeys.yaml"
    q = load(journeys)
    client, _ = await form_client(q, ResponseStore(tmp_path / "r.json"))
    browser = Browser(client)
    try:
        await browser.get("/")
        await browser.post([("consent", "yes"), ("group", "eng")])
        assert "section-intro" not in browser.html
        await browser.get("/page/measured")
        assert '<div class="markdown section-intro"><p>These questions are optional.</p>' in (
            browser.html
        )
        await browser.get("/page/shared")
        assert "section-intro" not in browser.html
    finally:
        await client.close()


async def test_an_interview_guide_welcome_speaks_to_the_interviewer(tmp_path: Path) -> None:
    guide = Path(__file__).parents[2] / "questionnaires" / "ai_implementation_interview.yaml"
    client, _ = await form_client(load(guide), ResponseStore(tmp_path / "r.json"))
    browser = Browser(client)
    try:
        await browser.get("/")
        assert "The interviewee agrees to take part" in browser.html
        assert "Which group is the interviewee in?" in browser.html
        assert "describes you best" not in browser.html
    finally:
        await client.close()
