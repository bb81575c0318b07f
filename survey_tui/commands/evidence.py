"""``evidence git``, ``evidence import``, ``evidence list``: measured delivery metrics."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from survey_tui.commands.common import db_option, store_path
from survey_tui.core.errors import StoreError, SurveyError
from survey_tui.core.textsafety import escape_for_terminal

if TYPE_CHECKING:
    from survey_tui.core.evidence.git import WeekFigures
    from survey_tui.core.evidence.records import MetricRow

DAY = click.DateTime(formats=["%Y-%m-%d"])
MAX_NAME = 80


@click.group()
def evidence() -> None:
    """Measured delivery metrics beside the survey: from git history or a CSV export.

    Reports set them beside what each group perceives (questions with `evidence:`) and score
    the 90-day success plan (`report --plan`). See docs/data-exchange.md, "Evidence".

    \b
    Examples:
      survey-tui evidence git ../api ../web --name payments --since 2026-06-01
      survey-tui evidence import jira-metrics.csv
      survey-tui evidence list
    """


def _name(value: str | None, option: str) -> str | None:
    """A source name as given: a name, never a path (it is printed in reports)."""
    if value is None:
        return None
    name = value.strip()
    if not name or len(name) > MAX_NAME or any(c in name for c in "/\\") or not name.isprintable():
        raise SurveyError(
            f"{option}: a short name for the team or repository (at most {MAX_NAME} printable "
            "characters, no / or \\), not a path"
        )
    return name


def _day(value: datetime | None) -> date | None:
    return value.date() if value is not None else None


@evidence.command("git")
@click.argument("repos", nargs=-1, required=True, metavar="REPO...", type=click.Path())
@click.option("--since", type=DAY, default=None, help="First day (YYYY-MM-DD, UTC).")
@click.option("--until", type=DAY, default=None, help="Last day (YYYY-MM-DD, UTC).")
@click.option(
    "--name",
    default=None,
    help="The source name to store under (default: each repository folder's name); "
    "repositories under one name add up.",
)
@db_option
def git_command(
    repos: tuple[str, ...],
    since: datetime | None,
    until: datetime | None,
    name: str | None,
    db: str | None,
) -> None:
    """Weekly metrics from local git history: commits, merges, active authors (a count),
    AI-assisted commits (a lower bound), reverts, lines added and deleted, rework.

    Reads the history of HEAD with the git command line, offline. No author name or e-mail
    address is stored or printed. Running it again replaces the same weeks.

    \b
    Examples:
      survey-tui evidence git .
      survey-tui evidence git ../api ../web --name payments --since 2026-06-01
    """
    from survey_tui.core.evidence.git import (
        GIT_METRICS,
        open_repository,
        read_weeks,
        weekly_rows,
    )
    from survey_tui.core.evidence.records import replace_metrics
    from survey_tui.core.store import ResponseStore

    first, last = _day(since), _day(until)
    if first and last and last < first:
        raise SurveyError(f"--until {last} is before --since {first}")
    source = _name(name, "--name")
    opened = [open_repository(Path(repo), first, last) for repo in repos]
    total = sum(repo.total for repo in opened)
    weeks_by_source: dict[str, dict[date, WeekFigures]] = {}
    for repo in opened:
        weeks_by_source.setdefault(source or repo.name, {})
    with _progress(total) as advance:
        for repo in opened:
            read_weeks(repo, weeks_by_source[source or repo.name], advance)
    rows: list[MetricRow] = []
    for key, weeks in weeks_by_source.items():
        rows += weekly_rows(key, weeks, first, last)
    path = store_path(db)
    store = ResponseStore(path)
    for key in weeks_by_source:
        mine = [row for row in rows if row["source"] == key]
        if mine:  # every week from the first to the last read has a row: the span
            span = sorted(row["week"] for row in mine)
            replace_metrics(
                store, mine, source=key, metrics=set(GIT_METRICS), first=span[0], last=span[-1]
            )
    for key, weeks in weeks_by_source.items():
        click.echo(escape_for_terminal(_git_summary(key, weeks, rows)))
    if rows:
        click.echo(f"stored in {path}")


@contextlib.contextmanager
def _progress(total: int) -> Iterator[Callable[[int], None] | None]:
    """A progress bar on stderr while reading, when stderr is a terminal (never in a pipe)."""
    if not total or not sys.stderr.isatty():
        yield None
        return
    with click.progressbar(
        length=total, label="Reading git history", file=sys.stderr, show_pos=True
    ) as bar:
        yield bar.update


def _git_summary(source: str, weeks: dict[date, WeekFigures], rows: list[MetricRow]) -> str:
    mine = [r for r in rows if r["source"] == source]
    if not mine:
        return f"{source}: no commits in the range; nothing stored"
    commits = sum(f.commits for f in weeks.values())
    ai = sum(f.ai_assisted for f in weeks.values())
    removed = sum(f.lines_deleted for f in weeks.values())
    reworked = sum(f.reworked for f in weeks.values())
    first, last = min(r["week"] for r in mine), max(r["week"] for r in mine)
    count = len({r["week"] for r in mine})
    rework = f", rework {100 * reworked / removed:.1f}% of removed lines" if removed else ""
    return (
        f"{source}: {_count(count, 'week')} ({first} to {last}), {_count(commits, 'commit')}, "
        f"{ai} AI-assisted (a lower bound){rework}"
    )


@evidence.command("import")
@click.argument("csv_file", metavar="CSV", type=click.Path(dir_okay=False))
@click.option(
    "--name", default=None, help="The source name to store under (default: the file's name)."
)
@db_option
def import_command(csv_file: str, name: str | None, db: str | None) -> None:
    """Delivery metrics from a CSV (date,metric,value[,team][,unit]); all-or-nothing.

    One value per metric, team and week (the ISO week of the date). Importing the same
    source, team, metric and week again replaces the value.

    \b
    Example:
      survey-tui evidence import jira-metrics.csv
    """
    from survey_tui.core.errors import DataError, Problem
    from survey_tui.core.evidence.metrics_csv import parse_metrics_csv
    from survey_tui.core.evidence.records import put_metrics
    from survey_tui.core.store import ResponseStore

    path = Path(csv_file)
    source = _name(name, "--name") or _name(path.stem, "the file's name") or "import"
    try:
        data = path.read_bytes()
    except OSError as error:
        raise DataError([Problem(csv_file, None, None, "", str(error.strerror))]) from None
    rows = parse_metrics_csv(data, csv_file, source)
    put_metrics(ResponseStore(store_path(db)), rows)
    metrics = sorted({r["metric"] for r in rows})
    weeks = sorted({r["week"] for r in rows})
    click.echo(
        escape_for_terminal(
            f"imported {len(rows)} weekly values of {_count(len(metrics), 'metric')} "
            f"({', '.join(metrics)}) as source {source!r}, weeks {weeks[0]} to {weeks[-1]}"
        )
    )


@evidence.command("list")
@click.option("--json", "as_json", is_flag=True, help="The stored records as JSON.")
@db_option
def list_command(as_json: bool, db: str | None) -> None:
    """What is stored, per metric and week (`--json`: the records).

    \b
    Example:
      survey-tui evidence list --json
    """
    from survey_tui.core.evidence.records import read_metrics
    from survey_tui.core.store import ResponseStore

    path = store_path(db)
    if not path.exists():
        raise StoreError(f"no response store at {path}")
    rows = read_metrics(ResponseStore(path))
    if as_json:
        import orjson

        text = orjson.dumps(rows, option=orjson.OPT_INDENT_2).decode()
        click.echo(escape_for_terminal(text))
        return
    if not rows:
        click.echo("no evidence stored yet: survey-tui evidence git REPO, or evidence import CSV")
        return
    click.echo(escape_for_terminal(_table(rows)))


def _table(rows: list[MetricRow]) -> str:
    header = ("source", "team", "metric", "week", "value", "unit")
    cells = [
        (r["source"], r["team"] or "-", r["metric"], r["week"], _number(r["value"]), r["unit"])
        for r in rows
    ]
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip()]
    for cell in cells:
        parts = [
            c.rjust(w) if i == 4 else c.ljust(w)
            for i, (c, w) in enumerate(zip(cell, widths, strict=True))
        ]
        lines.append("  ".join(parts).rstrip())
    series = {(r["source"], r["team"]) for r in rows}
    metrics = {(r["source"], r["team"], r["metric"]) for r in rows}
    lines.append(
        f"{len(rows)} weekly values: {_count(len(metrics), 'metric')} of "
        f"{_count(len(series), 'source')}"
    )
    return "\n".join(lines)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _number(value: float) -> str:
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.2f}"
