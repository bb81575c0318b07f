"""A report, from stored responses to Markdown or HTML: the one way every front end makes one.

``survey-tui report``, the TUI home's preview and the dashboard's preview and export all call
:func:`make_report`: the same analysis (with the feedback log), the same default baseline
wave, the same evidence and success plan, the same template and HTML conversion.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from survey_tui.core.analysis.types import StoredAnalysis
from survey_tui.core.catalog import resolve_template
from survey_tui.core.errors import SurveyError
from survey_tui.core.evidence.plan import load_plan
from survey_tui.core.evidence.records import read_metrics
from survey_tui.core.evidence.report_context import evidence_context, wave_starts
from survey_tui.core.model import Questionnaire
from survey_tui.core.record import Record
from survey_tui.core.reports import build_context, render
from survey_tui.core.reports.findings import ReportOptions
from survey_tui.core.reports.html import to_html
from survey_tui.core.reports.render import check_template_file
from survey_tui.core.reports.svg import charts
from survey_tui.core.store import ResponseStore
from survey_tui.core.usecases.analysis import analyze_stored, default_baseline

#: The template a report uses when none is named.
DEFAULT_TEMPLATE = "gap_report.md.j2"


@dataclass(frozen=True)
class ReportRequest:
    """What to report on and how (every field has the ``report`` command's default)."""

    template: str = DEFAULT_TEMPLATE  # a shipped name or a path
    fmt: str = "md"  # "md" or "html"
    wave: str | None = None  # None: the most recent
    baseline_wave: str | None = None  # None: the wave before; "none": no comparison
    options: ReportOptions = field(default_factory=ReportOptions)
    plan_file: str | None = None  # a success plan to score
    propose_plan: bool = False  # also propose one (its YAML in ``MadeReport.proposal``)
    language: str | None = None  # a declared tag: the template's words and the texts in it


@dataclass(frozen=True)
class MadeReport:
    """The rendered report and what the caller may want to say about it."""

    text: str  # in the requested format
    markdown: str  # the Markdown it was made from (the preview shows this)
    title: str
    baseline: str | None  # the baseline wave compared with (None: no comparison)
    baseline_defaulted: bool  # the baseline was chosen, not asked for
    proposal: str | None  # the proposed success plan's YAML, when asked


def make_report(
    q: Questionnaire, path: Path | None, records: list[Record], request: ReportRequest
) -> MadeReport:
    """Render the report of ``records`` as ``request`` says; the feedback log and the
    delivery metrics come from the store at ``path`` (None: a view without a store file).

    Raises :class:`SurveyError` for anything the user can fix (a template, a plan, a wave);
    the template is checked before the analysis runs.
    """

    if request.plan_file and request.propose_plan:
        raise SurveyError("--plan and --propose-plan: give one (a plan is proposed without one)")
    template_path = resolve_template(request.template)
    check_template_file(template_path)  # before the analysis: only .j2/.jinja files
    if not records:
        raise SurveyError("no submitted responses yet: nothing to report")
    # The questionnaire's texts (titles, questions, labels) in the report's language; the
    # figures are the same in every language (option values are the default language's).
    if request.language is not None:
        q = q.in_language(request.language)
    baseline = default_baseline(records, request.wave, request.baseline_wave)
    result = analyze_stored(q, path, records, wave=request.wave, baseline_wave=baseline)
    extra = _evidence(q, path, records, result, request)
    context = build_context(result, request.options, request.language, **extra)
    markdown = render(template_path, context)
    title = str(result["questionnaire"]["title"])
    text = _html(markdown, context, title) if request.fmt == "html" else markdown
    proposal = context["success_plan"]["proposal"] if request.propose_plan else None
    return MadeReport(
        text=text,
        markdown=markdown,
        title=title,
        baseline=baseline,
        baseline_defaulted=baseline is not None and request.baseline_wave is None,
        proposal=proposal["yaml"] if proposal else None,
    )


def _html(markdown: str, context: dict[str, Any], title: str) -> str:

    return to_html(markdown, title=title, charts=charts(context))


def _evidence(
    q: Questionnaire,
    path: Path | None,
    records: list[Record],
    result: StoredAnalysis,
    request: ReportRequest,
) -> dict[str, Any]:
    """The ``evidence`` and ``success_plan`` keys (core.evidence.report_context)."""

    rows = read_metrics(ResponseStore(path)) if path and path.exists() else []
    plan = load_plan(request.plan_file, {r["metric"] for r in rows}) if request.plan_file else None
    extra = evidence_context(result, q, rows, plan, wave_starts(records))
    if request.propose_plan and extra["success_plan"]["proposal"] is None:
        raise SurveyError("no submitted wave to propose a success plan for")
    return extra
