"""How a stored answer reads: the review screen, ``--plain``'s current answer, bounds in
messages. One reading for every front end (parsing and checking: :mod:`survey_tui.core.answers`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from survey_tui.core import model as qm
from survey_tui.core import texts
from survey_tui.core.answered import is_answered
from survey_tui.core.texts import T_, Text


def number_text(value: float) -> str:
    """A bound as a respondent reads it: 40, not 40.0."""
    return str(int(value)) if float(value).is_integer() else str(value)


def format_answer(questionnaire: qm.Questionnaire, question: qm.AnyQuestion, value: Any) -> str:
    """A short human reading of a stored answer (review screen, plain mode)."""
    if not is_answered(value):
        return texts.NO_ANSWER
    if value == qm.DONT_KNOW and isinstance(question, qm.LikertQuestion | qm.NumberQuestion):
        return _dont_know_label(questionnaire, question)
    if isinstance(question, qm.LikertQuestion | qm.NpsQuestion):
        scale = questionnaire.scale_of(question)
        label = scale.label_for(value) if scale else None
        return f"{value} - {label}" if label else str(value)
    if isinstance(question, qm.SingleChoiceQuestion):
        option = question.option_for(value)
        return option.label if option else T_(texts.OTHER_ANSWER, answer=value)
    if isinstance(question, qm.MultiChoiceQuestion):
        parts: list[str] = []
        for item in value:
            option = question.option_for(item)
            parts.append(option.label if option else T_(texts.OTHER_ANSWER, answer=item))
        return _joined(parts, ", ")
    if isinstance(question, qm.NumberQuestion):
        return f"{number_text(value)} {question.unit}" if question.unit else number_text(value)
    if isinstance(question, qm.MatrixQuestion):
        scale = questionnaire.scale_of(question)
        rows: list[str] = []
        for row in question.rows:
            if value.get(row.id) == qm.DONT_KNOW:
                rows.append(
                    T_(
                        "{row}: {answer}",
                        row=row.label,
                        answer=_dont_know_label(questionnaire, question),
                    )
                )
            elif row.id in value:
                label = scale.label_for(value[row.id]) if scale else None
                rows.append(f"{row.label}: {value[row.id]}" + (f" ({label})" if label else ""))
        return _joined(rows, "; ")
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _dont_know_label(
    questionnaire: qm.Questionnaire,
    question: qm.LikertQuestion | qm.NumberQuestion | qm.MatrixQuestion,
) -> str:
    if isinstance(question, qm.NumberQuestion):
        return question.dont_know or texts.DONT_KNOW
    scale = questionnaire.scale_of(question)
    return (scale.dont_know if scale else None) or texts.DONT_KNOW


def _joined(parts: Sequence[str], separator: str) -> str:
    """Parts joined; a Text when any part is one, so each part is shown translated."""
    if not any(isinstance(part, Text) for part in parts):
        return separator.join(parts)
    names = {f"p{i}": part for i, part in enumerate(parts)}
    pattern = separator.join("{" + name + "}" for name in names)
    return Text(pattern, values=names)
