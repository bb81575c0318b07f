"""Questionnaire fields reports read (issue 14): ``topic``, ``short``, and on text questions
``themes`` (keywords) and ``quote``; what validation says about them."""

from __future__ import annotations

import pytest

from survey_tui.core.errors import QuestionnaireError
from survey_tui.core.loader import load_bytes
from survey_tui.core.schema import questionnaire_schema

BASE = """
id: fields
title: TITLE
version: 1
EXTRA
groups: [{id: a, label: A}, {id: b, label: B}]
sections:
  - id: s
    title: S
    questions:
      - {id: n, type: number, unit: minutes/day, short: time spent fixing, text: Minutes?}
      - id: t
        type: text
        text: What gets in the way?
        QUESTION
"""


def _load(question: str = "", extra: str = "", title: str = "Delivery pulse") -> object:
    text = BASE.replace("QUESTION", question).replace("EXTRA", extra).replace("TITLE", title)
    return load_bytes(text.encode(), "fields.yaml")


def _problems(question: str = "", extra: str = "") -> str:
    with pytest.raises(QuestionnaireError) as caught:
        _load(question, extra)
    return str(caught.value)


def test_themes_quote_short_and_topic_load() -> None:
    q = _load(
        "themes: [{id: slow, label: Slow builds, keywords: [slow, waiting]}]\n        quote: false",
        "topic: the new CI pipeline",
    )
    text_question = q.question("t")  # type: ignore[attr-defined]
    assert text_question.quote is False and text_question.themes[0].keywords == ["slow", "waiting"]
    assert q.question("n").short == "time spent fixing"  # type: ignore[attr-defined]
    assert q.subject == "the new CI pipeline"  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("title", "subject"),
    [("Delivery pulse", None), ("AI pulse", "AI"), ("Said and done", None), ("GenAI use", None)],
)
def test_without_a_topic_a_questionnaire_is_about_ai_only_when_it_says_ai(
    title: str, subject: str | None
) -> None:
    assert _load(title=title).subject == subject  # type: ignore[attr-defined]


def test_a_duplicate_theme_id_and_a_blank_keyword_are_located_errors() -> None:
    found = _problems(
        "themes:\n"
        "          - {id: slow, label: Slow, keywords: [slow]}\n"
        "          - {id: slow, label: Again, keywords: ['  ']}"
    )
    assert "fields.yaml:17:18:" in found and "themes.1.id: duplicate theme id 'slow'" in found
    assert "themes.1.keywords.0: a keyword needs at least one letter or digit" in found


def test_a_keyword_in_two_themes_is_an_error() -> None:
    found = _problems(
        "themes:\n"
        "          - {id: slow, label: Slow, keywords: [Build]}\n"
        "          - {id: ci, label: CI, keywords: [build ]}"
    )
    assert "themes.1.keywords.0: keyword 'build' is also in theme 'slow'" in found


def test_themes_and_quote_belong_to_text_questions_only() -> None:
    text = BASE.replace("QUESTION", "").replace("EXTRA", "").replace("TITLE", "T")
    text = text.replace("short: time spent fixing,", "quote: false,")
    with pytest.raises(QuestionnaireError) as caught:
        load_bytes(text.encode(), "fields.yaml")
    assert "unknown key 'quote'" in str(caught.value)


def test_quote_must_be_true_or_false() -> None:
    assert "quote" in _problems("quote: maybe")


def test_the_schema_describes_the_new_fields() -> None:
    defs = questionnaire_schema()["$defs"]
    assert {"themes", "quote"} <= set(defs["TextQuestion"]["properties"])
    assert "short" in defs["LikertQuestion"]["properties"]
    assert set(defs["TextTheme"]["required"]) == {"id", "label", "keywords"}
    assert "topic" in questionnaire_schema()["properties"]
