"""Statistics v2 (docs/statistics.md), rule by rule, against numpy/scipy computed here."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from helpers.analysis import find, record
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.stats import false_discovery_control, mannwhitneyu

from survey_tui.core.analysis import analyze
from survey_tui.core.errors import DataError
from survey_tui.core.loader import load_bytes
from survey_tui.core.model import Questionnaire

YAML = """
id: v2-test
title: V2
version: 1
groups:
  - {id: executive, label: Executives}
  - {id: frontline, label: Engineers}
  - {id: manager, label: Managers}
compare: [executive, frontline]
anonymity: {min_group_size: 3}
scales:
  agree5: {min: 1, max: 5, dont_know: I don't know}
  use5: {min: 1, max: 5, dont_know: Not used for this}
sections:
  - id: main
    title: Main
    questions:
      - {id: quality, type: likert, scale: agree5, construct: quality, text: Output is good}
      - {id: rework, type: likert, scale: agree5, construct: quality, reverse: true,
         required: false, text: Output needs rework}
      - id: defined
        type: likert
        scale: agree5
        gap: awareness
        text:
          executive: A written definition of success exists.
          frontline: I know what success looks like.
          manager: I know what success looks like.
      - {id: minutes, type: number, min: 0, max: 480, unit: min/day, dont_know: Not sure,
         direction: lower_is_better, text: Minutes correcting}
      - id: work
        type: matrix
        scale: use5
        text: Where AI helps
        rows: [{id: code, label: Code}, {id: tests, label: Tests}]
"""


def _q(yaml_text: str = YAML) -> Questionnaire:
    return load_bytes(yaml_text.encode())


def _scipy_p(a: list[float], b: list[float]) -> float:
    return float(
        mannwhitneyu(a, b, alternative="two-sided", use_continuity=True, method="asymptotic").pvalue
    )


def test_dont_know_is_outside_every_figure_but_its_own_share() -> None:
    rs = [record("executive", {"quality": v}) for v in (5, 4, 4, "dont_know", "dont_know")]
    rs += [record("frontline", {"quality": v}) for v in (2, 1, 2, 3)]
    item = find(analyze(_q(), rs)["items"], "question", "quality")
    ex = item["groups"]["executive"]
    assert ex["n"] == 3  # the two don't-knows are not in n
    assert ex["score"] == pytest.approx((100 + 75 + 75) / 3)
    assert ex["dont_know_pct"] == pytest.approx(100 * 2 / 5)
    assert item["groups"]["frontline"]["dont_know_pct"] == 0.0
    assert item["gap"]["p_value"] == pytest.approx(_scipy_p([100, 75, 75], [25, 0, 25, 50]))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(1, 5), min_size=3, max_size=8), st.integers(1, 6))
def test_adding_dont_knows_changes_no_score(answers: list[int], unsure: int) -> None:
    rs = [record("executive", {"quality": v, "work": {"code": v}}) for v in answers]
    rs += [record("frontline", {"quality": v, "work": {"code": v}}) for v in (1, 2, 3)]
    more = rs + [
        record("executive", {"quality": "dont_know", "work": {"code": "dont_know"}})
        for _ in range(unsure)
    ]

    def scores(result: dict[str, Any]) -> list[Any]:
        return [
            (e.get("question") or e["construct"], e["gap"].get("points"), e["gap"]["p_value"])
            for e in result["items"] + result["constructs"]
        ]

    assert scores(analyze(_q(), rs, resamples=20)) == scores(analyze(_q(), more, resamples=20))


def test_a_dont_know_share_is_withheld_below_the_minimum_of_answers_plus_dont_knows() -> None:
    rs = [record("manager", {"quality": v}) for v in (4, "dont_know")]
    item = find(analyze(_q(), rs)["items"], "question", "quality")
    assert item["groups"]["manager"]["dont_know_pct"] is None


def test_numbers_gap_in_units_with_medians_mwu_and_an_interval() -> None:
    ex, fr = [10, 15, 20, 25, 30], [40, 45, 60, 55, 50, 90]
    rs = [record("executive", {"minutes": v}) for v in ex]
    rs += [record("frontline", {"minutes": v}) for v in fr]
    rs.append(record("executive", {"minutes": "dont_know"}))
    item = find(analyze(_q(), rs)["items"], "question", "minutes")
    assert item["kind"] == "number" and item["unit"] == "min/day"
    assert item["direction"] == "lower_is_better"
    gap = item["gap"]
    assert gap["units"] == pytest.approx(np.mean(ex) - np.mean(fr))
    assert (gap["median_a"], gap["median_b"]) == (20.0, float(np.median(fr)))
    assert gap["p_value"] == pytest.approx(_scipy_p(ex, fr))
    assert gap["ci95"][0] <= gap["units"] <= gap["ci95"][1]
    assert gap["cliffs_delta"] == -1.0 and gap["effect"] == "large"
    assert item["groups"]["executive"]["dont_know_pct"] == pytest.approx(100 / 6)
    assert "points" not in gap and "score" not in item["groups"]["executive"]


def test_awareness_items_carry_each_wording_and_stay_out_of_constructs() -> None:
    rs = [record("executive", {"defined": 5, "quality": 4, "rework": 2}) for _ in range(4)]
    rs += [record("frontline", {"defined": 1, "quality": 2, "rework": 4}) for _ in range(4)]
    result = analyze(_q(), rs)
    item = find(result["items"], "question", "defined")
    assert item["kind"] == "awareness" and item["construct"] is None
    assert item["wording"]["executive"] == "A written definition of success exists."
    assert item["wording"]["frontline"] == "I know what success looks like."
    assert item["gap"]["points"] == 100.0  # figures as for any scale item
    assert [c["construct"] for c in result["constructs"]] == ["quality", "work"]
    assert result["expectation_gap_index"] == pytest.approx(50.0)  # quality alone: 75 - 25


def test_p_adjusted_is_benjamini_hochberg_over_the_items_family() -> None:
    rng = np.random.default_rng(3)
    rs = []
    for group, shift in (("executive", 1), ("frontline", 0)):
        for _ in range(12):
            q, r = rng.integers(1, 5, size=2) + shift
            rs.append(
                record(
                    group,
                    {"quality": int(q), "rework": int(r), "minutes": int(rng.integers(0, 60))},
                )
            )
    result = analyze(_q(), rs)
    published = [e["gap"] for e in result["items"] if not e["gap"]["suppressed"]]
    raw = [g["p_value"] for g in published]
    assert [g["p_adjusted"] for g in published] == pytest.approx(list(false_discovery_control(raw)))
    constructs = [e["gap"] for e in result["constructs"] if not e["gap"]["suppressed"]]
    assert len(constructs) == 1  # work has no answers: withheld
    # a one-family-of-one adjustment is the raw p
    assert constructs[0]["p_adjusted"] == pytest.approx(constructs[0]["p_value"])


def test_construct_test_uses_per_respondent_construct_scores() -> None:
    rs = [record("executive", {"quality": q, "rework": r}) for q, r in ((5, 1), (4, 2), (4, 4))]
    rs += [record("frontline", {"quality": q, "rework": r}) for q, r in ((2, 4), (1, 5), (3, 3))]
    construct = find(analyze(_q(), rs)["constructs"], "construct", "quality")
    # quality 100,75,75 / rework (reversed) 100,75,25 -> per person 100, 75, 50
    # frontline: quality 25,0,50 / rework 25,0,50 -> 25, 0, 50
    assert construct["gap"]["p_value"] == pytest.approx(_scipy_p([100, 75, 50], [25, 0, 50]))
    assert construct["groups"]["executive"]["score"] == pytest.approx((250 / 3 + 200 / 3) / 2)


def _waves_records() -> list[dict[str, Any]]:
    rs = []
    for wave, day, ex, fr in (
        ("baseline", "2026-09-01", (5, 5, 4, 4), (2, 2, 1, 3)),
        ("90-day", "2026-12-01", (4, 4, 3, 4), (3, 3, 2, 3)),
        ("pilot", "2026-06-01", (3, 3, 3), (3, 3, 3)),
    ):
        for group, values in (("executive", ex), ("frontline", fr)):
            for v in values:
                r = record(group, {"quality": v, "rework": 6 - v}, wave=wave)
                r["submitted_at"] = f"{day}T10:00:00Z"
                rs.append(r)
    return rs


def test_one_wave_per_analysis_chosen_as_the_spec_says() -> None:
    rs, q = _waves_records(), _q()
    assert analyze(q, rs)["wave"] == "90-day"  # latest submit
    assert analyze(q, rs)["groups"]["executive"]["n"] == 4
    assert analyze(q, rs, baseline_wave="90-day")["wave"] == "baseline"  # latest other
    pooled = analyze(q, rs, wave="all")
    assert pooled["wave"] == "all" and pooled["waves"] == ["90-day", "baseline", "pilot"]
    assert pooled["groups"]["executive"]["n"] == 11
    with pytest.raises(DataError, match="cannot have a --baseline-wave"):
        analyze(q, rs, wave="all", baseline_wave="baseline")
    with pytest.raises(DataError, match="both name"):
        analyze(q, rs, wave="baseline", baseline_wave="baseline")
    result = analyze(q, rs, baseline_wave="baseline")
    assert (result["wave"], result["baseline_wave"], result["schema_version"]) == (
        "90-day",
        "baseline",
        2,
    )
    for gone in ("scorecard", "helps_most", "friction_most", "friction"):
        assert gone not in result


def test_change_has_an_interval_and_says_who_moved() -> None:
    result = analyze(_q(), _waves_records(), wave="90-day", baseline_wave="baseline")
    change = find(result["items"], "question", "quality")["change"]
    # baseline: executive 87.5, frontline 25 (gap 62.5); now 68.75 and 43.75 (gap 25)
    assert change["points_before"] == pytest.approx(62.5)
    assert change["points_now"] == pytest.approx(25.0)
    assert change["delta"] == pytest.approx(-37.5)
    assert change["ci95"][0] <= change["delta"] <= change["ci95"][1]
    assert change["significant"] == (change["ci95"][1] < 0)
    assert change["groups"]["executive"] == pytest.approx(
        {"score_before": 87.5, "score_now": 68.75, "delta": -18.75}
    )
    assert change["groups"]["frontline"]["delta"] == pytest.approx(18.75)
    index = result["expectation_gap_index_change"]
    assert (index["before"], index["now"]) == pytest.approx((62.5, 25.0))
    assert index["delta"] == pytest.approx(-37.5)
    assert index["ci95"][0] <= index["delta"] <= index["ci95"][1]


def test_index_interval_contains_the_index() -> None:
    result = analyze(_q(), _waves_records(), wave="baseline")
    low, high = result["expectation_gap_index_ci95"]
    assert low <= result["expectation_gap_index"] <= high


@st.composite
def pairs(draw: st.DrawFn) -> list[dict[str, Any]]:
    rs = []
    for group in ("executive", "frontline"):
        for _ in range(draw(st.integers(3, 9))):
            answers = {"quality": draw(st.integers(1, 5)), "minutes": draw(st.integers(0, 90))}
            if draw(st.booleans()):
                answers["rework"] = draw(st.integers(1, 5))
            rs.append(record(group, answers))
    return rs


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pairs())
def test_significant_means_adjusted_p_and_an_interval_that_excludes_zero(
    rs: list[dict[str, Any]],
) -> None:
    result = analyze(_q(), rs, resamples=200)
    for entry in result["items"] + result["constructs"]:
        gap = entry["gap"]
        if gap["suppressed"]:
            continue
        excludes = gap["ci95"][0] > 0 or gap["ci95"][1] < 0
        assert gap["significant"] == (gap["p_adjusted"] < 0.05 and excludes)
        assert gap["p_adjusted"] >= gap["p_value"] - 1e-12
        assert gap["not_confirmed"] == (
            not gap["significant"] and (gap["p_value"] < 0.05 or excludes)
        )
        assert gap["small_sample"] is True  # 9 or fewer per group


SWAPPED = YAML.replace("compare: [executive, frontline]", "compare: [frontline, executive]")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pairs())
def test_swapping_the_pair_flips_signs_and_keeps_p(rs: list[dict[str, Any]]) -> None:
    forward, backward = analyze(_q(), rs, resamples=100), analyze(_q(SWAPPED), rs, resamples=100)
    for kind in ("items", "constructs"):
        for f, b in zip(forward[kind], backward[kind], strict=True):
            fg, bg = f["gap"], b["gap"]
            assert fg["suppressed"] == bg["suppressed"]
            if fg["suppressed"]:
                continue
            name = "units" if "units" in fg else "points"
            assert fg[name] == pytest.approx(-bg[name], abs=1e-9)
            assert fg["p_value"] == pytest.approx(bg["p_value"])
            assert fg["p_adjusted"] == pytest.approx(bg["p_adjusted"])
            assert fg["ci95"] == pytest.approx([-bg["ci95"][1], -bg["ci95"][0]], abs=1e-9)
            assert fg["significant"] == bg["significant"]
    assert forward["expectation_gap_index"] == pytest.approx(backward["expectation_gap_index"])
