"""The feedback log's form at /log: logging, errors, undo, the same security as every page,
and hostile notes shown as text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient
from helpers.web import Browser, form_client

from survey_tui.core.feedback.entries import stored_entries
from survey_tui.core.loader import load
from survey_tui.core.store import ResponseStore

FIXTURES = Path(__file__).parent.parent / "fixtures" / "feedback"
TEAM = FIXTURES / "log_team.yaml"
GOOD = [
    ("group", "frontline"),
    ("workflow", "test_writing"),
    ("tool", "github_copilot"),
    ("outcome", "corrected"),
    ("minutes", "15"),
    ("note", "mocked the wrong layer"),
]


async def opened(tmp_path: Path, **config: object) -> tuple[Browser, TestClient, ResponseStore]:
    store = ResponseStore(tmp_path / "r.json")
    client, _ = await form_client(load(TEAM), store, **config)  # type: ignore[arg-type]
    browser = Browser(client)
    await browser.get("/log")
    assert browser.status == 200, browser.html
    return browser, client, store


async def test_an_entry_is_logged_and_the_next_form_remembers_the_choices(tmp_path: Path) -> None:
    browser, client, store = await opened(tmp_path)
    try:
        await browser.post(GOOD, action="/log")
        assert browser.path == "/log?done=1" and browser.status == 200
        assert "Logged." in browser.html
        [entry] = stored_entries(store)
        assert entry["workflow"] == "test_writing" and entry["tool"] == "github_copilot"
        assert entry["outcome"] == "corrected" and entry["minutes"] == 15
        assert entry["group"] == "frontline" and re.fullmatch(r"[0-9a-f]{32}", entry["contributor"])
        assert re.fullmatch(r"\d{4}-\d\d-\d\d", entry["date"])  # the day only
        # The next form starts at this browser's last group, workflow and tool.
        assert 'value="test_writing" selected' in browser.html
        assert 'value="github_copilot" selected' in browser.html
        assert 'id="log-group-frontline" name="group" value="frontline" checked' in browser.html
        # A second entry from the same browser is the same contributor.
        await browser.post([*GOOD[:4], ("minutes", "5")], action="/log")
        first, second = stored_entries(store)
        assert first["contributor"] == second["contributor"]
    finally:
        await client.close()


async def test_two_browsers_are_two_contributors(tmp_path: Path) -> None:
    browser, client, store = await opened(tmp_path)
    try:
        await browser.post(GOOD, action="/log")
        client.session.cookie_jar.clear()  # another browser: no cookies of the first
        other = Browser(client)
        await other.get("/log")
        await other.post(GOOD, action="/log")
        contributors = {e["contributor"] for e in stored_entries(store)}
        assert len(contributors) == 2
    finally:
        await client.close()


async def test_bad_values_redraw_the_form_with_errors_and_store_nothing(tmp_path: Path) -> None:
    browser, client, store = await opened(tmp_path)
    try:
        fields = dict(GOOD) | {"minutes": "999", "outcome": "", "date": "2999-01-01"}
        await browser.post(list(fields.items()), action="/log")
        assert browser.status == 422
        assert browser.title().startswith("Error:")
        assert 'role="alert"' in browser.html
        assert "999 is outside 0..240 minutes" in browser.html
        assert 'href="#log-outcome"' in browser.html and "in the future" in browser.html
        assert 'id="log-minutes" name="minutes" value="999"' in browser.html  # kept as typed
        assert stored_entries(store) == []
    finally:
        await client.close()


async def test_another_tool_is_stored_as_its_own_text(tmp_path: Path) -> None:
    browser, client, store = await opened(tmp_path)
    try:
        fields = dict(GOOD) | {"tool": "other", "other_tool": "Windsurf"}
        await browser.post(list(fields.items()), action="/log")
        [entry] = stored_entries(store)
        assert entry["tool"] == "Windsurf"
    finally:
        await client.close()


async def test_undo_removes_only_this_browsers_last_entry(tmp_path: Path) -> None:
    browser, client, store = await opened(tmp_path)
    try:
        assert "/log/undo" not in browser.html  # nothing of this browser's yet
        await browser.post(GOOD, action="/log")
        await browser.post([*GOOD[:5], ("note", "second")], action="/log")
        await browser.post([], action="/log/undo")
        assert browser.path == "/log?done=undone"
        [left] = stored_entries(store)
        assert left["note"] == "mocked the wrong layer"
    finally:
        await client.close()


@pytest.mark.parametrize("origin", ["http://evil.example", "null"])
async def test_a_foreign_post_is_refused_and_stores_nothing(tmp_path: Path, origin: str) -> None:
    browser, client, store = await opened(tmp_path)
    try:
        await browser.post(GOOD, action="/log", headers={"Origin": origin})
        assert browser.status == 403
        assert stored_entries(store) == []
    finally:
        await client.close()


async def test_a_post_without_the_form_token_is_refused(tmp_path: Path) -> None:
    browser, client, store = await opened(tmp_path)
    try:
        response = await client.post(
            "/log", data=[*GOOD, ("csrf", "0" * 64)], headers={"Origin": browser.origin}
        )
        assert response.status == 403
        response = await client.post("/log/undo", data=[], headers={"Origin": browser.origin})
        assert response.status == 403
        assert stored_entries(store) == []
    finally:
        await client.close()


@pytest.mark.parametrize(
    "extra",
    [
        [("evil", "1")],  # a field no page sends
        [("minutes", "2")],  # a field twice
        [("note", "x" * 5000)],  # far past the note's bound
    ],
)
async def test_forged_fields_are_refused(tmp_path: Path, extra: list[tuple[str, str]]) -> None:
    browser, client, store = await opened(tmp_path)
    try:
        fields = [f for f in GOOD if f[0] not in {k for k, _ in extra} or extra[0][0] == "minutes"]
        await browser.post([*fields, *extra], action="/log")
        assert browser.status == 400
        assert stored_entries(store) == []
    finally:
        await client.close()


async def test_the_rate_limit_applies_to_the_log(tmp_path: Path) -> None:
    _, client, _ = await opened(tmp_path, rate_limit=1.0)
    try:
        statuses = [(await client.get("/log")).status for _ in range(20)]
        assert 429 in statuses
    finally:
        await client.close()


async def test_a_hostile_note_is_shown_as_text(tmp_path: Path) -> None:
    browser, client, _ = await opened(tmp_path)
    try:
        note = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'
        fields = dict(GOOD) | {"note": note, "minutes": "x"}
        await browser.post(list(fields.items()), action="/log")
        assert browser.status == 422
        assert "<script>" not in browser.html and "<img" not in browser.html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in browser.html
    finally:
        await client.close()


async def test_no_log_form_without_a_feedback_log(tmp_path: Path) -> None:
    small = Path(__file__).parent.parent / "e2e" / "serve_small.yaml"
    client, _ = await form_client(load(small), ResponseStore(tmp_path / "r.json"))
    try:
        assert (await client.get("/log")).status == 404
    finally:
        await client.close()
