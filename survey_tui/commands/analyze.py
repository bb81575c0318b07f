"""``analyze``: the gap statistics of gap-statistics.md, as a readable table or JSON."""

from __future__ import annotations

import sys
from typing import Any

import click

from survey_tui.commands.common import (
    db_option,
    edited_text_warning,
    load_questionnaire,
    store_path,
)
from survey_tui.core.errors import StoreError
from survey_tui.core.model import Questionnaire
from survey_tui.core.textsafety import escape_for_terminal


def _cell(figures: dict[str, Any], minimum: int) -> str:
    if figures.get("asked") is False:
        return "not asked"
    if figures["suppressed"]:
        return f"suppressed (n < {minimum})"
    return f"{figures['score']:.1f} (n={figures['n']})"


def _gap_cell(gap: dict[str, Any] | None) -> str:
    if gap is None:
        return "-"
    if gap.get("not_asked"):
        return "not asked"
    if gap["suppressed"]:
        return "suppressed"
    from survey_tui.core.reports.filters import pts

    low, high = gap["ci95"]
    mark = " *" if gap["significant"] else ""
    # pts never prints -0.0 (a bound that rounds to zero is zero).
    figures = f"{pts(gap['points'], True)} [{pts(low, True)}, {pts(high, True)}]"
    return f"{figures} p={gap['p_value']:.3g}{mark}"


def render_table(result: dict[str, Any]) -> str:
    """The analysis as plain-text tables: group scores, gap, CI, p (* = significant)."""
    minimum = result["min_group_size"]
    groups = list(result["groups"])
    pair = result["compare"]
    # A single group has no gap column at all (there is nothing to compare).
    header = ["", *groups, *(["gap " + " - ".join(pair)] if pair else [])]
    lines = [f"{result['questionnaire']['title']} (version {result['questionnaire']['version']})"]
    if result["wave"]:
        lines.append(f"wave: {result['wave']}")
    counts = ", ".join(
        f"{g}: n={info['n']}" + (f" (suppressed, n < {minimum})" if info["suppressed"] else "")
        for g, info in result["groups"].items()
    )
    lines.append(f"respondents: {counts}")
    for group, left_out in result.get("withheld_waves", {}).items():
        lines.append(
            f"left out of these totals: {group} in wave {', '.join(left_out)} "
            f"(fewer than {minimum} there; see --wave for each wave)"
        )
    for title, entries, key in (
        ("Constructs (score 0-100)", result["constructs"], "construct"),
        ("Items (score 0-100)", result["items"], "question"),
    ):
        rows = [header]
        for entry in entries:
            row = [entry[key], *(_cell(entry["groups"][g], minimum) for g in groups)]
            rows.append([*row, _gap_cell(entry["gap"])] if pair else row)
        widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
        lines += ["", title]
        lines += [
            "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows
        ]
    index = result["expectation_gap_index"]
    if not pair:
        lines += ["", "Expectation Gap Index: none (a single group, nothing to compare)"]
        return "\n".join(lines)
    lines += [
        "",
        "Expectation Gap Index: " + (f"{index:.1f}" if index is not None else "suppressed"),
    ]
    lines.append("gap: points [95% CI], Mann-Whitney p; * = significant at 0.05")
    return "\n".join(lines)


def read_responses(q: Questionnaire, db: str | None) -> list[dict[str, Any]]:
    """The stored responses to ``q``'s version (all statuses); StoreError if there are none.

    Responses to other versions are skipped with a note on stderr. Shared with ``report``.
    """
    from survey_tui.core.store import ResponseStore

    path = store_path(db)
    if not path.exists():
        raise StoreError(f"no response store at {path}")
    # Read-only use: skip the defensive copy (halves memory on large stores).
    records = ResponseStore(path).responses(q.id, status=None, copy=False)
    if not records:
        raise StoreError(f"{path}: no responses for questionnaire {q.id!r}")
    mine = [r for r in records if r.get("questionnaire_version") == q.version]
    if not mine:
        versions = sorted({str(r.get("questionnaire_version")) for r in records})
        raise StoreError(
            f"{path}: responses to {q.id!r} are for version {', '.join(versions)}, "
            f"the questionnaire is version {q.version}"
        )
    if len(mine) < len(records):
        click.echo(
            f"note: {len(records) - len(mine)} responses to other versions of {q.id!r} ignored",
            err=True,
        )
    warning = edited_text_warning(q, mine)
    if warning:
        click.echo(escape_for_terminal(warning), err=True)
    return mine


@click.command()
@click.argument("questionnaire")
@click.option("--wave", default=None, help="Analyse this wave only (default: every wave).")
@click.option("--baseline-wave", default=None, help="Also show each gap's change since this wave.")
@click.option(
    "--json", "as_json", is_flag=True, help="Print the contract JSON (gap-statistics.md)."
)
@db_option
def analyze(
    questionnaire: str,
    wave: str | None,
    baseline_wave: str | None,
    as_json: bool,
    db: str | None,
) -> None:
    """The gap statistics: group scores, the gap with its CI and p-value, per item and construct.

    \b
    Example:
      survey-tui analyze ai-expectation-gap --wave q1 --json
    """
    from survey_tui.core.analysis import analyze as run_analysis

    q = load_questionnaire(questionnaire)
    mine = read_responses(q, db)
    result = run_analysis(q, mine, wave=wave, baseline_wave=baseline_wave)
    if as_json:
        import orjson

        # orjson writes C0 controls as \u00XX already; C1 and DEL get the same JSON escape.
        data = orjson.dumps(result, option=orjson.OPT_INDENT_2).decode("utf-8")
        sys.stdout.buffer.write(escape_for_terminal(data).encode("utf-8") + b"\n")
        sys.stdout.flush()
    else:
        click.echo(escape_for_terminal(render_table(result)))
