"""A respondent answers every shipped questionnaire (and one with every question type) start
to finish in headless Chromium with the keyboard only, on a phone-sized screen, against a real
``survey-tui serve``; every page is axe-core clean, has a visible focus and no sideways scroll
at 360x640, 390x844, 1280x800 and 1280x800 at 200% zoom (screenshots in the test's tmp dir);
the stored record equals the one made through core as the TUI makes it."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

import pytest
from helpers.browser import Checks, Keyboard, axe_script, browser, needs_chromium, walk_questions
from helpers.serving import serving
from helpers.web import (
    ALL,
    SHIPPED,
    answer_through_core,
    comparable,
    fields_for,
    sample_answer,
)

from survey_tui.core.loader import load
from survey_tui.core.model import Questionnaire
from survey_tui.core.store import ResponseStore

__all__ = ["browser"]  # the fixture, imported for the tests below

pytestmark = [needs_chromium, pytest.mark.slow]

SHOWN = re.compile(r'data-qid="([a-z0-9_]+)"(?![^>]*\bhidden\b)')


def wanted_fields(q: Questionnaire, answers: dict[str, Any]) -> Any:
    """What each field of a page should hold, by name, for the questions shown on it."""

    def wanted(html: str) -> dict[str, Any]:
        fields: dict[str, Any] = {}
        for qid in SHOWN.findall(html):
            question = q.question(qid)
            assert question is not None
            for name, value in fields_for(question, answers[qid]):
                if question.type == "multi_choice" and name == f"q_{qid}":
                    fields.setdefault(name, []).append(value)
                else:
                    fields[name] = value.replace("\r\n", "\n")
        return fields

    return wanted


def label_of(driver: Any) -> str:
    path = driver.current_url.split("/", 3)[-1].split("?")[0]
    return path.replace("/", "-") or "welcome"


@pytest.mark.parametrize("path", [*SHIPPED, ALL], ids=lambda p: p.stem)
def test_keyboard_only_walk_is_axe_clean_at_every_size(
    tmp_path: Path, browser: Any, path: Path
) -> None:
    q = load(path)
    group = q.group_ids[-1]
    answers = {question.id: sample_answer(q, question) for question in q.questions()}
    checks = Checks(axe_script(), tmp_path / "shots")
    keyboard = Keyboard(browser, checks)
    db = tmp_path / "responses.json"
    with serving(tmp_path, db, questionnaire=path) as (url, _process, log):
        browser.get(url + "/")
        checks.page(browser, "welcome")
        if q.consent:  # Start without ticking: the error, linked and announced
            keyboard.until_button("Start", lambda info: None)
            assert "Please tick" in browser.page_source
            checks.page(browser, "welcome-error")

        def welcome(info: dict[str, Any]) -> None:
            if info["name"] == "consent" and not info["checked"]:
                keyboard.press(keyboard.Keys.SPACE)
            elif info["name"] == "group":
                keyboard.choose_radio(info, group)

        keyboard.until_button("Start", welcome)
        first = q.question(SHOWN.findall(browser.page_source)[0])
        if first is not None and first.is_required:  # Next without an answer: the error
            keyboard.until_button("Next", lambda info: None)
            assert "This question needs an answer." in browser.page_source
            checks.page(browser, label_of(browser) + "-error")
        walk_questions(keyboard, wanted_fields(q, answers), lambda: label_of(browser))
        assert browser.current_url.endswith("/review")
        checks.page(browser, "review")
        keyboard.until_button("Submit", lambda info: None)
        assert browser.current_url.endswith("/thanks")
        checks.page(browser, "thanks")
        assert "Traceback" not in log.read_text()
    checks.assert_clean()
    assert len(list((tmp_path / "shots").glob("*.png"))) == 4 * len(checks.pages)
    [record] = ResponseStore(db).responses(q.id)
    mode = "interview" if q.mode == "interview" else "serve"
    core = answer_through_core(q, ResponseStore(tmp_path / "core.json"), group, answers, mode)
    assert comparable(record) == comparable(core)


def test_a_follow_up_appears_on_a_section_page_as_soon_as_its_condition_holds(
    tmp_path: Path, browser: Any
) -> None:
    q = load(ALL)
    checks = Checks(axe_script(), tmp_path / "shots")
    keyboard = Keyboard(browser, checks)
    db = tmp_path / "responses.json"
    with serving(tmp_path, db, "--per-page", "section", "--group", "eng", questionnaire=ALL) as (
        url,
        _process,
        _log,
    ):
        browser.get(url + "/")

        def consent(info: dict[str, Any]) -> None:
            if info["name"] == "consent" and not info["checked"]:
                keyboard.press(keyboard.Keys.SPACE)

        keyboard.until_button("Start", consent)
        follow_up = browser.find_element("css selector", '[data-qid="why_none"]')
        assert not follow_up.is_displayed()
        picks = {"q_impact": "4", "q_recommend": "8", "q_tool": "none"}
        for _ in range(40):
            info = keyboard.tab()
            if info["name"] in picks:
                keyboard.choose_radio(info, picks.pop(info["name"]))
            if not picks:
                break
        deadline = time.monotonic() + 15  # the page's script asks the server, then shows it
        while not follow_up.is_displayed():
            assert time.monotonic() < deadline, "the follow-up never appeared"
            time.sleep(0.05)
        checks.page(browser, "section-follow-up")
        keyboard.until_button(
            "Next",
            lambda info: keyboard.type_text("Too costly") if info["name"] == "q_why_none" else None,
        )
        assert browser.current_url.endswith("/page/second")  # straight on: nothing new to show
    checks.assert_clean()
    [record] = ResponseStore(db).responses(q.id, status=None)
    assert record["answers"] == {
        "impact": 4,
        "recommend": 8,
        "tool": "none",
        "why_none": "Too costly",
    }


DONT_KNOW = Path(__file__).parents[1] / "fixtures" / "dont_know.yaml"


def test_dont_know_by_keyboard_is_axe_clean_and_stored(tmp_path: Path, browser: Any) -> None:
    """The extra radio after a scale (likert, a matrix row) and a number's tick box, chosen
    with the keyboard; ticking the box empties and disables the number (the page's script)."""
    checks = Checks(axe_script(), tmp_path / "shots")
    keyboard = Keyboard(browser, checks)
    db = tmp_path / "responses.json"
    pages = {
        "lik": {"q_lik": "dont_know"},
        "grid": {"q_grid__code": "dont_know", "q_grid__tests": "4"},
        "hours": {"q_hours": "12", "q_hours__dk": "1"},  # typed, then "Not sure" ticked
        "rating": {"q_rating": "3"},
    }
    with serving(tmp_path, db, questionnaire=DONT_KNOW) as (url, _process, log):
        browser.get(url + "/")
        keyboard.until_button("Start", lambda info: None)
        for _ in range(len(pages)):
            page = label_of(browser).removeprefix("page-")
            if page == "rating":
                assert 'value="dont_know"' not in browser.page_source
            checks.page(browser, label_of(browser))
            keyboard.until_button("Next", _fill(keyboard, browser, pages[page]))
        assert browser.current_url.endswith("/review")
        checks.page(browser, "review")
        assert "Writing code: Not used for this" in browser.page_source
        keyboard.until_button("Submit", lambda info: None)
        assert "Traceback" not in log.read_text()
    checks.assert_clean()
    [record] = ResponseStore(db).responses("dont-know")
    assert record["answers"] == {
        "lik": "dont_know",
        "grid": {"code": "dont_know", "tests": 4},
        "hours": "dont_know",
        "rating": 3,
    }


def _fill(keyboard: Keyboard, driver: Any, fields: dict[str, str]) -> Any:
    from helpers.browser import filler

    fill = filler(keyboard, fields)

    def step(info: dict[str, Any]) -> None:
        fill(info)
        if info["name"] == "q_hours__dk":
            number = driver.find_element("id", "f-hours")
            assert not number.is_enabled() and number.get_attribute("value") == ""

    return step
