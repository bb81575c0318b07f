"""Resume by a random token in a cookie (also after a restart), kiosk mode, the page's
heartbeat and live show_if, and the counts line (closed tabs drop out of "in progress")."""

from __future__ import annotations

import socket
from datetime import UTC, datetime, timedelta
from pathlib import Path

from helpers.web import ALL, Browser, form_client

from survey_tui.core.live import LiveResponses
from survey_tui.core.loader import load
from survey_tui.core.store import ResponseStore
from survey_tui.frontends.web.server import counts_line

SMALL = Path(__file__).parent.parent / "e2e" / "serve_small.yaml"


async def test_closing_the_tab_and_opening_the_link_again_resumes_even_after_a_restart(
    tmp_path: Path,
) -> None:
    q = load(SMALL)
    store = ResponseStore(tmp_path / "r.json")
    client, _ = await form_client(q, store, group="eng")
    browser = Browser(client)
    try:
        await browser.get("/")
        await browser.post()
        await browser.post([("q_impact", "4"), ("action", "next")])
        jar = list(client.session.cookie_jar)
    finally:
        await client.close()
    [record] = store.responses(q.id, status=None)
    token = next(c.value for c in jar if c.key == "st_resume")
    assert record["resume_key"] == token and len(token) >= 32  # random, not an identifier
    assert socket.gethostname() not in token

    # A new server process on the same store; the browser comes back with its cookies.
    client, _ = await form_client(q, ResponseStore(tmp_path / "r.json"), group="eng")
    for cookie in jar:
        client.session.cookie_jar.update_cookies(
            {cookie.key: cookie.value}, response_url=client.make_url("/")
        )
    browser = Browser(client)
    try:
        await browser.get("/")
        assert browser.path == "/page/uses_ai?resumed=1"
        assert "Welcome back" in browser.html and "Start over" in browser.html
        await browser.post([("q_uses_ai", "yes"), ("action", "next")])
        await browser.post([("q_hours", "5"), ("action", "next")])
        await browser.post(action="/submit")
        assert browser.path == "/thanks"
        assert not [c for c in client.session.cookie_jar if c.key == "st_resume"]  # dropped
        await browser.get("/")  # the link again: a new respondent, not the old response
        assert browser.path == "/" and "Start" in browser.html
    finally:
        await client.close()
    [done] = ResponseStore(tmp_path / "r.json").responses(q.id)
    assert done["response_id"] == record["response_id"]
    assert done["answers"] == {"impact": 4, "uses_ai": "yes", "hours": 5}


async def test_start_over_leaves_the_unfinished_response(tmp_path: Path) -> None:
    q = load(SMALL)
    store = ResponseStore(tmp_path / "r.json")
    client, _ = await form_client(q, store, group="eng")
    browser = Browser(client)
    try:
        await browser.get("/")
        await browser.post()
        await browser.post([("q_impact", "2"), ("action", "next")])
        await browser.get("/")
        await browser.post(action="/restart")
        assert browser.path == "/"
        await browser.post()
        assert browser.path == "/page/impact" and "checked" not in browser.html
    finally:
        await client.close()
    records = store.responses(q.id, status=None)
    assert [r["answers"] for r in records] == [{"impact": 2}, {}]


async def test_kiosk_next_respondent_starts_fresh_and_cannot_go_back(tmp_path: Path) -> None:
    q = load(SMALL)
    store = ResponseStore(tmp_path / "r.json")
    client, _ = await form_client(q, store, group="eng", kiosk=True)
    browser = Browser(client)
    try:
        await browser.get("/")
        await browser.post()
        for fields in ([("q_impact", "4")], [("q_uses_ai", "yes")], [("q_hours", "5")]):
            await browser.post([*fields, ("action", "next")])
        await browser.post(action="/submit")
        assert "The survey restarts for the next person" in browser.html
        assert 'data-restart-after="' in browser.html
        # The browser's Back button: the pages are not cached and the response is closed.
        for path in ("/review", "/page/hours", "/page/impact"):
            await browser.get(path)
            assert browser.path == "/", path
        await browser.post()
        assert browser.path == "/page/impact" and "checked" not in browser.html
    finally:
        await client.close()
    records = store.responses(q.id, status=None)
    assert [r["status"] for r in records] == ["complete", "partial"]
    assert all(r.get("resume_key") is None for r in records)  # nothing to come back with


async def test_a_second_click_on_submit_lands_on_the_thank_you_page(tmp_path: Path) -> None:
    q = load(SMALL)
    store = ResponseStore(tmp_path / "r.json")
    client, _ = await form_client(q, store, group="eng")
    browser = Browser(client)
    try:
        await browser.get("/")
        await browser.post()
        for fields in ([("q_impact", "4")], [("q_uses_ai", "yes")], [("q_hours", "5")]):
            await browser.post([*fields, ("action", "next")])
        form = browser.form("/submit")
        cookies = {c.key: c.value for c in client.session.cookie_jar}
        for _ in range(2):  # both clicks carry the cookies of the review page
            response = await client.post(
                "/submit", data=form["hidden"], headers={"Origin": browser.origin}, cookies=cookies
            )
            assert response.url.path == "/thanks"
    finally:
        await client.close()
    assert len(store.responses(q.id)) == 1


async def test_the_pages_script_saves_as_you_go_and_reports_what_shows(tmp_path: Path) -> None:
    q = load(ALL)
    store = ResponseStore(tmp_path / "r.json")
    client, _ = await form_client(q, store, group="eng", per_page="section")
    browser = Browser(client)
    try:
        await browser.get("/")
        await browser.post([("consent", "yes")])
        form = browser.form()
        response = await client.post(
            "/save/first",
            data=[*form["hidden"], ("q_impact", "4"), ("q_tool", "none")],
            headers={"Origin": browser.origin},
        )
        assert response.status == 200
        data = await response.json()
    finally:
        await client.close()
    assert data["visible"] == ["impact", "recommend", "tool", "why_none"]
    assert data["progress"] == "Questions 1-4 of up to 10"
    [record] = store.responses(q.id, status=None)
    assert record["answers"] == {"impact": 4, "tool": "none"}


async def test_a_page_view_keeps_a_quiet_response_in_progress(tmp_path: Path) -> None:
    q = load(SMALL)
    store = ResponseStore(tmp_path / "r.json")
    client, server = await form_client(q, store, group="eng")
    now = [1000.0]
    server.respondents.clock = lambda: now[0]
    browser = Browser(client)
    try:
        await browser.get("/")
        await browser.post()
        _, token = store.changes_since(None)
        now[0] += 30  # a reload half a minute later writes nothing
        await browser.get("/page/impact")
        assert store.changes_since(token)[0] == []
        now[0] += 61  # a minute on: the page view touches the response
        await browser.get("/page/impact")
        [touched], _ = store.changes_since(token)
    finally:
        await client.close()
    assert touched["status"] == "partial" and touched["answers"] == {}


def test_the_counts_line_leaves_out_closed_tabs(tmp_path: Path) -> None:
    q = load(SMALL)
    store = ResponseStore(tmp_path / "r.json")
    live = LiveResponses(q)
    done = store.start(q, group="eng", mode="serve")
    store.submit(done)
    store.start(q, group="eng", mode="serve")
    stale = store.start(q, group="exec", mode="serve")
    store.start(q, group="eng", wave="other", mode="serve")  # another wave: not counted
    live.poll(store)
    now = datetime.now(UTC)
    assert counts_line(live.tally("default", now)) == (
        "complete: exec 0, eng 1 · in progress: exec 1, eng 1"
    )
    # The exec tab was closed long ago: its response was never touched again.
    live.records[stale["response_id"]]["updated_at"] = (now - timedelta(hours=2)).isoformat()
    assert counts_line(live.tally("default", now)) == "complete: exec 0, eng 1 · in progress: eng 1"


async def test_the_dashboard_sees_a_browser_answer_as_it_lands(tmp_path: Path) -> None:
    q = load(SMALL)
    store = ResponseStore(tmp_path / "r.json")
    dashboard = LiveResponses(q)  # the dashboard's own view, polling the same store file
    dashboard.poll(ResponseStore(tmp_path / "r.json"))
    client, _ = await form_client(q, store, group="eng")
    browser = Browser(client)
    try:
        await browser.get("/")
        await browser.post()
        await browser.post([("q_impact", "4"), ("action", "next")])
        assert dashboard.poll(ResponseStore(tmp_path / "r.json")) == 1
        [record] = dashboard.records.values()
        assert record["answers"] == {"impact": 4} and record["status"] == "partial"
        assert dashboard.tally("default").groups["eng"].in_progress == 1
    finally:
        await client.close()
