"""Wave slices and the all-waves totals (docs/statistics.md, "Anonymity").

A report over every wave is a total of its wave slices. When one wave's slice of a group is
below ``min_group_size`` (and so withheld in that wave's own analysis), the all-waves figure
minus the other waves' published figures would reveal it: 4 x (all waves) - 3 x (wave 1) is the
one wave-2 respondent's answer. So the all-waves analysis never includes a withheld slice:

* the complete responses of a (group, wave) slice with fewer than ``min_group_size``
  respondents are left out of the totals (their free text too);
* in the remaining slices, the answers to a question (or matrix row) that fewer than
  ``min_group_size`` of the slice's respondents gave are left out of the totals;
* unless the withheld slices of a group together reach ``min_group_size``: subtracting the
  published slices from the total then reveals only that combined figure, which may be shown
  (two waves of 2 respondents each, minimum 3: the total of 4 is published).

Free-text answers follow the respondent rule only, as they do in a single wave's analysis.
"""

from __future__ import annotations

from collections import defaultdict

from survey_tui.core.answered import is_answered
from survey_tui.core.model import Questionnaire
from survey_tui.core.record import Record


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
    by_group: dict[str, list[tuple[str, list[Record]]]] = defaultdict(list)
    for (group, wave), records in sorted(slices.items()):
        by_group[group].append((wave, records))
    for group, waves in by_group.items():
        small = _withheld([len(records) for _, records in waves], minimum)
        kept: list[list[Record]] = []
        for (wave, records), drop_slice in zip(waves, small, strict=True):
            if drop_slice:
                withheld[group].append(wave)
                replaced.update(dict.fromkeys(map(id, records)))
            else:
                kept.append(records)
        drops: list[list[tuple[str, str | None]]] = [[] for _ in kept]
        for question in scored:
            keys: list[str | None] = (
                [row.id for row in question.rows] if question.type == "matrix" else [None]
            )
            for key in keys:
                counts = [_answered(records, question.id, key) for records in kept]
                for index, drop_item in enumerate(_withheld(counts, minimum)):
                    if drop_item:
                        drops[index].append((question.id, key))
        for records, drop in zip(kept, drops, strict=True):
            if drop:
                for record in records:
                    replaced[id(record)] = _strip(record, drop)
    if not replaced:
        return responses, {}
    totals: list[Record] = []
    for record in responses:
        if id(record) not in replaced:
            totals.append(record)
        elif (copy := replaced[id(record)]) is not None:
            totals.append(copy)
    return totals, dict(withheld)


def _withheld(counts: list[int], minimum: int) -> list[bool]:
    """Which slices (respondent or answer counts) a total must leave out.

    The slices below ``minimum`` are withheld in their own waves; a total minus the published
    slices reveals their sum. That sum is safe when it is itself ``minimum`` or more (e.g. two
    waves of 2 with a minimum of 3); otherwise those slices are left out of the total.
    """
    small = [0 < count < minimum for count in counts]
    hidden = sum(count for count, is_small in zip(counts, small, strict=True) if is_small)
    published = any(count >= minimum for count in counts)
    if hidden >= minimum or not published:
        # Nothing published to subtract (the total is the hidden sum, withheld by the usual
        # rule when small), or the hidden sum may itself be shown.
        return [False] * len(counts)
    return small


def _answered(records: list[Record], question_id: str, row_id: str | None) -> int:
    """How many of ``records`` answer the question (or the matrix row ``row_id``)."""
    total = 0
    for record in records:
        value = (record.get("answers") or {}).get(question_id)
        if row_id is not None:
            value = value.get(row_id) if isinstance(value, dict) else None
        total += is_answered(value)
    return total


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
