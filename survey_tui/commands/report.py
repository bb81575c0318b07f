"""``report``: render the gap analysis through a Markdown report template."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from survey_tui.commands.analyze import read_responses
from survey_tui.commands.common import (
    analysed_wave_option,
    chosen_language,
    db_option,
    file_option,
    load_questionnaire,
    store_path,
    write_text_file,
)
from survey_tui.core.errors import SurveyError
from survey_tui.core.usecases.analysis import NO_BASELINE

if TYPE_CHECKING:
    from survey_tui.core.model import Questionnaire
    from survey_tui.core.reports.findings import ReportOptions
    from survey_tui.core.usecases.report import MadeReport

#: Output formats by file extension (``-o``), when ``--format`` is not given.
FORMATS = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}


@click.command()
@click.argument("questionnaire")
@click.option(
    "--template",
    "template",
    default="gap_report.md.j2",
    show_default=True,
    help="A shipped template name (see `survey-tui list`) or a path to your own .j2 or "
    ".jinja file (it renders sandboxed, stopped after 30 s; see docs/reports.md).",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["md", "html"]),
    default=None,
    help="Output format (default: from the -o file's extension, .md or .html; else md).",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), default=None, help="Write here, not stdout."
)
@analysed_wave_option("report on")
@click.option(
    "--baseline-wave",
    default=None,
    help="Show each gap's change since this wave (default: the wave before; 'none': no "
    "comparison).",
)
@click.option(
    "--headcount",
    "headcounts",
    multiple=True,
    metavar="GROUP=N",
    help="People in a group (repeatable): response rates, hours -> FTE. Overrides the "
    "questionnaire's headcount.",
)
@click.option(
    "--hourly-cost",
    type=click.FloatRange(min=0, min_open=True, max=1e6),
    default=None,
    help="Cost of one working hour, for the cost of time answers (any currency).",
)
@click.option(
    "--owner",
    "owners",
    multiple=True,
    metavar="ACTION=ROLE",
    help="Owner of an action (repeatable): ACTION is its number (1-3) or kind (align, "
    "fix_workflow, ...; docs/reports.md).",
)
@click.option(
    "--due",
    "dues",
    multiple=True,
    metavar="ACTION=DATE",
    help="Due date of an action (repeatable), as you want it printed.",
)
@click.option(
    "--preview",
    is_flag=True,
    help="Show the rendered Markdown in the terminal (q or Esc closes); -o still writes the file.",
)
@file_option(
    "--plan",
    "plan_file",
    "A 90-day success plan (YAML, docs/data-exchange.md): score each metric met / not met / "
    "no data, and measure from its baseline dates.",
)
@file_option(
    "--propose-plan",
    "propose_file",
    "Also write the success plan this report proposes to FILE (YAML to edit, then pass back "
    "with --plan).",
)
@click.option(
    "--lang",
    "lang",
    default=None,
    metavar="TAG",
    help="Write the report in this language (one the questionnaire declares, e.g. de): the "
    "template's own words from the product's catalogs, the questionnaire's texts in it.",
)
@db_option
def report(
    questionnaire: str,
    template: str,
    output_format: str | None,
    output: str | None,
    wave: str | None,
    baseline_wave: str | None,
    headcounts: tuple[str, ...],
    hourly_cost: float | None,
    owners: tuple[str, ...],
    dues: tuple[str, ...],
    preview: bool,
    plan_file: str | None,
    propose_file: str | None,
    lang: str | None,
    db: str | None,
) -> None:
    """Render a report of the expectation gap (Markdown, or a self-contained HTML file).

    Every figure comes from the same analysis as `survey-tui analyze`; groups below the
    anonymity threshold appear nowhere in the report. Nothing is written on error.

    \b
    Examples:
      survey-tui report ai-expectation-gap -o report.md
      survey-tui report ai-expectation-gap -o report.html --headcount frontline=120
      survey-tui report ai-expectation-gap --template executive_brief --owner 1=CTO
      survey-tui report ai-expectation-gap --template ./my_report.md.j2
      survey-tui report ai-expectation-gap --template workshop_readout --preview
      survey-tui report ai-expectation-gap --wave baseline --propose-plan plan.yaml
      survey-tui report ai-expectation-gap --wave 90-day --plan plan.yaml
      survey-tui report ai-expectation-gap --lang de -o bericht.md
    """
    from survey_tui.core.usecases.report import ReportRequest, make_report

    if preview and not _is_terminal():
        # Checked before anything is written: a preview needs a screen to draw on.
        raise SurveyError("--preview needs a terminal (stdin and stdout must be a tty)")
    fmt = _format(output_format, output)
    q = _questionnaire(questionnaire, template)
    request = ReportRequest(
        template=template,
        fmt=fmt,
        wave=wave,
        baseline_wave=baseline_wave,
        options=_options(q, headcounts, hourly_cost, owners, dues),
        plan_file=plan_file,
        propose_plan=propose_file is not None,
        language=chosen_language(q, lang),
    )
    made = make_report(q, store_path(db), read_responses(q, db), request)
    _deliver(made, output=output, preview=preview, propose_file=propose_file)


def _questionnaire(name: str, template: str) -> Questionnaire:
    """The questionnaire, once the template is known to be usable (before the store is read)."""
    from survey_tui.core.catalog import resolve_template
    from survey_tui.core.reports.render import check_template_file

    check_template_file(resolve_template(template))
    return load_questionnaire(name)


def _options(
    q: Questionnaire,
    headcounts: tuple[str, ...],
    hourly_cost: float | None,
    owners: tuple[str, ...],
    dues: tuple[str, ...],
) -> ReportOptions:
    """The report's figures and actions from the options, each checked."""
    from survey_tui.core.reports.findings import ReportOptions

    return ReportOptions(
        headcount=_headcounts(headcounts, q.group_ids),
        hourly_cost=hourly_cost,
        owners=_per_action(owners, "--owner"),
        due=_per_action(dues, "--due"),
    )


def _deliver(
    made: MadeReport, *, output: str | None, preview: bool, propose_file: str | None
) -> None:
    """Write the report (and the proposed plan) where asked, or to stdout, then preview it."""
    if propose_file and made.proposal is not None:
        _write(Path(propose_file), made.proposal, "proposed plan")
    if output is not None:
        _write(Path(output), made.text)
    elif not preview:
        from survey_tui.core.textsafety import escape_for_terminal

        sys.stdout.write(escape_for_terminal(made.text))
        sys.stdout.flush()
    if made.baseline_defaulted:
        # After the report: a bad --plan or template gets its one error line, nothing else.
        click.echo(
            f"compared with the earlier wave {made.baseline!r} (--baseline-wave {NO_BASELINE}: "
            "no comparison)",
            err=True,
        )
    if preview:
        from survey_tui.frontends.tui.apps.preview import preview_report

        preview_report(made.markdown, made.title)


def _format(given: str | None, output: str | None) -> str:
    """``--format``, else the output file's extension, else Markdown."""
    if given is not None:
        return given
    if output is None:
        return "md"
    suffix = Path(output).suffix.lower()
    if suffix not in FORMATS:
        known = ", ".join(FORMATS)
        raise SurveyError(
            f"cannot tell the report format from {suffix or 'no extension'!r}: name the file "
            f"{known}, or give --format md|html",
            location=output,
        )
    return FORMATS[suffix]


def _pair(value: str, option: str) -> tuple[str, str]:
    key, sep, rest = value.partition("=")
    if not sep or not key.strip() or not rest.strip():
        raise SurveyError(f"{option} {value!r}: expected KEY=VALUE")
    return key.strip(), rest.strip()


def _headcounts(values: tuple[str, ...], groups: list[str]) -> dict[str, int]:
    """``GROUP=N`` pairs: a known group, a whole number of at least 1."""
    from survey_tui.core.errors import suggest

    out: dict[str, int] = {}
    for value in values:
        group, number = _pair(value, "--headcount")
        if group not in groups:
            hint = suggest(group, groups) or f"; groups: {', '.join(groups)}"
            raise SurveyError(f"--headcount {value!r}: unknown group {group!r}{hint}")
        if not number.isdigit() or int(number) < 1 or len(number) > 9:
            raise SurveyError(f"--headcount {value!r}: N must be a whole number of at least 1")
        out[group] = int(number)
    return out


def _per_action(values: tuple[str, ...], option: str) -> dict[str, str]:
    """``ACTION=TEXT`` pairs: ACTION is 1-3 or an action kind; TEXT is at most 80 characters."""
    from survey_tui.core.errors import suggest
    from survey_tui.core.reports.findings import ACTION_KINDS
    from survey_tui.core.textsafety import strip_controls

    known = ["1", "2", "3", *ACTION_KINDS]
    out: dict[str, str] = {}
    for value in values:
        action, words = _pair(value, option)
        if action not in known:
            hint = suggest(action, known) or f"; actions: {', '.join(known)}"
            raise SurveyError(f"{option} {value!r}: unknown action {action!r}{hint}")
        if len(words) > 80:
            raise SurveyError(f"{option} {value!r}: at most 80 characters")
        out[action] = strip_controls(words)
    return out


def _is_terminal() -> bool:
    """Whether the preview app has a terminal to run in."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def _write(target: Path, text: str, what: str = "report") -> None:
    """Write the report atomically (missing folders are made, as by ``export -o``)."""
    write_text_file(target, text, what)
    click.echo(f"{what} written to {target}", err=True)
