"""``log``: the feedback log (docs/feedback-log.md): one entry in seconds, undo, CSV in and out.

``survey-tui log QUESTIONNAIRE [options] [NOTE]`` logs one entry (the hidden ``add`` command:
a first argument that is not a subcommand goes to it); with values missing it opens the
one-screen form when stdin is a terminal, and exits 2 when it is not.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from survey_tui.commands.common import (
    csv_import_arguments,
    db_option,
    load_questionnaire,
    stdin_is_terminal,
    store_path,
)
from survey_tui.core.errors import DataError, StoreError, SurveyError
from survey_tui.core.textsafety import escape_for_terminal

if TYPE_CHECKING:
    from survey_tui.core.analysis.types import StoredAnalysis
    from survey_tui.core.feedback.entries import Entry
    from survey_tui.core.model import Questionnaire

SUBCOMMANDS = ("add", "undo", "import", "export")


class LogGroup(click.Group):
    """``log QUESTIONNAIRE ...`` is ``log add QUESTIONNAIRE ...``; the subcommands stay."""

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        prefix = ctx.command_path
        formatter.write_usage(prefix, "QUESTIONNAIRE [OPTIONS] [NOTE]...")
        formatter.write_usage(prefix, "undo|import|export ...", prefix="   or: ")

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in SUBCOMMANDS and args[0] not in ("--help", "-h"):
            args = ["add", *args]
        return super().parse_args(ctx, args)


@click.group(cls=LogGroup)
def log() -> None:
    """The feedback log: concrete AI events, logged in seconds between survey rounds.

    \b
    Examples:
      survey-tui log ai-expectation-gap --group frontline --workflow test_writing \\
          --tool github_copilot --outcome corrected --minutes 15 "mocked the wrong layer"
      survey-tui log ai-expectation-gap          (the one-screen form)
      survey-tui log undo ai-expectation-gap     (this device's last entry)
      survey-tui log import ai-expectation-gap entries.csv
      survey-tui log export ai-expectation-gap -o log.csv

    Options of an entry: --group, --workflow, --tool (with --other: a tool not in the
    list), --outcome, --minutes, --date YYYY-MM-DD (an event logged late), --db. Ids or
    labels; a typo gets "did you mean". All of them: survey-tui log add --help.
    """


def _option_name(field: str) -> str:
    return "NOTE" if field == "note" else f"--{field}"


@log.command("add", hidden=True)
@click.argument("questionnaire")
@click.argument("note", nargs=-1)
@click.option("--group", default=None, help="Your group (id or label).")
@click.option("--workflow", default=None, help="The workflow (id or label).")
@click.option("--tool", default=None, help="The AI tool (value or label).")
@click.option("--other", is_flag=True, help="Store a --tool that is not in the list as Other.")
@click.option("--outcome", default=None, help="helped, corrected, abandoned (or the file's own).")
@click.option("--minutes", default=None, help="Minutes saved (helped) or lost (otherwise).")
@click.option(
    "--date", "day", default=None, help="The day it happened (YYYY-MM-DD; default today)."
)
@db_option
def add(
    questionnaire: str,
    note: tuple[str, ...],
    group: str | None,
    workflow: str | None,
    tool: str | None,
    other: bool,
    outcome: str | None,
    minutes: str | None,
    day: str | None,
    db: str | None,
) -> None:
    """Log one entry; with values missing, the one-screen form (in a terminal)."""
    from survey_tui.core.feedback.entries import Draft, add_entries, check_draft, log_of, missing
    from survey_tui.core.feedback.tokens import device_contributor, remember_choices

    q = load_questionnaire(questionnaire)
    log_of(q)
    draft = Draft(
        group=group,
        workflow=workflow,
        tool=tool,
        outcome=outcome,
        minutes=minutes,
        note=" ".join(note) or None,
        date=day,
        other=other,
    )
    contributor = device_contributor()
    path = store_path(db)
    lacking = missing(q, draft)
    if lacking:
        if not (stdin_is_terminal() and sys.stdout.isatty()):
            raise SurveyError(
                "missing "
                + ", ".join(_option_name(f) for f in lacking)
                + "; give them (see survey-tui log --help), or run this in a terminal for the form"
            )
        entry = _ask(q, draft, contributor)
        if entry is None:
            click.echo("Nothing logged.", err=True)
            return
    else:
        entry, problems = check_draft(q, draft, contributor=contributor)
        if entry is None:
            raise DataError(
                [], "\n".join(f"{_option_name(name)}: {message}" for name, message in problems)
            )
    from survey_tui.core.store import ResponseStore

    add_entries(ResponseStore(path), [entry])
    remember_choices(q.id, {k: str(entry[k]) for k in ("group", "workflow", "tool")})
    click.echo(escape_for_terminal(f"logged: {describe(q, entry)}"))
    click.echo(escape_for_terminal(f"(undo: survey-tui log undo {questionnaire})"), err=True)


def _ask(q: Questionnaire, draft: Any, contributor: str) -> Entry | None:
    """The one-screen form, prefilled with what was given and this device's last choices."""
    from survey_tui.core.feedback.tokens import last_choices
    from survey_tui.frontends.tui.apps.log_form import LogFormApp

    app = LogFormApp(q, draft, contributor=contributor, last=last_choices(q.id))
    return app.run()


def describe(q: Questionnaire, entry: Entry) -> str:
    """One line for the terminal: day, workflow, tool, outcome, minutes (and the note)."""
    labels = {w.id: w.label for w in q.log_workflows()}
    log = q.feedback_log
    assert log is not None
    tools = {t.value: t.label for t in log.tools}
    outcomes = {o.value: o for o in log.outcomes}
    found = outcomes.get(entry["outcome"])
    kind = "saved" if found is not None and found.saves else "lost"
    text = (
        f"{entry['date']} {labels.get(entry['workflow'], entry['workflow'])} with "
        f"{tools.get(entry['tool'], entry['tool'])}: "
        f"{found.label if found else entry['outcome']}, {entry['minutes']} min {kind}"
    )
    return text + (f" ({entry['note']})" if entry["note"] else "")


@log.command("undo")
@click.argument("questionnaire")
@db_option
def undo(questionnaire: str, db: str | None) -> None:
    """Remove the last entry logged from this device.

    Example: survey-tui log undo ai-expectation-gap
    """
    from survey_tui.core.feedback.entries import log_of, undo_last
    from survey_tui.core.feedback.tokens import device_contributor
    from survey_tui.core.store import ResponseStore

    q = load_questionnaire(questionnaire)
    log_of(q)
    path = store_path(db)
    if not path.exists():
        raise StoreError(f"no response store at {path}")
    removed = undo_last(ResponseStore(path), q.id, device_contributor())
    if removed is None:
        raise SurveyError(f"no entry of this device in the feedback log of {q.id!r} to undo")
    click.echo(escape_for_terminal(f"removed: {describe(q, removed)}"))


@log.command("import")
@csv_import_arguments
def import_log(questionnaire: str, csv_file: str, skip_bad_rows: bool, db: str | None) -> None:
    """Load feedback-log entries from a log CSV (all-or-nothing unless --skip-bad-rows).

    Columns: entry_id, questionnaire_id, group, date, workflow, tool, outcome, minutes, note,
    contributor (see docs/data-exchange.md); a tool not in the list is stored as Other. Rows
    without a contributor count as one contributor together.

    Example: survey-tui log import ai-expectation-gap entries.csv
    """
    from survey_tui.commands.data import _read_csv
    from survey_tui.core.feedback.csvlog import parse_log_rows
    from survey_tui.core.feedback.entries import add_entries, log_of, stored_entries
    from survey_tui.core.store import ResponseStore

    q = load_questionnaire(questionnaire)
    log_of(q)
    header, rows = _read_csv(Path(csv_file))
    entries, problems, bad = parse_log_rows(q, csv_file, header, rows, Path(csv_file).read_bytes())
    if problems and (not skip_bad_rows or bad == 0):
        raise DataError(problems)
    for problem in problems:
        click.echo(escape_for_terminal(f"skipped: {problem}"), err=True)
    store = ResponseStore(store_path(db))
    held = {e["entry_id"] for e in stored_entries(store)} if store.path.exists() else set()
    fresh = [e for e in entries if e["entry_id"] not in held]
    add_entries(store, fresh)
    click.echo(
        f"imported {len(fresh)} entries, {len(entries) - len(fresh)} already present, "
        f"{bad} bad rows skipped"
    )


@log.command("export")
@click.argument("questionnaire")
@click.option("-o", "output", type=click.Path(), metavar="FILE", default=None, help="Output file.")
@db_option
def export_log(questionnaire: str, output: str | None, db: str | None) -> None:
    """Write the feedback log as a log CSV (stdout without -o).

    The export is raw data: every entry with its note, also those the analysis withholds.
    Text cells starting with = + - @ ' tab or CR get one leading ' (import removes it).

    Example: survey-tui log export ai-expectation-gap -o log.csv
    """
    from survey_tui.commands.data import _output_path, _write_export
    from survey_tui.core.feedback.csvlog import export_csv
    from survey_tui.core.feedback.entries import log_of, stored_entries
    from survey_tui.core.store import ResponseStore

    q = load_questionnaire(questionnaire)
    log_of(q)
    path = store_path(db)
    if not path.exists():
        raise StoreError(f"no response store at {path}")
    store = ResponseStore(path)
    target = _output_path(output, store) if output else None
    data = export_csv(stored_entries(store, q.id))
    if target is not None:
        _write_export(target, data)
    else:
        click.echo(escape_for_terminal(data.decode("utf-8")), nl=False)


def log_table(result: StoredAnalysis) -> list[str]:
    """The ``log`` section of ``analyze``'s readable table (withheld cells say so)."""
    section = result.get("log")
    if not section:
        return []
    minimum = result["min_group_size"]
    lines = [
        "",
        f"Feedback log: {section['entries']} entries from {section['contributors']} contributors",
    ]
    for title, rows in (("workflow", section["by_workflow"]), ("tool", section["by_tool"])):
        lines.append(f"by {title}:")
        for row in rows:
            lines.append(f"  {row['key']}: {_row_text(row, minimum)}")
    return lines


def _row_text(row: Mapping[str, Any], minimum: int) -> str:
    if row["suppressed"]:
        return f"withheld (fewer than {minimum} contributors)"
    parts = [f"{row['entries']} entries, {row['contributors']} contributors"]
    if row["outcomes"]:
        parts.append(", ".join(f"{k} {v:.0f}%" for k, v in row["outcomes"].items()))
    for name, word in (("minutes_saved", "saved"), ("minutes_lost", "lost")):
        figures = row[name]
        if figures:
            parts.append(f"{word} median {figures['median']:g} min, total {figures['total']:g}")
    return "; ".join(parts)
