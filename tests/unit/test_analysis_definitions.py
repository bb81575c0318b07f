"""Hand-computed small cases for each definition of gap-statistics.md."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from analysis_helpers import find, likert_records, questionnaire, record
from scipy.stats import mannwhitneyu

from survey_tui.core.analysis import analyze
from survey_tui.core.errors import DataError


def test_item_score_mean_and_favorable() -> None:
    rs = likert_records("executive", "prod", [5, 4, 4]) + likert_records(
        "frontline", "prod", [1, 2, 3, 2]
    )
    result = analyze(questionnaire(1), rs)
    prod = find(result["items"], "question", "prod")
    ex, fr = prod["groups"]["executive"], prod["groups"]["frontline"]
    assert (ex["n"], ex["mean"], ex["score"], ex["favorable_pct"]) == (
        3,
        pytest.approx(13 / 3),
        pytest.approx(250 / 3),
        100.0,
    )
    assert (fr["n"], fr["mean"], fr["score"], fr["favorable_pct"]) == (4, 2.0, 25.0, 0.0)
    gap = prod["gap"]
    assert gap["points"] == pytest.approx(250 / 3 - 25)
    assert gap["favorable_points"] == 100.0
    assert gap["cliffs_delta"] == 1.0
    expected = mannwhitneyu(
        [100, 75, 75],
        [0, 25, 50, 25],
        alternative="two-sided",
        use_continuity=True,
        method="asymptotic",
    ).pvalue
    assert gap["p_value"] == pytest.approx(expected)
    assert gap["significant"] is bool(expected < 0.05)
    low, high = gap["ci95"]
    assert low <= gap["points"] <= high
    json.dumps(result)  # JSON-able


def test_reverse_item_scores_and_mirrored_favorable() -> None:
    rs = likert_records("executive", "burden", [1, 2, 5])
    burden = find(analyze(questionnaire(1), rs)["items"], "question", "burden")
    ex = burden["groups"]["executive"]
    assert ex["mean"] == pytest.approx(8 / 3)  # raw answers, unreversed
    assert ex["score"] == pytest.approx((100 + 75 + 0) / 3)
    assert ex["favorable_pct"] == pytest.approx(200 / 3)  # 1 and 2 mirror to 5 and 4


def test_construct_is_mean_of_its_item_scores() -> None:
    rs = [
        record("executive", {"prod": 5, "burden": 1}),  # prod 100, burden (reversed) 100
        record("executive", {"prod": 4}),  # prod 75
        record("executive", {"burden": 5}),  # burden 0
        record("executive", {"quality": 3}),  # no productivity item: not counted
    ]
    result = analyze(questionnaire(1), rs)
    prod = find(result["constructs"], "construct", "productivity")["groups"]["executive"]
    assert prod["n"] == 3  # respondents with at least one of its items
    # prod scores 87.5 (100, 75), burden 50 (100, 0): the construct is their mean, not the
    # mean of per-respondent means (100, 75, 0 -> 58.3)
    assert prod["score"] == pytest.approx((87.5 + 50.0) / 2)
    assert prod["mean"] is None  # raw means of different items are not one scale's mean
    # prod: 2 of 2 favorable, burden: 1 of 2 (reversed 1 is favorable): mean of 100 and 50
    assert prod["favorable_pct"] == pytest.approx(75.0)
    names = [c["construct"] for c in result["constructs"]]
    # items without a construct are their own; matrix rows fall under the matrix id
    assert names == ["productivity", "quality", "nps", "fixing", "work"]


def test_nps_number_and_matrix_items() -> None:
    rs = [
        record("executive", {"nps": 10, "fixing": 20, "work": {"code": 5, "docs": 1}}),
        record("executive", {"nps": 8, "fixing": 70, "work": {"code": 3}}),
    ]
    result = analyze(questionnaire(1), rs)
    nps = find(result["items"], "question", "nps")["groups"]["executive"]
    assert (nps["score"], nps["favorable_pct"]) == (90.0, 50.0)
    fixing = find(result["items"], "question", "fixing")["groups"]["executive"]
    assert fixing["score"] == pytest.approx((80 + 30) / 2)  # lower_is_better
    assert fixing["favorable_pct"] == 50.0
    code = find(result["items"], "question", "work.code")
    assert code["groups"]["executive"]["score"] == 75.0
    assert code["kind"] == "matrix" and code["construct"] == "work"
    # Rows review and tests have no answers, so they are withheld and so is the construct.
    work = find(result["constructs"], "construct", "work")["groups"]["executive"]
    assert work["score"] is None and work["suppressed"]
    rows = {"code": 4, "review": 2, "tests": 5, "docs": 1}
    rs.append(record("executive", {"work": rows}))
    work = find(analyze(questionnaire(1), rs)["constructs"], "construct", "work")
    # code (100, 50, 75) = 75, review 25, tests 100, docs (0, 0) = 0: their mean
    assert work["groups"]["executive"]["score"] == pytest.approx((75 + 25 + 100 + 0) / 4)


def test_group_of_one_is_analysed_when_allowed() -> None:
    rs = likert_records("executive", "quality", [5]) + likert_records(
        "frontline", "quality", [1, 3]
    )
    gap = find(analyze(questionnaire(1), rs)["items"], "question", "quality")["gap"]
    assert gap["points"] == pytest.approx(100 - 25)
    assert gap["cliffs_delta"] == 1.0
    expected = mannwhitneyu([100], [0, 50], alternative="two-sided", method="asymptotic").pvalue
    assert gap["p_value"] == pytest.approx(expected)
    assert gap["ci95"][0] <= 75 <= gap["ci95"][1]


def test_all_equal_answers_have_no_gap() -> None:
    rs = likert_records("executive", "quality", [3] * 6) + likert_records(
        "frontline", "quality", [3] * 7
    )
    gap = find(analyze(questionnaire(5), rs)["items"], "question", "quality")["gap"]
    assert gap == {
        "points": 0.0,
        "favorable_points": 0.0,
        "ci95": [0.0, 0.0],
        "p_value": 1.0,
        "cliffs_delta": 0.0,
        "significant": False,
        "suppressed": False,
    }


def test_empty_group_is_suppressed_not_zero() -> None:
    rs = likert_records("executive", "quality", [4, 5, 3, 4, 5])
    result = analyze(questionnaire(5), rs)
    assert result["groups"]["frontline"] == {
        "n": 0,
        "label": "Frontline",
        "suppressed": True,
        "partial": 0,
    }
    item = find(result["items"], "question", "quality")
    assert item["groups"]["frontline"]["score"] is None
    assert item["groups"]["frontline"]["suppressed"] is True
    assert item["gap"]["suppressed"] is True and item["gap"]["points"] is None
    assert result["expectation_gap_index"] is None


def test_only_complete_responses_of_known_groups_count() -> None:
    rs = [
        *likert_records("executive", "quality", [5, 5]),
        record("executive", {"quality": 1}, status="partial"),
        record("intruder", {"quality": 1}),
        record("executive", {"quality": 9}),  # out of scale: ignored, not a score of 200
        record("executive", {"quality": True}),
    ]
    result = analyze(questionnaire(1), rs)
    assert result["groups"]["executive"]["n"] == 4
    assert result["groups"]["executive"]["partial"] == 1
    assert "intruder" not in result["groups"]
    quality = find(result["items"], "question", "quality")["groups"]["executive"]
    assert (quality["n"], quality["score"]) == (2, 100.0)


def test_expectation_gap_index_is_mean_absolute_construct_gap() -> None:
    rs = (
        likert_records("executive", "quality", [5, 5])
        + likert_records("frontline", "quality", [1, 1])
        + likert_records("executive", "nps", [0, 0])
        + likert_records("frontline", "nps", [5, 5])
    )
    result = analyze(questionnaire(1), rs)
    assert find(result["constructs"], "construct", "nps")["gap"]["points"] == -50.0
    assert result["expectation_gap_index"] == pytest.approx((100 + 50) / 2)


def test_waves_filter_and_change_since_baseline() -> None:
    rs = (
        likert_records("executive", "quality", [5, 5], wave="w1")
        + likert_records("frontline", "quality", [1, 1], wave="w1")
        + likert_records("executive", "quality", [4, 4], wave="w2")
        + likert_records("frontline", "quality", [2, 2], wave="w2")
    )
    q = questionnaire(1)
    now = analyze(q, rs, wave="w2", baseline_wave="w1")
    item = find(now["items"], "question", "quality")
    assert item["groups"]["executive"]["n"] == 2
    assert item["change"] == {"points_before": 100.0, "points_now": 50.0, "delta": -50.0}
    assert find(now["constructs"], "construct", "quality")["change"]["delta"] == -50.0
    assert analyze(q, rs)["groups"]["executive"]["n"] == 4  # no wave: every wave
    with pytest.raises(DataError, match="unknown wave 'w9'"):
        analyze(q, rs, wave="w9")


def test_seed_makes_results_reproducible() -> None:
    rs = likert_records("executive", "quality", [5, 4, 2, 5]) + likert_records(
        "frontline", "quality", [1, 3, 2]
    )
    q = questionnaire(1)
    assert analyze(q, rs, seed=3) == analyze(q, rs, seed=3)
    gap = lambda s: find(analyze(q, rs, seed=s)["items"], "question", "quality")["gap"]["ci95"]  # noqa: E731
    assert gap(3) != gap(4)


def test_vectorised_scores_agree_with_item_score_and_shipped_items() -> None:
    """The engine's array formula is Item.score, for every item of a shipped questionnaire."""
    import numpy as np

    from survey_tui.core.analysis.engine import _scores
    from survey_tui.core.loader import load

    shipped = Path(__file__).resolve().parents[2] / "questionnaires" / "ai_expectation_gap.yaml"
    for q in (questionnaire(1), load(shipped)):
        for item in q.items():
            values = np.linspace(item.scale.min, item.scale.max, 7)
            expected = [item.score(float(v)) for v in values]
            assert _scores(item, values).tolist() == pytest.approx(expected)
            assert all(0.0 <= s <= 100.0 for s in expected)


def test_change_is_withheld_when_the_baseline_gap_was_suppressed() -> None:
    rs = (
        likert_records("executive", "quality", [5, 4], wave="w1")  # too few in w1
        + likert_records("frontline", "quality", [1, 2, 2], wave="w1")
        + likert_records("executive", "quality", [4, 4, 5], wave="w2")
        + likert_records("frontline", "quality", [2, 2, 1], wave="w2")
    )
    result = analyze(questionnaire(3), rs, wave="w2", baseline_wave="w1")
    change = find(result["items"], "question", "quality")["change"]
    assert change["points_before"] is None and change["delta"] is None
    assert change["points_now"] == pytest.approx(100 * (13 / 3 - 5 / 3) / 4)
