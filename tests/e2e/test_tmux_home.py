"""The home picker in a real terminal: a run started from the list comes back to the list
(after the thank-you, after Esc on the welcome, after Ctrl+Q with what was kept said)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from helpers.terminal import Terminal, wait_for_file

from survey_tui.core.store import ResponseStore

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

ONE = """\
id: one-question
title: One question
version: 1
groups: [{id: a, label: A}]
scales:
  agree5: {min: 1, max: 5, labels: [Strongly disagree, Disagree, Neutral, Agree, Strongly agree]}
sections:
  - id: s
    title: Only
    questions:
      - {id: lik, type: likert, scale: agree5, text: AI makes me faster.}
      - {id: more, type: likert, scale: agree5, text: And more careful.}
"""


def test_a_run_from_the_list_returns_to_the_list(tmp_path: Path) -> None:
    (tmp_path / "one.yaml").write_text(ONE)
    db = tmp_path / "responses.json"
    rc = tmp_path / "rc"
    term = Terminal(f"cd {tmp_path} && {sys.executable} -m survey_tui --db {db}; echo $? > {rc}")
    try:
        term.wait_for("choose a questionnaire")
        term.wait_for("One question")
        term.keys("End", "Enter")  # the local questionnaire is listed last
        term.wait_for("esc Back to the list")
        term.keys("Escape")  # the welcome: back to the list, nothing stored
        term.wait_for("choose a questionnaire")
        term.keys("Enter")  # the same one is still highlighted
        term.wait_for("Ctrl+S to start")
        term.keys("Enter")
        term.wait_for("Question 1 of 2")
        term.keys("4", "Enter")
        term.wait_for("Question 2 of 2")
        term.keys("C-q")  # leave mid-survey: back to the list, which says what was kept
        screen = term.wait_for("choose a questionnaire")
        term.wait_for("Your answers so far are saved")
        assert "One question" in screen
        term.keys("Enter")
        term.wait_for("Unfinished response found")
        term.keys("r")
        term.wait_for("Question 2 of 2")
        term.keys("5", "Enter")
        term.wait_for("Review your answers")
        term.keys("C-s")
        term.wait_for("Thank you")
        term.keys("Enter")  # closes the survey: the list again, not out of the program
        term.wait_for("choose a questionnaire")
        term.keys("q")
        assert wait_for_file(rc).strip() == "0"
    finally:
        term.close()
    [record] = ResponseStore(db).responses("one-question")
    assert record["answers"] == {"lik": 4, "more": 5}
