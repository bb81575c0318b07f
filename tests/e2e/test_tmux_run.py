"""A real terminal: answer the flagship questionnaire at 80x24 under tmux, check the store."""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

import pytest
from tmux_terminal import Terminal, wait_for_file

from survey_tui.core.store import ResponseStore

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]


def test_flagship_questionnaire_answered_with_the_keyboard(tmp_path: Path) -> None:
    db = tmp_path / "responses.json"
    rc = tmp_path / "rc"
    command = (
        f"{sys.executable} -m survey_tui run ai-expectation-gap --group frontline "
        f"--db {db}; echo $? > {rc}"
    )
    term = Terminal(command)
    try:
        term.wait_for("Ctrl+S to start")
        term.keys("Tab", "space", "Tab", "Enter")  # to consent, tick, to Start, start
        step = 1

        def answer(*keys: str) -> None:
            nonlocal step
            term.wait_for(f"Question {step} of")
            time.sleep(0.1)  # a person reads before typing; bursts at first paint can race
            term.keys(*keys)
            step += 1

        # The frontline wording of the first question, not the executive one.
        assert "How often do you use AI tools in your engineering work?" in term.wait_for(
            "Question 1 of"
        )
        answer("1", "Enter")  # usage: daily
        answer("4", "Enter")
        answer("5", "Enter")
        answer("2", "Enter")  # output quality trust
        answer("4", "Enter")  # review burden
        answer("a", "b", "c", "Enter")  # refused inline: not a number
        term.wait_for("Type a number")
        term.keys("C-u")  # clear the field (Input: delete left of the cursor)
        term.keys("60", "Enter")  # 60 % shows the follow-up
        answer("30", "Enter")
        assert "of 24" in term.wait_for(f"Question {step} of")
        term.wait_for(f"Question {step} of")
        term.type("Wrong APIs")
        answer("PageDown")  # multi-line text: PgDn goes on
        for point in "434343434343":  # 12 likert items, adoption to metrics
            answer(point, "Enter")
        answer(*"54435234")  # matrix: a digit rates a row and moves on
        term.wait_for(f"Question {step} of")
        term.type("Code review")
        answer("PageDown")
        answer("PageDown")  # optional text skipped
        term.wait_for(f"Question {step} of")
        term.type("Rework")
        answer("PageDown")
        screen = term.wait_for("Review your answers")
        assert "Wrong APIs" in screen or "Submit" in screen
        term.keys("C-s")
        term.wait_for("Thank you")
        term.keys("Enter")
        assert wait_for_file(rc).strip() == "0"
    finally:
        term.close()

    [record] = ResponseStore(db).responses("ai-expectation-gap")
    answers = record["answers"]
    assert record["group"] == "frontline"
    assert answers["usage_frequency"] == "daily"
    assert answers["correction_share"] == 60
    assert answers["correction_detail"] == "Wrong APIs"
    assert answers["workflows"]["code_generation"] == 5
    assert answers["workflows"]["requirements_analysis"] == 4
    assert "friction_most" not in answers
    assert answers["leadership_measure"] == "Rework"
    assert len(answers) == 23
