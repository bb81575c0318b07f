"""A real ``survey-tui serve`` process: respondents answer over HTTP, the facilitator's
terminal shows the URL, QR code and counts, garbage gets a 4xx and one log line, forged
origins store nothing, and Ctrl+C stops it cleanly with the store folded."""

from __future__ import annotations

import asyncio
import json
import socket
import time
from pathlib import Path
from urllib.parse import urlsplit

import aiohttp
from helpers.serving import ENGINEER_ANSWERS, answer_over_http, serving

from survey_tui.core.store import ResponseStore


def wait_for_text(log: Path, text: str, timeout: float = 30.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        output = log.read_text(errors="replace")
        if text in output:
            return output
        time.sleep(0.05)
    raise AssertionError(f"{text!r} never printed:\n{log.read_text(errors='replace')}")


def raw_request(url: str, payload: bytes) -> bytes:
    parts = urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as s:
        s.sendall(payload)
        return s.recv(4096)


async def forged_post(url: str) -> int:
    """A page elsewhere posting a complete answer to the form (cross-site request forgery)."""
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
        async with http.get(url + "/") as page:
            html = await page.text()
        token = html.split('name="csrf" value="')[1].split('"')[0]
        async with http.post(
            url + "/start", data={"csrf": token}, headers={"Origin": "http://evil.example"}
        ) as response:
            return response.status


def test_respondents_answer_while_the_terminal_shows_counts(tmp_path: Path) -> None:
    db = tmp_path / "responses.json"
    with serving(tmp_path, db, "--group", "eng") as (url, process, log):
        wait_for_text(log, "complete: exec 0, eng 0")
        assert asyncio.run(forged_post(url)) == 403
        for garbage in (
            b"GARBAGE / HTTP/9\r\n\r\n",
            b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nNo colon here\r\n\r\n",
            b"POST /start HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: x\r\n\r\n",
        ):
            reply = raw_request(url, garbage)
            assert reply.split(b"\r\n")[0].endswith(b"400 Bad Request"), reply[:200]
        times = asyncio.run(answer_over_http(url))
        assert len(times) == 6  # welcome, start, three answers (the last to the review), submit
        wait_for_text(log, "complete: exec 0, eng 1")
        assert process.poll() is None  # still serving the next browser
    assert process.returncode == 0, log.read_text()  # Ctrl+C (SIGINT) stops it cleanly
    output = log.read_text()
    assert f"Open:\n\n  {url}/\n" in output and "█" in output  # the URL and its QR code
    assert "Traceback" not in output
    assert "Error handling request from 127.0.0.1: BadHttpMessage: 400" in output
    assert "\n  Invalid character" not in output  # one line per bad request
    assert "refused POST /start: foreign or missing origin" in output
    assert "Stopped. 1 complete response(s) stored while serving." in output
    [record] = ResponseStore(db).responses("serve-small", status=None)
    assert record["mode"] == "serve" and record["status"] == "complete"
    assert record["group"] == "eng" and record["answers"] == ENGINEER_ANSWERS
    # Folded on stop: the store file alone holds the response (for copying and merge).
    assert not Path(f"{db}.journal").exists()
    snapshot = json.loads(db.read_text())
    assert [r["answers"] for r in snapshot["responses"].values()] == [ENGINEER_ANSWERS]


def test_https_with_a_certificate(tmp_path: Path) -> None:
    import ssl
    import subprocess

    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    db = tmp_path / "responses.json"
    tls = ("--certfile", str(cert), "--keyfile", str(key))
    with serving(tmp_path, db, "--group", "eng", *tls) as (url, process, log):
        https = url.replace("http://", "https://")
        context = ssl.create_default_context(cafile=str(cert))

        async def fetch() -> tuple[int, str]:
            async with aiohttp.ClientSession() as http, http.get(https + "/", ssl=context) as page:
                return page.status, page.headers.get("Set-Cookie", "")

        status, cookie = asyncio.run(fetch())
        assert status == 200 and "Secure" in cookie and "HttpOnly" in cookie
        output = wait_for_text(log, "complete: exec 0, eng 0")
        assert f"{https}/" in output
    assert process.returncode == 0, log.read_text()
