"""Load a questionnaire file: YAML -> plain data -> pydantic model -> cross-field checks.

Every problem found is collected and raised together as a :class:`QuestionnaireError`, each
with the file, line and column of the offending node.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import types
import typing
from pathlib import Path as FsPath
from typing import Any, Union

from pydantic import BaseModel, ValidationError

from survey_tui.core.errors import Problem, QuestionnaireError
from survey_tui.core.model import QUESTION_TYPES, QUESTIONNAIRE_ID_PATTERN, Questionnaire
from survey_tui.core.textsafety import text_problems
from survey_tui.core.yamlsource import (
    Path,
    SourceMap,
    YamlProblems,
    decode,
    format_path,
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
    try:
        data = FsPath(path).read_bytes()
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
    return _load(data, file)


def load_bytes(data: bytes, file: str = "<questionnaire>") -> Questionnaire:
    """Load a questionnaire from bytes; ``file`` names it in error messages."""
    return _load(data, file)[0]


def _load(data: bytes, file: str) -> tuple[Questionnaire, SourceMap, list[Problem]]:
    try:
        text = decode(data, file)
        raw, source = read_yaml(text, file)
    except YamlProblems as exc:
        raise QuestionnaireError(exc.problems) from None
    if not isinstance(raw, dict):
        kind = type(raw).__name__ if raw is not None else "nothing"
        raise QuestionnaireError(
            [
                source.problem(
                    (),
                    f"the top level must be a mapping of keys (id, title, ...), not a {_kind(kind)}",
                )
            ]
        )
    refused, warnings = text_problems(raw, source)
    from survey_tui.core.language_checks import language_problems, other_language_problems

    translation = language_problems(raw, source)
    try:
        questionnaire = Questionnaire.model_validate(raw)
    except ValidationError as exc:
        # A language map validate has already explained is not also "expected text".
        explained = {p.field for p in translation}
        problems = [p for p in _pydantic_problems(exc, source) if p.field not in explained]
        from survey_tui.core.recovery import checks_despite

        found = problems + checks_despite(exc, raw, source) + translation
        raise QuestionnaireError(found + refused + warnings) from None
    from survey_tui.core.semantics import check

    problems = check(questionnaire, source) + refused + translation
    problems += other_language_problems(raw, source)
    if problems:
        raise QuestionnaireError(problems + warnings)
    questionnaire._source_path = file
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


def suggest(word: str, choices: typing.Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` when a choice is close to ``word``, else ``""``."""
    matches = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f" (did you mean {matches[0]!r}?)" if matches else ""


# --- mapping pydantic's errors back to the file -------------------------------------------

_FRIENDLY = {
    "string_type": "expected text",
    "int_type": "expected a whole number",
    "int_parsing": "expected a whole number",
    "int_from_float": "expected a whole number",
    "float_type": "expected a number",
    "float_parsing": "expected a number",
    "bool_type": "expected true or false",
    "bool_parsing": "expected true or false",
    "list_type": "expected a list",
    "dict_type": "expected a mapping",
    "model_type": "expected a mapping",
    "model_attributes_type": "expected a mapping",
}


_BOUNDS = {
    "greater_than_equal": "must be at least",
    "greater_than": "must be greater than",
    "less_than_equal": "must be at most",
    "less_than": "must be less than",
}


def _pydantic_problems(exc: ValidationError, source: SourceMap) -> list[Problem]:
    by_path: dict[Path, list[tuple[str, bool]]] = {}
    missing: list[Problem] = []
    type_errors: set[Path] = set()
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        path = _data_path(loc, source)
        kind = error["type"]
        is_key = False
        if kind == "extra_forbidden":
            allowed = _allowed_keys(loc[:-1])
            message = f"unknown key {loc[-1]!r}{suggest(str(loc[-1]), allowed)}"
            if allowed:
                message += f"; allowed: {', '.join(sorted(allowed))}"
            is_key = True
        elif kind == "missing":
            # Point at the mapping that lacks the key, but name the key in the field.
            message = f"missing required key {loc[-1]!r}"
            parent = path[:-1] if path and path[-1] == loc[-1] else path
            line, column = source.locate(parent)
            missing.append(
                Problem(source.file, line, column, format_path((*parent, loc[-1])), message)
            )
            continue
        elif kind == "too_short":
            least = error.get("ctx", {}).get("min_length", 1)
            message = f"needs at least {least} item{'s' if least != 1 else ''}"
            if path and path[-1] == "sections":
                message += ", each a mapping with id, title and questions"
        elif kind == "too_long":
            most = error.get("ctx", {}).get("max_length", 0)
            message = f"may have at most {most} item{'s' if most != 1 else ''}"
        elif kind == "union_tag_invalid":
            tag = error.get("ctx", {}).get("tag", "")
            given = error.get("input")
            types_list = ", ".join(QUESTION_TYPES)
            if isinstance(given, dict) and not isinstance(given.get("type"), str):
                # pydantic turns a non-text tag into its repr; say what is wrong instead
                message = f"type must be one word, one of: {types_list}"
            else:
                message = f"unknown question type {tag!r}{suggest(tag, QUESTION_TYPES)}; types: {types_list}"
            path = (*path, "type")
        elif kind == "union_tag_not_found":
            message = f"missing required key 'type' (one of: {', '.join(QUESTION_TYPES)})"
        elif kind in _BOUNDS:
            limit = next(iter(error.get("ctx", {}).values()), "")
            message = f"{_BOUNDS[kind]} {limit}, got {_shown(error.get('input'))}"
        elif kind == "literal_error":
            expected = error.get("ctx", {}).get("expected", "")
            given = error.get("input")
            choices = re.findall(r"'([^']*)'", str(expected))
            hint = suggest(str(given), choices) if isinstance(given, str) else ""
            message = f"must be one of {expected}; got {given!r}{hint}"
        elif kind == "string_pattern_mismatch":
            pattern = error.get("ctx", {}).get("pattern", "")
            # The questionnaire id allows '-'; every other id allows '_' (the format contract).
            hint = (
                "lower-case letters, digits and '-'"
                if pattern == QUESTIONNAIRE_ID_PATTERN
                else "lower-case letters, digits and '_'"
            )
            message = f"{error.get('input')!r} is not a valid id: use {hint}"
        else:
            message = _FRIENDLY.get(kind, error["msg"])
            if kind in _FRIENDLY:
                type_errors.add(path)
            if (
                kind in _FRIENDLY
                and "input" in error
                and not isinstance(error["input"], dict | list)
            ):
                given = error["input"]
                message += f", got {_shown(given)}"
        by_path.setdefault(path, []).append((message, is_key))
    problems: list[Problem] = list(dict.fromkeys(missing))
    for path, messages in by_path.items():
        # In a union (e.g. ``scale: str | Scale``) the branch that accepted the shape reports
        # errors further down; the other branch's "expected text" is then only noise.
        if path in type_errors and any(
            len(other) > len(path) and other[: len(path)] == path
            for other in [*by_path, *(_path_of(m) for m in missing)]
        ):
            messages = [(m, k) for m, k in messages if not m.startswith("expected ")]
            if not messages:
                continue
        problems.append(source.problem(path, _join(messages), key=any(k for _, k in messages)))
    return problems


def _shown(value: Any) -> str:
    """A value as the YAML author wrote it: ``true``, not Python's ``True``."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value)


def _path_of(problem: Problem) -> Path:
    return (
        tuple(int(p) if p.isdigit() else p for p in problem.field.split("."))
        if problem.field
        else ()
    )


def _join(messages: list[tuple[str, bool]]) -> str:
    """One message for one place: "expected text or expected a mapping, got 1" reads badly,
    so same-input type errors merge into "expected text or a mapping, got 1"."""
    unique = list(dict.fromkeys(m for m, _ in messages))
    parts = [m.partition(", got ") for m in unique]
    if len(unique) > 1 and all(p[0].startswith("expected ") for p in parts):
        gots = {p[2] for p in parts}
        if len(gots) == 1:
            wanted = " or ".join(p[0].removeprefix("expected ") for p in parts)
            got = gots.pop()
            return f"expected {wanted}" + (f", got {got}" if got else "")
    return " or ".join(unique)


def _data_path(loc: tuple[Any, ...], source: SourceMap) -> Path:
    """Drop pydantic's union-member entries (e.g. ``'likert'``, ``'str'``) from ``loc``."""
    path: list[str | int] = []
    for index, part in enumerate(loc):
        candidate = (*path, part)
        if (
            index >= 2
            and loc[index - 2] == "questions"
            and isinstance(loc[index - 1], int)
            and part in QUESTION_TYPES
        ):
            continue  # the discriminator tag (a question type), not a key in the file
        if (
            candidate in source.values
            or candidate in source.keys
            or isinstance(part, int)
            or part in _known_field_names()
        ):
            path.append(part)
    return tuple(path)


_FIELD_NAMES: set[str] | None = None


def _known_field_names() -> set[str]:
    global _FIELD_NAMES
    if _FIELD_NAMES is None:
        names: set[str] = set()
        for model in _all_models(Questionnaire):
            names.update(model.model_fields)
        _FIELD_NAMES = names
    return _FIELD_NAMES


def _all_models(root: type[BaseModel]) -> list[type[BaseModel]]:
    seen: list[type[BaseModel]] = []

    def visit(tp: Any) -> None:
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            if tp in seen:
                return
            seen.append(tp)
            for info in tp.model_fields.values():
                visit(info.annotation)
            return
        for arg in typing.get_args(tp):
            visit(arg)

    visit(root)
    return seen


def _allowed_keys(loc: tuple[Any, ...]) -> list[str]:
    """The field names of the model that sits at pydantic location ``loc``."""
    current: Any = Questionnaire
    for part in loc:
        current = _step(current, part)
        if current is None:
            return []
    model = _as_model(current, None)
    # A key written under an alias (``from``) is named as written.
    return [info.alias or name for name, info in model.model_fields.items()] if model else []


def _as_model(tp: Any, tag: Any) -> type[BaseModel] | None:
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return tp
    if typing.get_origin(tp) in (Union, types.UnionType):  # an optional block: ``X | None``
        models = [
            a for a in typing.get_args(tp) if isinstance(a, type) and issubclass(a, BaseModel)
        ]
        return models[0] if len(models) == 1 else None
    return None


def _step(tp: Any, part: Any) -> Any:
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _step(typing.get_args(tp)[0], part)
    if origin in (Union, types.UnionType):
        for arg in typing.get_args(tp):
            inner = typing.get_args(arg)[0] if typing.get_origin(arg) is typing.Annotated else arg
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                type_field = inner.model_fields.get("type")
                if type_field is not None and part in typing.get_args(type_field.annotation):
                    return inner
                if part == inner.__name__:
                    return inner
            if part == getattr(inner, "__name__", None):
                return inner
        models = [
            a for a in typing.get_args(tp) if isinstance(a, type) and issubclass(a, BaseModel)
        ]
        if len(models) == 1:
            return _step(models[0], part)
        return None
    if origin in (list, tuple) and isinstance(part, int):
        return typing.get_args(tp)[0]
    if origin is dict:
        return typing.get_args(tp)[1]
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        info = tp.model_fields.get(str(part))
        return info.annotation if info else None
    return None
