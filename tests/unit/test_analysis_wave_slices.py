"""All waves pooled (``--wave all``) never total a wave slice that its own wave's analysis withholds.

Otherwise 4 x (all waves) - 3 x (wave 1) is the lone wave-2 respondent's answer
(docs/statistics.md: "suppression is never undone by subtraction").
"""

from __future__ import annotations

from typing import Any

from helpers.analysis import find, questionnaire, record
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from survey_tui.core.analysis import ALL_WAVES, analyze


def waves(lonely: dict[str, Any]) -> list[dict[str, Any]]:
    """Executives 5 + 5 and frontline 5 in w1; frontline 1 (``lonely``) in w2."""
    rs = [record("executive", {"prod": 5, "quality": 4}, wave=w) for w in ["w1", "w2"] * 5]
    rs += [record("frontline", {"prod": 2, "quality": 2, "notes": "w1 view"}, wave="w1")] * 5
    rs.append(record("frontline", lonely, wave="w2"))
    return rs


def test_a_lonely_wave_slice_is_left_out_of_the_all_waves_totals() -> None:
    q = questionnaire(5)
    lonely = {"prod": 5, "quality": 5, "notes": "lonely secret"}
    every = analyze(q, waves(lonely), wave=ALL_WAVES, resamples=50)
    first = analyze(q, waves(lonely), wave="w1", resamples=50)
    assert analyze(q, waves(lonely), wave="w2", resamples=50)["groups"]["frontline"]["suppressed"]
    prod_all = find(every["items"], "question", "prod")["groups"]["frontline"]
    prod_w1 = find(first["items"], "question", "prod")["groups"]["frontline"]
    assert prod_all == prod_w1  # same 5 people: nothing to subtract
    assert every["groups"]["frontline"]["n"] == 5
    assert every["withheld_waves"] == {"frontline": ["w2"]}
    assert "lonely secret" not in str(every)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(1, 5), st.integers(1, 5), st.sampled_from(["", "changed", "other text"]))
def test_answers_in_a_withheld_slice_change_nothing_in_the_totals(
    prod: int, quality: int, notes: str
) -> None:
    q = questionnaire(5)
    base = analyze(q, waves({"prod": 1, "quality": 1}), wave=ALL_WAVES, resamples=50)
    altered = analyze(
        q,
        waves({"prod": prod, "quality": quality, "notes": notes}),
        wave=ALL_WAVES,
        resamples=50,
    )
    assert base == altered


def test_an_item_few_answered_in_one_wave_is_left_out_of_its_totals() -> None:
    # Frontline w2 has 5 respondents, but only 2 answered "quality": that item slice is withheld
    # in w2, so the all-waves "quality" figure must not include those 2 answers.
    q = questionnaire(5)
    rs = [record("frontline", {"prod": 2, "quality": 2}, wave="w1") for _ in range(5)]
    rs += [record("frontline", {"prod": 3}, wave="w2") for _ in range(3)]
    rs += [record("frontline", {"prod": 3, "quality": 5}, wave="w2") for _ in range(2)]
    rs += [record("executive", {"prod": 5, "quality": 5}, wave=w) for w in ["w1", "w2"] * 3]
    every = analyze(q, rs, wave=ALL_WAVES, resamples=50)
    quality = find(every["items"], "question", "quality")["groups"]["frontline"]
    assert quality["n"] == 5 and quality["score"] == 25.0  # the w1 answers alone
    prod = find(every["items"], "question", "prod")["groups"]["frontline"]
    assert prod["n"] == 10  # published in both waves: totalled


def test_small_slices_that_together_reach_the_minimum_are_totalled() -> None:
    # 2 + 2 frontline respondents, minimum 3: each wave withholds them, but the total of 4
    # reveals only the two slices together, which is at the threshold: it is published.
    q = questionnaire(3)
    rs = [record("frontline", {"prod": 2}, wave=w) for w in ["w1", "w1", "w2", "w2"]]
    rs += [record("executive", {"prod": 5}, wave=w) for w in ["w1", "w2"] * 3]
    every = analyze(q, rs, wave=ALL_WAVES, resamples=50)
    assert every["groups"]["frontline"]["n"] == 4
    assert not find(every["items"], "question", "prod")["groups"]["frontline"]["suppressed"]
    assert every["withheld_waves"] == {}


def test_a_group_small_in_every_wave_keeps_its_count_and_stays_withheld() -> None:
    q = questionnaire(5)
    rs = [record("frontline", {"prod": 2}, wave=w) for w in ["w1", "w2"]]
    rs += [record("executive", {"prod": 5}, wave=w) for w in ["w1", "w2"] * 3]
    every = analyze(q, rs, wave=ALL_WAVES, resamples=50)
    assert every["groups"]["frontline"]["n"] == 2 and every["groups"]["frontline"]["suppressed"]
