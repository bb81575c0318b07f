"""Rendering the shipped report templates on a fixed dataset: figures, anonymity, injection."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers.analysis import find
from helpers.reports import INJECTION, MANAGER_SECRET, analysis
from markdown_it import MarkdownIt

from survey_tui.core.catalog import resolve_template
from survey_tui.core.errors import TemplateError
from survey_tui.core.reports import build_context, render

SHIPPED = ["gap_report.md.j2", "executive_brief.md.j2"]


@pytest.fixture(scope="module")
def result() -> dict[str, Any]:
    return analysis()


def _render(name: str, result: dict[str, Any]) -> str:
    return render(resolve_template(name), build_context(result))


def test_first_screen_uses_the_analysis_figures(result: dict[str, Any]) -> None:
    text = _render("gap_report.md.j2", result)
    first = text.split("## The gap, theme by theme", 1)[0]
    index = result["expectation_gap_index"]
    low, high = result["expectation_gap_index_ci95"]
    assert f"**Expectation Gap Index: {index:.1f}** (95% CI {low:.1f} to {high:.1f})" in first
    quality = find(result["constructs"], "construct", "quality")
    ex, fr = (quality["groups"][g]["score"] for g in ("executive", "frontline"))
    # The headline: the widest significant theme gap, lower group first, in plain words.
    assert (
        f"**Frontline score Quality {fr:.1f} out of 100 and Executives {ex:.1f}: "
        f"{quality['gap']['points']:.1f} points apart, the only theme gap shown.**"
    ) in first
    assert "## Three actions" in first and "**Close the gap on Quality.**" in first
    assert "p =" not in first and "p (adjusted)" not in first  # no p-values up front


def test_suppressed_cell_is_marked(result: dict[str, Any]) -> None:
    # Only two executives answered "prod": below min_group_size 3.
    prod = find(result["items"], "question", "prod")
    assert prod["groups"]["executive"]["suppressed"]
    text = _render("gap_report.md.j2", result)
    row = next(line for line in text.splitlines() if line.startswith("| Productive |"))
    assert "suppressed (n < 3)" in row
    assert f"{prod['groups']['frontline']['score']:.1f}" in row


@pytest.mark.parametrize("name", SHIPPED)
def test_group_below_threshold_appears_nowhere(result: dict[str, Any], name: str) -> None:
    assert result["groups"]["manager"]["suppressed"]
    text = _render(name, result)
    assert "Managers" not in text
    assert "manager" not in text.lower()
    assert MANAGER_SECRET not in text


def test_injection_in_comments_shows_literally(result: dict[str, Any]) -> None:
    text = _render("gap_report.md.j2", result)
    assert "<script>" not in text and "{{" not in text and "49" not in text
    html = MarkdownIt("commonmark").enable("table").render(text)
    assert "<script>" not in html
    assert "&lt;/td&gt;&lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }}" in html
    # A newline in a comment does not end the list item or split the text.
    assert "frontline note 1 / second line about review" in html


def test_respondent_text_in_a_table_keeps_the_table(tmp_path: Path) -> None:
    template = tmp_path / "table.md.j2"
    template.write_text(
        "| who | says |\n|---|---|\n{% for t in texts %}| x | {{ t | md }} |\n{% endfor %}"
    )
    texts = [INJECTION, "two\nlines `code` *bold*", "{% raw %}"]
    text = render(template, {"texts": texts, "minimum": 5})
    html = MarkdownIt("commonmark").enable("table").render(text)
    assert html.count("<tr>") == 1 + len(texts)
    assert html.count("<td>") == 2 * len(texts)
    assert "<script>" not in html and "<code>" not in html and "<em>" not in html
    assert "{{ 7*7 }}" in html and "{% raw %}" in html


def test_user_template_includes_a_shipped_one(tmp_path: Path, result: dict[str, Any]) -> None:
    template = tmp_path / "mine.md.j2"
    template.write_text('# Our cover page\n\n{% include "executive_brief.md.j2" %}\n')
    text = render(template, build_context(result))
    assert text.startswith("# Our cover page")
    assert "executive brief" in text


def test_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    template = tmp_path / "broken.md.j2"
    template.write_text("line one\nline two\n{% if %}\n")
    with pytest.raises(TemplateError) as caught:
        render(template, {"minimum": 5})
    assert f"{template}:3" in str(caught.value)


def test_undefined_variable_is_an_error(tmp_path: Path, result: dict[str, Any]) -> None:
    template = tmp_path / "typo.md.j2"
    template.write_text("# Report\n{{ analysis.expectation_gap_indx }}\n")
    with pytest.raises(TemplateError) as caught:
        render(template, build_context(result))
    assert f"{template}:2" in str(caught.value)
    assert "expectation_gap_indx" in str(caught.value)


def test_sandbox_refuses_python_internals(tmp_path: Path) -> None:
    template = tmp_path / "escape.md.j2"
    template.write_text("{{ ''.__class__.__mro__[1].__subclasses__() }}\n")
    with pytest.raises(TemplateError):
        render(template, {"minimum": 5})


def test_chart_bars_are_the_gap_points(result: dict[str, Any]) -> None:
    text = _render("gap_report.md.j2", result)
    bar_line = next(line for line in text.splitlines() if line.strip().startswith("bar ["))
    shown = [c for c in result["constructs"] if not c["gap"]["suppressed"]]
    expected = ", ".join(f"{c['gap']['points']:.1f}" for c in shown)
    assert bar_line.strip() == f"bar [{expected}]"


def test_baseline_wave_adds_a_change_section() -> None:
    from helpers.reports import dataset

    from survey_tui.core.analysis import analyze

    q, records = dataset()
    later = [{**r, "response_id": r["response_id"] + "b", "wave": "w2"} for r in records]
    for r in later:
        if r["group"] == "frontline":
            r["answers"] = {**r["answers"], "quality": 4}
    result = analyze(q, records + later, wave="w2", baseline_wave="default")
    text = _render("gap_report.md.j2", result)
    assert "## Change since default" in text
    quality = find(result["constructs"], "construct", "quality")
    change = quality["change"]
    change_section = text.split("## Change since default", 1)[1]
    row = next(line for line in change_section.splitlines() if line.startswith("| Quality | "))
    low, high = change["ci95"]
    assert row.startswith(
        f"| Quality | {change['points_before']:+.1f} | {change['points_now']:+.1f} "
        f"| {change['delta']:+.1f} ({low:+.1f} to {high:+.1f}) | "
        + ("yes" if change["significant"] else "no")
    )
    frontline = change["groups"]["frontline"]
    assert f"{frontline['score_before']:.1f} -> {frontline['score_now']:.1f}" in row


def test_metrics_section_and_success_metric_pick_the_widest_metric_gap() -> None:
    from helpers.analysis import BASIC_YAML, questionnaire, record

    from survey_tui.core.analysis import analyze

    # The productivity items relabelled as a "metrics" construct.
    yaml_text = BASIC_YAML.replace("construct: productivity", "construct: metrics")
    q = questionnaire(min_group_size=3, yaml_text=yaml_text)
    records = [record("executive", {"prod": 5, "burden": 2}) for _ in range(4)]
    records += [record("frontline", {"prod": 1, "burden": 3}) for _ in range(4)]
    result = analyze(q, records)
    text = _render("gap_report.md.j2", result)
    prod = find(result["items"], "question", "prod")
    burden = find(result["items"], "question", "burden")
    assert abs(prod["gap"]["points"]) > abs(burden["gap"]["points"])
    section = text.split("## Proposed 90-day success metric", 1)[1]
    assert f"({prod['gap']['points']:+.1f} points)" in section
    assert "> Productive" in section


def test_user_template_extends_the_gap_report(tmp_path: Path, result: dict[str, Any]) -> None:
    template = tmp_path / "ours.md.j2"
    template.write_text(
        '{% extends "gap_report.md.j2" %}\n'
        "{% block comments %}{% endblock %}\n"
        "{% block methodology %}## Our method\n\nAsk us.\n{% endblock %}\n"
    )
    text = render(template, build_context(result))
    assert "## Three actions" in text and "Expectation Gap Index" in text
    assert "## Our method" in text and "## Methodology" not in text
    assert "In their own words" not in text and "frontline note" not in text


@pytest.mark.parametrize("name", SHIPPED)
def test_compare_group_below_threshold_renders_without_gaps(name: str) -> None:
    from helpers.reports import dataset

    from survey_tui.core.analysis import analyze

    q, records = dataset()
    kept = [r for r in records if r["group"] != "executive"][:5] + [
        r for r in records if r["group"] == "executive"
    ][:2]
    result = analyze(q, kept)
    assert result["groups"]["executive"]["suppressed"]
    text = _render(name, result)
    assert "No gap can be shown" in text
    assert "Executives" not in text


def test_choice_counts_per_shown_group() -> None:
    from helpers.reports import dataset

    from survey_tui.core.analysis import analyze

    q, records = dataset()
    for r in records:
        tool = "copilot" if r["group"] == "executive" else "chatgpt"
        r["answers"] = {**r["answers"], "tool": tool}
    result = analyze(q, records)
    text = _render("gap_report.md.j2", result)
    tool = find(result["distributions"], "question", "tool")
    ex, fr = tool["groups"]["executive"], tool["groups"]["frontline"]
    # Answers are shown by their option label from the questionnaire, not a humanised id.
    assert f"| Copilot | {ex['counts']['copilot']} | {fr['counts']['copilot']} |" in text
    assert f"| ChatGPT | {ex['counts']['chatgpt']} | {fr['counts']['chatgpt']} |" in text
    assert "Chatgpt" not in text
    assert f"| Answered (n) | {ex['n']} | {fr['n']} |" in text


def test_other_answers_are_pooled_under_a_label() -> None:
    from helpers.reports import dataset

    from survey_tui.core.analysis import analyze

    q, records = dataset()
    for i, r in enumerate(records):
        r["answers"] = {**r["answers"], "tool": "copilot" if i % 2 else "our own | script"}
    text = _render("gap_report.md.j2", analyze(q, records))
    assert "| Other (own answer) |" in text
    assert "own \\| script" not in text and "(other)" not in text
