"""Golden files: each shipped template rendered on a fixed, seeded, realistic dataset.

The goldens in tests/fixtures/reports_golden/ are meant to be READ: they are what a consultant
would send. After an intended change to a template or the analysis, regenerate them with

    SURVEY_TUI_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/unit/test_reports_golden.py

and review the diff (git diff tests/fixtures/reports_golden) before committing.
"""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from helpers.report_golden_data import INJECTED_NOTE, interviews, workshop

from survey_tui.core.analysis import analyze
from survey_tui.core.catalog import resolve_template, template_files
from survey_tui.core.reports import build_context, render
from survey_tui.core.reports.findings import ReportOptions
from survey_tui.core.reports.html import to_html
from survey_tui.core.reports.svg import charts

GOLDEN = Path(__file__).resolve().parents[1] / "fixtures" / "reports_golden"
UPDATE = os.environ.get("SURVEY_TUI_UPDATE_GOLDEN") == "1"
SURVEY_TEMPLATES = ["gap_report.md.j2", "executive_brief.md.j2", "workshop_readout.md.j2"]


#: What a consultant tells the report: sizes of the two compared groups, an hourly cost, the
#: owner and date of the first action.
OPTIONS = ReportOptions(
    headcount={"frontline": 120, "executive": 15},
    hourly_cost=85.0,
    owners={"1": "Chief Technology Officer"},
    due={"1": "31 March 2027"},
)


@pytest.fixture(scope="module")
def workshop_context() -> dict[str, Any]:
    q, records = workshop()
    return build_context(analyze(q, records, wave="90-day", baseline_wave="baseline"), OPTIONS)


@pytest.fixture(scope="module")
def one_wave_context() -> dict[str, Any]:
    """The same workshop's baseline wave alone, no options: no trend, no headcount."""
    q, records = workshop()
    return build_context(analyze(q, [r for r in records if r["wave"] == "baseline"]))


@pytest.fixture(scope="module")
def interview_context() -> dict[str, Any]:
    q, records = interviews()
    return build_context(analyze(q, records))


def _check(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"{path} missing: run with SURVEY_TUI_UPDATE_GOLDEN=1 and review it"
    assert text == path.read_text(encoding="utf-8"), (
        f"{name} differs from its golden file; if intended, regenerate with "
        "SURVEY_TUI_UPDATE_GOLDEN=1 and review the diff"
    )


def _reads_well(text: str) -> None:
    """What a CEO must never see: Python values, ids, broken tables, withheld groups."""
    # Python's None, not an option labelled "None of these".
    assert not re.search(r"\bNone\b(?! of these)", text)
    assert "n/a%" not in text and "nan" not in text.lower().split()
    assert "Undefined" not in text and "{{" not in text and "{%" not in text
    assert not re.search(r"\b[a-z]+_[a-z_]+\b(?!`)", text.replace("`ai-expectation-gap`", "")), (
        "a raw id (snake_case) is shown"
    )
    assert "Engineering managers" not in text and "manager" not in text.lower()
    # Group ids are never shown, only their labels ("executive brief" is the template's title).
    assert not re.search(r"\b(frontline|executive(?! brief))\b", text), "a group id is shown"
    # Every table row has as many cells as its header.
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("|---"):
            width = lines[i - 1].count("|")
            j = i + 1
            while j < len(lines) and lines[j].startswith("|"):
                cells = lines[j].replace("\\|", "").count("|")
                assert cells == width, f"row {j + 1} has {cells} pipes, header {width}"
                j += 1


@pytest.mark.parametrize("name", SURVEY_TEMPLATES)
def test_survey_templates_match_their_golden(name: str, workshop_context: dict[str, Any]) -> None:
    assert workshop_context["withheld"] == 1  # managers: 4 per wave, below 5
    text = render(resolve_template(name), workshop_context)
    _reads_well(text)
    _check(name.replace(".j2", ""), text)


def test_interview_digest_matches_its_golden(interview_context: dict[str, Any]) -> None:
    text = render(resolve_template("interview_digest.md.j2"), interview_context)
    _reads_well(text)
    _check("interview_digest.md", text)


@pytest.mark.parametrize("name", SURVEY_TEMPLATES)
def test_one_wave_reports_match_their_golden(name: str, one_wave_context: dict[str, Any]) -> None:
    assert one_wave_context["findings"]["trend"] is None
    text = render(resolve_template(name), one_wave_context)
    _reads_well(text)
    _check(name.replace(".md.j2", "_one_wave.md"), text)


def test_every_shipped_template_has_a_golden() -> None:
    shipped = {p.name.replace(".j2", "") for p in template_files()}
    assert shipped == {p.name for p in GOLDEN.glob("*.md") if "_one_wave" not in p.name}


class _Doc(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.seen: list[str] = []
        self.refs: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.seen.append(tag)
        self.refs += [f"{k}={v}" for k, v in attrs if k in ("src", "href", "srcset", "action")]
        if tag not in ("meta", "br", "hr", "img", "input", "link", "rect", "line"):
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.seen.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("rect", "line"):
            return
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_gap_report_is_a_self_contained_document(workshop_context: dict[str, Any]) -> None:
    markdown = render(resolve_template("gap_report.md.j2"), workshop_context)
    page = to_html(markdown, "AI Expectation Gap", charts=charts(workshop_context))
    doc = _Doc()
    doc.feed(page)
    doc.close()
    assert doc.stack == []  # every element closed, properly nested
    assert doc.seen[:3] == ["html", "head", "meta"] and "body" in doc.seen
    assert "svg" in doc.seen and "table" in doc.seen
    assert doc.refs == [] and not re.search(r"https?:|src=|url\(", page)
    assert "script" not in doc.seen and "link" not in doc.seen
    text = "".join(doc.text)
    assert "Expectation Gap Index" in text and "Engineering managers" not in text


def test_injected_note_shows_literally_in_the_digest() -> None:
    q, records = interviews()
    records[0]["notes"] = {**records[0]["notes"], "success_defined": INJECTED_NOTE}
    text = render(resolve_template("interview_digest.md.j2"), build_context(analyze(q, records)))
    assert "<script>" not in text and "{{" not in text
    page = to_html(text, "Digest")
    assert "&lt;/td&gt;&lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }} | pipe" in page


def test_no_report_shows_none_for_a_number_question_without_unit() -> None:
    # A number question with no `unit` was shown as "Hours fixing (None)".
    from helpers.report_qa_data import TINY, TINY_ROWS, case, reports

    _, result = case(TINY, TINY_ROWS)
    assert any(i["unit"] is None for i in result["items"] if i["kind"] == "number")
    for name, text in reports(result).items():
        assert "None" not in text and "()" not in text, name
