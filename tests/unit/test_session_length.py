"""The welcome's length line counts what the respondent can be asked, not every question."""

from __future__ import annotations

from survey_tui.core.loader import load_bytes
from survey_tui.core.session import length_summary

YAML = b"""
id: length
title: Length
version: 1
estimated_minutes: 3
groups: [{id: a, label: A}, {id: b, label: B}]
sections:
  - id: s
    title: S
    questions:
      - {id: q1, type: nps, text: Q1}
      - {id: q2, type: nps, text: Q2, groups: [a]}
  - id: only_b
    title: For B
    show_if: group == 'b'
    questions:
      - {id: q3, type: nps, text: Q3}
      - {id: q4, type: nps, text: Q4, show_if: q3 > 5}
"""


def test_length_counts_what_a_group_can_be_asked() -> None:
    q = load_bytes(YAML)
    assert length_summary(q, "a") == "2 questions, about 3 minutes."
    assert length_summary(q, "b") == "up to 3 questions, about 3 minutes."  # q4 may not show
    # Group not chosen yet: the most any group is asked, and "up to" since groups differ.
    assert length_summary(q) == "up to 3 questions, about 3 minutes."


def test_one_question_reads_in_the_singular() -> None:
    q = load_bytes(YAML.replace(b"estimated_minutes: 3", b"estimated_minutes: 1"))
    assert length_summary(q, "a").endswith("about 1 minute.")
