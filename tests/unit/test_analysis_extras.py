"""Scorecard, friction, distributions, and a planted-gap dataset."""

from __future__ import annotations

from typing import Any

import numpy as np
from helpers.analysis import find, questionnaire, record

from survey_tui.core.analysis import analyze


def _matrix_records(group: str, rows: dict[str, int], count: int) -> list[dict[str, Any]]:
    return [record(group, {"work": dict(rows)}) for _ in range(count)]


def test_scorecard_classifies_rows_by_the_experience_groups_own_score() -> None:
    rs = _matrix_records("executive", {"code": 5, "review": 5, "tests": 3, "docs": 1}, 5)
    rs += _matrix_records("frontline", {"code": 5, "review": 2, "tests": 3, "docs": 1}, 5)
    rs += _matrix_records("manager", {"code": 1, "review": 1, "tests": 1, "docs": 1}, 2)
    result = analyze(questionnaire(5), rs)
    [card] = result["scorecards"]
    assert card["question"] == "work"
    # No experience_group: the second group of compare does the work.
    assert card["experience_group"] == result["experience_group"] == "frontline"
    rows = {r["row"]: r for r in card["rows"]}
    assert list(rows) == ["code", "review", "tests", "docs"]
    # frontline scores: code 100 (helps), review 25 (friction), tests 50 (mixed), docs 0
    assert [rows[k]["class"] for k in rows] == ["helps", "friction", "mixed", "friction"]
    assert card["helps"] == ["work.code"]
    assert card["friction"] == ["work.docs", "work.review"]  # worst first
    # only review has a gap (100 vs 25) and every answer is the same: CI excludes 0
    assert card["disagree_most"] == ["work.review"]
    assert rows["code"]["groups"]["manager"] == {"n": None, "score": None, "suppressed": True}
    assert rows["review"]["gap_points"] == 75.0
    assert rows["code"]["not_used_pct"] == 0.0


def test_rows_around_the_thresholds_and_a_withheld_experience_group() -> None:
    # 60 helps and 40 is friction (inclusive): 5 answers of 4,4,4,3,2 score 60; 3,3,3,2,3 -> 45
    rs = [
        record("frontline", {"work": {"code": v, "review": w}})
        for v, w in zip([4, 4, 4, 3, 2], [3, 3, 3, 2, 3], strict=True)
    ]
    rs += [record("frontline", {"work": {"tests": 2}}) for _ in range(5)]  # 25 -> friction
    card = analyze(questionnaire(5), rs)["scorecards"][0]
    classes = {r["row"]: r["class"] for r in card["rows"]}
    assert classes == {"code": "helps", "review": "mixed", "tests": "friction", "docs": None}
    few = analyze(questionnaire(5), rs[:4])["scorecards"][0]
    assert all(r["class"] is None for r in few["rows"])  # too few: unclassified


def test_no_matrix_means_no_scorecard() -> None:
    yaml_text = """
id: tiny
title: Tiny
version: 1
groups: [{id: a, label: A}]
sections:
  - id: s
    title: S
    questions:
      - {id: q, type: nps, text: Q}
"""
    result = analyze(questionnaire(yaml_text=yaml_text), [record("a", {"q": 9})])
    assert "scorecard" not in result and result["scorecards"] == []
    assert result["compare"] is None
    assert result["items"][0]["gap"] is None


def test_numbers_are_in_their_own_units_with_quartiles() -> None:
    minutes = [0, 10, 20, 30, 100]
    rs = [record("frontline", {"minutes": m, "fixing": 50}) for m in minutes]
    rs += [record("executive", {"minutes": 5}) for _ in range(4)]
    result = analyze(questionnaire(5), rs)
    item = find(result["items"], "question", "minutes")
    assert (item["kind"], item["unit"], item["construct"]) == ("number", "min", None)
    low, high = item["groups"]["frontline"].pop("ci95")  # the mean's bootstrap interval
    assert low <= 32.0 <= high
    assert item["groups"]["frontline"] == {
        "n": 5,
        "mean": 32.0,
        "median": 20.0,
        "q1": 10.0,
        "q3": 30.0,
        "dont_know_pct": 0.0,
        "suppressed": False,
    }
    assert item["groups"]["executive"]["suppressed"] is True
    assert item["groups"]["executive"]["median"] is None
    assert "friction" not in result  # v1's top-level list: numbers are items now


def test_distributions_count_options_and_pool_other_text() -> None:
    tools = ["copilot", "copilot", "chatgpt", "my own script", "copilot"]
    rs = [record("frontline", {"tool": t, "uses": ["code", "docs"]}) for t in tools]
    rs.append(record("executive", {"tool": "copilot"}))
    result = analyze(questionnaire(5), rs)
    tool = find(result["distributions"], "question", "tool")
    assert tool["type"] == "single_choice"
    assert tool["groups"]["frontline"] == {
        "n": 5,
        "counts": {"copilot": 3, "chatgpt": 1, "(other)": 1},
        "suppressed": False,
    }
    assert tool["groups"]["executive"] == {"n": None, "counts": None, "suppressed": True}
    uses = find(result["distributions"], "question", "uses")["groups"]["frontline"]
    assert uses["counts"] == {"code": 5, "docs": 5}
    assert "my own script" not in str(result["distributions"])


def test_planted_gaps_are_significant_and_null_items_are_not() -> None:
    """Large planted gaps on prod and nps; quality and burden drawn alike for both groups."""
    rng = np.random.default_rng(11)
    likert = np.arange(1, 6)
    high, low, flat = [0.02, 0.05, 0.13, 0.4, 0.4], [0.3, 0.4, 0.15, 0.1, 0.05], [0.2] * 5
    rs = []
    for group, size, planted in (("executive", 30, high), ("frontline", 60, low)):
        for _ in range(size):
            rs.append(
                record(
                    group,
                    {
                        "prod": int(rng.choice(likert, p=planted)),
                        "quality": int(rng.choice(likert, p=flat)),
                        "burden": int(rng.choice(likert, p=flat)),
                        "nps": int(
                            rng.integers(7, 11) if group == "executive" else rng.integers(0, 6)
                        ),
                    },
                )
            )
    result = analyze(questionnaire(5), rs)
    for key in ("prod", "nps"):
        gap = find(result["items"], "question", key)["gap"]
        assert gap["significant"] and gap["points"] > 25 and gap["ci95"][0] > 0
    for key in ("quality", "burden"):
        gap = find(result["items"], "question", key)["gap"]
        assert not gap["significant"]
        assert gap["ci95"][0] < 0 < gap["ci95"][1]
    assert find(result["constructs"], "construct", "nps")["gap"]["significant"]
