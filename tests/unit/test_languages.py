"""Questionnaires in several languages (docs/questionnaires.md, "Languages"): validate's errors,
each on the line of the text at fault, and the fallback rules of ``in_language``."""

from __future__ import annotations

import pytest

from survey_tui.core.errors import QuestionnaireError, SurveyError
from survey_tui.core.loader import load_bytes
from survey_tui.core.model import Questionnaire

BASE = """\
id: lang
title: {en: Title, de: Titel}
version: 1
languages: [en, de]
groups:
  - id: executive
    label: {en: Executives, de: Führungskräfte}
  - id: frontline
    label: {en: Engineers, de: Entwickler}
sections:
  - id: main
    title: {en: Main, de: Haupt}
    questions:
      - id: usage
        type: single_choice
        text: {en: How often?, de: Wie oft?}
        options:
          - {en: Daily, de: Täglich}
          - {en: Rarely, de: Selten}
"""


def problems(text: str) -> list[str]:
    with pytest.raises(QuestionnaireError) as caught:
        load_bytes(text.encode(), "q.yaml")
    return [str(p) for p in caught.value.problems]


def test_the_base_file_loads() -> None:
    q = load_bytes(BASE.encode(), "q.yaml")
    assert (q.languages, q.default_language, q.language) == (["en", "de"], "en", "en")


def test_a_plain_text_lacks_every_other_language_on_its_line() -> None:
    text = BASE.replace("title: {en: Main, de: Haupt}", "title: Main")
    assert problems(text) == [
        "q.yaml:12:12: sections.0.title: text in en only; every declared language needs it: "
        "add de (write {en: ..., de: ...})"
    ]


def test_a_map_without_a_declared_language_names_it() -> None:
    text = BASE.replace("{en: How often?, de: Wie oft?}", "{en: How often?}")
    assert problems(text) == [
        "q.yaml:16:15: sections.0.questions.0.text: no de text: every declared language needs "
        "one (add de: ...)"
    ]


def test_an_undeclared_language_is_an_error_with_did_you_mean() -> None:
    text = BASE.replace("{en: Daily, de: Täglich}", "{en: Daily, de: Täglich, dee: Täglich}")
    [problem] = problems(text)
    assert problem.startswith("q.yaml:18:38: sections.0.questions.0.options.0.dee: language 'dee'")
    assert "(did you mean 'de'?)" in problem


def test_per_group_wording_nests_language_inside_group() -> None:
    nested = (
        "text:\n"
        "          executive: {en: How often do your teams?, de: Wie oft Ihre Teams?}\n"
        "          frontline: {en: How often do you?}\n"
    )
    text = BASE.replace("text: {en: How often?, de: Wie oft?}\n", nested)
    assert problems(text) == [
        "q.yaml:18:22: sections.0.questions.0.text.frontline: no de text: every declared "
        "language needs one (add de: ...)"
    ]
    mixed = "text: {executive: How often?, en: How often?, de: Wie oft?}\n"
    found = problems(BASE.replace("text: {en: How often?, de: Wie oft?}\n", mixed))
    assert (
        "q.yaml:16:15: sections.0.questions.0.text: a text map's keys are all group ids or all "
        "language tags, not both: nest languages inside groups ({group: {en: ..., de: ...}})"
    ) in found


def test_a_group_id_may_not_be_a_declared_tag() -> None:
    text = BASE.replace("  - id: frontline\n", "  - id: de\n")
    found = problems(text)
    assert any(
        p.startswith("q.yaml:8:9: groups.1.id: group id 'de' is also a declared language")
        for p in found
    ), found


def test_each_language_passes_the_models_checks_on_its_own_line() -> None:
    long = "x" * 81
    text = BASE.replace(
        "        text: {en: How often?, de: Wie oft?}\n",
        f"        short: {{en: usage, de: {long}}}\n        text: {{en: How often?, de: Wie oft?}}\n",
    )
    [problem] = problems(text)
    assert problem.startswith("q.yaml:16:32: sections.0.questions.0.short.de: in de:")
    assert "80 characters" in problem


def test_option_values_are_the_default_languages_in_every_language() -> None:
    q = load_bytes(BASE.encode(), "q.yaml")
    german = q.in_language("de")
    [english_question] = q.questions()
    [german_question] = german.questions()
    assert [o.value for o in german_question.options] == ["daily", "rarely"]  # type: ignore[union-attr]
    assert [o.label for o in german_question.options] == ["Täglich", "Selten"]  # type: ignore[union-attr]
    assert [o.value for o in english_question.options] == ["daily", "rarely"]  # type: ignore[union-attr]
    assert german.language == "de" and german.title == "Titel"


# --- fallback --------------------------------------------------------------------------------

PT = """\
id: lang
title: {en: Title, pt: Título, pt-BR: Título (BR)}
version: 1
languages: [en, pt, pt-BR]
groups:
  - id: all
    label: {en: Everyone, pt: Todos}
sections:
  - id: main
    title: {en: Main, pt: Principal}
    questions:
      - id: ok
        type: text
        text: {en: Anything?, pt: Algo?, pt-BR: Alguma coisa?}
"""


def pt() -> Questionnaire:
    return load_bytes(PT.encode(), "q.yaml")


def test_a_regional_tag_falls_back_on_its_declared_prefix() -> None:
    brazil = pt().in_language("pt-BR")
    assert brazil.title == "Título (BR)"  # its own text where it has one
    assert brazil.group("all").label == "Todos"  # type: ignore[union-attr]  # else pt's


def test_a_request_is_served_by_the_longest_declared_prefix_any_case() -> None:
    q = pt()
    assert q.in_language("pt-PT").language == "pt"
    assert q.in_language("pt_br").language == "pt-BR"
    assert q.in_language("EN") is q


def test_no_fallback_without_the_declared_prefix() -> None:
    # pt-BR without pt: every text needs its own pt-BR (nothing falls back to en).
    text = PT.replace("languages: [en, pt, pt-BR]", "languages: [en, pt-BR]")
    text = text.replace(", pt: Título", "").replace("pt: Algo?, ", "")
    found = problems(text)
    assert any("groups.0.label.pt: language 'pt' is not declared" in p for p in found)
    assert any("groups.0.label: no pt-BR text" in p for p in found)
    assert any("sections.0.title: no pt-BR text" in p for p in found)


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(SurveyError) as caught:
        pt().in_language("de")
    assert (
        str(caught.value)
        == "unknown language 'de' (did you mean 'en'?); the questionnaire's languages: en, pt, pt-BR"
    )
    with pytest.raises(SurveyError) as caught:
        load_bytes(BASE.encode(), "q.yaml").in_language("dee")
    assert "(did you mean 'de'?)" in str(caught.value)
