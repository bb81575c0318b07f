"""Interview records (mode ``interview``): the interviewer's notes and the time per question.

Part of the analysis dict under the key ``interviews`` (docs/interfaces.md), so that every
report template and the facilitator console read notes and durations the same way.
"""

from __future__ import annotations

import re
import statistics

from survey_tui.core.analysis.types_extras import (
    InterviewMinutes,
    InterviewNote,
    Interviews,
    InterviewTheme,
    Minutes,
    QuestionMinutes,
)
from survey_tui.core.model import Questionnaire
from survey_tui.core.record import Record

# "Context (about 5 minutes)" -> "Context": interview guides put timing hints in section titles.
_TIMING = re.compile(r"\s*\((?:about|approx\.?|~)?\s*\d+[^)]*\)\s*$", re.IGNORECASE)


def _is_interview(record: Record) -> bool:
    return record.get("mode") == "interview" or bool(record.get("notes"))


def _theme_of(questionnaire: Questionnaire, question_id: str) -> tuple[str, str | None]:
    """The theme a question's notes belong to: its construct, else its section.

    The title is None for a construct (the report names constructs itself) and the section
    title, without a timing hint, for a section.
    """
    question = questionnaire.question(question_id)
    construct = getattr(question, "construct", None)
    if construct:
        return str(construct), None
    section = questionnaire.section_of(question_id)
    if section is None:
        return question_id, None
    return section.id, _TIMING.sub("", section.title) or section.title


def _minutes(values: list[float], minimum: int) -> Minutes:
    if len(values) < minimum or not values:
        return {"n": None, "median": None, "suppressed": True}
    return {"n": len(values), "median": statistics.median(values) / 60.0, "suppressed": False}


def _interview_records(
    questionnaire: Questionnaire, responses: list[Record], waves: list[str] | None
) -> dict[str, list[Record]]:
    """The complete interview records of ``waves`` (None: every wave) per group of the
    questionnaire, in its group order; records of any other group are left out."""
    chosen: dict[str, list[Record]] = {g: [] for g in questionnaire.group_ids}
    for record in responses:
        group = record.get("group")
        if not isinstance(group, str) or group not in chosen or record.get("status") != "complete":
            continue
        if waves is not None and record.get("wave", "default") not in waves:
            continue
        if _is_interview(record):
            chosen[group].append(record)
    return chosen


def _notes_on(question_id: str, shown: dict[str, list[Record]]) -> dict[str, list[str]]:
    """Per group, the non-empty notes on one question, sorted so their order says nothing
    about who said what; groups without any are left out."""
    groups: dict[str, list[str]] = {}
    for group, records in shown.items():
        texts = [(r.get("notes") or {}).get(question_id) for r in records]
        kept = sorted(t.strip() for t in texts if isinstance(t, str) and t.strip())
        if kept:
            groups[group] = kept
    return groups


def _themes_and_notes(
    questionnaire: Questionnaire, shown: dict[str, list[Record]]
) -> tuple[list[InterviewTheme], list[InterviewNote]]:
    """The guide's themes in questionnaire order, and the notes of the ``shown`` groups on
    every question that has any."""
    themes: dict[str, InterviewTheme] = {}
    notes: list[InterviewNote] = []
    for question in questionnaire.questions():
        theme, title = _theme_of(questionnaire, question.id)
        themes.setdefault(theme, {"theme": theme, "title": title, "questions": []})
        themes[theme]["questions"].append(question.id)
        groups = _notes_on(question.id, shown)
        if groups:
            notes.append(
                {
                    "question": question.id,
                    "label": question.text_for(None),
                    "theme": theme,
                    "groups": groups,
                }
            )
    return list(themes.values()), notes


def _durations(
    questionnaire: Questionnaire, shown: dict[str, list[Record]], minimum: int
) -> InterviewMinutes:
    """The median minutes per interview and per question over the ``shown`` groups' records;
    a recorded time that is not a non-negative number counts nowhere."""
    seconds: dict[str, list[float]] = {}
    totals: list[float] = []
    for records in shown.values():
        for record in records:
            spent = record.get("seconds")
            if not isinstance(spent, dict) or not spent:
                continue
            valid = {k: float(v) for k, v in spent.items() if type(v) in (int, float) and v >= 0}
            for key, value in valid.items():
                seconds.setdefault(key, []).append(value)
            totals.append(sum(valid.values()))
    per_question: list[QuestionMinutes] = [
        {"question": q.id, "label": q.text_for(None), **_minutes(seconds[q.id], minimum)}
        for q in questionnaire.questions()
        if q.id in seconds
    ]
    return {"total": _minutes(totals, minimum), "questions": per_question}


def interviews(
    questionnaire: Questionnaire, responses: list[Record], waves: list[str] | None
) -> Interviews:
    """Notes and durations of the complete interview records of ``waves`` (None: every wave).

    Keys: ``n`` (interviews per group), ``suppressed`` (per group: fewer than
    ``min_group_size`` interviews; its notes are left out everywhere), ``themes`` (ordered
    ``{theme, title, questions}``: construct or section of every question), ``notes``
    (``{question, label, theme, groups: {gid: [text, ...]}}``, only groups at or above the
    threshold and only questions with notes; texts sorted so their order says nothing about
    who said what) and ``minutes`` (``total`` and per ``questions``: the median minutes over
    the interviews of the groups not withheld, suppressed below the threshold).
    """
    minimum = questionnaire.min_group_size
    chosen = _interview_records(questionnaire, responses, waves)
    suppressed = {g: len(records) < minimum for g, records in chosen.items()}
    # A small group's words could identify its members, and no published number may depend
    # on a withheld group: notes and durations come from the other groups only.
    shown = {g: records for g, records in chosen.items() if not suppressed[g]}
    themes, notes = _themes_and_notes(questionnaire, shown)
    return {
        "n": {g: len(records) for g, records in chosen.items()},
        "suppressed": suppressed,
        "themes": themes,
        "notes": notes,
        "minutes": _durations(questionnaire, shown, minimum),
    }
