"""The parts of the analysis that are not gaps: scorecard, friction, distributions, comments."""

from __future__ import annotations

import math
from typing import Any

from survey_tui.core.analysis.engine import Dataset
from survey_tui.core.analysis.stats import quartiles
from survey_tui.core.model import (
    MatrixQuestion,
    MultiChoiceQuestion,
    NumberQuestion,
    Questionnaire,
    SingleChoiceQuestion,
    TextQuestion,
)

OTHER = "(other)"  # the bucket of free "Other" texts; not a valid option id, so no clash
OTHER_LABEL = "Other (own answer)"


def _top(keys_scores: list[tuple[str, float]], k: int, *, reverse: bool) -> list[str]:
    ordered = sorted(keys_scores, key=lambda pair: pair[1], reverse=reverse)
    return [key for key, _ in ordered[:k]]


def scorecards(questionnaire: Questionnaire, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One workflow scorecard per matrix question: rows ranked, extremes and disagreement.

    ``helps_most`` are the rows with the highest overall score (AI helps most),
    ``friction_most`` the lowest, ``disagree_most`` the largest absolute compare-pair gap; each
    lists 3 rows when the matrix has at least 6, else 2, and only rows whose figure is published.
    ``helps_most`` and ``friction_most`` never share a row: each takes at most half of the
    scored rows (a single scored row only helps).
    """
    cards: list[dict[str, Any]] = []
    for question in questionnaire.questions():
        if not isinstance(question, MatrixQuestion):
            continue
        prefix = f"{question.id}."
        rows = []
        for item in items:
            if not item["question"].startswith(prefix):
                continue
            gap = item["gap"]
            rows.append(
                {
                    "row": item["question"][len(prefix) :],
                    "key": item["question"],
                    "label": item["label"],
                    "groups": {
                        g: {"score": f["score"], "n": f["n"], "suppressed": f["suppressed"]}
                        for g, f in item["groups"].items()
                    },
                    "overall": item["overall"]["score"],
                    "gap_points": gap["points"] if gap is not None else None,
                }
            )
        if not rows:
            continue
        k = min(3 if len(rows) >= 6 else 2, len(rows))
        scored = [(r["key"], r["overall"]) for r in rows if r["overall"] is not None]
        gaps = [(r["key"], abs(r["gap_points"])) for r in rows if r["gap_points"] is not None]
        # "Helps most" and "friction most" split the ranked rows: at most half each, so no
        # row is both (with 2 rows: one each; with 1: it helps, no friction list).
        extremes = min(k, len(scored) // 2) if len(scored) > 1 else len(scored)
        helps = _top(scored, extremes, reverse=True)
        friction_rows = [pair for pair in scored if pair[0] not in helps]
        ranking: dict[str, list[str]] = {}
        for group in questionnaire.group_ids:
            published = [
                (r["key"], r["groups"][group]["score"])
                for r in rows
                if r["groups"][group]["score"] is not None
            ]
            ranking[group] = _top(published, len(published), reverse=True)
        cards.append(
            {
                "question": question.id,
                "label": question.text_for(None),
                "rows": rows,
                "ranking": ranking,
                "helps_most": helps,
                "friction_most": _top(friction_rows, min(k, len(scored) // 2), reverse=False),
                "disagree_most": _top(gaps, k, reverse=True),
            }
        )
    return cards


def friction(questionnaire: Questionnaire, data: Dataset) -> list[dict[str, Any]]:
    """Median and interquartile range per group of every number question."""
    import numpy as np

    minimum = questionnaire.min_group_size
    out: list[dict[str, Any]] = []
    for question in questionnaire.questions():
        if not isinstance(question, NumberQuestion):
            continue
        groups: dict[str, dict[str, Any]] = {}
        asked = questionnaire.groups_asked(question.id)
        withheld = {"n": None, "median": None, "q1": None, "q3": None, "suppressed": True}
        for group in data.answers:
            if group not in asked:
                groups[group] = {**withheld, "asked": False}
                continue
            values = [v for v in data.column(group, question.id) if type(v) in (int, float)]
            values = [v for v in values if math.isfinite(v)]
            if len(values) < minimum or not values:
                groups[group] = dict(withheld)
                continue
            q1, median, q3 = quartiles(np.asarray(values, dtype=np.float64))
            groups[group] = {
                "n": len(values),
                "median": median,
                "q1": q1,
                "q3": q3,
                "suppressed": False,
            }
        out.append(
            {
                "question": question.id,
                "label": question.text_for(None),
                "unit": question.unit,
                "groups": groups,
            }
        )
    return out


def distributions(questionnaire: Questionnaire, data: Dataset) -> list[dict[str, Any]]:
    """Answer counts per group of every choice question; free "Other" texts are pooled.

    Every shown group's ``counts`` has exactly the keys of ``options``, in its order, so a
    report reads one table from them; ``(other)`` is among them when the question offers
    "Other" or a shown group gave an answer outside the options (an earlier version's).
    A group never asked the question is ``asked: false``.
    """
    minimum = questionnaire.min_group_size
    out: list[dict[str, Any]] = []
    for question in questionnaire.questions():
        if not isinstance(question, SingleChoiceQuestion | MultiChoiceQuestion):
            continue
        known = question.option_values()
        asked = questionnaire.groups_asked(question.id)
        groups: dict[str, dict[str, Any]] = {}
        for group in data.answers:
            counts: dict[str, int] = dict.fromkeys(known, 0)
            n = 0
            for value in data.column(group, question.id):
                chosen = value if isinstance(value, list) else [value]
                chosen = [c for c in chosen if isinstance(c, str)]
                if not chosen:
                    continue
                n += 1
                for choice in chosen:
                    # Free "Other" text is pooled: a distribution must not quote respondents.
                    bucket = choice if choice in counts and choice != OTHER else OTHER
                    counts[bucket] = counts.get(bucket, 0) + 1
            if group not in asked:
                groups[group] = {"n": None, "counts": None, "suppressed": True, "asked": False}
            elif n < minimum or n == 0:
                groups[group] = {"n": None, "counts": None, "suppressed": True}
            else:
                groups[group] = {"n": n, "counts": counts, "suppressed": False}
        shown = [g["counts"] for g in groups.values() if g["counts"] is not None]
        pooled = question.other or any(OTHER in counts for counts in shown)
        for counts in shown:
            if pooled:
                counts.setdefault(OTHER, 0)
        # Display labels of the answers (reports show these, never the option ids).
        options = {o.value: o.label for o in question.options}
        if pooled:
            options[OTHER] = OTHER_LABEL
        out.append(
            {
                "question": question.id,
                "label": question.text_for(None),
                "type": question.type,
                "options": options,
                "groups": groups,
            }
        )
    return out


def comments(questionnaire: Questionnaire, data: Dataset) -> list[dict[str, Any]]:
    """Text answers of the groups with at least ``min_group_size`` respondents.

    Comments are sorted so that their order says nothing about who answered when.
    """
    minimum = questionnaire.min_group_size
    out: list[dict[str, Any]] = []
    shown_to = _shown_counts(questionnaire, data)
    for question in questionnaire.questions():
        if not isinstance(question, TextQuestion):
            continue
        groups: dict[str, list[str]] = {}
        for group, answers in data.answers.items():
            if len(answers) < minimum:
                continue  # a small group's words could identify its members
            if shown_to.get((group, question.id), minimum) < minimum:
                # A follow-up shown only to those who answered something (e.g. rated
                # productivity <= 2): quoting it would reveal that a withheld slice exists.
                continue
            texts = [t.strip() for t in data.column(group, question.id) if isinstance(t, str)]
            groups[group] = sorted(t for t in texts if t)
        out.append(
            {
                "question": question.id,
                "label": question.text_for(None),
                "construct": question.construct,
                "groups": groups,
            }
        )
    return out


def _shown_counts(questionnaire: Questionnaire, data: Dataset) -> dict[tuple[str, str], int]:
    """For conditional text questions: how many of each group's respondents were shown it.

    Stored answers are already pruned of hidden questions, so the conditions read against them
    decide visibility directly (no need to replay the whole questionnaire per respondent).
    """
    from survey_tui.core.conditions import evaluate_source
    from survey_tui.core.model import condition_context

    conditions: dict[str, tuple[list[str], list[str] | None]] = {}
    for q in questionnaire.questions():
        section_if = getattr(questionnaire.section_of(q.id), "show_if", None)
        if isinstance(q, TextQuestion) and (q.show_if or section_if):
            conditions[q.id] = ([c for c in (section_if, q.show_if) if c], q.groups)
    counts: dict[tuple[str, str], int] = {}
    for group, answers in data.answers.items():
        for question_id in conditions:
            counts[(group, question_id)] = 0
        for given in answers:
            context = condition_context(given, group, None)
            for question_id, (texts, limited_to) in conditions.items():
                if limited_to is not None and group not in limited_to:
                    continue
                if all(evaluate_source(text, context) for text in texts):
                    counts[(group, question_id)] += 1
    return counts
