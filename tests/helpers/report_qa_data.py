"""Small inline questionnaires from the QA findings, and every shipped template rendered."""

from __future__ import annotations

from typing import Any

from survey_tui.core.analysis import analyze
from survey_tui.core.catalog import resolve_template
from survey_tui.core.loader import load_bytes
from survey_tui.core.model import Questionnaire
from survey_tui.core.reports import build_context, render
from survey_tui.core.reports.html import to_html

TEMPLATES = ["gap_report", "executive_brief", "workshop_readout", "interview_digest"]

# Three groups (c below the threshold), compare [b, a]; `h` is a number with no unit; a
# two-row matrix.
TINY = """
id: tiny
title: Tiny
version: 1
groups:
  - {id: a, label: Alpha}
  - {id: b, label: Beta}
  - {id: c, label: Gamma}
compare: [b, a]
anonymity: {min_group_size: 2}
scales:
  s5: {min: 1, max: 5}
sections:
  - id: s
    title: S
    questions:
      - {id: x, type: likert, scale: s5, construct: k, text: X}
      - {id: z, type: nps, text: Likely to recommend}
      - {id: h, type: number, min: 0, max: 10, direction: lower_is_better, text: Hours fixing}
      - id: m
        type: matrix
        required: false
        scale: s5
        text: M
        rows: [{id: r1, label: Code review}, {id: r2, label: Writing tests}]
      - {id: free, type: text, text: Free}
"""
TINY_ROWS = [
    ("a", {"x": 5, "z": 10, "h": 0, "m": {"r1": 5, "r2": 2}, "free": "alpha words"}),
    ("a", {"x": 4, "z": 9, "h": 2, "m": {"r1": 4, "r2": 1}}),
    ("a", {"x": 3, "z": 6, "h": 5, "m": {"r1": 5, "r2": 2}}),
    ("b", {"x": 2, "z": 3, "h": 10, "m": {"r1": 4, "r2": 4}, "free": "beta words"}),
    ("b", {"x": 1, "z": 0, "h": 8, "m": {"r1": 5, "r2": 4}}),
    ("c", {"x": 5, "z": 5, "h": 5, "m": {"r1": 3, "r2": 3}, "free": "gamma secret"}),
]

ONE = """
id: one-group
title: One group
version: 1
groups: [{id: solo, label: Solo}]
anonymity: {min_group_size: 1}
sections:
  - id: s
    title: S
    questions:
      - {id: x, type: likert, scale: {min: 1, max: 5}, text: X}
      - {id: c, type: multi_choice, options: [A, B, C], text: C}
      - {id: t, type: text, text: T}
"""
ONE_ROWS = [("solo", {"x": 4, "c": ["a", "b"], "t": "hello"}), ("solo", {"x": 2, "c": ["c"]})]


def records(rows: list[tuple[str, dict[str, Any]]], qid: str) -> list[dict[str, Any]]:
    return [
        {
            "response_id": f"r{i}",
            "questionnaire_id": qid,
            "questionnaire_version": 1,
            "group": group,
            "wave": "default",
            "status": "complete",
            "answers": answers,
        }
        for i, (group, answers) in enumerate(rows)
    ]


def case(yaml_text: str, rows: list[tuple[str, dict[str, Any]]]) -> tuple[Questionnaire, Any]:
    q = load_bytes(yaml_text.encode())
    return q, analyze(q, records(rows, q.id))


def reports(result: dict[str, Any]) -> dict[str, str]:
    """Every shipped template, as Markdown and as the HTML page ``report --format html`` writes."""
    out = {}
    for name in TEMPLATES:
        markdown = render(resolve_template(name), build_context(result))
        out[name] = markdown
        out[name + ".html"] = to_html(markdown, title="T")
    return out
