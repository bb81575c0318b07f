"""The translation lint rules beyond their fixtures: what they leave alone and how they
are silenced (docs/questionnaires.md, "Languages")."""

from __future__ import annotations

from pathlib import Path

from survey_tui.core.lint import lint_file

TEMPLATE = """\
id: lint-fixture
title: {{en: Lint fixture, {other}: Lint-Beispiel}}
version: 1
languages: [{languages}]
groups:
  - id: executive
    label: {{en: Executive, {other}: {label}}}
  - id: frontline
    label: {{en: Engineer, {other}: Entwickler}}
sections:
  - id: main
    title: {{en: Main, {other}: Hauptteil}}
    questions:
      - id: tools
        type: single_choice
{lint}        text: {{en: "{en}", {other}: "{de}"}}
        options:
          - {{en: GitHub Copilot, {other}: GitHub Copilot}}
          - {{en: A chat assistant, {other}: Ein Chat-Assistent}}
"""


def warnings(
    tmp_path: Path,
    en: str,
    de: str,
    *,
    other: str = "de",
    label: str = "Führungskraft",
    lint: str = "",
) -> list[str]:
    path = tmp_path / "q.yaml"
    text = TEMPLATE.format(
        languages=f"en, {other}", other=other, en=en, de=de, label=label, lint=lint
    )
    path.write_text(text, encoding="utf-8")
    return [f"{p.field}: {p.message}" for p in lint_file(path)]


def test_a_much_shorter_translation_is_flagged(tmp_path: Path) -> None:
    found = warnings(tmp_path, "Which AI assistant do you use most at work?", "KI?")
    assert found == [
        "sections.0.questions.0.text.de: warning: the de text is less than half as long as the "
        "en text (3 against 43 characters) (check that no part of the source is missing) "
        "[translation-length]"
    ]


def test_short_texts_and_names_that_read_the_same_are_left_alone(tmp_path: Path) -> None:
    # "GitHub Copilot" is the same in every language; "Executive" -> "Exec" is short.
    found = warnings(tmp_path, "Which assistant do you use?", "Welchen Assistenten?", label="Exec")
    assert found == []


def test_a_regional_variant_may_read_the_same(tmp_path: Path) -> None:
    same = "Which AI assistant do you use most at work?"
    assert warnings(tmp_path, same, same, other="en-GB") == []
    assert any("[untranslated]" in w for w in warnings(tmp_path, same, same))


def test_the_question_can_silence_each_rule(tmp_path: Path) -> None:
    same = "Which AI assistant do you use most at work?"
    lint = "        lint: {ignore: [untranslated]}\n"
    assert warnings(tmp_path, same, same, lint=lint) == []
    lint = "        lint: {ignore: [translation-length]}\n"
    assert warnings(tmp_path, same, "KI?", lint=lint) == []


def test_wide_characters_count_as_two_columns(tmp_path: Path) -> None:
    # 13 ideographs read as 26 columns: not "less than half" of a 43-letter sentence.
    found = warnings(
        tmp_path, "Which AI assistant do you use most at work?", "你在工作中最常用哪个人工智能助手"
    )
    assert not any("[translation-length]" in w for w in found)
