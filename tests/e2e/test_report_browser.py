"""The HTML reports in a real browser (headless Chromium): every shipped template, written by
`survey-tui report -o X.html` from the demo store, at phone and laptop sizes. No sideways
scrolling, every chart has a text alternative, no request leaves the page, axe-core finds
nothing. Screenshots go to the test's folder for a person to look at."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from helpers.browser import SIZES, axe_script, chromium, needs_chromium, resize

pytestmark = [needs_chromium, pytest.mark.slow]

TEMPLATES = ["gap_report", "executive_brief", "workshop_readout", "interview_digest"]
QID = "ai-expectation-gap"

#: Every <svg>: role img, and a non-empty accessible name from its <title> (and <desc>).
CHARTS = """
return Array.from(document.querySelectorAll('svg')).map(svg => {
  const ids = (svg.getAttribute('aria-labelledby') || '').split(' ').filter(Boolean);
  const named = ids.map(id => document.getElementById(id)).filter(Boolean);
  return {role: svg.getAttribute('role'),
          name: named.map(e => e.textContent.trim()).join(' '),
          title: svg.querySelector('title') ? svg.querySelector('title').textContent : '',
          inside: named.every(e => svg.contains(e)),
          width: svg.getBoundingClientRect().width};
});
"""
#: Resources the page asked for beyond itself (there must be none).
REQUESTS = "return performance.getEntriesByType('resource').map(e => e.name);"


def _run(*args: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "survey_tui", *args], capture_output=True, text=True, timeout=180
    )
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("reports")
    db = folder / "demo.json"
    _run("demo", "--db", str(db), "--no-dashboard")
    out = {}
    for name in TEMPLATES:
        out[name] = folder / f"{name}.html"
        _run(
            "report",
            QID,
            "--db",
            str(db),
            "--template",
            name,
            "-o",
            str(out[name]),
            "--headcount",
            "frontline=120",
            "--hourly-cost",
            "85",
        )
    return out


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Any:
    found = chromium(tmp_path_factory.mktemp("chromium"))
    try:
        yield found
    finally:
        found.quit()


@pytest.mark.parametrize("name", TEMPLATES)
def test_report_fits_every_screen_and_every_chart_is_described(
    name: str, pages: dict[str, Path], driver: Any, tmp_path: Path
) -> None:
    driver.get(pages[name].as_uri())
    charts = driver.execute_script(CHARTS)
    assert charts, f"{name}: no chart"
    for chart in charts:
        assert chart["role"] == "img" and chart["inside"], chart
        assert len(chart["name"]) > 40 and chart["title"], chart  # says what it shows
    assert driver.execute_script(REQUESTS) == []
    for size in SIZES:
        resize(driver, size)
        wide, inner = driver.execute_script(
            "return [document.documentElement.scrollWidth, window.innerWidth];"
        )
        assert wide <= inner, f"{name} at {size[0]}: {wide} > {inner} (sideways scrolling)"
        widths = [c["width"] for c in driver.execute_script(CHARTS)]
        assert all(0 < w <= inner for w in widths), (size[0], widths)
        driver.save_screenshot(str(tmp_path / f"{name}-{size[0]}.png"))
    driver.execute_script(axe_script())
    found = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then("
        "  r => done(r.violations.map(v => v.id + ' (' + v.impact + ')')));"
    )
    assert found == [], f"{name}: {found}"
