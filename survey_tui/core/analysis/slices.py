"""Wave slices and the all-waves totals (gap-statistics.md, "Anonymity").

A report over every wave is a total of its wave slices. When one wave's slice of a group is
below ``min_group_size`` (and so withheld in that wave's own analysis), the all-waves figure
minus the other waves' published figures would reveal it: 4 x (all waves) - 3 x (wave 1) is the
one wave-2 respondent's answer. So the all-waves analysis never includes a withheld slice:

* the complete responses of a (group, wave) slice with fewer than ``min_group_size``
  respondents are left out of the totals (their free text too);
* in the remaining slices, the answers to a question (or matrix row) that fewer than
  ``min_group_size`` of the slice's respondents gave are left out of the totals.

Free-text answers follow the respondent rule only, as they do in a single wave's analysis.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from survey_tui.core.model import Questionnaire

Record = dict[str, Any]


def _given(value: Any) -> bool:
    return value is not None and value != "" and value != [] and value != {}


def without_withheld_slices(
    questionnaire: Questionnaire, responses: list[Record]
) -> tuple[list[Record], dict[str, list[str]]]:
    """The records an all-waves analysis may total, and the waves left out per group.

    With a single wave nothing is withheld that the wave's own analysis would not withhold,
    so the records are returned unchanged. Records are copied only where answers are removed.
    """
    minimum = questionnaire.min_group_size
    groups = set(questionnaire.group_ids)
    slices: dict[tuple[str, str], list[Record]] = defaultdict(list)
    for record in responses:
        if record.get("status") == "complete" and record.get("group") in groups:
            slices[(str(record["group"]), str(record.get("wave", "default")))].append(record)
    if len({wave for _, wave in slices}) < 2:
        return responses, {}

    withheld: dict[str, list[str]] = defaultdict(list)
    replaced: dict[int, Record | None] = {}
    scored = [q for q in questionnaire.questions() if q.type != "text"]
    for (group, wave), records in sorted(slices.items()):
        if len(records) < minimum:
            withheld[group].append(wave)
            for record in records:
                replaced[id(record)] = None
            continue
        drop: list[tuple[str, str | None]] = []
        for question in scored:
            values = [r.get("answers", {}).get(question.id) for r in records]
            if question.type == "matrix":
                for row in question.rows:
                    given = sum(1 for v in values if isinstance(v, dict) and _given(v.get(row.id)))
                    if 0 < given < minimum:
                        drop.append((question.id, row.id))
            else:
                given = sum(1 for v in values if _given(v))
                if 0 < given < minimum:
                    drop.append((question.id, None))
        if drop:
            for record in records:
                replaced[id(record)] = _strip(record, drop)
    if not replaced:
        return responses, {}
    kept: list[Record] = []
    for record in responses:
        if id(record) not in replaced:
            kept.append(record)
        elif (copy := replaced[id(record)]) is not None:
            kept.append(copy)
    return kept, dict(withheld)


def _strip(record: Record, drop: list[tuple[str, str | None]]) -> Record:
    """A copy of ``record`` without the answers (or matrix rows) in ``drop``."""
    answers = dict(record.get("answers") or {})
    for question_id, row_id in drop:
        if row_id is None:
            answers.pop(question_id, None)
        elif isinstance(answers.get(question_id), dict):
            rows = {k: v for k, v in answers[question_id].items() if k != row_id}
            if rows:
                answers[question_id] = rows
            else:
                answers.pop(question_id)
    return {**record, "answers": answers}
