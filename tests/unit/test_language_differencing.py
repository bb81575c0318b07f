"""The differencing rule with scores by language (docs/statistics.md, "Questionnaires in several
languages"): no combination of published figures, pooled or per language, isolates fewer than
``min_group_size`` respondents. The analysis is a black box (``differencing.py``)."""

from __future__ import annotations

from typing import Any

import pytest
from analysis_helpers import record
from differencing import Variable, coefficients, isolated_sets
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from survey_tui.core.analysis import analyze
from survey_tui.core.loader import load_bytes
from survey_tui.core.model import Questionnaire

YAML = """
id: gap-test
title: {en: Differencing, de: Differenzbildung, fr: Différenciation}
version: 1
languages: [en, de, fr]
groups:
  - {id: executive, label: {en: Executives, de: Führungskräfte, fr: Dirigeants}}
  - {id: frontline, label: {en: Frontline, de: Fachkräfte, fr: Ingénieurs}}
  - {id: manager, label: {en: Managers, de: Manager, fr: Managers}}
compare: [executive, frontline]
anonymity: {min_group_size: MINSIZE}
scales:
  agree5: {min: 1, max: 5, favorable: [4, 5]}
sections:
  - id: main
    title: {en: Main, de: Haupt, fr: Principal}
    questions:
      - {id: q1, type: likert, scale: agree5, construct: quality,
         text: {en: AI output is reliable, de: KI-Ergebnisse sind verlässlich,
                fr: Les résultats de l'IA sont fiables}}
      - {id: q2, type: likert, scale: agree5, construct: quality, required: false,
         text: {en: AI output needs little rework, de: KI-Ergebnisse brauchen wenig Nacharbeit,
                fr: Les résultats de l'IA demandent peu de reprise}}
      - {id: minutes, type: number, min: 0, max: 100, required: false,
         text: {en: Minutes, de: Minuten, fr: Minutes}}
"""


def questionnaire(minimum: int) -> Questionnaire:
    return load_bytes(YAML.replace("MINSIZE", str(minimum)).encode())


@st.composite
def workshops(draw: st.DrawFn) -> tuple[int, list[dict[str, Any]], list[Variable]]:
    """Groups big enough that language slices are often published, answers in two or three
    languages, skippable items: every answer 3 (the values do not matter, only the sets)."""
    minimum = 3
    languages = draw(st.sampled_from([["en", "de"], ["en", "de", "fr"]]))
    records: list[dict[str, Any]] = []
    variables: list[Variable] = []
    sizes = {
        "executive": draw(st.integers(minimum, 2 * minimum + 2)),
        "frontline": draw(st.integers(2 * minimum - 1, 2 * minimum + 2)),
        "manager": draw(st.integers(0, minimum)),
    }
    for group, size in sizes.items():
        for _ in range(size):
            who = len(records)
            answers: dict[str, Any] = {"q1": 3}
            variables.append((who, "q1", None))
            for question in ("q2", "minutes"):
                if draw(st.booleans()):
                    answers[question] = 3
                    variables.append((who, question, None))
            rec = record(group, answers)
            rec["language"] = draw(st.sampled_from(languages))
            records.append(rec)
    return minimum, records, variables


def run(q: Questionnaire) -> Any:
    return lambda rs: analyze(q, rs, resamples=1)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(workshops())
def test_no_combination_of_pooled_and_by_language_figures_isolates_fewer_than_minimum(
    workshop: tuple[int, list[dict[str, Any]], list[Variable]],
) -> None:
    minimum, records, variables = workshop
    paths, matrix = coefficients(run(questionnaire(minimum)), records, variables)
    assert isolated_sets(paths, matrix, variables, minimum) == []


def _split(counts: dict[str, int], group: str = "frontline") -> list[dict[str, Any]]:
    records = [record("executive", {"q1": 3}) for _ in range(5)]
    for language, count in counts.items():
        for _ in range(count):
            rec = record(group, {"q1": 3})
            rec["language"] = language
            records.append(rec)
    return records


def _variables(records: list[dict[str, Any]]) -> list[Variable]:
    return [(who, "q1", None) for who in range(len(records))]


def test_by_language_figures_are_published_when_every_slice_is_large_enough() -> None:
    q = questionnaire(3)
    records = _split({"en": 3, "de": 4})
    result = analyze(q, records, resamples=50)
    block = result["items"][0]["by_language"]["frontline"]
    assert block["suppressed"] is False
    assert block["languages"] == {"en": {"n": 3, "score": 50.0}, "de": {"n": 4, "score": 50.0}}
    paths, matrix = coefficients(run(q), records, _variables(records))
    assert any("by_language" in p for p in paths)
    assert isolated_sets(paths, matrix, _variables(records), 3) == []


def test_a_small_language_slice_withholds_the_whole_group_block() -> None:
    q = questionnaire(3)
    records = _split({"en": 5, "de": 2})
    block = analyze(q, records, resamples=50)["items"][0]["by_language"]["frontline"]
    assert block == {"suppressed": True, "languages": None, "comparisons": None, "differs": None}
    paths, matrix = coefficients(run(q), records, _variables(records))
    assert isolated_sets(paths, matrix, _variables(records), 3) == []


def test_without_the_rule_the_brute_force_finds_the_small_slice(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The check has teeth: publishing the large slice beside the pooled figure (the rule
    switched off) reveals the two German answers."""
    from survey_tui.core.analysis import languages

    original = languages._slice

    def always_published(*args: Any, **kwargs: Any) -> Any:
        part = original(*args, **kwargs)
        part.published = True
        return part

    monkeypatch.setattr(languages, "_slice", always_published)
    q = questionnaire(3)
    records = _split({"en": 5, "de": 2})
    paths, matrix = coefficients(run(q), records, _variables(records))
    leaks = isolated_sets(paths, matrix, _variables(records), 3)
    assert leaks and set(leaks[0][1]) <= set(range(5, 12))
