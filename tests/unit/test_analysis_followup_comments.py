"""A follow-up shown only to some (e.g. "why?" after a low rating) is a slice: its answers are
quoted only when at least min_group_size of the group were shown it, or the quote itself would
tell the room that a withheld few rated low (docs/statistics.md, "Anonymity")."""

from __future__ import annotations

from helpers.analysis import record

from survey_tui.core.analysis import analyze
from survey_tui.core.loader import load_bytes

YAML = b"""
id: gap-test
title: Follow-ups
version: 1
groups: [{id: executive, label: Executives}, {id: frontline, label: Frontline}]
anonymity: {min_group_size: 3}
scales:
  agree5: {min: 1, max: 5}
sections:
  - id: s
    title: S
    questions:
      - {id: prod, type: likert, scale: agree5, text: Productive}
      - {id: why_low, type: text, text: Why?, show_if: prod <= 2}
      - {id: notes, type: text, text: Anything else?}
"""


def quotes(result: dict, question: str) -> dict:
    return next(c for c in result["comments"] if c["question"] == question)["groups"]


def test_a_follow_up_seen_by_fewer_than_the_minimum_is_not_quoted() -> None:
    q = load_bytes(YAML)
    rs = [record("frontline", {"prod": 4, "notes": "fine"}) for _ in range(3)]
    rs.append(record("frontline", {"prod": 1, "why_low": "lonely reason", "notes": "meh"}))
    rs += [record("executive", {"prod": 2, "why_low": f"exec {i}"}) for i in range(3)]
    result = analyze(q, rs, resamples=20)
    assert "frontline" not in quotes(result, "why_low")  # 1 of 4 saw it
    assert quotes(result, "why_low")["executive"] == ["exec 0", "exec 1", "exec 2"]  # 3 saw it
    assert quotes(result, "notes")["frontline"] == ["fine", "fine", "fine", "meh"]
    assert "lonely reason" not in str(result)


def test_a_question_asked_only_in_a_later_wave_is_quoted_in_that_wave() -> None:
    q = load_bytes(
        YAML.replace(
            b"      - {id: notes, type: text, text: Anything else?}",
            b"      - {id: notes, type: text, text: Met?, show_if: \"wave == '90-day'\"}",
        )
    )
    rs = [record("frontline", {"prod": 4, "notes": f"yes {i}"}, wave="90-day") for i in range(3)]
    rs += [record("frontline", {"prod": 4}, wave="baseline") for _ in range(3)]
    result = analyze(q, rs, wave="90-day", resamples=20)
    assert quotes(result, "notes")["frontline"] == ["yes 0", "yes 1", "yes 2"]
