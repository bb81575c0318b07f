"""parse_answer / check_answer / format_answer on a small inline questionnaire."""

from __future__ import annotations

from pathlib import Path

import pytest

from survey_tui.core.answer_text import format_answer
from survey_tui.core.answers import AnswerError, check_answer, parse_answer
from survey_tui.core.errors import SurveyError
from survey_tui.core.loader import load

YAML = """
id: answers-test
title: Answers
version: 1
groups: [{id: a, label: A}]
scales:
  agree5: {min: 1, max: 5, labels: [SD, D, N, A, SA]}
sections:
  - id: s
    title: S
    questions:
      - {id: lik, type: likert, text: L, scale: agree5}
      - {id: nps, type: nps, text: N}
      - {id: one, type: single_choice, text: O, options: [Code review, Testing], other: true}
      - id: many
        type: multi_choice
        text: M
        options: [Red, Green, Blue]
        min_selected: 1
        max_selected: 2
      - {id: hours, type: number, text: H, min: 0, max: 40, integer: true, unit: h}
      - {id: note, type: text, text: T, max_length: 5}
      - id: grid
        type: matrix
        text: G
        scale: agree5
        rows: [{id: x, label: X}, {id: y, label: Y}]
"""


@pytest.fixture
def q(tmp_path: Path):
    path = tmp_path / "q.yaml"
    path.write_text(YAML)
    return load(path)


def parse(q, qid: str, text: str):
    question = q.question(qid)
    return parse_answer(question, text, q.scale_of(question))


def test_scale_answers_by_number_or_label(q) -> None:
    assert parse(q, "lik", "4") == 4
    assert parse(q, "lik", "sa") == 5
    assert parse(q, "nps", "10") == 10
    assert parse(q, "lik", "  ") is None
    with pytest.raises(AnswerError, match="from 1 to 5"):
        parse(q, "lik", "6")
    assert issubclass(AnswerError, SurveyError)


def test_choices_by_number_value_label_and_other(q) -> None:
    assert parse(q, "one", "1") == "code_review"
    assert parse(q, "one", "testing") == "testing"
    assert parse(q, "one", "Pairing") == "Pairing"  # "Other" keeps the free text itself
    # A number past the last option is a mistyped choice, not an "Other" answer of "9".
    with pytest.raises(AnswerError, match="or type your own answer in words"):
        parse(q, "one", "9")
    assert parse(q, "many", "1, 3") == ["red", "blue"]
    with pytest.raises(AnswerError):
        parse(q, "many", "4")
    many = q.question("many")
    assert check_answer(q, many, ["red", "green", "blue"]) == "Choose at most 2 (now 3)."
    assert "needs an answer" in check_answer(q, many, [])


def test_numbers_integer_range_and_unit(q) -> None:
    hours = q.question("hours")
    assert parse(q, "hours", "12 h") == 12
    with pytest.raises(AnswerError, match="whole number"):
        parse(q, "hours", "1.5")
    with pytest.raises(AnswerError, match="number"):
        parse(q, "hours", "lots")
    assert check_answer(q, hours, 41) == "Type a number from 0 to 40 h."
    assert check_answer(q, hours, 40) is None
    assert format_answer(q, hours, 12) == "12 h"
    # A decimal comma is understood, but "1,000" could be a thousand or one: asked, not guessed.
    assert parse(q, "hours", "12,0") == 12
    with pytest.raises(AnswerError, match=r"Write 1000 or 1\.000"):
        parse(q, "hours", "1,000")
    # Beyond 10^15 (or not finite) a number cannot be stored exactly: refused, never a crash.
    with pytest.raises(AnswerError, match="smaller number"):
        parse(q, "hours", "99999999999999999999")
    with pytest.raises(AnswerError, match="finite"):
        parse(q, "hours", "inf")
    assert check_answer(q, hours, 10**20) == "Type a smaller number (at most 10^15)."


def test_text_length_and_optional(q) -> None:
    note = q.question("note")
    assert check_answer(q, note, None) is None  # text is optional by default
    assert "5 characters" in check_answer(q, note, "toolong")


def test_matrix_in_order_or_by_row(q) -> None:
    grid = q.question("grid")
    assert parse(q, "grid", "4 2") == {"x": 4, "y": 2}
    assert parse(q, "grid", "y=1") == {"y": 1}
    assert "missing: X" in check_answer(q, grid, {"y": 1})
    assert format_answer(q, grid, {"x": 4, "y": 2}) == "X: 4 (A); Y: 2 (D)"
    assert format_answer(q, q.question("lik"), 5) == "5 - SA"


def test_multi_choice_other_text_cannot_hold_the_export_separator(tmp_path: Path) -> None:
    # Export joins multi_choice values with ';': an 'Other' text with one would come back
    # from import as two answers, so it is refused where it is typed (TUI and --plain).
    path = tmp_path / "other.yaml"
    path.write_text(
        YAML.replace(
            "options: [Red, Green, Blue]", "options: [Red, Green, Blue]\n        other: true"
        )
    )
    other_q = load(path)
    many = other_q.question("many")
    assert check_answer(other_q, many, ["red", "foo;bar, x"]) == (
        "The 'Other' answer cannot contain ';'."
    )
    assert check_answer(other_q, many, ["red", "foo, bar"]) is None
    # a single_choice 'Other' is one cell on export: a ';' there is harmless
    assert check_answer(other_q, other_q.question("one"), "a;b") is None
