"""Where shipped questionnaires and report templates live, and how a user names them.

In a wheel they sit in ``survey_tui/_data/`` (hatchling ``force-include``); in a source
checkout they are the top-level ``questionnaires/`` and ``report_templates/`` folders.
"""

from __future__ import annotations

import os
from pathlib import Path

from survey_tui.core.errors import SurveyError, suggest

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def _data_dir(name: str) -> Path:
    installed = _PACKAGE_DIR / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE_DIR.parent / name


def questionnaires_dir() -> Path:
    return _data_dir("questionnaires")


def templates_dir() -> Path:
    return _data_dir("report_templates")


def _yaml_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


def shipped_questionnaire_files() -> list[Path]:
    return _yaml_files(questionnaires_dir())


def local_questionnaire_files(folder: Path | None = None) -> list[Path]:
    """Questionnaire files the user keeps in the working directory (or ``./questionnaires``)."""
    base = folder or Path.cwd()
    found = _yaml_files(base) + _yaml_files(base / "questionnaires")
    shipped = {p.resolve() for p in shipped_questionnaire_files()}
    return [p for p in found if p.resolve() not in shipped]


def template_files() -> list[Path]:
    folder = templates_dir()
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.name.endswith(".j2"))


def _peek_id(path: Path) -> str | None:
    """The ``id:`` of a questionnaire file, read cheaply from its top-level lines."""
    try:
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("id:"):
                    return line[3:].split("#", 1)[0].strip().strip("'\"") or None
    except (OSError, UnicodeDecodeError):
        return None
    return None


def resolve_questionnaire(ref: str) -> Path:
    """A path for ``ref``: an existing file path, or the id (or file stem) of a shipped one."""
    candidate = Path(os.path.expanduser(ref))
    if candidate.is_file():
        return candidate
    looks_like_path = os.sep in ref or ref.endswith((".yaml", ".yml"))
    shipped = shipped_questionnaire_files()
    for path in shipped:
        if _peek_id(path) == ref or path.stem == ref or path.stem.replace("_", "-") == ref:
            return path
    if looks_like_path:
        raise SurveyError("no such file", location=ref, title="Questionnaire not found")
    ids = [i for i in (_peek_id(p) for p in shipped) if i]

    hint = suggest(ref, ids) or (f"; shipped: {', '.join(ids)}" if ids else "")
    raise SurveyError(
        f"not a file and not a shipped questionnaire id{hint}",
        location=ref,
        title="Questionnaire not found",
    )


def resolve_template(ref: str) -> Path:
    """A report template: a path to a file, or the name of a shipped one (with or without .j2)."""
    candidate = Path(os.path.expanduser(ref))
    if candidate.is_file():
        return candidate
    names = {p.name: p for p in template_files()}
    for name in (ref, f"{ref}.j2", f"{ref}.md.j2"):
        if name in names:
            return names[name]

    hint = suggest(ref, list(names)) or f"; shipped: {', '.join(sorted(names))}"
    raise SurveyError(f"no such template{hint}", location=ref, title="Template not found")
