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
    # The conditional follow-up appears only after a high correction share.
    details = [r for r in records if "correction_detail" in r["answers"]]
    assert details and all(r["answers"]["correction_share"] >= 40 for r in details)
    texts = {r["answers"]["friction_most"] for r in records if "friction_most" in r["answers"]}
    assert len(texts) >= 5  # comments vary


def _construct(result: dict[str, Any], name: str) -> dict[str, Any]:
    return next(c for c in result["constructs"] if c["construct"] == name)


def test_planted_productivity_gap_found_and_narrows(
    flagship: Questionnaire, records: list[dict[str, Any]]
) -> None:
    before = analyze(flagship, records, wave="baseline", resamples=500)
    after = analyze(flagship, records, wave="90-day", resamples=500)
    gap_before = _construct(before, "productivity")["gap"]
    gap_after = _construct(after, "productivity")["gap"]
    assert gap_before["points"] > 15 and gap_before["significant"]
    assert 0 < gap_after["points"] < gap_before["points"]
    assert after["expectation_gap_index"] < before["expectation_gap_index"]


def test_workflow_scorecard_shows_helps_and_friction(
    flagship: Questionnaire, records: list[dict[str, Any]]
) -> None:
    result = analyze(flagship, records, wave="baseline", resamples=200)
    [card] = result["scorecards"]
    # Classified by the engineers' own scores (>= 60 helps, <= 40 friction).
    assert {"workflows.test_writing", "workflows.documentation"} <= set(card["helps"])
    assert "workflows.incident_response" in card["friction"]
    assert "workflows.requirements_analysis" in card["friction"]


def test_frontline_reports_more_correction(records: list[dict[str, Any]]) -> None:
    def median(group: str) -> float:
        values = sorted(
            r["answers"]["correction_share"]
            for r in records
            if r["group"] == group
            and r["wave"] == "baseline"
            and "correction_share" in r["answers"]
        )
        return values[len(values) // 2]

    assert median("frontline") > median("executive") + 10
