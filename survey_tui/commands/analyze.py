"""``analyze``: the gap statistics of docs/statistics.md, as a readable table or JSON."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import click

from survey_tui.commands.common import (
    analysed_wave_option,
    db_option,
    load_questionnaire,
    store_path,
)
from survey_tui.core.model import Questionnaire
from survey_tui.core.record import Record
from survey_tui.core.textsafety import escape_for_terminal

if TYPE_CHECKING:
    from survey_tui.core.analysis.types import (
        Analysis,
        Change,
        ConstructFigures,
        Entry,
        Gap,
        ItemFigures,
    )


def _cell(figures: ItemFigures | ConstructFigures, minimum: int, number: bool) -> str:
    if figures.get("asked") is False:
        return "not asked"
    if figures["suppressed"]:
        return f"suppressed (n < {minimum})"
    if number:
        return f"{figures.get('mean'):.4g} (median {figures.get('median'):.4g}, n={figures['n']})"
    return f"{figures['score']:.1f} (n={figures['n']})"


def _mark(gap: Gap) -> str:
    if gap.get("significant"):
        return " *"
    return " ~" if gap.get("not_confirmed") else ""


def _gap_cell(gap: Gap | None, number: bool) -> str:
    if gap is None:
        return "-"
    if gap.get("not_asked"):
        return "not asked"
    if gap["suppressed"] or gap["ci95"] is None:  # a published gap has its interval
        return "suppressed"
    from survey_tui.core.reports.filters import pts

    low, high = gap["ci95"]
    value = gap["units"] if number else gap["points"]
    # pts never prints -0.0 (a bound that rounds to zero is zero).
    figures = f"{pts(value, True)} [{pts(low, True)}, {pts(high, True)}]"
    return f"{figures} {gap['effect']}, p adj={gap['p_adjusted']:.2g}{_mark(gap)}"


def _change_cell(change: Change | None, number: bool) -> str:
    if change is None:
        return "-"
    from survey_tui.core.reports.filters import pts

    if number:
        before, now = change.get("units_before"), change.get("units_now")
    else:
        before, now = change.get("points_before"), change.get("points_now")
    low, high = change["ci95"]
    mark = " *" if change["significant"] else ""
    return (
        f"{pts(before, True)} -> {pts(now, True)} "
        f"({pts(change['delta'], True)} [{pts(low, True)}, {pts(high, True)}]){mark}"
    )


def _covered(result: Analysis) -> str:
    if result["wave"] is None:
        return "wave: none (no responses submitted yet)"
    if result["wave"] == "all":
        return "waves: all pooled (" + ", ".join(result.get("waves", [])) + ")"
    baseline = result.get("baseline_wave")
    return f"wave: {result['wave']}" + (f" (change since: {baseline})" if baseline else "")


def _section(
    title: str, entries: Sequence[tuple[str, Entry]], result: Analysis, number: bool
) -> list[str]:
    """One table: ``entries`` are (row name, item or construct entry)."""
    groups = list(result["groups"])
    pair = result["compare"]
    baseline = result.get("baseline_wave")
    # A single group has no gap column at all (there is nothing to compare).
    header = ["", *groups, *(["gap " + " - ".join(pair)] if pair else [])]
    header += ["change"] if pair and baseline else []
    rows = [header]
    for name, entry in entries:
        row = [
            name,
            *(_cell(entry["groups"][g], result["min_group_size"], number) for g in groups),
        ]
        if pair:
            row.append(_gap_cell(entry["gap"], number))
        if pair and baseline:
            row.append(_change_cell(entry.get("change"), number))
        rows.append(row)
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    return ["", title] + [
        "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows
    ]


def render_table(result: Analysis) -> str:
    """The analysis as plain-text tables: group figures, the gap with its interval, effect and
    adjusted p, and the change since the baseline when there is one."""
    minimum = result["min_group_size"]
    pair = result["compare"]
    lines = [f"{result['questionnaire']['title']} (version {result['questionnaire']['version']})"]
    lines.append(_covered(result))
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
    items = result["items"]
    themes = [(e["construct"], e) for e in result["constructs"]]
    lines += _section("Themes (constructs, score 0-100)", themes, result, False)
    scored = [(e["question"], e) for e in items if e["kind"] not in ("number", "awareness")]
    lines += _section("Items (score 0-100)", scored, result, False)
    awareness = [(e["question"], e) for e in items if e["kind"] == "awareness"]
    if awareness:
        lines += _section(
            "Awareness items (each group asked its own question; not in the index)",
            awareness,
            result,
            False,
        )
    numbers = [e for e in items if e["kind"] == "number"]
    if numbers:
        title = (
            "Numbers (mean and median in each question's own unit: "
            + "; ".join(f"{e['question']} {e.get('unit') or 'no unit'}" for e in numbers)
            + ")"
        )
        lines += _section(title, [(e["question"], e) for e in numbers], result, True)
    if not pair:
        lines += ["", "Expectation Gap Index: none (a single group, nothing to compare)"]
        return "\n".join(lines)
    lines += ["", _index_line(result)]
    lines.append(
        "gap: difference [95% CI], effect size, p adjusted for the number of comparisons "
        "(Benjamini-Hochberg); * significant (adjusted p < 0.05 and the CI excludes 0), "
        "~ not confirmed (only one of the two holds)"
    )
    return "\n".join(lines)


def _index_line(result: Analysis) -> str:
    from survey_tui.core.reports.filters import pts

    index = result["expectation_gap_index"]
    if index is None:
        return "Expectation Gap Index: suppressed"
    text = f"Expectation Gap Index: {index:.1f} (0 = the groups see AI the same way)"
    ci = result.get("expectation_gap_index_ci95")
    if ci:
        text += f", 95% CI {ci[0]:.1f} to {ci[1]:.1f}"
    change = result.get("expectation_gap_index_change")
    if change:
        low, high = change["ci95"]
        text += (
            f"; {result['baseline_wave']} {change['before']:.1f} -> {change['now']:.1f} "
            f"({pts(change['delta'], True)}, CI {pts(low, True)} to {pts(high, True)}"
            + (", more than noise)" if change["significant"] else ", within noise)")
        )
    return text


def read_responses(q: Questionnaire, db: str | None) -> list[Record]:
    """The responses an analysis reads (core.usecases.responses); its notes go to stderr."""
    from survey_tui.core.usecases.responses import read_responses as stored

    found = stored(q, store_path(db))
    for note in found.notes:
        click.echo(escape_for_terminal(note), err=True)
    return found.records


@click.command()
@click.argument("questionnaire")
@analysed_wave_option("analyse")
@click.option("--baseline-wave", default=None, help="Also show each gap's change since this wave.")
@click.option(
    "--json", "as_json", is_flag=True, help="Print the contract JSON (docs/statistics.md)."
)
@click.option(
    "--log-since",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    help="Feedback log: entries from this day on (YYYY-MM-DD).",
)
@click.option(
    "--log-until",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    help="Feedback log: entries up to this day.",
)
@db_option
def analyze(
    questionnaire: str,
    wave: str | None,
    baseline_wave: str | None,
    as_json: bool,
    log_since: Any,
    log_until: Any,
    db: str | None,
) -> None:
    """The gap statistics: group scores, the gap with its CI and p-value, per item and construct.

    \b
    Example:
      survey-tui analyze ai-expectation-gap --wave q1 --json
    """
    from survey_tui.core.usecases.analysis import analyze_stored

    q = load_questionnaire(questionnaire)
    result = analyze_stored(
        q,
        store_path(db),
        read_responses(q, db),
        wave=wave,
        baseline_wave=baseline_wave,
        log_since=log_since.date() if log_since else None,
        log_until=log_until.date() if log_until else None,
    )
    if as_json:
        import orjson

        # orjson writes C0 controls as \u00XX already; C1 and DEL get the same JSON escape.
        data = orjson.dumps(result, option=orjson.OPT_INDENT_2).decode("utf-8")
        sys.stdout.buffer.write(escape_for_terminal(data).encode("utf-8") + b"\n")
        sys.stdout.flush()
    else:
        from survey_tui.commands.log import log_table

        table = "\n".join([render_table(result), *log_table(result)])
        click.echo(escape_for_terminal(table))
