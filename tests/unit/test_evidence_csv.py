"""``evidence import``'s CSV: rows checked all-or-nothing, ``FILE:LINE: column: message``."""

from __future__ import annotations

import pytest

from survey_tui.core.errors import DataError
from survey_tui.core.evidence.metrics_csv import parse_metrics_csv


def _parse(text: str) -> list[dict[str, object]]:
    return [dict(r) for r in parse_metrics_csv(text.encode(), "m.csv", "jira")]


def _problems(text: str | bytes) -> list[str]:
    data = text.encode() if isinstance(text, str) else text
    with pytest.raises(DataError) as caught:
        parse_metrics_csv(data, "m.csv", "jira")
    return [str(p) for p in caught.value.problems]


def test_rows_become_weekly_records_of_the_source() -> None:
    rows = _parse(
        "date,metric,value,team,unit\n"
        "2026-11-04,time_to_resolution_hours,9.5,payments,\n"  # a Wednesday: week of Nov 2
        "2026-11-09T23:30:00-02:00,time_to_resolution_hours,10,payments,\n"  # Nov 10 in UTC
        "2026-11-02,story_points,41,,points\n"
        "2026-11-08,custom_lead_days,3,'=team,\n"
    )
    assert rows == [
        {"source": "jira", "team": "payments", "metric": "time_to_resolution_hours",
         "week": "2026-11-02", "value": 9.5, "unit": "hours"},
        {"source": "jira", "team": "payments", "metric": "time_to_resolution_hours",
         "week": "2026-11-09", "value": 10, "unit": "hours"},
        {"source": "jira", "team": "", "metric": "story_points", "week": "2026-11-02",
         "value": 41, "unit": "points"},
        {"source": "jira", "team": "=team", "metric": "custom_lead_days", "week": "2026-11-02",
         "value": 3, "unit": "days"},
    ]  # fmt: skip


def test_every_bad_row_is_reported_and_nothing_is_returned() -> None:
    problems = _problems(
        "date,metric,value\n"
        "2026-11-02,time_to_resolution_hours,9.5\n"
        "02/11/2026,story_points,40\n"
        "2026-11-02,Story Points,40\n"
        "2026-11-02,story_points,4,5\n"
        "2026-11-02,story_points,nan\n"
        "2026-11-03,story_points,\n"
        ",story_points,3\n"
    )
    assert problems == [
        "m.csv:3: date: '02/11/2026' is not an ISO 8601 date (YYYY-MM-DD)",
        "m.csv:4: metric: 'Story Points' is not a metric id: lower-case letters, digits and _ "
        "(e.g. story_points)",
        "m.csv:5: row has 4 fields, the header has 3",
        "m.csv:6: value: 'nan' is not a finite number below 1e+12",
        "m.csv:7: value: missing: a number",
        "m.csv:8: date: missing: an ISO 8601 date such as 2026-11-02",
    ]
    problems = _problems(
        "date,metric,value\n"
        "2026-11-02,story_points,4;5\n"
        '2026-11-02,story_points,"4,5"\n'
        "2026-11-09,story_points,1e13\n"
    )
    assert problems == [
        "m.csv:2: value: '4;5' is not a number",
        "m.csv:3: value: '4,5' is not a number (use . as the decimal point)",
        "m.csv:4: value: '1e13' is not a finite number below 1e+12",
    ]


def test_a_second_value_for_a_week_names_both_rows() -> None:
    problems = _problems(
        "date,metric,value,team\n"
        "2026-11-02,story_points,40,payments\n"
        "2026-11-03,story_points,40,search\n"
        "2026-11-06,story_points,41,payments\n"
    )
    assert problems == [
        "m.csv:4: date: a second value for story_points, team 'payments' in the week of "
        "2026-11-02 (the first is on line 2): one value per metric, team and week"
    ]


def test_header_problems_say_what_is_expected() -> None:
    assert _problems("dates,metric,vaule\n2026-11-02,x,1\n") == [
        "m.csv:1: dates: unknown column (did you mean 'date'?); columns: date, metric, value, "
        "team, unit",
        "m.csv:1: vaule: unknown column (did you mean 'value'?); columns: date, metric, value, "
        "team, unit",
        "m.csv:1: date: the required column is missing",
        "m.csv:1: value: the required column is missing",
    ]
    assert _problems("date;metric;value\n") == [
        "m.csv:1: the file seems to use ';' as the separator; use ','"
    ]
    assert _problems("date,metric,value\n") == ["m.csv: no rows: the file has only a header"]
    assert _problems(b"date,metric,value\n2026-11-02,x,\xff\n") == [
        "m.csv:2: not UTF-8 text: save the file as UTF-8 (CSV UTF-8 in Excel)"
    ]


def test_a_utf8_bom_and_blank_lines_are_fine() -> None:
    data = "\ufeffdate,metric,value\r\n\r\n2026-11-02,story_points,40\r\n,,\r\n".encode()
    rows = parse_metrics_csv(data, "m.csv", "s")
    assert [(r["metric"], r["week"], r["value"]) for r in rows] == [
        ("story_points", "2026-11-02", 40)
    ]
