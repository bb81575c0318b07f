"""The synthetic workshop of ``survey-tui demo``: valid, deterministic, the planted gap found."""

from __future__ import annotations

from typing import Any

import pytest

from survey_tui.core.analysis import analyze
from survey_tui.core.answers import check_answer
from survey_tui.core.catalog import resolve_questionnaire
from survey_tui.core.demo import synthetic_workshop
from survey_tui.core.loader import load
from survey_tui.core.model import Questionnaire


@pytest.fixture(scope="module")
def flagship() -> Questionnaire:
    return load(resolve_questionnaire("ai-expectation-gap"))


@pytest.fixture(scope="module")
def records(flagship: Questionnaire) -> list[dict[str, Any]]:
    return synthetic_workshop(flagship)


def test_same_seed_same_records_other_seed_other_answers(
    flagship: Questionnaire, records: list[dict[str, Any]]
) -> None:
    assert synthetic_workshop(flagship) == records
    other = synthetic_workshop(flagship, seed=7)
    assert [r["answers"] for r in other] != [r["answers"] for r in records]


def test_groups_waves_and_record_fields(
    flagship: Questionnaire, records: list[dict[str, Any]]
) -> None:
    counts: dict[tuple[str, str], int] = {}
    for r in records:
        counts[(r["wave"], r["group"])] = counts.get((r["wave"], r["group"]), 0) + 1
        assert r["status"] == "complete" and r["mode"] == "demo"
        assert r["questionnaire_id"] == flagship.id
        assert r["questionnaire_version"] == flagship.version
        assert r["questionnaire_sha256"] == flagship.sha256
        assert r["submitted_at"] >= r["started_at"]
        assert set(r["seconds"]) == set(r["answers"])
    assert counts == {
        (w, g): n
        for w in ("baseline", "90-day")
        for g, n in (("executive", 12), ("manager", 8), ("frontline", 40))
    }
    assert len({r["response_id"] for r in records}) == len(records)


def test_every_answer_valid_and_conditions_respected(
    flagship: Questionnaire, records: list[dict[str, Any]]
) -> None:
    for r in records:
        answers = r["answers"]
        assert flagship.prune_answers(answers, r["group"], r["wave"]) == answers
        visible = flagship.visible_questions(answers, r["group"], r["wave"])
        for question in visible:
            problem = check_answer(flagship, question, answers.get(question.id))
            assert problem is None, (r["group"], question.id, answers.get(question.id), problem)
    # The conditional follow-up appears only after a high changed share.
    details = [r for r in records if "correction_detail" in r["answers"]]
    assert details and all(r["answers"]["suggestions_changed_share"] >= 40 for r in details)
    texts = {r["answers"]["friction_most"] for r in records if "friction_most" in r["answers"]}
    assert len(texts) >= 5  # comments vary
    # Only the 90-day wave answers its own questions.
    later = {"metric_met", "changes_noticed", "change_detail"}
    for r in records:
        assert bool(later & set(r["answers"])) == (r["wave"] == "90-day"), r["wave"]
    noticed = [r["answers"].get("changes_noticed", []) for r in records]
    assert any("reviewing_ai_generated_code_took_more_time" in n for n in noticed)


def _construct(result: dict[str, Any], name: str) -> dict[str, Any]:
    return next(c for c in result["constructs"] if c["construct"] == name)


def _item(result: dict[str, Any], key: str) -> dict[str, Any]:
    return next(i for i in result["items"] if i["question"] == key)


@pytest.fixture(scope="module")
def baseline(flagship: Questionnaire, records: list[dict[str, Any]]) -> dict[str, Any]:
    return analyze(flagship, records, wave="baseline", resamples=500)


def test_planted_productivity_gap_found_and_narrows(
    flagship: Questionnaire, records: list[dict[str, Any]], baseline: dict[str, Any]
) -> None:
    after = analyze(flagship, records, wave="90-day", baseline_wave="baseline", resamples=500)
    gap_before = _construct(baseline, "productivity")["gap"]
    gap_after = _construct(after, "productivity")["gap"]
    assert gap_before["points"] > 15 and gap_before["significant"]
    assert 0 < gap_after["points"] < gap_before["points"]
    assert after["expectation_gap_index"] < baseline["expectation_gap_index"]
    assert after["expectation_gap_index_change"]["delta"] < 0


def test_perception_constructs_all_show_the_planted_gap(baseline: dict[str, Any]) -> None:
    for name in ("productivity", "output_quality", "adoption", "integration", "metrics"):
        gap = _construct(baseline, name)["gap"]
        assert gap["points"] > 15 and gap["significant"], name


def test_awareness_items_differ_by_group_outside_constructs(baseline: dict[str, Any]) -> None:
    for key in ("feedback_reaches", "success_defined"):
        item = _item(baseline, key)
        assert item["kind"] == "awareness" and item["construct"] is None
        groups = item["groups"]
        assert groups["executive"]["score"] - groups["frontline"]["score"] > 20, key
        assert set(item["wording"]) == {"executive", "frontline", "manager"}


def test_executives_say_dont_know_where_they_cannot_observe(baseline: dict[str, Any]) -> None:
    for key in ("correcting_minutes", "suggestions_changed_share", "review_burden"):
        groups = _item(baseline, key)["groups"]
        assert groups["executive"]["dont_know_pct"] > 10, key
        assert groups["frontline"]["dont_know_pct"] == 0, key
    # Engineers answer for their own team's productivity without "don't know".
    assert _item(baseline, "productivity_teams")["groups"]["executive"]["dont_know_pct"] == 0


def test_engineers_report_more_correcting_than_leaders_estimate(baseline: dict[str, Any]) -> None:
    minutes = _item(baseline, "correcting_minutes")
    assert minutes["kind"] == "number" and minutes["unit"] == "min/day"
    gap = minutes["gap"]
    # executive minus frontline, in minutes a day
    assert gap["units"] < -25 and gap["significant"]
    share = _item(baseline, "suggestions_changed_share")["gap"]
    assert share["units"] < -15 and share["significant"]


def test_workflow_scorecard_by_the_engineers_own_scores(baseline: dict[str, Any]) -> None:
    [card] = baseline["scorecards"]
    assert card["experience_group"] == "frontline"
    # Classified by the engineers' own scores (>= 60 helps, <= 40 friction).
    assert {"workflows.test_writing", "workflows.documentation"} <= set(card["helps"])
    assert {"workflows.incident_response", "workflows.requirements_analysis"} <= set(
        card["friction"]
    )
    rows = {r["row"]: r for r in card["rows"]}
    for row in rows.values():
        score = row["groups"]["frontline"]["score"]
        expected = "helps" if score >= 60 else "friction" if score <= 40 else "mixed"
        assert row["class"] == expected, row
    # Some workflows are "not used for this" (more for triage than for code generation).
    assert rows["ticket_triage"]["not_used_pct"] > rows["code_generation"]["not_used_pct"]
