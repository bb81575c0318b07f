"""Reports on a questionnaire answered in several languages: an item whose scores differ by
language within a group is flagged "may be read differently in translation", with the figures
per language, only where every language slice of the group is published (docs/statistics.md,
"Questionnaires in several languages")."""

from __future__ import annotations

from typing import Any

import pytest
from analysis_helpers import record

from survey_tui.core.analysis import analyze
from survey_tui.core.catalog import resolve_template
from survey_tui.core.loader import load_bytes
from survey_tui.core.model import Questionnaire
from survey_tui.core.reports import build_context, render

YAML = """
id: gap-test
title: {en: Languages, de: Sprachen}
version: 1
languages: [en, de]
groups:
  - {id: executive, label: {en: Executives, de: Führungskräfte}}
  - {id: frontline, label: {en: Engineers, de: Entwickler}}
compare: [executive, frontline]
anonymity: {min_group_size: 5}
scales:
  agree5: {min: 1, max: 5, favorable: [4, 5]}
sections:
  - id: main
    title: {en: Main, de: Haupt}
    questions:
      - {id: reliable, type: likert, scale: agree5, construct: quality, short: {en: reliable output, de: verlässliche Ergebnisse},
         text: {en: AI output is reliable., de: KI-Ergebnisse sind verlässlich.}}
      - {id: fast, type: likert, scale: agree5, construct: quality,
         text: {en: AI tools are fast., de: KI-Werkzeuge sind schnell.}}
"""

TEMPLATES = ["gap_report.md.j2", "executive_brief.md.j2", "workshop_readout.md.j2"]


def questionnaire() -> Questionnaire:
    return load_bytes(YAML.encode())


def answers(group: str, language: str, reliable: list[int], fast: int = 3) -> list[dict[str, Any]]:
    out = []
    for value in reliable:
        rec = record(group, {"reliable": value, "fast": fast})
        rec["language"] = language
        out.append(rec)
    return out


def workshop(german_engineers: int) -> list[dict[str, Any]]:
    """Engineers agree in English and disagree in German on ``reliable`` (the same on
    ``fast``); executives answer in English only."""
    return (
        answers("executive", "en", [3, 4, 3, 4, 3, 4, 3])
        + answers("frontline", "en", [5, 5, 4, 5, 5, 4, 5, 5])
        + answers("frontline", "de", [1, 2, 1, 1, 2, 1, 2, 1][:german_engineers])
    )


def test_an_item_that_differs_by_language_is_flagged_with_figures_per_language() -> None:
    result = analyze(questionnaire(), workshop(8), resamples=400)
    assert result["languages"]["read_differently"] == ["reliable"]
    context = build_context(result)
    [flagged] = context["read_differently"]
    assert flagged["item"]["question"] == "reliable" and list(flagged["groups"]) == ["frontline"]
    assert context["language_names"] == {"en": "English", "de": "German"}
    block = flagged["groups"]["frontline"]
    assert {tag: f["n"] for tag, f in block["languages"].items()} == {"en": 8, "de": 8}
    [comparison] = block["comparisons"]
    assert (comparison["language"], comparison["versus"]) == ("de", "en")
    for name in TEMPLATES:
        text = render(resolve_template(name), context)
        assert "May be read differently in translation" in text, name
        line = next(x for x in text.splitlines() if x.startswith("- reliable output, Engineers:"))
        assert "English 93.8 (n=8), German 9.4 (n=8); German minus English: -84.4 points" in line
        assert "fast" not in line
    full = render(resolve_template("gap_report.md.j2"), context)
    assert "- **Languages.** The questionnaire is offered in English and German; every" in full


@pytest.mark.parametrize("name", TEMPLATES)
def test_no_figures_by_language_when_a_language_slice_is_small(name: str) -> None:
    # 4 German engineers (min_group_size 5): the pooled figure minus an English one would
    # reveal them, so nothing by language is published, flagged or printed.
    result = analyze(questionnaire(), workshop(4), resamples=400)
    block = next(i for i in result["items"] if i["question"] == "reliable")["by_language"]
    assert block["frontline"] == {
        "suppressed": True,
        "languages": None,
        "comparisons": None,
        "differs": None,
    }
    assert result["languages"]["read_differently"] == []
    context = build_context(result)
    assert context["read_differently"] == []
    text = render(resolve_template(name), context)
    assert "read differently in translation" not in text
    assert "German 9.4" not in text and "(n=4)" not in text


def test_a_one_language_questionnaire_has_no_language_block() -> None:
    from report_helpers import analysis

    context = build_context(analysis())
    assert (context["languages"], context["language_names"], context["read_differently"]) == (
        None,
        {},
        [],
    )
    text = render(resolve_template("gap_report.md.j2"), context)
    assert "**Languages.**" not in text and "translation" not in text
