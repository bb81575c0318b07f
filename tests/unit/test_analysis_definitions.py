"""Hand-computed small cases for each definition of docs/statistics.md."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers.analysis import find, likert_records, questionnaire, record
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
    assert "mean" not in prod  # raw means of different items are not one scale's mean
    # prod: 2 of 2 favorable, burden: 1 of 2 (reversed 1 is favorable): mean of 100 and 50
    assert prod["favorable_pct"] == pytest.approx(75.0)
    names = [c["construct"] for c in result["constructs"]]
    # scale items without a construct are their own; matrix rows fall under the matrix id;
    # numbers are in no construct
    assert names == ["productivity", "quality", "nps", "work"]


def test_nps_number_and_matrix_items() -> None:
    rs = [
        record("executive", {"nps": 10, "fixing": 20, "work": {"code": 5, "docs": 1}}),
        record("executive", {"nps": 8, "fixing": 70, "work": {"code": 3}}),
    ]
    result = analyze(questionnaire(1), rs)
    nps = find(result["items"], "question", "nps")["groups"]["executive"]
    assert (nps["score"], nps["favorable_pct"]) == (90.0, 50.0)
    # Numbers are reported in their own units, never on 0-100 (lower_is_better or not).
    fixing = find(result["items"], "question", "fixing")
    assert fixing["kind"] == "number" and fixing["construct"] is None
    assert fixing["direction"] == "lower_is_better" and fixing["unit"] == "%"
    figures = fixing["groups"]["executive"]
    assert (figures["n"], figures["mean"], figures["median"]) == (2, 45.0, 45.0)
    assert (figures["q1"], figures["q3"]) == (32.5, 57.5)  # numpy's linear interpolation
    assert "score" not in figures and "favorable_pct" not in figures
    assert "fixing" not in [c["construct"] for c in result["constructs"]]
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
        "p_adjusted": 1.0,
        "cliffs_delta": 0.0,
        "effect": "negligible",
        "significant": False,
        "not_confirmed": False,
        "small_sample": True,  # 6 and 7 respondents: fewer than 10
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
        "headcount": None,
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
    assert item["change"] == {
        "points_before": 100.0,
        "points_now": 50.0,
        "delta": -50.0,
        "ci95": [-50.0, -50.0],  # every answer the same within each group and wave
        "significant": True,
        "groups": {
            "executive": {"score_before": 100.0, "score_now": 75.0, "delta": -25.0},
            "frontline": {"score_before": 0.0, "score_now": 25.0, "delta": 25.0},
            "manager": {"score_before": None, "score_now": None, "delta": None},
        },
    }
    assert find(now["constructs"], "construct", "quality")["change"]["delta"] == -50.0
    assert analyze(q, rs, wave="all")["groups"]["executive"]["n"] == 4
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


def test_group_scores_agree_with_item_score_on_shipped_items() -> None:
    """The analysis' vectorised scores are Item.score, for every scale item shipped."""
    from survey_tui.core.analysis.dataset import Dataset
    from survey_tui.core.analysis.figures import build_units
    from survey_tui.core.loader import load

    shipped = Path(__file__).resolve().parents[2] / "questionnaires" / "ai_expectation_gap.yaml"
    for q in (questionnaire(1), load(shipped)):
        scored = [item for item in q.items() if item.scale is not None]
        answers = []
        for step in range(3):
            given: dict[str, object] = {}
            for item in scored:
                assert item.scale is not None
                value = item.scale.min + step * (item.scale.max - item.scale.min) // 2
                if item.row_id is None:
                    given[item.question_id] = value
                else:
                    given.setdefault(item.question_id, {})[item.row_id] = value  # type: ignore[union-attr]
            answers.append(given)
        group = q.group_ids[0]
        data = Dataset({g: answers if g == group else [] for g in q.group_ids}, {})
        units, _ = build_units(q, data)
        for unit in units:
            if unit.item is None or unit.item.scale is None:
                continue
            values = [a[unit.item.question_id] for a in answers]
            if unit.item.row_id is not None:
                values = [v[unit.item.row_id] for v in values]  # type: ignore[index]
            expected = [unit.item.score(float(v)) for v in values]  # type: ignore[arg-type]
            assert unit.figures[group].matrix[:, 0].tolist() == pytest.approx(expected)
            assert all(0.0 <= x <= 100.0 for x in expected)


def test_change_is_withheld_when_the_baseline_gap_was_suppressed() -> None:
    rs = (
        likert_records("executive", "quality", [5, 4], wave="w1")  # too few in w1
        + likert_records("frontline", "quality", [1, 2, 2], wave="w1")
        + likert_records("executive", "quality", [4, 4, 5], wave="w2")
        + likert_records("frontline", "quality", [2, 2, 1], wave="w2")
    )
    result = analyze(questionnaire(3), rs, wave="w2", baseline_wave="w1")
    item = find(result["items"], "question", "quality")
    assert item["change"] is None  # a change needs the gap published in both waves
    assert item["gap"]["points"] == pytest.approx(100 * (13 / 3 - 5 / 3) / 4)
