"""The feedback log in a phone browser: ``survey-tui serve`` prints the /log address and its QR
code; at 390x844 an engineer logs an entry with the keyboard only; the form, its error page and
the page after logging are axe-core clean with no sideways scroll at every size; a hostile
note is stored as typed and shown as text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers.browser import Checks, Keyboard, axe_script, browser, filler, needs_chromium
from helpers.serving import serving

from survey_tui.core.feedback.entries import stored_entries
from survey_tui.core.store import ResponseStore

__all__ = ["browser"]  # the fixture, imported for the test below

pytestmark = [needs_chromium, pytest.mark.slow]

TEAM = Path(__file__).parent.parent / "fixtures" / "feedback" / "log_team.yaml"
NOTE = '<b>bold</b> =HYPERLINK("http://x") [link](javascript:alert(1))'


def test_an_engineer_logs_an_entry_on_a_phone_with_the_keyboard(
    tmp_path: Path, browser: Any
) -> None:
    checks = Checks(axe_script(), tmp_path / "shots")
    keyboard = Keyboard(browser, checks)
    db = tmp_path / "responses.json"
    with serving(tmp_path, db, questionnaire=TEAM) as (url, _process, log):
        output = log.read_text()
        assert f"{url}/log" in output and output.count("█") > 100  # the link and QR codes
        browser.get(url + "/log")
        checks.page(browser, "log")
        keyboard.until_button("Log it", lambda info: None)  # nothing chosen: the errors
        assert browser.title.startswith("Error:")
        checks.page(browser, "log-error")
        fill = filler(
            keyboard,
            {"group": "frontline", "outcome": "corrected", "minutes": "25", "note": NOTE},
        )
        chosen = {"workflow": "Incident response", "tool": "Claude"}

        def answer(info: dict[str, Any]) -> None:
            if info["tag"] == "SELECT" and info["name"] in chosen:
                keyboard.press(chosen[info["name"]])  # a focused list picks what is typed
            else:
                fill(info)

        keyboard.until_button("Log it", answer)
        assert browser.current_url.endswith("/log?done=1")
        checks.page(browser, "logged")
        assert "Traceback" not in log.read_text()
    checks.assert_clean()
    [entry] = stored_entries(ResponseStore(db))
    assert (entry["workflow"], entry["tool"], entry["outcome"], entry["minutes"]) == (
        "incident_response",
        "claude",
        "corrected",
        25,
    )
    assert entry["note"] == NOTE and entry["group"] == "frontline"
