"""``validate``, ``list`` and ``schema``: working with questionnaire files."""

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
