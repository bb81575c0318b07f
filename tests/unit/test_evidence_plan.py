"""The success plan YAML: checked with ``FILE:LINE:COL`` errors like a questionnaire."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from survey_tui.core.evidence.plan import PlanError, load_plan, parse_plan

GOOD = b"""\
metrics:
  - id: time_to_resolution_hours     # a stored metric id
    name: Median P2 time to resolution
    definition: median hours from P2 incident opened to resolved, per week
    unit: hours
    direction: lower_is_better
    baseline: {value: 9.5, from: 2026-09-01, to: 2026-11-30}
    target: 8
    due: 2027-03-01
    owner: VP Engineering
    source: Jira export, P2 incidents
  - id: rework_pct
    direction: lower_is_better
    baseline: {from: 2026-09-01, to: 2026-11-30}
    target: 10
    due: 2027-03-01
    owner: Head of Platform
"""


def _errors(text: bytes, stored: set[str] | None = None) -> list[str]:
    with pytest.raises(PlanError) as caught:
        parse_plan(text, "plan.yaml", stored)
    return [str(p) for p in caught.value.problems]


def test_the_spec_example_loads() -> None:
    plan = parse_plan(GOOD, "/some/where/plan.yaml")
    assert plan.file == "plan.yaml"  # never the folder: a report travels
    first, second = plan.metrics
    assert first.id == "time_to_resolution_hours" and first.lower_is_better
    assert first.baseline_value == 9.5 and first.target == 8.0
    assert (first.baseline_from, first.baseline_to, first.due) == (
        date(2026, 9, 1),
        date(2026, 11, 30),
        date(2027, 3, 1),
    )
    assert first.owner == "VP Engineering" and first.source == "Jira export, P2 incidents"
    # Optional fields: the value is measured from the baseline weeks; known names and units.
    assert second.baseline_value is None and second.name == "Code rework"
    assert second.unit == "%"


def test_every_problem_has_its_line_column_and_a_hint() -> None:
    text = b"""\
metrics:
  - id: time_to_resolution_hour
    nmae: P2
    direction: lower_is_beter
    baseline: {vaule: 9.5, from: 2026-09-01, to: 2026-08-30}
    target: eight
    due: 2026-13-01
  - id: Rework
    direction: higher_is_better
    baseline: {from: 2026-09-01, to: 2026-11-30}
    target: 10
    due: 2026-11-01
    owner: VP Engineering
"""
    assert _errors(text, {"time_to_resolution_hours", "rework_pct"}) == [
        "plan.yaml:2:5: metrics.0.owner: required: the role accountable for the metric, e.g. "
        "VP Engineering",
        "plan.yaml:2:9: metrics.0.id: no metric 'time_to_resolution_hour' is stored (did you "
        "mean 'time_to_resolution_hours'?)",
        "plan.yaml:3:5: metrics.0.nmae: unknown key (did you mean 'name'?); allowed: id, name, "
        "definition, unit, direction, baseline, target, due, owner, source",
        "plan.yaml:4:16: metrics.0.direction: 'lower_is_beter' is not a direction (did you mean "
        "'lower_is_better'?); one of lower_is_better, higher_is_better",
        "plan.yaml:5:16: metrics.0.baseline.vaule: unknown key (did you mean 'value'?); "
        "allowed: value, from, to",
        "plan.yaml:5:50: metrics.0.baseline.to: 2026-08-30 is before from (2026-09-01)",
        "plan.yaml:6:13: metrics.0.target: expected a number (the value that counts as success)",
        "plan.yaml:7:10: metrics.0.due: '2026-13-01' is not a date (YYYY-MM-DD)",
        "plan.yaml:8:9: metrics.1.id: 'Rework' is not a metric id: lower-case letters, digits "
        "and _",
        "plan.yaml:12:10: metrics.1.due: 2026-11-01 is not after the baseline's end (2026-11-30)",
    ]


def test_yaml_mistakes_are_located_too() -> None:
    assert _errors(b"metrics:\n  - id: a\n    id: b\n")[0].startswith(
        "plan.yaml:3:5: metrics.0.id: duplicate key 'id' (first given on line 2)"
    )
    assert _errors(b"metrics: [\n") == [
        "plan.yaml:2:1: YAML syntax error: expected the node content, but found '<stream end>' "
        "(while parsing a flow node)"
    ]
    assert _errors(b"metric:\n  - id: a\n") == [
        "plan.yaml:1:1: metric: unknown key (did you mean 'metrics'?); a plan holds `metrics:`",
        "plan.yaml:1:1: metrics: a list of at least one metric (see docs/data-exchange.md)",
    ]
    assert _errors(GOOD + GOOD[len(b"metrics:\n") :])[0] == (
        "plan.yaml:18:9: metrics.2.id: 'time_to_resolution_hours' is already planned (line 2)"
    )


def test_missing_and_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(PlanError, match="no such file"):
        load_plan(tmp_path / "missing.yaml")
    with pytest.raises(PlanError, match="is a directory"):
        load_plan(tmp_path)
