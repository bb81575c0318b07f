"""The differencing rule: no combination of published figures isolates a few respondents.

The analysis is a black box here (see ``differencing.py``): small random workshops with a
conditional item, skippable items, a skippable matrix and a small third group, brute-forced.
"""

from __future__ import annotations

from typing import Any

from helpers.analysis import record
from helpers.differencing import Variable, coefficients, isolated_sets
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from survey_tui.core.analysis import ALL_WAVES, analyze
from survey_tui.core.loader import load_bytes
from survey_tui.core.model import Questionnaire
from survey_tui.core.reports import build_context
from survey_tui.core.reports.findings import ReportOptions

YAML = """
id: gap-test
title: Differencing
version: 1
groups:
  - {id: executive, label: Executives}
  - {id: frontline, label: Frontline}
  - {id: manager, label: Managers}
compare: [executive, frontline]
anonymity: {min_group_size: MINSIZE}
scales:
  agree5: {min: 1, max: 5, favorable: [4, 5]}
sections:
  - id: main
    title: Main
    questions:
      - {id: uses_ai, type: single_choice, options: ['yes', 'no'], text: Do you use AI?}
      - {id: q1, type: likert, scale: agree5, construct: quality, show_if: "uses_ai == 'yes'",
         text: AI output is reliable}
      - {id: q2, type: likert, scale: agree5, construct: quality, required: false,
         text: AI output needs little rework}
      - {id: q3, type: likert, scale: agree5, reverse: true, required: false, text: Burden}
      - id: work
        type: matrix
        scale: agree5
        required: false
        construct: workflows
        text: Where AI helps
        rows:
          - {id: code, label: Writing code}
          - {id: review, label: Code review}
"""


def _questionnaire(minimum: int) -> Questionnaire:
    return load_bytes(YAML.replace("MINSIZE", str(minimum)).encode())


@st.composite
def workshops(draw: st.DrawFn) -> tuple[int, list[dict[str, Any]], list[Variable]]:
    """A minimum group size, complete responses (every answer 3) and the answers as unknowns."""
    minimum = draw(st.integers(3, 4))
    records: list[dict[str, Any]] = []
    variables: list[Variable] = []
    sizes = {
        "executive": draw(st.integers(minimum - 1, minimum + 2)),
        "frontline": draw(st.integers(minimum, minimum + 2)),
        "manager": draw(st.integers(0, minimum + 1)),
    }
    for group, size in sizes.items():
        for _ in range(size):
            who = len(records)
            uses = draw(st.booleans())
            answers: dict[str, Any] = {"uses_ai": "yes" if uses else "no"}
            asked = (["q1"] if uses else []) + [q for q in ("q2", "q3") if draw(st.booleans())]
            for question in asked:
                answers[question] = 3
                variables.append((who, question, None))
            if draw(st.booleans()):
                answers["work"] = {"code": 3, "review": 3}
                variables += [(who, "work", "code"), (who, "work", "review")]
            records.append(record(group, answers))
    return minimum, records, variables


def report_figures(analysis: dict[str, Any]) -> dict[str, Any]:
    """The numbers a report adds to the analysis (docs/reports.md), keyed by what they are
    about, never by rank, so which of them exist does not depend on the answers' values. The
    headline, the trend and the actions only point at analysis entries, so they add none;
    where the other groups sit is a ratio of published scores and is shown only for gaps of 5
    points or more, so it is checked by the test below instead."""
    context = build_context(analysis, ReportOptions(headcount={"frontline": 40}))
    found = context["findings"]
    return {
        "workflows": {
            row["key"]: {"value": row["value"], "use": row["use"]}
            for m in found["workflows"]
            for row in m["rows"]
        },
        "participants": {p["group"]: {"rate": p["rate"]} for p in found["participants"]},
        "capacity": {
            f"{c['question']}/{r['group']}": {k: r[k] for k in ("per_person", "fte")}
            for c in found["capacity"]
            for r in c["rows"]
        },
    }


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(workshops())
def test_no_combination_of_published_figures_isolates_fewer_than_minimum(
    workshop: tuple[int, list[dict[str, Any]], list[Variable]],
) -> None:
    minimum, records, variables = workshop
    q = _questionnaire(minimum)

    def run(rs: list[dict[str, Any]]) -> dict[str, Any]:
        result = analyze(q, rs, resamples=1)
        return {"analysis": result, "report": report_figures(result)}

    paths, matrix = coefficients(run, records, variables)
    assert isolated_sets(paths, matrix, variables, minimum) == []


def _attack_records() -> list[dict[str, Any]]:
    """The review's construct attack: a group of 6, five of whom answer the conditional q1."""
    rs = [record("executive", {"uses_ai": "yes", "q1": 3, "q2": 3}) for _ in range(5)]
    rs.append(record("executive", {"uses_ai": "no", "q2": 3}))
    rs += [record("frontline", {"uses_ai": "yes", "q1": 3, "q2": 3}) for _ in range(5)]
    return rs


def test_the_construct_attack_recovers_nothing() -> None:
    rs = _attack_records()
    variables: list[Variable] = [
        (who, q, None) for who, r in enumerate(rs) for q in ("q1", "q2") if q in r["answers"]
    ]
    q = _questionnaire(5)
    paths, matrix = coefficients(lambda x: analyze(q, x, resamples=1), rs, variables)
    assert isolated_sets(paths, matrix, variables, 5) == []


def test_construct_score_is_the_mean_of_its_published_item_scores() -> None:
    rs = _attack_records()
    rs[0]["answers"]["q1"] = 5
    rs[5]["answers"]["q2"] = 1
    result = analyze(_questionnaire(5), rs, resamples=1)
    items = {i["question"]: i["groups"]["executive"]["score"] for i in result["items"]}
    construct = next(c for c in result["constructs"] if c["construct"] == "quality")
    assert construct["groups"]["executive"]["score"] == (items["q1"] + items["q2"]) / 2


@st.composite
def two_wave_workshops(draw: st.DrawFn) -> tuple[int, list[dict[str, Any]], list[Variable]]:
    """A workshop whose respondents are split over a baseline and a later wave."""
    minimum, records, variables = draw(workshops())
    for r in records:
        r["wave"] = draw(st.sampled_from(["baseline", "90-day"]))
    return minimum, records, variables


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(two_wave_workshops())
def test_wave_totals_never_reveal_a_withheld_wave_slice(
    workshop: tuple[int, list[dict[str, Any]], list[Variable]],
) -> None:
    """An attacker holds each wave's analysis and the all-waves one."""
    minimum, records, variables = workshop
    q = _questionnaire(minimum)
    waves = sorted({str(r["wave"]) for r in records})

    def run(rs: list[dict[str, Any]]) -> dict[str, Any]:
        return {
            "each": [analyze(q, rs, wave=w, resamples=1) for w in waves],
            "all": analyze(q, rs, wave=ALL_WAVES, resamples=1),
        }

    paths, matrix = coefficients(run, records, variables)
    assert isolated_sets(paths, matrix, variables, minimum) == []


def test_report_figures_read_nothing_a_report_may_not_show() -> None:
    """Everything a report derives (headline, trend, actions, rates, capacity, workflows,
    layers, free-text themes) is a function of published figures: changing what the analysis
    withholds (a group below the threshold, an item too few answered, their free text) changes
    no part of the report context."""
    from helpers.first_screen_data import questionnaire, records

    q = questionnaire()
    base = records()
    # Two more managers' worth of nothing: managers (3) are shown; make them 2 and vary them.
    few = [r for r in base if r["group"] != "manager"] + [
        r for r in base if r["group"] == "manager"
    ][:2]
    options = ReportOptions(headcount={"frontline": 50}, hourly_cost=70.0)

    def context(rs: list[dict[str, Any]]) -> dict[str, Any]:
        return build_context(analyze(q, rs, resamples=50), options)

    expected = context(few)
    changed = [dict(r, answers=dict(r["answers"])) for r in few]
    for r in changed:
        if r["group"] == "manager":  # withheld: every answer may change
            r["answers"].update(
                speed=1, defined=5, rework=5, minutes=400, friction="review review outage"
            )
            r["answers"]["work"] = {"code": 1, "incidents": 5}
    assert context(changed) == expected
    assert "manager" not in expected["groups"]
