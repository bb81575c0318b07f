"""Nobody gets in: forged origins and tokens are refused with nothing stored, every input is
bounded, the Host header is never echoed, static files have no listing, strict headers,
and whatever a respondent types comes back as text."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient
from helpers.web import ALL, Browser, form_client

from survey_tui.core.loader import load
from survey_tui.core.store import ResponseStore

SMALL = Path(__file__).parent.parent / "e2e" / "serve_small.yaml"


async def started(tmp_path: Path, **config: object) -> tuple[Browser, TestClient, ResponseStore]:
    """A respondent at the first question of serve_small (one partial stored)."""
    store = ResponseStore(tmp_path / "r.json")
    client, _ = await form_client(load(SMALL), store, group="eng", **config)  # type: ignore[arg-type]
    browser = Browser(client)
    await browser.get("/")
    await browser.post()
    assert browser.path == "/page/impact"
    return browser, client, store


def answers(store: ResponseStore) -> dict[str, object]:
    [record] = store.responses("serve-small", status=None)
    return dict(record["answers"])


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "http://evil.example"},
        {"Origin": "null"},
        {"Origin": "http://127.0.0.1:1"},  # another port is another origin
    ],
)
async def test_a_post_from_another_origin_is_refused_and_stores_nothing(
    tmp_path: Path, headers: dict[str, str], caplog: pytest.LogCaptureFixture
) -> None:
    browser, client, store = await started(tmp_path)
    try:
        with caplog.at_level(logging.WARNING, logger="survey_tui.frontends.web"):
            await browser.post([("q_impact", "4"), ("action", "next")], headers=headers)
        assert browser.status == 403
        # Everything else right (the token too): still refused.
        await browser.get("/page/impact")
        form = browser.form()
        response = await client.post(
            form["action"],
            data=[*form["hidden"], ("q_impact", "4"), ("action", "next")],
            headers={"Referer": "http://evil.example/page"},
            skip_auto_headers=["Origin"],
        )
        assert response.status == 403
    finally:
        await client.close()
    assert answers(store) == {}
    lines = [r for r in caplog.records if "refused" in r.getMessage()]
    assert lines and all(r.exc_info is None for r in lines)  # one line each, no traceback


async def test_a_post_without_origin_is_accepted_from_its_own_referer(tmp_path: Path) -> None:
    browser, client, store = await started(tmp_path)
    try:
        form = browser.form()
        referer = str(client.make_url("/page/impact"))
        response = await client.post(
            form["action"],
            data=[*form["hidden"], ("q_impact", "4"), ("action", "next")],
            headers={"Referer": referer},
            skip_auto_headers=["Origin"],
            allow_redirects=False,
        )
        assert response.status == 303
        response = await client.post(
            form["action"], data=[*form["hidden"], ("q_impact", "5")], allow_redirects=False
        )
        assert response.status == 403  # neither Origin nor Referer
    finally:
        await client.close()
    assert answers(store) == {"impact": 4}


@pytest.mark.parametrize("token", [None, "", "0" * 64, "forged"])
async def test_a_missing_or_forged_form_token_is_refused(tmp_path: Path, token: str | None) -> None:
    browser, client, store = await started(tmp_path)
    try:
        form = browser.form()
        hidden = [(k, v) for k, v in form["hidden"] if k != "csrf"]
        if token is not None:
            hidden.append(("csrf", token))
        response = await client.post(
            form["action"],
            data=[*hidden, ("q_impact", "4"), ("action", "next")],
            headers={"Origin": browser.origin},
        )
        assert response.status == 403
        assert "This page has expired" in await response.text()
    finally:
        await client.close()
    assert answers(store) == {}


async def test_a_token_from_another_browser_is_refused(tmp_path: Path) -> None:
    browser, client, store = await started(tmp_path)
    try:
        stolen = dict(browser.form()["hidden"])["csrf"]
        client.session.cookie_jar.clear_domain("127.0.0.1")  # another browser: other cookies
        await browser.get("/")
        await browser.post()  # starts its own response
        form = browser.form()
        data = [(k, v) for k, v in form["hidden"] if k != "csrf"] + [("csrf", stolen)]
        response = await client.post(
            form["action"], data=[*data, ("q_impact", "4")], headers={"Origin": browser.origin}
        )
        assert response.status == 403
    finally:
        await client.close()
    assert all(r["answers"] == {} for r in store.responses("serve-small", status=None))


async def test_the_host_header_is_never_echoed_and_unknown_hosts_are_refused(
    tmp_path: Path,
) -> None:
    store = ResponseStore(tmp_path / "r.json")
    client, _ = await form_client(load(SMALL), store)
    try:
        ok = await client.get("/", headers={"Host": "192.168.1.20:8123"})
        html = await ok.text()
        assert ok.status == 200 and "192.168.1.20" not in html
        links = re.findall(r'(?:href|src|action)="([^"]*)"', html)
        assert links and all(link.startswith(("/", "#")) for link in links), links
        for host in ('x"><script>alert(1)</script>', "evil.example", "evil.example:8123"):
            refused = await client.get("/", headers={"Host": host})
            assert refused.status == 400
            assert (
                "evil" not in await refused.text() and "<script>alert" not in await refused.text()
            )
    finally:
        await client.close()


async def test_static_files_are_served_without_a_listing(tmp_path: Path) -> None:
    client, _ = await form_client(load(SMALL), ResponseStore(tmp_path / "r.json"))
    try:
        css = await client.get("/static/form.css")
        assert css.status == 200 and css.content_type == "text/css"
        for path in ("/static/", "/static", "/static/..%2fapp.py", "/static/forms.py"):
            response = await client.get(path)
            assert response.status == 404, path
            assert "Page not found" in await response.text()
    finally:
        await client.close()


async def test_every_response_carries_strict_headers(tmp_path: Path) -> None:
    _, client, _ = await started(tmp_path, tls=False)
    try:
        for path in ("/", "/page/impact", "/static/form.js", "/nowhere"):
            response = await client.get(path)
            headers = response.headers
            assert "script-src 'self'" in headers["Content-Security-Policy"], path
            assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
            assert headers["X-Content-Type-Options"] == "nosniff"
            assert headers["X-Frame-Options"] == "DENY"
            assert headers["Referrer-Policy"] == "same-origin"
            assert headers["Server"] == "survey-tui"  # no version of anything
        page = await client.get("/page/impact")
        assert page.headers["Cache-Control"] == "no-store"
        assert "<script>" not in await page.text() and "style=" not in await page.text()
    finally:
        await client.close()


async def test_cookies_are_http_only_same_site_strict_and_secure_over_tls(tmp_path: Path) -> None:
    store = ResponseStore(tmp_path / "r.json")
    for tls in (False, True):
        client, _ = await form_client(load(SMALL), store, group="eng", tls=tls)
        try:
            page = await client.get("/")
            csrf = re.search(r'name="csrf" value="([^"]+)"', await page.text()).group(1)  # type: ignore[union-attr]
            scheme = "https" if tls else "http"
            origin = f"{scheme}://{client.host}:{client.port}"
            form_cookie = page.cookies["st_form"].value
            client.session.cookie_jar.clear()  # sent by hand: a secure cookie needs https
            start = await client.post(
                "/start",
                data={"csrf": csrf},
                headers={"Origin": origin, "Cookie": f"st_form={form_cookie}"},
                allow_redirects=False,
            )
            cookies = page.headers.getall("Set-Cookie") + start.headers.getall("Set-Cookie")
        finally:
            await client.close()
        assert len(cookies) == 2
        for cookie in cookies:
            assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
            assert ("Secure" in cookie) is tls


@pytest.mark.parametrize(
    ("fields", "status"),
    [
        ([("q_impact", "9")], 400),  # no such point on the scale
        ([("q_impact", "4"), ("q_impact", "5")], 400),  # one answer sent twice
        ([("q_unknown", "1")], 400),  # no such field on this page
        ([("q_impact", "4" * 200)], 400),
        ([(f"f{i}", "1") for i in range(200)], 400),  # too many fields
        ([("q_impact", "4"), ("pad", "x" * 400_000)], 413),  # bigger than any page sends
    ],
)
async def test_garbage_gets_a_4xx_and_stores_nothing(
    tmp_path: Path, fields: list[tuple[str, str]], status: int
) -> None:
    browser, client, store = await started(tmp_path)
    try:
        await browser.post([*fields, ("action", "next")])
        assert browser.status == status
        assert "Traceback" not in browser.html
    finally:
        await client.close()
    assert answers(store) == {}


async def test_only_form_posts_are_read(tmp_path: Path) -> None:
    browser, client, store = await started(tmp_path)
    try:
        response = await client.post(
            "/page/impact",
            json={"q_impact": "4"},
            headers={"Origin": browser.origin},
        )
        assert response.status == 415
    finally:
        await client.close()
    assert answers(store) == {}


async def test_the_rate_limit_answers_429_per_client(tmp_path: Path) -> None:
    store = ResponseStore(tmp_path / "r.json")
    client, _ = await form_client(load(SMALL), store, rate_limit=1.0)
    try:
        statuses = [(await client.get("/static/form.css")).status for _ in range(14)]
    finally:
        await client.close()
    assert statuses[:10] == [200] * 10  # a burst of 10 is allowed
    assert 429 in statuses[10:]


async def test_typed_answers_and_authored_markdown_never_run_as_html(tmp_path: Path) -> None:
    q = load(ALL)
    evil = tmp_path / "evil.yaml"
    evil.write_text(
        ALL.read_text().replace(
            "Think of the **last month**.",
            "Think <script>alert(1)</script> [x](javascript:alert(1))",
        )
    )
    store = ResponseStore(tmp_path / "r.json")
    client, _ = await form_client(load(evil), store, group="eng")
    browser = Browser(client)
    try:
        await browser.get("/")
        await browser.post([("consent", "yes")])
        assert "<script>alert" not in browser.html and "&lt;script&gt;" in browser.html
        assert 'href="javascript' not in browser.html
        await browser.get("/page/comment")
        await browser.post([("q_comment", '"><img src=x onerror=alert(1)>'), ("action", "next")])
        assert browser.path == "/review"
        assert "<img" not in browser.html and "&lt;img src=x" in browser.html
    finally:
        await client.close()
    assert q.id == "web-all"
