"""Load a questionnaire file: YAML -> plain data -> pydantic model -> cross-field checks.

Every problem found is collected and raised together as a :class:`QuestionnaireError`, each
with the file, line and column of the offending node.
"""

from __future__ import annotations

import hashlib
from pathlib import Path as FsPath
from typing import Any

from pydantic import ValidationError

from survey_tui.core.errors import Problem, QuestionnaireError
from survey_tui.core.language_checks import language_problems, other_language_problems
from survey_tui.core.model import Questionnaire
from survey_tui.core.partial_checks import checks_despite
from survey_tui.core.semantics import check
from survey_tui.core.structure import pydantic_problems
from survey_tui.core.textsafety import text_problems
from survey_tui.core.yamlsource import (
    SourceMap,
    YamlProblems,
    decode,
    read_yaml,
)


def load(path: str | FsPath) -> Questionnaire:
    """Load and validate the questionnaire at ``path``; raise :class:`QuestionnaireError`."""
    return load_with_warnings(path)[0]


def load_with_warnings(path: str | FsPath) -> tuple[Questionnaire, list[Problem]]:
    """:func:`load`, plus the warnings about a file that loads (``validate`` prints them)."""
    questionnaire, _, warnings = load_with_source(path)
    return questionnaire, warnings


def load_with_source(path: str | FsPath) -> tuple[Questionnaire, SourceMap, list[Problem]]:
    """:func:`load_with_warnings`, plus where each value is in the file (``lint`` places its
    warnings with it)."""
    file = str(path)
    return _load(read_bytes(path), file)


def read_bytes(path: str | FsPath) -> bytes:
    """The bytes of a questionnaire file; a QuestionnaireError naming it when unreadable."""
    file = str(path)
    try:
        return FsPath(path).read_bytes()
    except IsADirectoryError:
        raise QuestionnaireError(
            [Problem(file, None, None, "", "is a directory, not a file")]
        ) from None
    except FileNotFoundError:
        raise QuestionnaireError([Problem(file, None, None, "", "no such file")]) from None
    except OSError as exc:
        raise QuestionnaireError(
            [Problem(file, None, None, "", f"cannot read: {exc.strerror}")]
        ) from None


def load_bytes(data: bytes, file: str = "<questionnaire>") -> Questionnaire:
    """Load a questionnaire from bytes; ``file`` names it in error messages."""
    return _load(data, file)[0]


def read_source(data: bytes, file: str) -> tuple[dict[str, Any], SourceMap]:
    """The YAML of a questionnaire file as plain data with positions; QuestionnaireError for
    bytes that are not UTF-8 YAML with a mapping at the top."""
    try:
        text = decode(data, file)
        raw, source = read_yaml(text, file)
    except YamlProblems as exc:
        raise QuestionnaireError(exc.problems) from None
    if not isinstance(raw, dict):
        kind = _kind(type(raw).__name__ if raw is not None else "nothing")
        message = f"the top level must be a mapping of keys (id, title, ...), not a {kind}"
        raise QuestionnaireError([source.problem((), message)])
    return raw, source


def _load(data: bytes, file: str) -> tuple[Questionnaire, SourceMap, list[Problem]]:
    raw, source = read_source(data, file)
    refused, warnings = text_problems(raw, source)

    translation = language_problems(raw, source)
    try:
        questionnaire = Questionnaire.model_validate(raw)
    except ValidationError as exc:
        # A language map validate has already explained is not also "expected text".
        explained = {p.field for p in translation}
        problems = [p for p in pydantic_problems(exc, source) if p.field not in explained]

        found = problems + checks_despite(exc, raw, source) + translation
        raise QuestionnaireError(found + refused + warnings) from None

    problems = check(questionnaire, source) + refused + translation
    problems += other_language_problems(raw, source)
    if problems:
        raise QuestionnaireError(problems + warnings)
    questionnaire._sha256 = hashlib.sha256(data).hexdigest()
    return questionnaire, source, warnings


def _kind(name: str) -> str:
    return {
        "list": "list",
        "str": "string",
        "int": "number",
        "float": "number",
        "bool": "boolean",
    }.get(name, name)
