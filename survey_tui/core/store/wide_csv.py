"""The wide CSV of responses (docs/data-exchange.md): its columns, the spreadsheet rule for text
cells, and a stored record written as one row."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from survey_tui.core.record import Record

if TYPE_CHECKING:
    from survey_tui.core.model import Questionnaire

FIXED_COLUMNS = ["response_id", "group", "wave", "submitted_at"]
#: The column of the language answered in: written for a questionnaire that declares
#: ``languages``, read (and checked against them) whenever present.
LANGUAGE_COLUMN = "language"


def columns(questionnaire: Questionnaire) -> list[str]:
    """The header of the wide CSV: fixed columns (``language`` for a questionnaire with
    languages), then one per question / matrix row."""
    cols = list(FIXED_COLUMNS)
    if questionnaire.languages:
        cols.append(LANGUAGE_COLUMN)
    for question in questionnaire.questions():
        if question.type == "matrix":
            cols.extend(f"{question.id}.{row.id}" for row in question.rows)
        else:
            cols.append(question.id)
    return cols


# Answers of these types are text in a spreadsheet; likert, nps, number and matrix cells are
# numbers (a negative number such as -2 is never a formula to escape).
TEXT_TYPES = frozenset({"single_choice", "multi_choice", "text"})
TEXT_FIXED_COLUMNS = ("response_id", "group", "wave", LANGUAGE_COLUMN)
# A cell starting with one of these is a formula (or turns into one) in Excel or LibreOffice.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")


def text_columns(questionnaire: Questionnaire) -> frozenset[str]:
    """The columns whose cells are text (the spreadsheet rule applies), decided by type."""
    ids = [q.id for q in questionnaire.questions() if q.type in TEXT_TYPES]
    fixed = [c for c in TEXT_FIXED_COLUMNS if c != LANGUAGE_COLUMN or questionnaire.languages]
    return frozenset([*fixed, *ids])


def spreadsheet_safe(text: str) -> str:
    """``text`` as a CSV text cell no spreadsheet evaluates: one more leading ``'`` if needed.

    A leading ``'`` is escaped too, so that :func:`spreadsheet_plain` can always remove one.
    """
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def spreadsheet_plain(text: str) -> str:
    """The text a CSV text cell stands for: one leading ``'`` removed (spreadsheet_safe's)."""
    return text[1:] if text.startswith("'") else text


def export_time(value: Any, *, exact: bool) -> str:
    """A stored timestamp as exported: to the day (``2026-11-24``) unless ``exact``.

    A time to the second can tell who answered when; a day cannot. Unreadable values are left
    out rather than passed on (they might hold a time).
    """
    if not isinstance(value, str) or not value:
        return ""
    try:
        moment = parse_time(value)
    except ValueError:
        return ""
    return moment if exact else moment[:10]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def to_row(
    questionnaire: Questionnaire,
    record: Record,
    *,
    exact_times: bool = False,
    texts: frozenset[str] | None = None,
) -> dict[str, str]:
    """One record as a CSV row (every column present, empty = not answered).

    Text cells follow the spreadsheet rule (:func:`spreadsheet_safe`); ``submitted_at`` is
    the day only unless ``exact_times`` (docs/data-exchange.md). ``texts``: the questionnaire's
    :func:`text_columns`, when the caller has them already.
    """
    answers = record.get("answers") or {}
    row = {
        "response_id": str(record.get("response_id", "")),
        "group": str(record.get("group", "")),
        "wave": str(record.get("wave") or "default"),
        "submitted_at": export_time(record.get("submitted_at"), exact=exact_times),
    }
    if questionnaire.languages:
        language = record.get("language")
        row[LANGUAGE_COLUMN] = language if isinstance(language, str) else questionnaire.languages[0]
    for question in questionnaire.questions():
        value = answers.get(question.id)
        if question.type == "matrix":
            values = value if isinstance(value, dict) else {}
            for r in question.rows:
                row[f"{question.id}.{r.id}"] = _cell(values.get(r.id))
        else:
            row[question.id] = _cell(value)
    for column in texts if texts is not None else text_columns(questionnaire):
        row[column] = spreadsheet_safe(row[column])
    return row


def parse_time(text: str) -> str:
    """An ISO 8601 timestamp as UTC to the second (``2026-11-24T09:30:00Z``); a time without
    a zone is taken as UTC. ValueError if ``text`` is not one."""
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
