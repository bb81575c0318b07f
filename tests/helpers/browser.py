"""Shared by the browser tests of the web form: headless Chromium (Debian's chromium and
chromium-driver, driven by selenium), axe-core injected into each page, screen sizes, and a
respondent who uses the keyboard only.

axe-core comes from npm (``npm pack axe-core@AXE_VERSION``), once per machine, into a cache
folder; the tarball is checked against its pinned sha512 before use. The PyPI wrapper
(axe-selenium-python) bundles an axe-core years older than the rules the issue asks for.
"""

from __future__ import annotations

import base64
import hashlib
import os
import subprocess
import tarfile
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
AXE_VERSION = "4.11.0"
AXE_SHA512 = (
    "ilYanEU8vxxBexpJd8cWM4ElSQq4QctCLKih0TSfjIfCQTeyH/6zVrmIJfLPrKTKJRbiG+cfnZbQIjAlJmF1jQ=="
)

HAVE_CHROMIUM = os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)
needs_chromium = pytest.mark.skipif(
    not HAVE_CHROMIUM,
    reason="Debian's chromium and chromium-driver are not installed (CI installs them)",
)

#: (name, width, height, device pixel ratio, mobile): phones, a laptop, and the laptop at
#: 200% zoom (the same CSS pixels as a 640x400 window at twice the density).
SIZES = [
    ("360x640", 360, 640, 2, True),
    ("390x844", 390, 844, 3, True),
    ("1280x800", 1280, 800, 1, False),
    ("1280x800-zoom200", 640, 400, 2, False),
]
WALK_SIZE = SIZES[1]


def axe_script() -> str:
    """axe.min.js of the pinned axe-core, fetched once with npm into a cache folder."""
    cache = Path(os.environ.get("SURVEY_TUI_TEST_CACHE") or tempfile.gettempdir())
    folder = cache / f"survey-tui-axe-core-{AXE_VERSION}"
    script = folder / "axe.min.js"
    if not script.exists():
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                "npm",
                "pack",
                f"axe-core@{AXE_VERSION}",
                "--prefer-offline",
                "--silent",
                "--pack-destination",
                str(folder),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
        tarball = folder / f"axe-core-{AXE_VERSION}.tgz"
        digest = base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
        assert digest == AXE_SHA512, f"{tarball}: not the pinned axe-core {AXE_VERSION}"
        with tarfile.open(tarball) as archive:
            member = archive.extractfile("package/axe.min.js")
            assert member is not None
            partial = folder / "axe.min.js.part"
            partial.write_bytes(member.read())
            partial.replace(script)
    return script.read_text(encoding="utf-8")


def chromium(profile: Path) -> Any:
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
        "--hide-scrollbars",
        f"--user-data-dir={profile / 'chromium-profile'}",
    ):
        options.add_argument(flag)
    env = dict(os.environ, XDG_CONFIG_HOME=str(profile / "xdg"), XDG_CACHE_HOME=str(profile))
    return webdriver.Chrome(service=Service(CHROMEDRIVER, env=env), options=options)


def resize(driver: Any, size: tuple[str, int, int, int, bool]) -> None:
    _, width, height, ratio, mobile = size
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": ratio, "mobile": mobile},
    )


@dataclass
class Checks:
    """What the walk found on every page: axe violations, sideways scrolling, screenshots."""

    axe: str
    shots: Path
    violations: list[str] = field(default_factory=list)
    overflow: list[str] = field(default_factory=list)
    unfocused: list[str] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)

    def page(self, driver: Any, label: str) -> None:
        """axe-core on the page as it is, then every size: no sideways scroll, a screenshot."""
        self.pages.append(label)
        driver.execute_script(self.axe)
        found = driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {resultTypes: ['violations']}).then("
            "  r => done(r.violations.map(v => v.id + ' (' + v.impact + '): ' +"
            "    v.nodes.map(n => n.target.join(' ')).join(', '))));"
        )
        self.violations += [f"{label}: {v}" for v in found]
        for size in SIZES:
            resize(driver, size)
            wide, inner = driver.execute_script(
                "return [document.documentElement.scrollWidth, window.innerWidth];"
            )
            if wide > inner:
                self.overflow.append(f"{label} at {size[0]}: {wide} > {inner}")
            self.shots.mkdir(parents=True, exist_ok=True)
            driver.save_screenshot(str(self.shots / f"{len(self.pages):02d}-{label}-{size[0]}.png"))
        resize(driver, WALK_SIZE)

    def assert_clean(self) -> None:
        assert not self.violations, "axe-core:\n" + "\n".join(self.violations)
        assert not self.overflow, "sideways scrolling:\n" + "\n".join(self.overflow)
        assert not self.unfocused, "focus not visible:\n" + "\n".join(self.unfocused)


FOCUSED = """
const e = document.activeElement;
const s = getComputedStyle(e);
const checked = e.name ? document.querySelector(`input[name="${e.name}"]:checked`) : null;
return {tag: e.tagName, type: e.type || '', name: e.name || '', value: e.value || '',
        checked: !!e.checked, text: (e.innerText || '').trim(), id: e.id || '',
        group: checked ? checked.value : null,
        outline: s.outlineStyle !== 'none' && s.outlineWidth !== '0px'};
"""


class Keyboard:
    """Keys to whatever has the focus, as a person without a mouse types them."""

    def __init__(self, driver: Any, checks: Checks) -> None:
        from selenium.webdriver.common.action_chains import ActionChains
        from selenium.webdriver.common.keys import Keys

        self.driver = driver
        self.checks = checks
        self.Keys = Keys
        self.chain: Callable[[], Any] = lambda: ActionChains(driver)

    def press(self, *keys: str) -> None:
        self.chain().send_keys(*keys).perform()

    def focused(self) -> dict[str, Any]:
        info: dict[str, Any] = self.driver.execute_script(FOCUSED)
        return info

    def tab(self) -> dict[str, Any]:
        self.press(self.Keys.TAB)
        info = self.focused()
        if info["tag"] != "BODY" and not info["outline"]:
            self.checks.unfocused.append(f"{self.driver.current_url} {info['tag']} {info['id']}")
        return info

    def submit_with(self, action: Callable[[], None], timeout: float = 20.0) -> None:
        """Do ``action`` (a key press) and wait for the next page to load."""
        old = self.driver.find_element("tag name", "html")
        action()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                old.tag_name  # noqa: B018 - raises once the old page is gone
            except Exception:
                if self.driver.execute_script("return document.readyState") == "complete":
                    return
            time.sleep(0.02)
        raise AssertionError(f"no new page after a key on {self.driver.current_url}")

    def choose_radio(self, info: dict[str, Any], want: str, limit: int = 20) -> None:
        """On a focused radio: Space picks it when the group has none, arrows move on."""
        if info["group"] is None:
            self.press(self.Keys.SPACE)
        for _ in range(limit):
            if self.focused()["group"] == want:
                return
            self.press(self.Keys.ARROW_DOWN)
        raise AssertionError(f"no radio {want!r} in group {info['name']}")

    def type_text(self, text: str) -> None:
        self.press(self.Keys.CONTROL, "a", self.Keys.NULL, self.Keys.BACKSPACE)
        for line_number, line in enumerate(text.split("\n")):
            if line_number:
                self.press(self.Keys.ENTER)  # only typed into a textarea
            self.press(line)

    def until_button(
        self, label: str, fill: Callable[[dict[str, Any]], None], limit: int = 400
    ) -> None:
        """Tab through the page, letting ``fill`` answer each field, then press the button."""
        for _ in range(limit):
            info = self.tab()
            if info["tag"] in ("BUTTON", "A") and info["text"] == label:
                self.submit_with(lambda: self.press(self.Keys.ENTER))
                return
            fill(info)
        raise AssertionError(f"never reached {label!r} on {self.driver.current_url}")


def filler(keyboard: Keyboard, fields: dict[str, Any]) -> Callable[[dict[str, Any]], None]:
    """Answers the focused field from ``fields`` (by name), by keyboard."""

    def fill(info: dict[str, Any]) -> None:
        want = fields.get(info["name"])
        if want is None:
            return
        if info["type"] == "radio":
            keyboard.choose_radio(info, want)
        elif info["type"] == "checkbox" and (info["value"] in want) != info["checked"]:
            keyboard.press(keyboard.Keys.SPACE)
        elif info["type"] in ("text", "textarea") and info["value"] != want:
            keyboard.type_text(want)

    return fill


def walk_questions(
    keyboard: Keyboard, wanted: Callable[[str], dict[str, Any]], label: Callable[[], str]
) -> None:
    """Answer page after page until the review: ``wanted(page_html)`` says what each field
    should hold, by field name (radio value, list of checkbox values, or text)."""
    driver = keyboard.driver
    for _ in range(200):
        if "/page/" not in driver.current_url:
            return
        keyboard.checks.page(driver, label())
        keyboard.until_button("Next", filler(keyboard, wanted(driver.page_source)))
    raise AssertionError("the walk never reached the review")


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Any]:
    driver = chromium(tmp_path)
    resize(driver, WALK_SIZE)
    try:
        yield driver
    finally:
        driver.quit()
