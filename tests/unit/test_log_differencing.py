"""The feedback log's differencing rule: no combination of its published figures isolates
fewer than ``min_group_size`` contributors (docs/statistics.md, "Feedback log").

The ``log`` section is a black box (see ``differencing.py``): every entry's minutes (given its
outcome) and its outcome are the unknowns; the attacker knows who logged which entry in which
week, workflow and tool. Small random logs are brute-forced over every set of fewer than ``min_group_size``
contributors.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from helpers.differencing import isolated_sets, linear_leaves
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from survey_tui.core.feedback.figures import log_section
from survey_tui.core.loader import load_bytes
from survey_tui.core.model import Questionnaire

YAML = """
id: log-diff
title: Log differencing
version: 1
groups:
  - {id: frontline, label: Engineers}
  - {id: manager, label: Managers}
anonymity: {min_group_size: MINSIZE}
sections:
  - id: main
    title: Main
    questions:
      - {id: note, type: text, text: Anything?}
feedback_log:
  workflows:
    - {id: tests, label: Test writing}
    - {id: review, label: Code review}
    - {id: incidents, label: Incident response}
  tools: [Copilot, Claude]
  outcomes:
    - {value: helped, label: Helped, saves: true}
    - {value: sped_up, label: Sped up, saves: true}
    - {value: corrected, label: Corrected, saves: false}
    - {value: abandoned, label: Abandoned, saves: false}
"""
WEEKS = ["2026-11-02", "2026-11-10", "2026-11-18"]
OUTCOMES = ["helped", "sped_up", "corrected", "abandoned"]

Variable = tuple[int, int, str]  # (contributor, entry index, "minutes" or the new outcome)


def _questionnaire(minimum: int) -> Questionnaire:
    return load_bytes(YAML.replace("MINSIZE", str(minimum)).encode())


def _entry(
    who: int, day: str, workflow: str, tool: str, outcome: str, group: str = "frontline"
) -> dict[str, Any]:
    return {
        "entry_id": f"e-{who}-{day}-{workflow}-{tool}-{outcome}",
        "questionnaire_id": "log-diff",
        "group": group,
        "date": day,
        "workflow": workflow,
        "tool": tool,
        "outcome": outcome,
        "minutes": 10,
        "note": "",
        "contributor": f"c{who}",
    }


def _coefficients(
    q: Questionnaire, entries: list[dict[str, Any]], variables: list[Variable]
) -> tuple[list[str], np.ndarray]:
    """Each published figure's change when one unknown moves: an entry's minutes up by one
    (the minutes figures), or its outcome to another one (the outcome shares)."""
    base = linear_leaves(log_section(q, entries))
    paths = sorted(base)
    matrix = np.zeros((len(paths), len(variables)))
    for column, (_, index, kind) in enumerate(variables):
        changed = [dict(e) for e in entries]
        if kind == "minutes":
            changed[index]["minutes"] += 1
        else:
            changed[index]["outcome"] = kind
        moved = linear_leaves(log_section(q, changed))
        # Minutes figures are linear in the minutes of a known outcome; outcome shares in
        # the outcomes. An outcome moved to the other side (saved vs lost) changes which
        # minutes figures exist, so only the shares are compared for it.
        mine = [p for p in paths if (_family(p) == "minutes") == (kind == "minutes")]
        shown = [p for p in moved if (_family(p) == "minutes") == (kind == "minutes")]
        assert sorted(shown) == mine, "which figures are published must not depend on values"
        for row, path in enumerate(paths):
            if path in mine:
                matrix[row, column] = moved[path] - base[path]
    return paths, matrix


def _family(path: str) -> str:
    return "outcomes" if "/outcomes/" in path else "minutes"


@st.composite
def logs(draw: st.DrawFn) -> tuple[int, list[dict[str, Any]], list[Variable]]:
    minimum = draw(st.integers(2, 4))
    people = draw(st.integers(minimum, minimum + 4))
    entries: list[dict[str, Any]] = []
    for who in range(people):
        group = draw(st.sampled_from(["frontline", "manager"]))
        for _ in range(draw(st.integers(1, 3))):
            entries.append(
                _entry(
                    who,
                    draw(st.sampled_from(WEEKS)),
                    draw(st.sampled_from(["tests", "review", "incidents"])),
                    draw(st.sampled_from(["copilot", "claude", "Windsurf"])),
                    draw(st.sampled_from(OUTCOMES)),
                    group,
                )
            )
    for i, e in enumerate(entries):
        e["entry_id"] = f"{i}-{e['entry_id']}"
    variables: list[Variable] = []
    for i, e in enumerate(entries):
        who = int(e["contributor"][1:])
        variables.append((who, i, "minutes"))
        variables += [(who, i, o) for o in OUTCOMES if o != e["outcome"]]
    return minimum, entries, variables


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(logs())
def test_no_combination_of_log_figures_isolates_fewer_than_minimum(
    log: tuple[int, list[dict[str, Any]], list[Variable]],
) -> None:
    minimum, entries, variables = log
    q = _questionnaire(minimum)
    paths, matrix = _coefficients(q, entries, variables)
    assert isolated_sets(paths, matrix, variables, minimum, _family) == []


def test_a_week_minus_a_workflow_does_not_reveal_one_persons_entries() -> None:
    """Week 1 is all test writing but for one person's incident, and all test writing is in
    week 1: both rows have 3 contributors, their difference is that one person."""
    rows = [_entry(w, WEEKS[0], "tests", "copilot", "corrected") for w in range(3)]
    rows.append(_entry(3, WEEKS[0], "incidents", "copilot", "corrected"))
    rows += [_entry(w, WEEKS[1], "review", "copilot", "corrected") for w in (3, 4, 5)]
    q = _questionnaire(3)
    result = log_section(q, rows)
    assert result is not None
    week = result["weeks"][0]
    tests = result["by_workflow"][0]
    assert week["contributors"] == 4 and tests["contributors"] == 3  # both rows are shown
    # ... but not both lost-minute totals: one of them is withheld.
    assert week["minutes_lost"] is None or tests["minutes_lost"] is None
    variables: list[Variable] = [
        (int(e["contributor"][1:]), i, "minutes") for i, e in enumerate(rows)
    ]
    paths, matrix = _coefficients(q, rows, variables)
    assert isolated_sets(paths, matrix, variables, 3, _family) == []


def test_rows_below_the_minimum_are_withheld_whole() -> None:
    rows = [_entry(w, WEEKS[0], "tests", "copilot", "helped") for w in range(3)]
    rows.append(_entry(9, WEEKS[0], "review", "claude", "helped"))
    result = log_section(_questionnaire(3), rows)
    assert result is not None
    review = result["by_workflow"][1]
    assert review == {
        "key": "review",
        "label": "Code review",
        "entries": None,
        "contributors": None,
        "outcomes": None,
        "minutes_saved": None,
        "minutes_lost": None,
        "suppressed": True,
    }
    assert result["by_group"]["manager"] == {
        "entries": None,
        "contributors": None,
        "suppressed": True,
    }


def test_a_figure_fewer_than_minimum_stand_behind_is_withheld() -> None:
    """Four people logged test writing, only one of them saved time: that row is shown, its
    minutes saved are that one person's and are not."""
    rows = [_entry(w, WEEKS[0], "tests", "copilot", "corrected") for w in range(3)]
    rows.append(_entry(3, WEEKS[0], "tests", "copilot", "helped"))
    result = log_section(_questionnaire(3), rows)
    assert result is not None
    tests = result["by_workflow"][0]
    assert tests["suppressed"] is False and tests["entries"] == 4
    assert tests["minutes_saved"] is None
    assert tests["minutes_lost"] == {"median": 10.0, "q1": 10.0, "q3": 10.0, "total": 30.0}
    assert tests["outcomes"] == {
        "helped": 25.0,
        "sped_up": 0.0,
        "corrected": 75.0,
        "abandoned": 0.0,
    }


def test_a_search_out_of_budget_withholds_instead_of_guessing(monkeypatch: Any) -> None:
    """When the exact search gives up, cells are withheld until it can decide: never a leak."""
    from survey_tui.core.feedback import audit

    monkeypatch.setattr(audit, "BUDGET", 0)
    rows = [
        _entry(w, WEEKS[w % 2], wf, "copilot", "corrected")
        for w in range(6)
        for wf in ("tests", "review")
    ]
    q = _questionnaire(3)
    result = log_section(q, rows)
    assert result is not None
    variables: list[Variable] = [
        (int(e["contributor"][1:]), i, "minutes") for i, e in enumerate(rows)
    ]
    paths, matrix = _coefficients(q, rows, variables)
    assert isolated_sets(paths, matrix, variables, 3, _family) == []
    shown = [r["minutes_lost"] for r in result["by_workflow"] if r["minutes_lost"] is not None]
    assert len(shown) < 2  # the cautious side: something was withheld
