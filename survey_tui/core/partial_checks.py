"""Every problem in one run: the cross-field checks of a file that also has structural errors.

The loader validates structure with pydantic first; when that fails there is no model to run
the cross-field checks (semantics.py) on. :func:`checks_despite` patches the broken parts in a
copy so that those checks can still run, and keeps only what they say about the file itself.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError

from survey_tui.core.conditions import parse
from survey_tui.core.errors import Problem, SurveyError
from survey_tui.core.model import Questionnaire
from survey_tui.core.semantics import check
from survey_tui.core.structure import data_path, path_of
from survey_tui.core.yamlsource import Path, SourceMap


def checks_despite(exc: ValidationError, raw: dict[str, Any], source: SourceMap) -> list[Problem]:
    """The cross-field problems (conditions, text maps, ranges...) of a file that also has
    structural ones, so that one run reports every problem found.

    The broken parts are patched in a copy (an unknown key dropped, a broken question or scale
    replaced by a harmless stand-in with the same id) and the checks run on that; anything they
    say about a patched part, or about a condition that reads a patched question, is left out:
    it would be a consequence of the patch, not a problem of the file. When the file cannot be patched into
    shape (e.g. broken groups), only the structural problems are reported, as before.
    """
    import copy

    data = copy.deepcopy(raw)
    patched: list[Path] = []
    names: set[str] = set()
    broken = _patch_errors(exc, data, source, patched, names)
    if broken is None or not _put_stand_ins(data, raw, broken, patched, names):
        return []
    try:
        questionnaire = Questionnaire.model_validate(data)
    except ValidationError:
        return []

    def consequence(problem: Problem) -> bool:
        field = path_of(problem)
        if any(field[: len(p)] == p for p in patched):
            return True
        # A condition over a stand-in question says nothing about the file.
        return bool(field) and field[-1] == "show_if" and _reads(_node(raw, field), names)

    return [p for p in check(questionnaire, source) if not consequence(p)]


def _patch_errors(
    exc: ValidationError,
    data: dict[str, Any],
    source: SourceMap,
    patched: list[Path],
    names: set[str],
) -> dict[Path, set[Any]] | None:
    """Patch what can be patched in place in ``data`` (noting it in ``patched`` and the
    replaced scales in ``names``); returns the broken questions with their broken fields, or
    None when an error cannot be patched."""
    broken: dict[Path, set[Any]] = {}
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        path = data_path(loc, source)
        if error["type"] == "extra_forbidden":
            parent = _node(data, path[:-1])
            if isinstance(parent, dict):
                parent.pop(path[-1], None)
                continue
            return None
        if len(path) >= 4 and path[0] == "sections" and path[2] == "questions":
            if not isinstance(path[1], int) or not isinstance(path[3], int):
                return None
            broken.setdefault(path[:4], set()).add(path[4] if len(path) > 4 else None)
        elif len(path) >= 2 and path[0] == "scales":
            scales = data.get("scales")
            if not isinstance(scales, dict):
                return None
            scales[path[1]] = {"min": 1, "max": 5}
            names.add(str(path[1]))
            patched.append(path[:2])
        elif path in (("title",), ("version",)) or path[:1] == ("id",):
            data[str(path[0])] = 1 if path[0] == "version" else ("x" if path[0] == "id" else "-")
            patched.append(path[:1])
        else:
            return None
    return broken


def _put_stand_ins(
    data: dict[str, Any],
    raw: dict[str, Any],
    broken: dict[Path, set[Any]],
    patched: list[Path],
    names: set[str],
) -> bool:
    """Replace each broken question in ``data`` by its stand-in; False if one cannot be."""
    for where, fields in broken.items():
        questions = _node(data, where[:3])
        index = where[3]
        if not isinstance(questions, list) or not isinstance(index, int):
            return False
        stand_in = _stand_in(_node(raw, where), where, fields)
        questions[index] = stand_in
        names.add(stand_in["id"])
        # What the stand-in kept from the file is checked like any question; the rest is not.
        patched.extend((*where, f) for f in _FILLED if f not in stand_in["kept"])
        del stand_in["kept"]
    return True


# Question fields a stand-in can carry over from the file when they are not what is broken.
_KEPT = {"text": (str, dict), "groups": (list,), "show_if": (str,)}
_FILLED = ("id", "type", "text", "groups", "show_if", "required", "options", "rows", "scale")


def _stand_in(original: Any, where: Path, broken: set[Any]) -> dict[str, Any]:
    """A valid text question in place of a broken one: its id (made valid), and its text,
    groups and condition when those are not what is broken, so they are still checked."""
    given = original if isinstance(original, dict) else {}
    ident = re.sub(r"[^a-z0-9_]", "_", str(given.get("id") or "").lower())
    stand_in: dict[str, Any] = {
        "id": ident or f"_broken_{where[1]}_{where[3]}",
        "type": "text",
        "text": "-",
        "required": False,
        "kept": set(),
    }
    if "id" not in broken and ident == given.get("id"):
        stand_in["kept"].add("id")
    for key, kinds in _KEPT.items():
        value = given.get(key)
        if key not in broken and None not in broken and isinstance(value, kinds):
            stand_in[key] = value
            stand_in["kept"].add(key)
    return stand_in


def _reads(condition: Any, names: set[str]) -> bool:
    """Whether the condition text reads any of ``names`` (or cannot be parsed at all)."""

    try:
        read = {n.name.partition(".")[0] for n in parse(str(condition)).names}
    except SurveyError:
        return False
    return bool(read & names)


def _node(data: Any, path: Path) -> Any:
    """The value at ``path`` in plain data, or None."""
    for part in path:
        in_mapping = isinstance(data, dict) and part in data
        in_list = isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data)
        if not (in_mapping or in_list):
            return None
        data = data[part]
    return data
