"""Export: the one way responses leave the store as CSV or JSON (docs/data-exchange.md).

``survey-tui export`` and the dashboard's ``e`` both call :func:`export_responses`, so the same
responses give the same bytes wherever they are exported from.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

import orjson

from survey_tui.core.answers import check_answer
from survey_tui.core.record import Record
from survey_tui.core.store.exchange import columns, export_time, text_columns, to_row
from survey_tui.core.store.records import RECORD_FIELDS, without_practice

if TYPE_CHECKING:
    from survey_tui.core.model import Questionnaire

Format = Literal["csv", "json"]

# The fields a JSON export carries. Everything else stays in the store: per-question seconds
# (who spent 40 s on a question at 10:32 can be picked out), the answering terminal's host and
# process, the resume key derived from user and host, internal change numbers.
# A practice response is never exported, so ``test`` is never there to write.
JSON_FIELDS = tuple(k for k in RECORD_FIELDS if k not in ("seconds", "test"))
TIME_FIELDS = ("started_at", "updated_at", "submitted_at")


@dataclass(frozen=True)
class SmallGroup:
    """A group (in one wave) with fewer exported responses than ``min_group_size``."""

    group: str
    wave: str
    n: int


@dataclass(frozen=True)
class Export:
    """What an export wrote (``data``) and what the caller may want to tell the user."""

    data: bytes
    rows: int
    other_versions: int = 0  # responses to other versions of the questionnaire, left out
    small_groups: list[SmallGroup] = field(default_factory=list)
    practice: int = 0  # practice responses (run --test), left out


def export_responses(
    questionnaire: Questionnaire,
    records: Iterable[Record],
    *,
    fmt: Format = "csv",
    exact_times: bool = False,
) -> Export:
    """The complete responses among ``records`` to this version of ``questionnaire``.

    Rows are sorted by the exported ``submitted_at`` then ``response_id``: without exact
    times the order within a day says nothing about who answered first. CSV answers are
    those the questionnaire as now written accepts (so the file re-imports); JSON keeps the
    answers as stored. Practice responses (``run --test``) are left out.
    """
    mine, practice = without_practice(
        [r for r in records if r.get("questionnaire_id") == questionnaire.id]
    )
    chosen = [
        r
        for r in mine
        if r.get("questionnaire_version") == questionnaire.version
        and r.get("status", "complete") == "complete"
    ]
    other_versions = sum(r.get("questionnaire_version") != questionnaire.version for r in mine)
    chosen.sort(
        key=lambda r: (export_time(r.get("submitted_at"), exact=exact_times), str(r["response_id"]))
    )
    if fmt == "json":
        data = orjson.dumps(
            [json_record(r, exact_times=exact_times) for r in chosen], option=orjson.OPT_INDENT_2
        )
        data += b"\n"
    else:
        data = csv_text(questionnaire, chosen, exact_times=exact_times).encode("utf-8")
    found = small_groups(questionnaire, chosen)
    return Export(data, len(chosen), other_versions, found, practice=practice)


def json_record(record: Record, *, exact_times: bool = False) -> dict[str, Any]:
    """A stored record as JSON export writes it (JSON_FIELDS; times to the day unless exact)."""
    stored: dict[str, Any] = dict(record)
    out = {key: stored[key] for key in JSON_FIELDS if key in stored}
    for key in TIME_FIELDS:
        if out.get(key) is not None:
            out[key] = export_time(out[key], exact=exact_times)
    return out


def csv_text(
    questionnaire: Questionnaire, records: list[Record], *, exact_times: bool = False
) -> str:
    """The wide CSV of ``records`` in the order given (header first, ``\\n`` line ends)."""
    header = columns(questionnaire)
    texts = text_columns(questionnaire)
    lines = [csv_line(header)]
    for record in records:
        if record.get("questionnaire_sha256") != questionnaire.sha256:
            # Only answers the file accepts now, so the export re-imports.
            record = {**record, "answers": answers_that_fit(questionnaire, record["answers"])[0]}
        row = to_row(questionnaire, record, exact_times=exact_times, texts=texts)
        lines.append(csv_line([row[name] for name in header]))
    return "".join(lines)


def csv_line(cells: list[str]) -> str:
    """One CSV line of ``cells`` ending in ``\\n`` (a lone CR inside a cell is quoted)."""
    # The csv writer quotes a field only for the characters of its own line terminator: with
    # "\n" a lone "\r" in an answer would be written bare and split the row in any reader.
    # Writing with "\r\n" quotes both; the line then ends with "\n" like every other line.
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(cells)
    return buffer.getvalue()[:-2] + "\n"


def small_groups(questionnaire: Questionnaire, records: list[Record]) -> list[SmallGroup]:
    """Groups (per wave) holding at least one but fewer than ``min_group_size`` records."""
    counts = Counter((str(r.get("wave") or "default"), str(r.get("group"))) for r in records)
    order = {gid: i for i, gid in enumerate(questionnaire.group_ids)}
    small = [
        SmallGroup(group, wave, n)
        for (wave, group), n in counts.items()
        if n < questionnaire.min_group_size
    ]
    return sorted(small, key=lambda s: (s.wave, order.get(s.group, len(order)), s.group))


def answers_that_fit(q: Questionnaire, answers: dict[str, Any]) -> tuple[dict[str, Any], int]:
    """The answers ``q`` as now written accepts, and how many do not fit (per matrix row).

    An answer does not fit when its question is gone, its value is off the scale or not an
    option any more: what a questionnaire edited without a version bump leaves behind.
    """

    kept: dict[str, Any] = {}
    misfits = 0
    for question_id, value in answers.items():
        question = q.question(question_id)
        if question is None:
            misfits += 1
        elif question.type == "matrix" and isinstance(value, dict):
            scale = q.scale_of(question)
            rows = {row.id for row in question.rows}
            fitting = {
                row_id: point
                for row_id, point in value.items()
                if row_id in rows
                and isinstance(point, int)
                and (scale is None or scale.min <= point <= scale.max)
            }
            misfits += len(value) - len(fitting)
            if fitting:
                kept[question_id] = fitting
        elif value is None or check_answer(q, question, value) is None:
            kept[question_id] = value
        else:
            misfits += 1
    return kept, misfits
