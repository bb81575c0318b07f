"""Scorecard, friction, distributions, and a planted-gap dataset."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from analysis_helpers import find, questionnaire, record

from survey_tui.core.analysis import analyze


def _matrix_records(group: str, rows: dict[str, int], count: int) -> list[dict[str, Any]]:
    return [record(group, {"work": dict(rows)}) for _ in range(count)]


def test_scorecard_ranks_rows_and_finds_extremes() -> None:
    rs = _matrix_records("executive", {"code": 5, "review": 3, "tests": 3, "docs": 1}, 5)
    rs += _matrix_records("frontline", {"code": 5, "review": 2, "tests": 3, "docs": 1}, 5)
    rs += _matrix_records("manager", {"code": 1, "review": 1, "tests": 1, "docs": 1}, 2)
    result = analyze(questionnaire(5), rs)
    card = result["scorecard"]
    assert result["scorecards"] == [card]
    assert card["question"] == "work"
    assert [r["key"] for r in card["rows"]] == [
        "work.code",
        "work.review",
        "work.tests",
        "work.docs",
    ]
    # overall pools executive and frontline only (manager is withheld)
    assert find(card["rows"], "row", "review")["overall"] == pytest.approx(37.5)
    assert card["helps_most"] == ["work.code", "work.tests"]
    assert card["friction_most"] == ["work.docs", "work.review"]
    assert card["disagree_most"][0] == "work.review"
    assert card["ranking"]["frontline"] == ["work.code", "work.tests", "work.review", "work.docs"]
    assert card["ranking"]["manager"] == []
    assert find(card["rows"], "row", "code")["groups"]["manager"]["score"] is None


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
    assert result["scorecard"] is None and result["scorecards"] == []
    assert result["compare"] is None
    assert result["items"][0]["gap"] is None


def test_friction_median_and_iqr() -> None:
    minutes = [0, 10, 20, 30, 100]
    rs = [record("frontline", {"minutes": m, "fixing": 50}) for m in minutes]
    rs += [record("executive", {"minutes": 5}) for _ in range(4)]
    friction = find(analyze(questionnaire(5), rs)["friction"], "question", "minutes")
    assert friction["unit"] == "min"
    assert friction["groups"]["frontline"] == {
        "n": 5,
        "median": 20.0,
        "q1": 10.0,
        "q3": 30.0,
        "suppressed": False,
    }
    assert friction["groups"]["executive"]["suppressed"] is True
    assert friction["groups"]["executive"]["median"] is None


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


@pytest.mark.parametrize(
    ("answered", "helps", "friction"),
    [
        (["code", "review", "tests", "docs"], 2, 2),
        (["code", "review", "tests"], 1, 1),
        (["code", "review"], 1, 1),
        (["code"], 1, 0),
    ],
)
def test_scorecard_never_lists_a_row_as_both_helping_and_friction(
    answered: list[str], helps: int, friction: int
) -> None:
    # Every row scored the same (all 3): a tie must not put a row in both lists either.
    rs = _matrix_records("executive", dict.fromkeys(answered, 3), 5)
    rs += _matrix_records("frontline", dict.fromkeys(answered, 3), 5)
    card = analyze(questionnaire(5), rs)["scorecard"]
    assert len(card["helps_most"]) == helps and len(card["friction_most"]) == friction
    assert not set(card["helps_most"]) & set(card["friction_most"])
