"""``validate``, ``lint``, ``list`` and ``schema``: working with questionnaire files."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from survey_tui.core.catalog import (
    resolve_questionnaire,
    shipped_questionnaire_files,
    template_files,
)
from survey_tui.core.errors import SurveyError
from survey_tui.core.loader import load, load_with_warnings
from survey_tui.core.schema import questionnaire_schema
from survey_tui.core.textsafety import escape_for_terminal


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=True))
def validate(files: tuple[str, ...]) -> None:
    """Check questionnaire files: `FILE: ok`, or every problem as FILE:LINE:COL: field: message.

    Warnings (`FILE:LINE:COL: field: warning: ...`) alone leave the exit status 0.

    \b
    Example:
      survey-tui validate questionnaires/*.yaml
    """
    failed = False
    for file in files:
        try:
            # A shipped questionnaire's id is accepted, as by the other commands.
            _, warnings = load_with_warnings(
                file if Path(file).exists() else resolve_questionnaire(file)
            )
        except SurveyError as error:
            failed = True
            click.echo(escape_for_terminal(str(error)), err=True)
        else:
            for warning in warnings:
                click.echo(escape_for_terminal(str(warning)), err=True)
            click.echo(escape_for_terminal(f"{file}: ok"))
    if failed:
        sys.exit(2)


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=True))
@click.option("--strict", is_flag=True, help="Exit with status 1 when there is any warning.")
def lint(files: tuple[str, ...], strict: bool) -> None:
    """Survey-method warnings: parallel wording, double-barrelled and leading items, scale
    balance, missing "don't know", length, anonymity risk (docs/questionnaires.md).

    Each warning reads FILE:LINE:COL: field: warning: message (fix) [rule]. Exit status: 0
    (also with warnings), 1 with --strict when there is any warning, 2 when a file does not
    validate (its errors are printed as by validate).

    \b
    Example:
      survey-tui lint --strict questionnaires/*.yaml
    """
    from survey_tui.core.lint import lint_file

    failed = warned = False
    for file in files:
        try:
            warnings = lint_file(file if Path(file).exists() else resolve_questionnaire(file))
        except SurveyError as error:
            failed = True
            click.echo(escape_for_terminal(str(error)), err=True)
            continue
        for warning in warnings:
            click.echo(escape_for_terminal(str(warning)))
        count = len(warnings)
        warned = warned or count > 0
        summary = f"{count} warning{'s' if count != 1 else ''}" if count else "ok"
        click.echo(escape_for_terminal(f"{file}: {summary}"))
    if failed:
        sys.exit(2)
    if strict and warned:
        sys.exit(1)


@click.command("list")
def list_command() -> None:
    """Shipped questionnaires (id, title, groups, questions, minutes) and report templates.

    \b
    Example:
      survey-tui list
    """
    click.echo("Questionnaires:")
    for path in shipped_questionnaire_files():
        try:
            q = load(path)
        except SurveyError as error:
            click.echo(escape_for_terminal(f"  {path.name}: invalid ({error.title})"))
            continue
        count = sum(1 for _ in q.questions())
        groups = ", ".join(q.group_ids)
        click.echo(
            escape_for_terminal(
                f"  {q.id:<28} {q.title}\n"
                f"  {'':<28} {q.mode}, groups: {groups}; {count} questions, "
                f"~{q.estimate_minutes():g} min  ({path.name})"
            )
        )
    click.echo("\nReport templates:")
    for path in template_files():
        click.echo(escape_for_terminal(f"  {path.name}"))


@click.command()
def schema() -> None:
    """Print the JSON Schema of the questionnaire format (for editor autocompletion).

    \b
    Example:
      survey-tui schema > questionnaire.schema.json
    """
    click.echo(json.dumps(questionnaire_schema(), indent=2))
