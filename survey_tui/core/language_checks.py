"""Validate's rules for questionnaires in several languages, each problem on its line.

docs/questionnaires.md ("Languages"): every declared language covers every shown text (a tag
may lean on a declared prefix: ``pt-BR`` on ``pt``); a language not declared is an error; a
text map's keys are all group ids or all language tags; a group id may not be a declared tag;
and each language's texts must pass the same checks as the default language's (lengths, types).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from typing import Any

from pydantic import ValidationError

from survey_tui.core.errors import Problem
from survey_tui.core.languages import (
    declared_languages,
    fold,
    group_ids_of,
    localize,
    prefixes,
    text_sites,
)
from survey_tui.core.model import Questionnaire
from survey_tui.core.structure import path_of, pydantic_problems
from survey_tui.core.yamlsource import Path, SourceMap

_EXAMPLE = "languages: [en, de]"


def covered(language: str, present: Sequence[str], languages: Sequence[str]) -> bool:
    """Whether a text holding ``present`` serves ``language``: itself, or a declared prefix."""
    have = {fold(t) for t in present}
    declared = {fold(t) for t in languages}
    return fold(language) in have or any(
        fold(p) in have and fold(p) in declared for p in prefixes(language)
    )


def missing_languages(value: Any, languages: Sequence[str]) -> list[str]:
    """The declared languages a text (a plain string: the default language) does not serve."""
    if isinstance(value, str):
        present = [languages[0]] if languages else []
    elif isinstance(value, dict):
        present = [str(k) for k, v in value.items() if isinstance(v, str)]
    else:
        return []
    return [t for t in languages if not covered(t, present, languages)]


def _undeclared(key: str, languages: Sequence[str]) -> str:
    for tag in languages:
        if fold(tag) == fold(key):
            return f"write the language as declared: {tag!r}, not {key!r}"
    matches = difflib.get_close_matches(key, list(languages), n=1, cutoff=0.5)
    hint = f" (did you mean {matches[0]!r}?)" if matches else ""
    return (
        f"language {key!r} is not declared{hint}; declared: {', '.join(languages)} "
        "(add it to languages: to translate into it)"
    )


def language_problems(data: dict[str, Any], source: SourceMap) -> list[Problem]:
    """Every languages problem of raw questionnaire data, located in ``source``."""
    problems: list[Problem] = []
    languages = declared_languages(data)

    def add(path: Path, message: str, *, key: bool = False) -> None:
        problems.append(source.problem(path, message, key=key))

    _declaration_problems(data.get("languages"), add)
    group_ids = group_ids_of(data)
    _group_ids_as_tags(group_ids, languages, add)
    _mixed_text_maps(data, group_ids, languages, add)
    for site in text_sites(data):
        _text_problems(site.path, site.value, languages, add)
    return problems


def _declaration_problems(raw_languages: Any, add: Callable[..., None]) -> None:
    """An empty ``languages`` list, and a tag declared twice (in any case)."""
    if not isinstance(raw_languages, list):
        return
    if not raw_languages:
        add(("languages",), "lists no language: name at least one, or remove the key")
    seen: dict[str, int] = {}
    for index, tag in enumerate(raw_languages):
        if isinstance(tag, str) and fold(tag) in seen:
            add(("languages", index), f"{tag!r} is declared twice")
        elif isinstance(tag, str):
            seen[fold(tag)] = index


def _group_ids_as_tags(
    group_ids: Sequence[str], languages: Sequence[str], add: Callable[..., None]
) -> None:
    """A group id that is also a declared language tag."""
    tags = {fold(t) for t in languages}
    for index, gid in enumerate(group_ids):
        if fold(gid) in tags:
            add(
                ("groups", index, "id"),
                f"group id {gid!r} is also a declared language: a text map could mean either; "
                "rename the group",
            )


def _text_problems(
    path: Path, value: Any, languages: Sequence[str], add: Callable[..., None]
) -> None:
    """One shown text: a map's keys and texts, then the declared languages it lacks."""
    if isinstance(value, dict) and not languages:
        add(path, f"a map here is a text per language: declare the languages first ({_EXAMPLE})")
        return
    if isinstance(value, dict):
        for lang, text in value.items():
            where = (*path, lang)
            if lang not in languages:
                add(where, _undeclared(str(lang), languages), key=True)
            elif not isinstance(text, str):
                add(where, f"expected the {lang} text, got a {type(text).__name__}")
            elif not text.strip():
                add(where, f"the {lang} text is empty")
    if len(languages) < 2 and isinstance(value, str):
        return
    lacking = missing_languages(value, languages)
    if lacking:
        add(path, _lacking_message(value, lacking, languages))


def _lacking_message(value: Any, lacking: list[str], languages: Sequence[str]) -> str:
    shown = ", ".join(lacking)
    if isinstance(value, str):
        return (
            f"text in {languages[0]} only; every declared language needs it: add "
            f"{shown} (write {{{languages[0]}: ..., {lacking[0]}: ...}})"
        )
    return f"no {shown} text: every declared language needs one (add {lacking[0]}: ...)"


def _mixed_text_maps(
    data: dict[str, Any], group_ids: Sequence[str], languages: Sequence[str], add: Any
) -> None:
    """A question ``text`` map with both group ids and language tags among its keys."""
    if not languages:
        return
    tags = {fold(t) for t in languages}
    sections = data.get("sections")
    for si, section in enumerate(sections if isinstance(sections, list) else []):
        questions = section.get("questions") if isinstance(section, dict) else None
        for qi, question in enumerate(questions if isinstance(questions, list) else []):
            text = question.get("text") if isinstance(question, dict) else None
            if not isinstance(text, dict):
                continue
            keys = [str(k) for k in text]
            if any(k in group_ids for k in keys) and any(fold(k) in tags for k in keys):
                add(
                    ("sections", si, "questions", qi, "text"),
                    "a text map's keys are all group ids or all language tags, not both: "
                    "nest languages inside groups ({group: {en: ..., de: ...}})",
                )


def other_language_problems(data: dict[str, Any], source: SourceMap) -> list[Problem]:
    """What the model refuses in a language other than the default (a ``short`` too long in
    German, say), placed at that language's text."""

    languages = declared_languages(data)
    problems: list[Problem] = []
    for tag in languages[1:]:
        try:
            Questionnaire.model_validate(localize(data, tag))
        except ValidationError as exc:
            for problem in pydantic_problems(exc, source):
                path = path_of(problem)
                value = _at(data, path)
                if isinstance(value, dict) and tag in value:
                    path = (*path, tag)
                found = source.problem(path, f"in {tag}: {problem.message}")
                problems.append(found)
    return problems


def _at(data: Any, path: Path) -> Any:
    for part in path:
        if isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
            continue
        if not (isinstance(data, dict) and part in data):
            return None
        data = data[part]
    return data
