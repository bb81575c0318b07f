"""``report``: render the gap analysis through a Markdown report template."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from survey_tui.commands.analyze import read_responses
from survey_tui.commands.common import db_option, load_questionnaire
from survey_tui.core.errors import SurveyError


@click.command()
@click.argument("questionnaire")
@click.option(
    "--template",
    "template",
    default="gap_report.md.j2",
    show_default=True,
    help="A shipped template name (see `survey-tui list`) or a path to your own .j2 file.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["md", "html"]),
    default="md",
    show_default=True,
    help="Output format.",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), default=None, help="Write here, not stdout."
)
@click.option("--wave", default=None, help="Report on this wave only (default: every wave).")
@click.option("--baseline-wave", default=None, help="Also show each gap's change since this wave.")
@db_option
def report(
    questionnaire: str,
    template: str,
    output_format: str,
    output: str | None,
    wave: str | None,
    baseline_wave: str | None,
    db: str | None,
) -> None:
    """Render a report of the expectation gap (Markdown, or a self-contained HTML file).

    Every figure comes from the same analysis as `survey-tui analyze`; groups below the
    anonymity threshold appear nowhere in the report. Nothing is written on error.

    \b
    Examples:
      survey-tui report ai-expectation-gap -o report.md
      survey-tui report ai-expectation-gap --template executive_brief
      survey-tui report ai-expectation-gap --format html -o report.html
      survey-tui report ai-expectation-gap --template ./my_report.md.j2
    """
    from survey_tui.core.analysis import analyze as run_analysis
    from survey_tui.core.catalog import resolve_template
    from survey_tui.core.reports import build_context, render

    template_path = resolve_template(template)
    q = load_questionnaire(questionnaire)
    records = read_responses(q, db)
    result = run_analysis(q, records, wave=wave, baseline_wave=baseline_wave)
    text = render(template_path, build_context(result))
    if output_format == "html":
        from survey_tui.core.reports.html import to_html

        text = to_html(text, title=str(result["questionnaire"]["title"]))
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from survey_tui.core.store.storage import atomic_write_bytes

    target = Path(output)
    if not target.parent.is_dir():
        # atomic_write_bytes would create missing folders; a typo should not.
        raise SurveyError("the folder does not exist", location=str(target.parent))
    try:
        atomic_write_bytes(target, text.encode("utf-8"))
    except OSError as error:
        raise SurveyError(f"cannot write the report: {error.strerror}", location=output) from None
    click.echo(f"report written to {output}", err=True)
