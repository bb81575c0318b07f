"""Wide CSV rows -> response records (docs/data-exchange.md): every cell and row checked.

The columns and how a record is written as a row are in :mod:`survey_tui.core.store.wide_csv`;
this module re-exports them for the callers that import them from here.
"""

from __future__ import annotations

import difflib
import math
import uuid
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from survey_tui.core.analysis.dataset import ALL_WAVES
from survey_tui.core.answered import is_answered
from survey_tui.core.answers import NUMBER_LIMIT
from survey_tui.core.conditions import evaluate_source
from survey_tui.core.errors import Problem
from survey_tui.core.languages import fold
from survey_tui.core.model import DONT_KNOW, condition_context
from survey_tui.core.record import Record
from survey_tui.core.store.common import new_record, utc_now
from survey_tui.core.store.wide_csv import (
    LANGUAGE_COLUMN,
    columns,
    export_time,
    parse_time,
    spreadsheet_plain,
    spreadsheet_safe,
    text_columns,
    to_row,
)

if TYPE_CHECKING:
    from survey_tui.core.model import Questionnaire

__all__ = [
    "columns",
    "export_time",
    "parse_rows",
    "spreadsheet_plain",
    "spreadsheet_safe",
    "text_columns",
    "to_row",
]


def _parse_value(questionnaire: Questionnaire, question: Any, raw: str) -> Any:
    """The stored answer for a non-empty cell; ValueError with a message when invalid."""
    kind = question.type
    if raw == DONT_KNOW and kind in ("likert", "nps", "matrix", "number"):
        return _dont_know(questionnaire, question)
    if kind in ("likert", "nps", "matrix"):
        return _scale_value(questionnaire.scale_of(question), raw)
    if kind == "single_choice":
        return _single_choice_value(question, raw)
    if kind == "multi_choice":
        return _multi_choice_value(question, raw)
    if kind == "number":
        return _number_value(question, raw)
    if len(raw) > question.max_length:
        raise ValueError(f"longer than {question.max_length} characters")
    return raw


def _dont_know(questionnaire: Questionnaire, question: Any) -> str:
    """The "don't know" answer, where the question offers that choice."""
    kind = question.type
    scale = questionnaire.scale_of(question) if kind != "number" else None
    offered = question.dont_know if kind == "number" else scale and scale.dont_know
    if not offered:
        raise ValueError('dont_know: this question has no "don\'t know" choice')
    return DONT_KNOW


def _scale_value(scale: Any, raw: str) -> int:
    """A point of ``scale`` (0..10 without one), given as a whole number or a label."""
    low, high = (scale.min, scale.max) if scale is not None else (0, 10)
    try:
        number = int(raw)
    except ValueError:
        # A scale's label ("Agree") is accepted like a single_choice option's label.
        labelled = _scale_value_for_label(scale, raw)
        if labelled is None:
            what = "a whole number or a label of the scale" if scale and scale.labels else ""
            raise ValueError(f"{raw!r} is not {what or 'a whole number'}") from None
        number = labelled
    if not low <= number <= high:
        raise ValueError(f"{number} is outside the scale {low}..{high}")
    return number


def _single_choice_value(question: Any, raw: str) -> Any:
    """The value of the option ``raw`` names, or ``raw`` itself as an 'Other' answer."""
    option = question.option_for(raw)
    if option is not None:
        return option.value
    if question.other:
        return raw
    raise ValueError(f"{raw!r} is not an option ({', '.join(question.option_values())})")


def _multi_choice_value(question: Any, raw: str) -> list[str]:
    """The values of the ``;``-separated options, at most one of them an 'Other' answer."""
    chosen: list[str] = []
    others: list[str] = []
    for part in (p.strip() for p in raw.split(";")):
        option = question.option_for(part) if part else None
        value = option.value if option is not None else part
        if not part:
            continue
        if value in chosen:
            raise ValueError(f"{part!r} is chosen twice")
        if option is None and not question.other:
            raise ValueError(f"{part!r} is not an option ({', '.join(question.option_values())})")
        if option is None:
            others.append(part)
        chosen.append(value)
    if len(others) > 1:
        # Export joins values with ';', so two unknown values mean a split answer.
        raise ValueError(
            f"only one 'Other' answer is allowed ({', '.join(repr(o) for o in others)} "
            "are not options)"
        )
    if question.min_selected is not None and len(chosen) < question.min_selected:
        raise ValueError(f"choose at least {question.min_selected}")
    if question.max_selected is not None and len(chosen) > question.max_selected:
        raise ValueError(f"choose at most {question.max_selected}")
    return chosen


def _number_value(question: Any, raw: str) -> int | float:
    """A finite number within the question's bounds; whole numbers are stored as int."""
    try:
        value = float(raw)
    except ValueError:
        raise ValueError(f"{raw!r} is not a number (use . as the decimal point)") from None
    if not math.isfinite(value):
        raise ValueError(f"{raw!r} is not a number")
    if abs(value) > NUMBER_LIMIT:
        raise ValueError(f"{raw} is too large (at most 10^15)")
    if question.integer and not value.is_integer():
        raise ValueError(f"{raw} is not a whole number")
    if question.min is not None and value < question.min:
        raise ValueError(f"{raw} is below the minimum {question.min:g}")
    if question.max is not None and value > question.max:
        raise ValueError(f"{raw} is above the maximum {question.max:g}")
    return int(value) if value.is_integer() else value


def _scale_value_for_label(scale: Any, raw: str) -> int | None:
    """The scale point whose label is ``raw`` (case-insensitive), if any."""
    if scale is None or not scale.labels:
        return None
    folded = raw.casefold()
    for value in scale.values:
        label = scale.label_for(value)
        if label is not None and label.casefold() == folded:
            return int(value)
    return None


def _cells(row: dict[str, str], texts: frozenset[str]) -> dict[str, str]:
    """A CSV row's cells without outer blanks; a text cell loses the ``'`` export added.

    Blanks go first, so that a protected leading tab or CR (``'\t...``) is kept.
    """
    cells = {}
    for column, value in row.items():
        cell = (value or "").strip()
        cells[column] = spreadsheet_plain(cell) if column in texts else cell
    return cells


def _column_hint(name: str, known: list[str]) -> str:
    """ " (did you mean ...?)" for an unknown column, or ""."""
    folded = name.casefold()
    guesses = [k for k in known if k.casefold() == folded]
    guesses = guesses or [k for k in known if k.startswith(f"{name}.")]
    guesses = guesses or difflib.get_close_matches(name, known, n=3, cutoff=0.75)
    return f" (did you mean {', '.join(guesses)}?)" if guesses else ""


def _hidden_message(
    questionnaire: Questionnaire, question: Any, group: str, wave: str, answers: dict[str, Any]
) -> str:
    """Why an answered question is not shown to this row (its group, or a condition)."""

    if not question.asked_to(group):
        return f"not asked to group {group!r}"
    section = questionnaire.section_of(question.id)
    condition = question.show_if
    if section is not None and section.show_if:
        context = condition_context(answers, group, wave)
        if not evaluate_source(section.show_if, context):
            condition = section.show_if
    return f"hidden by its condition ({condition}) for this row's answers"


def parse_rows(
    questionnaire: Questionnaire,
    file: str,
    header: list[str],
    rows: Iterable[tuple[int, dict[str, str]]],
) -> tuple[list[Record], list[Problem], int]:
    """Validate CSV rows (line number, row); returns (good records, problems, bad row count)."""
    problems = _header_problems(questionnaire, file, header)
    if problems:
        return [], problems, 0
    records: list[Record] = []
    seen: set[str] = set()
    bad_rows = 0
    now = utc_now()
    texts = text_columns(questionnaire)
    for line, cells_read in rows:
        mine: list[Problem] = []

        def bad(column: str, message: str, line: int = line, mine: list[Problem] = mine) -> None:
            mine.append(Problem(file, line, None, column, message))

        record = _parse_row(questionnaire, _cells(cells_read, texts), seen, now, bad)
        if mine:
            problems.extend(mine)
            bad_rows += 1
        else:
            records.append(record)
    return records, problems, bad_rows


def _header_problems(questionnaire: Questionnaire, file: str, header: list[str]) -> list[Problem]:
    """Unknown columns (with "did you mean") and a missing ``group`` column."""
    problems: list[Problem] = []
    ordered = columns(questionnaire)
    known = {*ordered, LANGUAGE_COLUMN}
    for name in header:
        if name not in known:
            problems.append(
                Problem(file, 1, None, name, "unknown column" + _column_hint(name, ordered))
            )
    if "group" not in header:
        problems.append(Problem(file, 1, None, "group", "the required column is missing"))
    return problems


def _parse_row(
    questionnaire: Questionnaire,
    row: dict[str, str],
    seen: set[str],
    now: str,
    bad: Callable[[str, str], None],
) -> Record:
    """One row as a complete record; every problem goes to ``bad`` (the record is then not
    kept by the caller)."""
    rid = row.get("response_id", "") or str(uuid.uuid4())
    if rid in seen:
        bad("response_id", f"{rid} appears twice in the file")
    seen.add(rid)
    group = row.get("group", "")
    if group not in questionnaire.group_ids:
        bad("group", f"{group!r} is not a group ({', '.join(questionnaire.group_ids)})")
    wave = row.get("wave", "") or "default"
    if wave == ALL_WAVES:
        bad("wave", f"{ALL_WAVES!r} names every wave pooled in an analysis; use another name")
    language = _language(questionnaire, row.get(LANGUAGE_COLUMN, ""), bad)
    submitted = row.get("submitted_at", "")
    try:
        submitted = parse_time(submitted) if submitted else now
    except ValueError:
        bad("submitted_at", f"{submitted!r} is not an ISO 8601 timestamp")
    # Labels are accepted in the row's language too (values are the same in every one).
    worded = questionnaire.in_language(language) if language else questionnaire
    answers, failed = _row_answers(worded, row, bad)
    if group in questionnaire.group_ids:
        _check_visibility(questionnaire, answers, failed, group, wave, bad)
    return new_record(
        questionnaire,
        response_id=rid,
        group=group,
        wave=wave,
        status="complete",
        mode="import",
        started_at=submitted,
        updated_at=now,
        submitted_at=submitted,
        answers=questionnaire.prune_answers(answers, group, wave),
        language=language,
    )


def _row_answers(
    worded: Questionnaire, row: dict[str, str], bad: Callable[[str, str], None]
) -> tuple[dict[str, Any], set[str]]:
    """The row's answers, and the questions with a bad cell (not also reported "missing")."""
    answers: dict[str, Any] = {}
    failed: set[str] = set()
    for question in worded.questions():
        if question.type == "matrix":
            values = {}
            for r in question.rows:
                raw = row.get(f"{question.id}.{r.id}", "")
                if raw:
                    try:
                        values[r.id] = _parse_value(worded, question, raw)
                    except ValueError as error:
                        failed.add(question.id)
                        bad(f"{question.id}.{r.id}", str(error))
            if values:
                answers[question.id] = values
            continue
        raw = row.get(question.id, "")
        if raw:
            try:
                answers[question.id] = _parse_value(worded, question, raw)
            except ValueError as error:
                failed.add(question.id)
                bad(question.id, str(error))
    return answers, failed


def _check_visibility(
    questionnaire: Questionnaire,
    answers: dict[str, Any],
    failed: set[str],
    group: str,
    wave: str,
    bad: Callable[[str, str], None],
) -> None:
    """An answer to a question the row's conditions hide, and a required answer missing."""
    visible = questionnaire.visible_questions(answers, group, wave)
    shown = {q.id for q in visible}
    for question in questionnaire.questions():
        # An answer the questionnaire would not ask for must not vanish unreported
        # (after a bad cell, visibility is unreliable: that cell is reported instead).
        if question.id in answers and question.id not in shown and not failed:
            bad(question.id, _hidden_message(questionnaire, question, group, wave, answers))
    for question in visible:
        if question.id in failed:
            continue
        given = answers.get(question.id)
        if question.is_required and not is_answered(given):
            bad(question.id, "required answer is missing")
        elif question.type == "matrix" and question.is_required:
            for r in question.rows:
                if isinstance(given, dict) and r.id not in given:
                    bad(f"{question.id}.{r.id}", "required answer is missing")


def _language(questionnaire: Questionnaire, raw: str, bad: Any) -> str | None:
    """The declared tag a ``language`` cell names (any case, ``_`` or ``-``); empty: the
    default language. A tag that is not declared is reported through ``bad``."""

    declared = questionnaire.languages
    if not raw:
        return questionnaire.default_language
    if not declared:
        bad(
            LANGUAGE_COLUMN,
            f"{raw!r}: the questionnaire declares no languages (leave the column empty)",
        )
        return None
    for tag in declared:
        if fold(tag) == fold(raw):
            return tag
    hint = difflib.get_close_matches(raw, declared, n=1, cutoff=0.5)
    guess = f" (did you mean {hint[0]!r}?)" if hint else ""
    bad(LANGUAGE_COLUMN, f"{raw!r} is not a declared language{guess} ({', '.join(declared)})")
    return None
