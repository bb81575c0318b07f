"""``evidence import``: delivery metrics from a CSV (docs/data-exchange.md, "Metrics CSV").

Header ``date,metric,value`` and optional ``team`` and ``unit``; one value per metric, team and
ISO week. Every row is checked before anything is stored (all-or-nothing): each problem is
``FILE:LINE: column: message``, and a second value for the same metric, team and week names
both rows.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

from survey_tui.core.csvrows import csv_rows
from survey_tui.core.errors import DataError, Problem, suggest
from survey_tui.core.evidence.records import (
    MAX_NAME,
    MAX_UNIT,
    METRIC_ID,
    MetricRow,
    default_unit,
    metric_row,
)

Bad = Callable[[str, str], None]

REQUIRED = ("date", "metric", "value")
OPTIONAL = ("team", "unit")
MAX_BYTES = 50_000_000
MAX_ROWS = 1_000_000
# Magnitude past which a value is a paste error, not a delivery figure (as answers: 1e12).
VALUE_LIMIT = 1e12


def parse_metrics_csv(data: bytes, file: str, source: str) -> list[MetricRow]:
    """The rows of a metrics CSV as records of ``source``; a DataError lists every problem."""
    if len(data) > MAX_BYTES:
        raise DataError([Problem(file, None, None, "", f"larger than {MAX_BYTES:,} bytes")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        where = data[: error.start].count(b"\n") + 1
        message = "not UTF-8 text: save the file as UTF-8 (CSV UTF-8 in Excel)"
        raise DataError([Problem(file, where, None, "", message)]) from None
    rows, problems = _split(file, text)
    out: list[MetricRow] = []
    first_row: dict[tuple[str, str, str], int] = {}
    for line, cells in rows:
        mine: list[Problem] = []
        row = _row(file, line, cells, mine)
        if row is not None:
            key = (row["metric"], row["team"], row["week"])
            if key in first_row:
                team = f", team {row['team']!r}" if row["team"] else ""
                mine.append(
                    Problem(
                        file,
                        line,
                        None,
                        "date",
                        f"a second value for {row['metric']}{team} in the week of {row['week']} "
                        f"(the first is on line {first_row[key]}): one value per metric, team "
                        "and week",
                    )
                )
            else:
                first_row[key] = line
        if mine:
            problems.extend(mine)
        elif row is not None:
            row["source"] = source
            out.append(row)
    if problems:
        raise DataError(sorted(problems, key=lambda p: p.line or 0))
    if not out:
        raise DataError([Problem(file, None, None, "", "no rows: the file has only a header")])
    return out


def _split(file: str, text: str) -> tuple[list[tuple[int, dict[str, str]]], list[Problem]]:
    """Each non-blank row with its line number, and the rows of the wrong shape; a bad
    header or file is a DataError at once (no row can be read without it)."""
    header: list[str] = []
    rows: list[tuple[int, dict[str, str]]] = []
    problems: list[Problem] = []
    for line, fields in csv_rows(file, text, problems):
        if not header:
            header = [h.strip().lower() for h in fields]
            problems += _header_problems(file, line, header)
            if problems:
                raise DataError(problems)
            continue
        if len(fields) > len(header):
            message = f"row has {len(fields)} fields, the header has {len(header)}"
            problems.append(Problem(file, line, None, "", message))
            continue
        if len(rows) >= MAX_ROWS:
            raise DataError([Problem(file, line, None, "", f"more than {MAX_ROWS:,} rows")])
        rows.append((line, dict(zip(header, (f.strip() for f in fields), strict=False))))
    if not header and not problems:
        problems.append(Problem(file, None, None, "", "empty file: expected date,metric,value"))
    if not header:
        raise DataError(problems)
    return rows, problems


def _header_problems(file: str, line: int, header: list[str]) -> list[Problem]:
    if len(header) == 1 and ";" in header[0]:
        return [
            Problem(file, line, None, "", "the file seems to use ';' as the separator; use ','")
        ]
    problems = []
    known = [*REQUIRED, *OPTIONAL]
    seen: set[str] = set()
    for name in header:
        if name in seen:
            problems.append(Problem(file, line, None, name, "column appears twice"))
        elif name not in known:
            message = "unknown column" + suggest(name, known) + f"; columns: {', '.join(known)}"
            problems.append(Problem(file, line, None, name, message))
        seen.add(name)
    for name in REQUIRED:
        if name not in header:
            problems.append(Problem(file, line, None, name, "the required column is missing"))
    return problems


def _row(file: str, line: int, cells: dict[str, str], mine: list[Problem]) -> MetricRow | None:
    def bad(column: str, message: str) -> None:
        mine.append(Problem(file, line, None, column, message))

    day = _day(cells.get("date", ""), bad)
    metric = cells.get("metric", "")
    if not metric:
        bad("metric", "missing: a metric id such as time_to_resolution_hours")
    elif not METRIC_ID.match(metric):
        hint = metric.strip().lower().replace(" ", "_").replace("-", "_")
        example = f" (e.g. {hint})" if METRIC_ID.match(hint) else ""
        bad("metric", f"{metric!r} is not a metric id: lower-case letters, digits and _{example}")
    value = _value(cells.get("value", ""), bad)
    team = _text(cells.get("team") or "", "team", MAX_NAME, bad)
    unit = _text(cells.get("unit") or "", "unit", MAX_UNIT, bad)
    if mine or day is None or value is None:
        return None
    monday = day - timedelta(days=day.weekday())
    return metric_row("", team, metric, monday, value, unit or default_unit(metric))


def _day(raw: str, bad: Bad) -> date | None:
    if not raw:
        bad("date", "missing: an ISO 8601 date such as 2026-11-02")
        return None
    try:
        if len(raw) <= 10:
            return date.fromisoformat(raw)
        moment = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        bad("date", f"{raw!r} is not an ISO 8601 date (YYYY-MM-DD)")
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.date()


def _value(raw: str, bad: Bad) -> float | None:
    if not raw:
        bad("value", "missing: a number")
        return None
    try:
        value = float(raw)
    except ValueError:
        hint = " (use . as the decimal point)" if "," in raw else ""
        bad("value", f"{raw!r} is not a number{hint}")
        return None
    if not math.isfinite(value) or abs(value) > VALUE_LIMIT:
        bad("value", f"{raw!r} is not a finite number below {VALUE_LIMIT:g}")
        return None
    return int(value) if value.is_integer() and "." not in raw and "e" not in raw.lower() else value


def _text(raw: str, column: str, limit: int, bad: Bad) -> str:
    text = raw[1:] if raw.startswith("'") else raw  # the spreadsheet rule's quote
    if len(text) > limit:
        bad(column, f"longer than {limit} characters")
    return text
