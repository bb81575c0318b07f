"""A group never asked a question (its `groups:` or a section shown to another group only)
reads "not asked", not "suppressed (n < K)": nobody should wait for answers that cannot come."""

from __future__ import annotations

from helpers.analysis import find, record

from survey_tui.core.analysis import analyze
from survey_tui.core.catalog import resolve_template
from survey_tui.core.loader import load_bytes
from survey_tui.core.reports import build_context, render

YAML = b"""
id: gap-test
title: Not asked
version: 1
groups: [{id: executive, label: Executives}, {id: frontline, label: Frontline}]
anonymity: {min_group_size: 3}
scales:
  agree5: {min: 1, max: 5}
sections:
  - id: all
    title: All
    questions:
      - {id: prod, type: likert, scale: agree5, text: Productive}
  - id: leaders
    title: Leaders only
    show_if: group == 'executive'
    questions:
      - {id: budget, type: number, min: 0, max: 100, text: Budget share}
      - {id: vision, type: likert, scale: agree5, text: Vision is clear}
"""


def test_never_asked_reads_not_asked_everywhere() -> None:
    q = load_bytes(YAML)
    rs = [record("executive", {"prod": 5, "budget": 20, "vision": 4}) for _ in range(4)]
    rs += [record("frontline", {"prod": 2}) for _ in range(4)]
    result = analyze(q, rs, resamples=20)
    vision = find(result["items"], "question", "vision")
    assert vision["groups"]["frontline"]["asked"] is False
    assert vision["groups"]["frontline"]["suppressed"] is True  # still no figure
    assert "asked" not in vision["groups"]["executive"]
    assert vision["gap"]["not_asked"] == ["frontline"]
    assert "asked" not in find(result["items"], "question", "prod")["groups"]["frontline"]
    budget = find(result["items"], "question", "budget")
    assert budget["kind"] == "number"
    assert budget["groups"]["frontline"]["asked"] is False
    report = render(resolve_template("gap_report"), build_context(result))
    vision_rows = [line for line in report.splitlines() if line.startswith("| Vision is clear")]
    assert vision_rows and all("not asked" in row for row in vision_rows)
    assert all("suppressed" not in row for row in vision_rows)


def test_a_one_item_theme_has_the_items_interval() -> None:
    # "hours" is its own theme: one report must not print two intervals for the same data.
    q = load_bytes(YAML)
    rs = [record("executive", {"prod": v}) for v in (5, 4, 5, 3)]
    rs += [record("frontline", {"prod": v}) for v in (2, 1, 3, 2)]
    result = analyze(q, rs, resamples=200)
    item = find(result["items"], "question", "prod")
    theme = find(result["constructs"], "construct", "prod")
    assert theme["gap"] == item["gap"]
