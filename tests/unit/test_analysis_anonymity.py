"""min_group_size: withheld figures, slices, free text and complementary suppression."""

from __future__ import annotations

from typing import Any

import pytest
from helpers.analysis import BASIC_YAML, find, likert_records, questionnaire, record
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from survey_tui.core.analysis import analyze

SWAPPED_YAML = BASIC_YAML.replace(
    "compare: [executive, frontline]", "compare: [frontline, executive]"
)


def test_small_group_withheld_and_left_out_of_every_total() -> None:
    rs = (
        likert_records("executive", "quality", [5, 5, 4, 4, 5, 4])
        + likert_records("frontline", "quality", [1, 2, 2, 1, 3, 2])
        + likert_records("manager", "quality", [1, 1, 1])
    )
    item = find(analyze(questionnaire(5), rs)["items"], "question", "quality")
    assert item["groups"]["manager"] == {
        "n": None,
        "mean": None,
        "score": None,
        "favorable_pct": None,
        "dont_know_pct": None,
        "ci95": None,
        "suppressed": True,
    }
    ex, fr = item["groups"]["executive"]["score"], item["groups"]["frontline"]["score"]
    # "the rest" of executive is frontline alone: the manager slice is not pooled in
    assert item["vs_rest"]["executive"]["points"] == pytest.approx(ex - fr)
    assert item["vs_rest"]["manager"]["suppressed"] is True


def test_rest_below_minimum_is_withheld() -> None:
    rs = likert_records("executive", "quality", [5] * 6) + likert_records("manager", "quality", [1])
    item = find(analyze(questionnaire(5), rs)["items"], "question", "quality")
    assert item["vs_rest"]["executive"] == {
        "points": None,
        "ci95": None,
        "p_value": None,
        "p_adjusted": None,
        "significant": None,
        "suppressed": True,
    }


def test_small_slice_of_a_large_group_withholds_item_and_its_construct() -> None:
    rs = [record("frontline", {"prod": 2, "quality": 3}) for _ in range(8)]
    rs += [record("frontline", {"prod": 2, "burden": 5, "quality": 3}) for _ in range(2)]
    rs += [record("executive", {"prod": 5, "burden": 1, "quality": 4}) for _ in range(6)]
    result = analyze(questionnaire(5), rs)
    assert find(result["items"], "question", "burden")["groups"]["frontline"]["suppressed"]
    assert find(result["items"], "question", "burden")["gap"]["suppressed"]
    assert not find(result["items"], "question", "prod")["groups"]["frontline"]["suppressed"]
    # prod (10 answers) is published; the construct would mix in the 2-person burden slice
    construct = find(result["constructs"], "construct", "productivity")
    assert construct["groups"]["frontline"]["score"] is None
    assert construct["gap"]["suppressed"] is True
    assert find(result["constructs"], "construct", "quality")["gap"]["suppressed"] is False


def test_free_text_of_small_groups_is_not_shown() -> None:
    rs = [record("executive", {"notes": f"exec note {i}"}) for i in range(5)]
    rs += [record("manager", {"notes": "only manager"}) for _ in range(2)]
    rs += [record("frontline", {"notes": "  "}) for _ in range(5)]
    notes = find(analyze(questionnaire(5), rs)["comments"], "question", "notes")
    assert notes["groups"]["executive"] == [f"exec note {i}" for i in range(5)]
    assert notes["groups"]["frontline"] == []
    assert "manager" not in notes["groups"]


def _walk(node: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    if isinstance(node, dict):
        found.append(node)
        for value in node.values():
            found += _walk(value)
    elif isinstance(node, list):
        for value in node:
            found += _walk(value)
    return found


answer = st.one_of(st.none(), st.integers(1, 5))


@st.composite
def datasets(draw: st.DrawFn) -> tuple[int, list[dict[str, Any]]]:
    minimum = draw(st.integers(2, 5))
    records = []
    for group, most in (("executive", 9), ("frontline", 9), ("manager", minimum - 1)):
        for _ in range(draw(st.integers(0, most))):
            given = {q: draw(answer) for q in ("prod", "burden", "quality")}
            records.append(record(group, {k: v for k, v in given.items() if v is not None}))
    return minimum, records


FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(datasets())
def test_no_published_figure_from_fewer_than_minimum(
    data: tuple[int, list[dict[str, Any]]],
) -> None:
    minimum, rs = data
    result = analyze(questionnaire(minimum), rs, resamples=50)
    for node in _walk(result):
        if node.get("suppressed") is True and "label" not in node:
            assert all(
                v is None for k, v in node.items() if k not in ("suppressed", "asked", "not_asked")
            )
        elif node.get("suppressed") is False and "n" in node and "label" not in node:
            assert node["n"] >= minimum
        if "score" in node and node["score"] is not None:
            assert 0.0 <= node["score"] <= 100.0
    for entry in result["items"] + result["constructs"]:
        gap = entry["gap"]
        if not gap["suppressed"]:
            assert not entry["groups"]["executive"]["suppressed"]
            assert not entry["groups"]["frontline"]["suppressed"]


@FAST
@given(datasets(), st.integers(1, 5))
def test_a_suppressed_group_changes_nothing_published(
    data: tuple[int, list[dict[str, Any]]], value: int
) -> None:
    """Complementary suppression: no published number depends on a withheld group."""
    minimum, rs = data
    q = questionnaire(minimum)
    altered = [
        record("manager", {"prod": value, "burden": value, "quality": value})
        if r["group"] == "manager"
        else r
        for r in rs
    ]
    assert analyze(q, rs, resamples=50) == analyze(q, altered, resamples=50)


@FAST
@given(datasets())
def test_swapping_the_pair_flips_every_gap(data: tuple[int, list[dict[str, Any]]]) -> None:
    minimum, rs = data
    forward = analyze(questionnaire(minimum), rs, resamples=50)
    backward = analyze(questionnaire(minimum, SWAPPED_YAML), rs, resamples=50)
    for kind in ("items", "constructs"):
        for f, b in zip(forward[kind], backward[kind], strict=True):
            fg, bg = f["gap"], b["gap"]
            assert fg["suppressed"] == bg["suppressed"]
            if fg["suppressed"]:
                continue
            assert fg["points"] == pytest.approx(-bg["points"], abs=1e-9)
            assert fg["favorable_points"] == pytest.approx(-bg["favorable_points"], abs=1e-9)
            assert fg["cliffs_delta"] == pytest.approx(-bg["cliffs_delta"], abs=1e-12)
            assert fg["p_value"] == pytest.approx(bg["p_value"])
            assert fg["ci95"] == pytest.approx([-bg["ci95"][1], -bg["ci95"][0]], abs=1e-9)
    assert forward["expectation_gap_index"] == pytest.approx(backward["expectation_gap_index"])
