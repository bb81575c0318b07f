"""Options and helpers shared by the subcommands."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from survey_tui.core.catalog import resolve_questionnaire
from survey_tui.core.loader import load
from survey_tui.core.model import Questionnaire

F = TypeVar("F", bound=Callable[..., Any])


def db_option(function: F) -> F:
    """``--db PATH`` on a subcommand (falls back to the group's ``--db`` / $SURVEY_TUI_DB)."""
    return click.option(
        "--db",
        "db",
        type=click.Path(dir_okay=False),
        default=None,
        help="Response store (default: $SURVEY_TUI_DB, else responses.json in the user data dir).",
    )(function)


def store_path(db: str | None) -> Path:
    """The store file named by ``--db`` here, on the group, in $SURVEY_TUI_DB, or the default."""
    from survey_tui.core.store import default_store_path

    if db is None:
        ctx = click.get_current_context(silent=True)
        root = ctx.find_root() if ctx else None
        if root is not None and isinstance(root.obj, dict):
            db = root.obj.get("db")
    return Path(db) if db else default_store_path()


def load_questionnaire(ref: str) -> Questionnaire:
    """Resolve ``ref`` (path or shipped id) and load it; errors are SurveyErrors."""
    return load(resolve_questionnaire(ref))
