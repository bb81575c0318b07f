"""What pydantic's structural errors mean in the file: one :class:`Problem` per place.

Pydantic reports a location in the data (with union-member entries such as ``'likert'``) and
a terse message; a questionnaire author needs the line in the YAML, the key as written, a
plain-words message and "did you mean" for a misspelt key or type.
"""

from __future__ import annotations

import re
import types
import typing
from typing import Any, Union

from pydantic import BaseModel, ValidationError

from survey_tui.core.errors import Problem, suggest
from survey_tui.core.model import QUESTION_TYPES, QUESTIONNAIRE_ID_PATTERN, Questionnaire
from survey_tui.core.yamlsource import Path, SourceMap, format_path

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


def pydantic_problems(exc: ValidationError, source: SourceMap) -> list[Problem]:
    """One problem per place in the file, each message in plain words."""
    by_path: dict[Path, list[tuple[str, bool]]] = {}
    missing: list[Problem] = []
    type_errors: set[Path] = set()
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        path = data_path(loc, source)
        if error["type"] == "missing":
            missing.append(_missing(loc, path, source))
            continue
        message, is_key, path = _message(error, loc, path)
        if error["type"] in _FRIENDLY:
            type_errors.add(path)
        by_path.setdefault(path, []).append((message, is_key))
    problems: list[Problem] = list(dict.fromkeys(missing))
    for path, messages in by_path.items():
        # In a union (e.g. ``scale: str | Scale``) the branch that accepted the shape reports
        # errors further down; the other branch's "expected text" is then only noise.
        if path in type_errors and any(
            len(other) > len(path) and other[: len(path)] == path
            for other in [*by_path, *(path_of(m) for m in missing)]
        ):
            messages = [(m, k) for m, k in messages if not m.startswith("expected ")]
            if not messages:
                continue
        problems.append(source.problem(path, _join(messages), key=any(k for _, k in messages)))
    return problems


def _missing(loc: tuple[Any, ...], path: Path, source: SourceMap) -> Problem:
    """Point at the mapping that lacks the key, but name the key in the field."""
    parent = path[:-1] if path and path[-1] == loc[-1] else path
    line, column = source.locate(parent)
    field = format_path((*parent, loc[-1]))
    return Problem(source.file, line, column, field, f"missing required key {loc[-1]!r}")


def _message(error: Any, loc: tuple[Any, ...], path: Path) -> tuple[str, bool, Path]:
    """``(message, is about the key, place)`` for one pydantic error other than "missing"."""
    kind = error["type"]
    ctx = error.get("ctx", {})
    if kind == "extra_forbidden":
        allowed = _allowed_keys(loc[:-1])
        message = f"unknown key {loc[-1]!r}{suggest(str(loc[-1]), allowed)}"
        if allowed:
            message += f"; allowed: {', '.join(sorted(allowed))}"
        return message, True, path
    if kind == "too_short":
        least = ctx.get("min_length", 1)
        message = f"needs at least {least} item{'s' if least != 1 else ''}"
        if path and path[-1] == "sections":
            message += ", each a mapping with id, title and questions"
        return message, False, path
    if kind == "too_long":
        most = ctx.get("max_length", 0)
        return f"may have at most {most} item{'s' if most != 1 else ''}", False, path
    if kind == "union_tag_invalid":
        return _type_tag_message(ctx.get("tag", ""), error.get("input")), False, (*path, "type")
    if kind == "union_tag_not_found":
        return f"missing required key 'type' (one of: {', '.join(QUESTION_TYPES)})", False, path
    if kind in _BOUNDS:
        limit = next(iter(ctx.values()), "")
        return f"{_BOUNDS[kind]} {limit}, got {_shown(error.get('input'))}", False, path
    return _value_message(error), False, path


def _type_tag_message(tag: str, given: Any) -> str:
    types_list = ", ".join(QUESTION_TYPES)
    if isinstance(given, dict) and not isinstance(given.get("type"), str):
        # pydantic turns a non-text tag into its repr; say what is wrong instead
        return f"type must be one word, one of: {types_list}"
    return f"unknown question type {tag!r}{suggest(tag, QUESTION_TYPES)}; types: {types_list}"


def _value_message(error: Any) -> str:
    """The message for a value of the wrong kind: a literal, an id, a type."""
    kind = error["type"]
    ctx = error.get("ctx", {})
    if kind == "literal_error":
        expected = ctx.get("expected", "")
        given = error.get("input")
        choices = re.findall(r"'([^']*)'", str(expected))
        hint = suggest(str(given), choices) if isinstance(given, str) else ""
        return f"must be one of {expected}; got {given!r}{hint}"
    if kind == "string_pattern_mismatch":
        # The questionnaire id allows '-'; every other id allows '_' (docs/questionnaires.md).
        hint = (
            "lower-case letters, digits and '-'"
            if ctx.get("pattern", "") == QUESTIONNAIRE_ID_PATTERN
            else "lower-case letters, digits and '_'"
        )
        return f"{error.get('input')!r} is not a valid id: use {hint}"
    message = str(_FRIENDLY.get(kind, error["msg"]))
    if kind in _FRIENDLY and "input" in error and not isinstance(error["input"], dict | list):
        message += f", got {_shown(error['input'])}"
    return message


def _shown(value: Any) -> str:
    """A value as the YAML author wrote it: ``true``, not Python's ``True``."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value)


def path_of(problem: Problem) -> Path:
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


def data_path(loc: tuple[Any, ...], source: SourceMap) -> Path:
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
