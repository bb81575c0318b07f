"""A real browser: headless Chromium opens ``survey-tui serve``, answers, submits; the store
has the complete response with mode ``serve`` (recipe: testing-recipes.md, textual-serve)."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from serve_helpers import ENGINEER_ANSWERS, serving

from survey_tui.core.store import ResponseStore

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"

pytestmark = [
    pytest.mark.skipif(
        not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)),
        reason="Debian's chromium and chromium-driver are not installed (CI installs them)",
    ),
]

# Installed before the page loads: keeps every websocket frame the app sends, as text, so the
# test can wait for what is on screen (xterm.js draws on a canvas: no text in the DOM).
CAPTURE_FRAMES = """
window.__frames = [];
const Native = window.WebSocket;
window.WebSocket = function (...args) {
  const socket = new Native(...args);
  const decoder = new TextDecoder();
  socket.addEventListener("message", (event) => {
    if (typeof event.data === "string") window.__frames.push(event.data);
    else if (event.data instanceof ArrayBuffer) window.__frames.push(decoder.decode(event.data));
    else event.data.arrayBuffer().then((b) => window.__frames.push(decoder.decode(b)));
  });
  socket.addEventListener("close", () => { window.__closed = true; });
  return socket;
};
window.WebSocket.prototype = Native.prototype;
Object.assign(window.WebSocket, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
"""


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Any]:
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,800",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
    ):
        options.add_argument(flag)
    env = dict(os.environ, XDG_CONFIG_HOME=str(tmp_path / "xdg"), XDG_CACHE_HOME=str(tmp_path))
    service = Service(CHROMEDRIVER, env=env)
    driver = webdriver.Chrome(service=service, options=options)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": CAPTURE_FRAMES})
    try:
        yield driver
    finally:
        driver.quit()


class Page:
    """The served page: what the app drew so far, and a keyboard."""

    def __init__(self, driver: Any) -> None:
        from selenium.webdriver.common.by import By

        self.driver = driver
        self.read = 0  # frames already matched
        driver.find_element(By.CSS_SELECTOR, "#terminal .xterm-screen").click()
        self.keyboard = driver.find_element(By.CSS_SELECTOR, "textarea.xterm-helper-textarea")

    def wait_for(self, text: str, timeout: float = 60.0) -> None:
        from serve_helpers import screen_text

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            frames: list[str] = self.driver.execute_script("return window.__frames;")
            for index in range(self.read, len(frames)):
                window = "".join(frames[max(self.read, index - 1) : index + 1])
                if text in screen_text(window.encode()):
                    self.read = index + 1
                    return
            time.sleep(0.05)
        raise AssertionError(f"{text!r} never appeared in the browser")

    def keys(self, *keys: str) -> None:
        time.sleep(0.2)  # a person reads before typing; keys at the very first paint can race
        for key in keys:
            self.keyboard.send_keys(key)
            time.sleep(0.05)


def test_a_respondent_answers_in_headless_chromium(tmp_path: Path, browser: Any) -> None:
    from selenium.webdriver.common.keys import Keys

    db = tmp_path / "responses.json"
    with serving(tmp_path, db) as (url, process, log):
        browser.get(url + "/")
        deadline = time.monotonic() + 60
        while not browser.execute_script("return document.body.classList.contains('-first-byte');"):
            assert time.monotonic() < deadline, "the app never drew in the page"
            time.sleep(0.05)
        page = Page(browser)
        page.wait_for("Ctrl+S to start")
        page.keys(Keys.TAB, "2", Keys.CONTROL + "s")  # to the groups, Engineer, start
        page.wait_for("Question 1 of")
        page.keys("4", Keys.ENTER)
        page.wait_for("Question 2 of")
        page.keys("1", Keys.ENTER)
        page.wait_for("Question 3 of")
        page.keys("5", Keys.ENTER)
        page.wait_for("Review your answers")
        page.keys(Keys.CONTROL + "s")
        page.wait_for("Thank you")
        shot = tmp_path / "thanks.png"
        assert browser.save_screenshot(str(shot)) and shot.stat().st_size > 1000
        page.keys(Keys.ENTER)  # closes the app; the server closes the websocket
        deadline = time.monotonic() + 15
        while not browser.execute_script("return window.__closed === true;"):
            assert time.monotonic() < deadline, "the websocket stayed open after the app quit"
            time.sleep(0.05)
        [record] = ResponseStore(db).responses("serve-small")
        assert process.poll() is None  # still serving the next browser
    assert process.returncode == 0, log.read_text()  # Ctrl+C (SIGINT) stops it cleanly
    output = log.read_text()
    assert "Traceback" not in output
    assert "Stopped. 1 complete response(s) stored while serving." in output
    assert record["mode"] == "serve" and record["status"] == "complete"
    assert record["group"] == "eng" and record["answers"] == ENGINEER_ANSWERS
    assert "resume_key" not in record and "owner" not in record  # submitted: dropped
