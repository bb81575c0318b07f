"""A real terminal: answer the flagship questionnaire at 80x24 under tmux, check the store."""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

import pytest
from helpers.terminal import Terminal, wait_for_file

from survey_tui.core.store import ResponseStore

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]


def test_flagship_questionnaire_answered_with_the_keyboard(tmp_path: Path) -> None:
    db = tmp_path / "responses.json"
    rc = tmp_path / "rc"
    command = (
        # --lang en: the flagship declares two languages; fixed, the welcome offers no choice.
        f"{sys.executable} -m survey_tui run ai-expectation-gap --group frontline --lang en "
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
        answer("4", "Enter")  # productivity of my team
        answer("5", "Enter")  # finishes planned work sooner
        answer("3", "Enter")  # net time per week: cost up to 2 hours (7-point scale)
        answer("2", "Enter")  # trust
        answer("4", "Enter")  # review burden
        answer("a", "b", "c", "Enter")  # refused inline: not a number
        term.wait_for("Type a number")
        term.keys("C-u")  # clear the field (Input: delete left of the cursor)
        term.keys("60", "Enter")  # 60 % shows the follow-up
        answer("30", "Enter")  # minutes correcting
        assert "of up to 34" in term.wait_for(f"Question {step} of")
        term.type("Wrong APIs")
        answer("PageDown")  # multi-line text: PgDn goes on
        answer("4", "Enter")  # adoption: official tools
        answer("3", "Enter")  # adoption: other tools
        answer("space", "Down", "space", "Enter")  # blockers: access and policy
        for point in "22234":  # integration x2, feedback reaches, changed decisions, voice
            answer(point, "Enter")
        answer("2", "Enter")  # feedback channel: a quick note
        for point in "232":  # success defined, measured, results seen
            answer(point, "Enter")
        answer("6", "Enter")  # success metric: rework
        term.wait_for(f"Question {step} of")
        term.type("Rework under 10%")
        answer("Enter")
        for point in "43322":  # delivery in the last 3 months
            answer(point, "Enter")
        answer("space", "Down", "Down", "space", "Enter")  # weekly: generation, tests
        answer(*"54435234")  # matrix: a digit rates a row and moves on
        answer("Enter")  # optional one-line text skipped
        term.wait_for(f"Question {step} of")
        term.type("Code review")
        answer("PageDown")
        answer("PageDown")  # optional text skipped
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
    assert answers["time_net_week"] == 3
    assert answers["suggestions_changed_share"] == 60
    assert answers["correction_detail"] == "Wrong APIs"
    assert answers["blockers"] == ["access", "policy"]
    assert answers["success_metric"] == "rework"
    assert answers["success_target"] == "Rework under 10%"
    assert answers["metric_rework"] == 2
    assert answers["workflows_weekly"] == ["code_generation", "test_writing"]
    assert answers["workflows"]["code_generation"] == 5
    assert answers["workflows"]["requirements_analysis"] == 4
    assert "friction_most" not in answers and "workflows_other" not in answers
    assert answers["helps_most"] == "Code review"
    assert not {"metric_met", "changes_noticed"} & set(answers)  # 90-day wave only
    assert len(answers) == 31
