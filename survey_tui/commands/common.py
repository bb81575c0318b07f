"""Options and helpers shared by the subcommands."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from survey_tui.core.catalog import resolve_questionnaire
from survey_tui.core.errors import StoreError, SurveyError
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


def explicit_db() -> str | None:
    """The group's ``--db`` when it was typed on the command line (``survey-tui --db X cmd``),
    not taken from $SURVEY_TUI_DB."""
    ctx = click.get_current_context(silent=True)
    root = ctx.find_root() if ctx else None
    if root is None or not isinstance(root.obj, dict):
        return None
    if root.get_parameter_source("db") != click.core.ParameterSource.COMMANDLINE:
        return None
    db = root.obj.get("db")
    return str(db) if db else None


def load_questionnaire(ref: str) -> Questionnaire:
    """Resolve ``ref`` (path or shipped id) and load it; errors are SurveyErrors."""
    return load(resolve_questionnaire(ref))


def lang_option(function: F) -> F:
    """``--lang TAG``: the respondents' language, one the questionnaire declares."""
    return click.option(
        "--lang",
        "lang",
        default=None,
        metavar="TAG",
        help="Fix the language (a tag the questionnaire declares, e.g. de); no choice is offered.",
    )(function)


def chosen_language(q: Questionnaire, lang: str | None) -> str | None:
    """The declared tag ``--lang`` asks for (``de-de`` -> ``de``), None without ``--lang``;
    an undeclared tag is an error with "did you mean" (exit 2)."""
    if lang is None:
        return None
    from survey_tui.core.languages import resolve_language

    try:
        return resolve_language(lang.strip(), q.languages)
    except SurveyError as error:
        raise SurveyError(f"--lang: {error.message}") from None


def stdin_is_terminal() -> bool:
    """Whether stdin is a terminal; an in-memory stream (a test feeding the prompt) counts."""
    stream = sys.stdin
    if stream is None:
        return False
    try:
        descriptor = stream.fileno()
    except (AttributeError, OSError, ValueError):
        return True
    return os.isatty(descriptor)


def ask_facilitator_pin() -> str:
    """Ask the kiosk PIN twice, hidden; a SurveyError (exit 2) when there is no terminal.

    Without a terminal getpass would echo a warning, read end-of-input and click would
    abort with exit 1, which docs/cli.md keeps for bugs.
    """
    if not stdin_is_terminal():
        raise SurveyError("no terminal to ask the facilitator PIN; pass --pin")
    pin: str = click.prompt("Facilitator PIN", hide_input=True, confirmation_prompt=True)
    return pin


def fold_store(path: Path) -> StoreError | None:
    """Fold the store's journal into its file once the work is done; the error, if it fails.

    Saves go to ``PATH.journal`` first (fast, crash-safe); folding makes ``PATH`` alone hold
    every response, so copying that one file to another laptop (for ``merge``) takes them all.
    A failure loses nothing (the journal still holds every save), but whoever copies the file
    must know: the returned error names the journal to copy along with it.
    """
    from survey_tui.core.store import ResponseStore

    if not path.exists():
        return None
    store = ResponseStore(path)
    try:
        store.compact()
    except SurveyError as error:
        if not store.journal_path.exists():
            return None  # nothing waited in a journal: the store file holds every answer
        return StoreError(
            f"the answers are saved, but only in {store.journal_path}: folding them into the "
            f"store file failed ({error.message}); copy that journal along with the store file",
            location=str(path),
        )
    return None


def respondent_wave(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """``--wave`` of a command that records answers: any name but ``all``, which names every
    wave pooled in an analysis (docs/statistics.md)."""
    from survey_tui.core.analysis.dataset import ALL_WAVES

    if value == ALL_WAVES:
        raise click.BadParameter(
            f"{ALL_WAVES!r} names every wave pooled in an analysis; give the wave another name"
        )
    return value


def file_option(flag: str, dest: str, help: str) -> Callable[[F], F]:
    """An option that names a file (never a folder); not given: None."""
    return click.option(flag, dest, type=click.Path(dir_okay=False), default=None, help=help)


def analysed_wave_option(verb: str, more: str = "") -> Callable[[F], F]:
    """``--wave NAME`` of a command that reads one analysis: default the most recent wave,
    ``all`` every wave pooled (docs/statistics.md, "Waves")."""
    return click.option(
        "--wave",
        default=None,
        help=f"The wave to {verb} (default: the most recent; 'all' pools every wave{more}).",
    )


def csv_import_arguments(function: F) -> F:
    """``QUESTIONNAIRE CSV [--skip-bad-rows] [--db PATH]``: what every CSV import takes."""
    function = db_option(function)
    function = click.option(
        "--skip-bad-rows", is_flag=True, help="Import the good rows, report the bad ones."
    )(function)
    function = click.argument(
        "csv_file", metavar="CSV", type=click.Path(dir_okay=False, exists=True)
    )(function)
    return click.argument("questionnaire")(function)


def recording_wave_option(function: F) -> F:
    """``--wave NAME`` of a command that records answers (``run``, ``serve``): never ``all``."""
    return click.option(
        "--wave",
        "wave",
        default="default",
        show_default=True,
        callback=respondent_wave,
        help="Wave name (a later round of the same questionnaire, e.g. 90-day; not 'all').",
    )(function)


def write_text_file(target: Path, text: str, what: str) -> None:
    """Write ``text`` to ``target`` atomically (missing folders are made); a SurveyError naming
    ``what`` when it cannot be written, nothing half-written."""
    from survey_tui.core.store.storage import atomic_write_bytes

    if target.is_dir():
        raise SurveyError(
            f"cannot write the {what}: is a folder; give a file name", location=str(target)
        )
    try:
        atomic_write_bytes(target, text.encode("utf-8"))
    except OSError as error:
        raise SurveyError(
            f"cannot write the {what}: {error.strerror or error}", location=str(target)
        ) from None
