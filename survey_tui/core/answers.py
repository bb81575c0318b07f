"""Parsing and checking of single answers, shared by the TUI, ``--plain``, the web form and import.

One place decides what a valid answer is, so that a respondent in the TUI, one typing into the
plain prompts and a CSV row are held to exactly the same rules.
"""

from __future__ import annotations

import math
import re
from typing import Any

from survey_tui.core.answer_text import number_text
from survey_tui.core.answered import is_answered
from survey_tui.core.errors import SurveyError
from survey_tui.core.model import (
    DONT_KNOW,
    NPS_SCALE,
    AnyQuestion,
    LikertQuestion,
    MatrixQuestion,
    MultiChoiceQuestion,
    NpsQuestion,
    NumberQuestion,
    Questionnaire,
    Scale,
    SingleChoiceQuestion,
    TextQuestion,
)
from survey_tui.core.texts import N_, T_, Text, Tn_

# Bounds for typed text the questionnaire gives no ``max_length``: front ends cap their inputs
# here, so a paste of a whole file never reaches a widget or the store.
OTHER_MAX_LENGTH = 200  # an "Other" answer typed in place of an option
NUMBER_MAX_LENGTH = 32  # a number as typed ("-1234.5", "1e6")
NOTE_MAX_LENGTH = 10_000  # an interviewer's notes on one question


class AnswerError(SurveyError):
    """An answer that cannot be accepted; the message says how to fix it."""

    title = "Answer"


def _scale_for(question: AnyQuestion, scale: Scale | None) -> Scale:
    if isinstance(question, NpsQuestion):
        return NPS_SCALE
    if scale is None:
        raise AnswerError(T_("Question {id} has no scale.", id=question.id))
    return scale


#: What a respondent may type for a "don't know" choice besides its own label.
DONT_KNOW_TYPED = ("?", DONT_KNOW)


def is_dont_know(text: str, label: str | None) -> bool:
    """Whether typed ``text`` picks the "don't know" choice labelled ``label`` (None: none)."""
    folded = text.strip().casefold()
    return label is not None and (folded in DONT_KNOW_TYPED or folded == label.casefold())


def parse_scale_value(text: str, scale: Scale) -> int | str:
    """A point on ``scale`` from its number or (case-insensitive) label, or ``DONT_KNOW``
    when the scale offers it and the text is ``?``, ``dont_know`` or its label."""
    cleaned = text.strip()
    if is_dont_know(cleaned, scale.dont_know):
        return DONT_KNOW
    if re.fullmatch(r"[+-]?\d+", cleaned):
        value = int(cleaned)
        if scale.min <= value <= scale.max:
            return value
        raise AnswerError(_choose_number(scale))
    for value in scale.values:
        label = scale.label_for(value)
        if label is not None and label.casefold() == cleaned.casefold():
            return value
    raise AnswerError(_choose_number(scale))


def _choose_number(scale: Scale) -> Text:
    return T_("Choose a number from {low} to {high}.", low=scale.min, high=scale.max)


def _choice(question: SingleChoiceQuestion | MultiChoiceQuestion, token: str) -> str:
    """An option value from its 1-based number, value or label; else the "Other" text."""
    cleaned = token.strip()
    if cleaned.isdigit():
        index = int(cleaned)
        if 1 <= index <= len(question.options):
            return question.options[index - 1].value
    folded = cleaned.casefold()
    for option in question.options:
        if folded in (option.value.casefold(), option.label.casefold()):
            return option.value
    if cleaned.isdigit():
        # A number past the last option is a mistyped choice, not an "Other" answer of "9".
        count = len(question.options)
        if question.other:
            raise AnswerError(
                T_(
                    "Choose an option from 1 to {count}, or type your own answer in words.",
                    count=count,
                )
            )
        raise AnswerError(T_("Choose an option from 1 to {count}.", count=count))
    if question.other:
        return cleaned
    raise AnswerError(
        T_("{answer} is not one of the options; choose by number.", answer=repr(cleaned))
    )


def parse_answer(question: AnyQuestion, text: str, scale: Scale | None = None) -> Any:
    """The stored value for what a respondent typed; ``None`` for an empty answer.

    ``scale`` is the question's resolved scale (``questionnaire.scale_of(question)``); it is
    needed for likert and matrix questions. Raises :class:`AnswerError` with a message meant
    for the respondent. Range and count rules are checked by :func:`check_answer` as well.
    """
    cleaned = text.strip()
    if isinstance(question, TextQuestion):
        # Free text keeps its inner line breaks; only the outer blank space goes.
        value: Any = cleaned or None
    elif not cleaned:
        return None
    elif isinstance(question, LikertQuestion | NpsQuestion):
        value = parse_scale_value(cleaned, _scale_for(question, scale))
    elif isinstance(question, SingleChoiceQuestion):
        value = _choice(question, cleaned)
    elif isinstance(question, MultiChoiceQuestion):
        value = _parse_multi(question, cleaned)
    elif isinstance(question, NumberQuestion):
        value = _parse_number(question, cleaned)
    elif isinstance(question, MatrixQuestion):
        value = _parse_matrix(question, cleaned, _scale_for(question, scale))
    else:  # pragma: no cover - every type is handled above
        raise AnswerError(f"unsupported question type {question.type}")
    return value


def _parse_multi(question: MultiChoiceQuestion, text: str) -> list[str]:
    """Options by number, value or label, separated by commas (or ';'). With ``other``, the
    first part that is no option starts the respondent's own answer, which runs to the end
    ("1, 3, Pair programming, mostly"): it may hold commas, as in the TUI's Other box, and a
    ';' in it is refused by :func:`check_answer` there and here alike."""
    picked: list[str] = []
    for match in re.finditer(r"[^,;]+", text):
        token = match.group().strip()
        if not token:
            continue
        if question.other and not token.isdigit() and not _is_option(question, token):
            other = text[match.start() :].strip()
            if other not in picked:
                picked.append(other)
            break
        choice = _choice(question, token)
        if choice not in picked:
            picked.append(choice)
    return picked


def _is_option(question: SingleChoiceQuestion | MultiChoiceQuestion, token: str) -> bool:
    folded = token.strip().casefold()
    return any(folded in (o.value.casefold(), o.label.casefold()) for o in question.options)


# Answers beyond this size are refused: they would not store exactly as JSON (orjson stops at
# 64-bit integers) and no survey asks for them; a typo of many nines must not crash a save.
NUMBER_LIMIT = 10**15


def number_problem(value: float) -> str | None:
    """Why ``value`` cannot be stored as a number answer (not finite, or too large), or None."""
    if not math.isfinite(value):
        return N_("Type a finite number.")
    if abs(value) > NUMBER_LIMIT:
        return N_("Type a smaller number (at most 10^15).")
    return None


def _parse_number(question: NumberQuestion, text: str) -> int | float | str:
    if is_dont_know(text, question.dont_know):
        return DONT_KNOW
    cleaned = text.replace(",", ".") if text.count(",") == 1 and "." not in text else text
    whole, comma, fraction = text.strip().partition(",")
    if comma and cleaned != text and len(fraction) == 3 and whole.lstrip("-").isdigit():
        # "1,000" is a thousand to some and one to others: ask rather than store the wrong one.
        raise AnswerError(
            T_(
                "Write {thousands} or {decimal}, without a comma.",
                thousands=f"{whole}{fraction}",
                decimal=f"{whole}.{fraction}",
            )
        )
    if question.unit and cleaned.endswith(question.unit):
        cleaned = cleaned[: -len(question.unit)].strip()
    try:
        number = float(cleaned)
    except ValueError:
        raise AnswerError(
            N_("Type a number (a whole number).") if question.integer else N_("Type a number.")
        ) from None
    problem = number_problem(number)
    if problem is not None:
        raise AnswerError(problem)
    if number.is_integer() and ("." not in cleaned or question.integer):
        return int(number)
    if question.integer:
        raise AnswerError(N_("Type a whole number."))
    return number


def _parse_matrix(question: MatrixQuestion, text: str, scale: Scale) -> dict[str, int | str]:
    """``row=value`` pairs, or one value per row in order (separated by spaces or commas)."""
    result: dict[str, int | str] = {}
    tokens = [t for t in re.split(r"[,;\s]+", text) if t]
    row_ids = [row.id for row in question.rows]
    if any("=" in t for t in tokens):
        for token in tokens:
            row_id, _, raw = token.partition("=")
            if row_id not in row_ids:
                raise AnswerError(
                    T_(
                        "Unknown row {row}; rows are {rows}.",
                        row=repr(row_id),
                        rows=", ".join(row_ids),
                    )
                )
            result[row_id] = parse_scale_value(raw, scale)
        return result
    if len(tokens) > len(row_ids):
        raise AnswerError(
            Tn_(
                "Give at most one value per row ({count} row).",
                "Give at most one value per row ({count} rows).",
                len(row_ids),
            )
        )
    for row_id, token in zip(row_ids, tokens, strict=False):
        result[row_id] = parse_scale_value(token, scale)
    return result


def check_answer(questionnaire: Questionnaire, question: AnyQuestion, value: Any) -> str | None:
    """Why ``value`` is not acceptable for ``question`` (a message), or ``None`` if it is.

    ``None`` (or an empty list/map) means unanswered: an error only when the question is
    required.
    """
    if not is_answered(value):
        return N_("This question needs an answer.") if question.is_required else None
    if isinstance(question, LikertQuestion | NpsQuestion):
        scale = _scale_for(question, questionnaire.scale_of(question))
        if value == DONT_KNOW:
            return None if scale.dont_know else _NO_DONT_KNOW
        if not isinstance(value, int) or isinstance(value, bool):
            return N_("Choose one of the points on the scale.")
        if not scale.min <= value <= scale.max:
            return _choose_number(scale)
    elif isinstance(question, SingleChoiceQuestion):
        if not isinstance(value, str):
            return N_("Choose one option.")
        if value not in question.option_values() and not question.other:
            return N_("Choose one of the options.")
    elif isinstance(question, MultiChoiceQuestion):
        return _check_multi(question, value)
    elif isinstance(question, NumberQuestion):
        return _check_number(question, value)
    elif isinstance(question, TextQuestion):
        if not isinstance(value, str):
            return N_("Type your answer as text.")
        if len(value) > question.max_length:
            return T_(
                "Keep it to {limit} characters (now {count}).",
                limit=question.max_length,
                count=len(value),
            )
    elif isinstance(question, MatrixQuestion):
        return _check_matrix(questionnaire, question, value)
    return None


def _check_multi(question: MultiChoiceQuestion, value: Any) -> str | None:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return N_("Choose options from the list.")
    known = set(question.option_values())
    others = [v for v in value if v not in known]
    if others and not question.other:
        return N_("Choose options from the list.")
    if len(others) > 1:
        return N_("Give at most one 'Other' answer.")
    if any(";" in other for other in others):
        # Export joins the values with ';': the text would come back as two answers.
        return N_("The 'Other' answer cannot contain ';'.")
    if question.min_selected is not None and len(value) < question.min_selected:
        return T_(
            "Choose at least {low} (now {count}).", low=question.min_selected, count=len(value)
        )
    if question.max_selected is not None and len(value) > question.max_selected:
        return T_(
            "Choose at most {high} (now {count}).", high=question.max_selected, count=len(value)
        )
    return None


#: Why a stored "dont_know" is refused where the question does not offer it.
_NO_DONT_KNOW = N_('This question has no "don\'t know" choice: give an answer.')


def _check_number(question: NumberQuestion, value: Any) -> str | None:
    if value == DONT_KNOW:
        return None if question.dont_know else _NO_DONT_KNOW
    if isinstance(value, bool) or not isinstance(value, int | float):
        return N_("Type a number.")
    problem = number_problem(float(value))
    if problem is not None:
        return problem
    if question.integer and not float(value).is_integer():
        return N_("Type a whole number.")
    unit = f" {question.unit}" if question.unit else ""
    low, high = question.min, question.max
    if low is not None and high is not None and not low <= value <= high:
        return T_(
            "Type a number from {low} to {high}{unit}.",
            low=number_text(low),
            high=number_text(high),
            unit=unit,
        )
    if low is not None and value < low:
        return T_("Type a number of at least {low}{unit}.", low=number_text(low), unit=unit)
    if high is not None and value > high:
        return T_("Type a number of at most {high}{unit}.", high=number_text(high), unit=unit)
    return None


def _check_matrix(questionnaire: Questionnaire, question: MatrixQuestion, value: Any) -> str | None:
    if not isinstance(value, dict):
        return N_("Rate each row.")
    scale = _scale_for(question, questionnaire.scale_of(question))
    missing = [row.label for row in question.rows if value.get(row.id) is None]
    if missing and question.is_required:
        return T_("Rate every row (missing: {rows}).", rows=", ".join(missing))
    for row in question.rows:
        point = value.get(row.id)
        if point is None:
            continue
        if point == DONT_KNOW:
            if scale.dont_know is None:
                return _NO_DONT_KNOW
            continue
        if isinstance(point, bool) or not isinstance(point, int):
            return T_("Rate {row} with a number.", row=row.label)
        if not scale.min <= point <= scale.max:
            return T_(
                "Rate {row} from {low} to {high}.", row=row.label, low=scale.min, high=scale.max
            )
    unknown = set(value) - {row.id for row in question.rows}
    if unknown:
        return T_("Unknown rows: {rows}.", rows=", ".join(sorted(unknown)))
    return None
