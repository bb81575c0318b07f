"""Every rule the TUI enforces holds in the browser: the same messages from the same checks,
errors linked to their fields, and nothing stored that the TUI would refuse."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.web import ALL, Browser, form_client

from survey_tui.core.loader import load
from survey_tui.core.store import ResponseStore

PAGES = ["impact", "recommend", "tool", "tasks", "hours", "share", "grid", "comment"]


async def at_page(tmp_path: Path, key: str) -> tuple[Browser, ResponseStore, object]:
    q = load(ALL)
    store = ResponseStore(tmp_path / "r.json")
    client, _ = await form_client(q, store, group="eng")
    browser = Browser(client)
    await browser.get("/")
    await browser.post([("consent", "yes")])
    await browser.get(f"/page/{key}")
    assert browser.status == 200, browser.html
    return browser, store, client


def described_by(html: str, key: str) -> str:
    """The aria-describedby of the question's fieldset (choices) or field (typed answers)."""
    for marker in (
        '<fieldset class="question q-',
        '<input type="text" inputmode="decimal" id="f-',
    ):
        for tag in html.split(marker)[1:]:
            tag = tag.split(">")[0]
            if f'"q-{key}"' in tag or tag.startswith(f'{key}"'):
                return tag.split('aria-describedby="')[1].split('"')[0]
    raise AssertionError(f"no field of {key} described")


@pytest.mark.parametrize(
    ("key", "fields", "message"),
    [
        ("impact", [], "This question needs an answer."),
        ("tasks", [], "This question needs an answer."),
        (
            "tasks",
            [
                ("q_tasks", "code"),
                ("q_tasks", "tests"),
                ("q_tasks", "docs"),
                ("q_tasks", "reviews"),
            ],
            "Choose at most 3 (now 4).",
        ),
        (
            "tasks",
            [("q_tasks", "code"), ("q_tasks__other", "a; b")],
            "The &#39;Other&#39; answer cannot contain &#39;;&#39;.",
        ),
        ("hours", [("q_hours", "41")], "Type a number from 0 to 40 hours."),
        ("hours", [("q_hours", "many")], "Type a number."),
        ("hours", [("q_hours", "1,000")], "Write 1000 or 1.000, without a comma."),
        ("share", [("q_share", "12.5")], "Type a whole number."),
        ("grid", [("q_grid__code", "4")], "Rate every row (missing: Code review)."),
        ("tool", [("q_tool", "__other__")], "This question needs an answer."),
    ],
)
async def test_the_tuis_checks_refuse_the_same_answers(
    tmp_path: Path, key: str, fields: list[tuple[str, str]], message: str
) -> None:
    browser, store, client = await at_page(tmp_path, key)
    try:
        await browser.post([*fields, ("action", "next")])
        assert browser.status == 422 and browser.path == f"/page/{key}"
        assert message in browser.html
        # The error is linked to the question and announced, the title says so.
        assert f'id="error-{key}"' in browser.html and 'role="alert"' in browser.html
        assert f"error-{key}" in described_by(browser.html, key)
        assert browser.title().startswith("Error: ")
    finally:
        await client.close()  # type: ignore[attr-defined]
    [record] = store.responses("web-all", status=None)
    assert key not in record["answers"]  # nothing the TUI would refuse was stored


@pytest.mark.parametrize(
    ("key", "rule"),
    [("hours", "Type a number from 0 to 40 hours."), ("tasks", "Choose 1 to 3.")],
)
async def test_the_hint_under_a_question_is_the_rule_the_terminal_shows(
    tmp_path: Path, key: str, rule: str
) -> None:
    browser, _, client = await at_page(tmp_path, key)
    await client.close()  # type: ignore[attr-defined]
    assert f'<p class="hint" id="hint-{key}">{rule}</p>' in browser.html


async def test_a_refused_number_stays_in_its_field_and_is_described_by_its_error(
    tmp_path: Path,
) -> None:
    browser, _, client = await at_page(tmp_path, "hours")
    try:
        await browser.post([("q_hours", "many"), ("action", "next")])
    finally:
        await client.close()  # type: ignore[attr-defined]
    field = browser.html.split('id="f-hours"')[1].split(">")[0]
    assert 'value="many"' in field and 'aria-invalid="true"' in field
    assert 'aria-describedby="hint-hours error-hours"' in field


async def test_accepted_answers_are_stored_as_the_tui_stores_them(tmp_path: Path) -> None:
    browser, store, client = await at_page(tmp_path, "tool")
    try:
        await browser.post(
            [("q_tool", "__other__"), ("q_tool__other", " Cursor "), ("action", "next")]
        )
        assert browser.path == "/page/tasks"
        await browser.post(
            [
                ("q_tasks", "tests"),
                ("q_tasks", "code"),
                ("q_tasks__other", "Slides"),
                ("action", "next"),
            ]
        )
        await browser.post([("q_hours", "2,5 hours"), ("action", "next")])
        await browser.post([("q_share", "40"), ("action", "next")])
        await browser.post([("q_detail", "line one\r\nline two  "), ("action", "next")])
        assert browser.path == "/page/grid"
    finally:
        await client.close()  # type: ignore[attr-defined]
    [record] = store.responses("web-all", status=None)
    assert record["answers"] == {
        "tool": "Cursor",  # an "Other" answer is the text itself
        "tasks": ["code", "tests", "Slides"],  # options in their order, then the Other text
        "hours": 2.5,  # "2,5" and the unit are read as the TUI reads them
        "share": 40,
        "detail": "line one\nline two",
    }


async def test_an_optional_question_may_be_left_empty(tmp_path: Path) -> None:
    browser, store, client = await at_page(tmp_path, "comment")
    try:
        await browser.post([("q_comment", "   "), ("action", "next")])
        assert browser.path == "/review"
    finally:
        await client.close()  # type: ignore[attr-defined]
    [record] = store.responses("web-all", status=None)
    assert "comment" not in record["answers"]


async def test_consent_and_group_are_required_on_the_welcome_page(tmp_path: Path) -> None:
    q = load(ALL)
    store = ResponseStore(tmp_path / "r.json")
    client, _ = await form_client(q, store)
    browser = Browser(client)
    try:
        await browser.get("/")
        await browser.post([("group", "eng")])
        assert (
            browser.status == 422 and "Please tick &#39;I agree&#39; to take part." in browser.html
        )
        await browser.post([("consent", "yes")])
        assert (
            browser.status == 422 and "Please choose the group that describes you." in browser.html
        )
        assert 'href="#group-lead"' in browser.html  # the summary links to the first choice
    finally:
        await client.close()
    assert not (tmp_path / "r.json").exists() or store.responses(status=None) == []
