"""Reports when every group is below min_group_size (a new wave, day one).

Each shipped template must say so in one sentence and leave out what would be empty: no blank
value ("Respondents: ."), no table with a header and no rows, no heading with nothing under it.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from helpers.reports import MANAGER_SECRET, dataset, interview_dataset

from survey_tui.core.analysis import analyze
from survey_tui.core.catalog import resolve_template
from survey_tui.core.reports import build_context, render

TEMPLATES = [
    "gap_report.md.j2",
    "executive_brief.md.j2",
    "workshop_readout.md.j2",
    "interview_digest.md.j2",
]


def _few(records: list[dict[str, Any]], wave: str) -> list[dict[str, Any]]:
    """Two records per group (min_group_size is 3), all in ``wave``."""
    kept: list[dict[str, Any]] = []
    for group in ("executive", "frontline", "manager"):
        kept += [{**r, "wave": wave} for r in records if r["group"] == group][:2]
    return kept


def _problems(text: str) -> list[str]:
    """Blank values, header-only tables and empty sections in a Markdown report."""
    lines = [line for line in text.splitlines() if line.strip()]
    found = [line for line in lines if re.search(r"(:|\*\*) \.$", line.rstrip())]
    for i, line in enumerate(lines):
        if line.startswith("|---") and (i + 1 == len(lines) or not lines[i + 1].startswith("|")):
            found.append(f"header-only table: {lines[i - 1]}")
        heading = re.match(r"(#+) ", line)
        if heading:
            after = re.match(r"(#+) ", lines[i + 1]) if i + 1 < len(lines) else None
            if i + 1 == len(lines) or (after and len(after.group(1)) <= len(heading.group(1))):
                found.append(f"empty section: {line}")
    return found


@pytest.mark.parametrize("name", TEMPLATES)
def test_survey_with_every_group_withheld(name: str) -> None:
    q, records = dataset()
    few = _few(records, "w2")
    text = render(resolve_template(name), build_context(analyze(q, few, wave="w2")))
    assert _problems(text) == []
    assert (
        f"No group has 3 complete responses yet in wave w2; {len(few)} responses recorded." in text
    )
    # Nothing from a withheld group leaks: no group is named, no answer quoted.
    assert "Managers" not in text and "frontline note" not in text and MANAGER_SECRET not in text


@pytest.mark.parametrize("name", TEMPLATES)
def test_interviews_with_every_group_withheld(name: str) -> None:
    q, records = interview_dataset()
    few = _few(records, "default")
    text = render(resolve_template(name), build_context(analyze(q, few)))
    assert _problems(text) == []
    needed = "No group has the 3 interviews needed to show results yet in wave default"
    assert f"{needed} ({len(few)} " in text
    # The notes exist but are withheld: the digest must not claim there are none.
    assert "No interview notes are recorded" not in text
    assert "aside" not in text and MANAGER_SECRET not in text


def test_a_shown_group_still_gets_its_sections() -> None:
    """The sentence is only for the case where nothing can be shown."""
    q, records = dataset()
    analysis = analyze(q, records)
    for name in TEMPLATES:
        text = render(resolve_template(name), build_context(analysis))
        assert "No group has" not in text
        assert any(w in text for w in ("Who answered", "Who was interviewed", "Respondents: "))
