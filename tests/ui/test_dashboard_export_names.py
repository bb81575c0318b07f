"""The dashboard's export never overwrites an earlier one (a facilitator exports at the break
and again at the end): the second gets the next free name."""

from __future__ import annotations

from pathlib import Path

from survey_tui.core.catalog import resolve_questionnaire
from survey_tui.core.demo import synthetic_workshop
from survey_tui.core.loader import load
from survey_tui.core.usecases.report_files import export_files


def test_a_second_export_gets_new_names(tmp_path: Path) -> None:
    q = load(resolve_questionnaire("ai-expectation-gap"))
    records = synthetic_workshop(q, seed=3)
    first = export_files(q, None, records, None, tmp_path)
    before = first[0].read_bytes()
    second = export_files(q, None, records[:40], None, tmp_path)
    assert [p.name for p in first] == [
        "ai-expectation-gap-report.md",
        "ai-expectation-gap-responses.csv",
    ]
    assert [p.name for p in second] == [
        "ai-expectation-gap-2-report.md",
        "ai-expectation-gap-2-responses.csv",
    ]
    assert first[0].read_bytes() == before  # the earlier export is untouched
