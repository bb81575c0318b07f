"""The README's command table lists every command and every one of its options, and
nothing the CLI does not have (in the manner of sqlite-utils' documentation tests)."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import click
import pytest

from survey_tui.cli import COMMANDS, main

README = Path(__file__).parents[2] / "README.md"
#: Options every store command has, described once above the table.
EXPLAINED_ABOVE = {"--db", "--help"}


def table_rows() -> dict[str, list[str]]:
    """Command name -> the first cell of each README table row about it."""
    text = README.read_text(encoding="utf-8")
    section = text.split("## Command line", 1)[1].split("\n## ", 1)[0]
    rows: dict[str, list[str]] = {}
    for line in section.splitlines():
        found = re.match(r"\| `survey-tui(?: (?P<name>[a-z-]+))?(?P<rest>[^`]*)` \|", line)
        if found:
            rows.setdefault(found.group("name") or "", []).append(found.group(0))
    return rows


def command(name: str) -> click.Command:
    module, _, attribute = COMMANDS[name].partition(":")
    found: click.Command = getattr(importlib.import_module(module), attribute)
    return found


def params(cmd: click.Command) -> list[click.Parameter]:
    """A command's parameters, and for a group (``evidence git``, ``log undo``) every
    subcommand's too: the README documents them in the group's rows."""
    found = list(cmd.params)
    if isinstance(cmd, click.Group):
        for sub in cmd.commands.values():
            found += params(sub)
    return found


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_option_of_every_command_is_in_the_readme(name: str) -> None:
    rows = table_rows()
    assert name in rows, f"survey-tui {name} has no row in the README's command table"
    documented = " ".join(rows[name])
    for param in params(command(name)):
        if not isinstance(param, click.Option) or set(param.opts) & EXPLAINED_ABOVE:
            continue
        assert any(re.search(rf"{re.escape(opt)}\b", documented) for opt in param.opts), (
            f"survey-tui {name}: {'/'.join(param.opts)} is not in the README's table"
        )


def test_the_table_names_no_command_or_option_the_cli_lacks() -> None:
    for name, cells in table_rows().items():
        if not name:
            continue  # `survey-tui` alone: the home
        assert name in COMMANDS, f"the README lists survey-tui {name}, which does not exist"
        known = {opt for p in params(command(name)) for opt in p.opts}
        for cell in cells:
            for opt in re.findall(r"(?<![\w-])(--?[a-z][a-z-]*)", cell):
                assert opt in known, f"the README lists {opt} on survey-tui {name}"


def test_the_group_options_are_explained_above_the_table() -> None:
    text = README.read_text(encoding="utf-8").split("## Command line", 1)[1]
    intro = text.split("| command |", 1)[0]
    for param in main.params:
        if isinstance(param, click.Option) and "--db" in param.opts:
            assert "`--db PATH`" in intro and "$SURVEY_TUI_DB" in intro
