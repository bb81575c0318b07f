"""The ``survey-tui`` command line: parse, validate, delegate.

Subcommands live in :mod:`survey_tui.commands` and are imported only when invoked, so that
``survey-tui validate`` never pays for Textual, SciPy or Jinja2.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from typing import Any

import click

from survey_tui import __version__
from survey_tui.core.errors import SurveyError

# name -> "module:attribute"; the order is the order of ``--help``.
COMMANDS: dict[str, str] = {
    "run": "survey_tui.commands.run:run",
    "validate": "survey_tui.commands.questionnaires:validate",
    "lint": "survey_tui.commands.questionnaires:lint",
    "list": "survey_tui.commands.questionnaires:list_command",
    "schema": "survey_tui.commands.questionnaires:schema",
    "import": "survey_tui.commands.data:import_command",
    "export": "survey_tui.commands.data:export",
    "merge": "survey_tui.commands.data:merge",
    "analyze": "survey_tui.commands.analyze:analyze",
    "report": "survey_tui.commands.report:report",
    "dashboard": "survey_tui.commands.dashboard:dashboard",
    "serve": "survey_tui.commands.serve:serve",
    "demo": "survey_tui.commands.facilitate:demo",
    "evidence": "survey_tui.commands.evidence:evidence",
    "log": "survey_tui.commands.log:log",
    "delete": "survey_tui.commands.delete:delete",
    "translations": "survey_tui.commands.translations:translations",
}

SHORT_HELP: dict[str, str] = {
    "run": "Answer a questionnaire in the terminal.",
    "validate": "Check questionnaire files.",
    "lint": "Survey-method warnings about questionnaire files.",
    "list": "Shipped questionnaires and report templates.",
    "schema": "Print the JSON Schema of the questionnaire format.",
    "import": "Load responses from a wide CSV.",
    "export": "Write responses as CSV or JSON.",
    "merge": "Combine stores from several machines.",
    "analyze": "The gap statistics, as a table or JSON.",
    "report": "Render a Markdown or HTML report.",
    "dashboard": "The facilitator's live view.",
    "serve": "Serve the survey to web browsers.",
    "demo": "A synthetic workshop to analyse and report on.",
    "evidence": "Measured delivery metrics: from git history or a CSV.",
    "log": "The feedback log: one AI event in seconds; undo, import, export.",
    "delete": "Remove practice or mistaken responses.",
    "translations": "A CSV for translators, and back into the questionnaire.",
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use; SurveyError -> exit 2."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name in COMMANDS if _available(name)]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None or not _available(cmd_name):
            return None
        module_name, _, attribute = target.partition(":")
        if ctx.resilient_parsing or ("--help" in sys.argv and cmd_name not in sys.argv):
            # `survey-tui --help` lists commands without importing them.
            return click.Command(cmd_name, short_help=SHORT_HELP.get(cmd_name))
        command: click.Command = getattr(importlib.import_module(module_name), attribute)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, SHORT_HELP.get(name, "")) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except SurveyError as error:
            fail(error)
        finally:
            _remove_lock_files()


def _available(name: str) -> bool:
    """Whether the module behind a subcommand is installed (found without importing it)."""
    module_name = COMMANDS[name].partition(":")[0]
    try:
        return importlib.util.find_spec(module_name) is not None
    except ModuleNotFoundError:
        return False


def _remove_lock_files() -> None:
    """A command is done with its stores: their ``.lock`` files go where nobody holds them
    (only when a store was used at all: ``validate`` never imports it)."""
    locks = sys.modules.get("survey_tui.core.store.locks")
    if locks is not None:
        locks.remove_lock_files()


def fail(error: SurveyError) -> None:
    """Print a user error to stderr and exit 2 (cli.md)."""
    from survey_tui.core.textsafety import escape_for_terminal

    # Messages may quote a file name, a CSV cell or a stored value.
    click.echo(escape_for_terminal(str(error)), err=True)
    sys.exit(2)


@click.group(cls=LazyGroup, invoke_without_command=True)
@click.version_option(__version__, prog_name="survey-tui")
@click.option(
    "--db",
    type=click.Path(dir_okay=False),
    envvar="SURVEY_TUI_DB",
    help="Response store (default: $SURVEY_TUI_DB, else responses.json in the user data dir).",
)
@click.pass_context
def main(ctx: click.Context, db: str | None) -> None:
    """Measure the AI expectation gap: surveys in the terminal, gap statistics, reports.

    \b
    Example:
      survey-tui run ai-expectation-gap --group frontline
    """
    ctx.ensure_object(dict)
    ctx.obj["db"] = db
    if ctx.invoked_subcommand is None:
        if not _available("run"):
            click.echo(ctx.get_help())
            return
        from survey_tui.commands.run import open_home

        open_home(db)
