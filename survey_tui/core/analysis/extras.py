"""The parts of the analysis that are not gaps: scorecard, friction, distributions, comments."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from survey_tui.core.analysis.dataset import Dataset
from survey_tui.core.analysis.types import ItemEntry
from survey_tui.core.analysis.types_extras import (
    CommentBlock,
    Distribution,
    DistributionGroup,
    Scorecard,
    ScorecardRow,
    WorkflowClass,
)
from survey_tui.core.conditions import parse
from survey_tui.core.model import (
    MatrixQuestion,
    MultiChoiceQuestion,
    Questionnaire,
    SingleChoiceQuestion,
    TextQuestion,
    condition_context,
)

OTHER = "(other)"  # the bucket of free "Other" texts; not a valid option id, so no clash
OTHER_LABEL = "Other (own answer)"


#: A workflow helps when the experience group scores it at least this, creates friction at
#: or below FRICTION, else it is mixed (docs/statistics.md, "Workflow scorecard").
HELPS = 60.0
FRICTION = 40.0


def _class(score: float | None) -> WorkflowClass | None:
    if score is None:
        return None
    if score >= HELPS:
        return "helps"
    return "friction" if score <= FRICTION else "mixed"


@dataclass(frozen=True)
class _Row:
    """A scorecard row with what orders it (neither is published)."""

    row: ScorecardRow
    score: float  # the experience group's; 0.0 when withheld (never "helps" or "friction")
    significant: bool


def scorecards(questionnaire: Questionnaire, items: list[ItemEntry]) -> list[Scorecard]:
    """One workflow scorecard per matrix question, classified by the experience group."""
    experience = questionnaire.experience
    cards: list[Scorecard] = []
    for question in questionnaire.questions():
        if not isinstance(question, MatrixQuestion):
            continue
        prefix = f"{question.id}."
        rows: list[_Row] = []
        for item in items:
            if not item["question"].startswith(prefix):
                continue
            own = item["groups"].get(experience) if experience else None
            score = own["score"] if own else None
            gap = item["gap"]
            row: ScorecardRow = {
                "row": item["question"][len(prefix) :],
                "key": item["question"],
                "label": item["label"],
                "class": _class(score),
                "not_used_pct": own["dont_know_pct"] if own else None,
                "groups": {
                    g: {"n": f["n"], "score": f["score"], "suppressed": f["suppressed"]}
                    for g, f in item["groups"].items()
                },
                "gap_points": gap["points"] if gap is not None else None,
            }
            rows.append(_Row(row, score or 0.0, bool(gap and gap["significant"])))
        if not rows:
            continue
        helps = sorted((r for r in rows if r.row["class"] == "helps"), key=lambda r: -r.score)
        friction = sorted((r for r in rows if r.row["class"] == "friction"), key=lambda r: r.score)
        disagree = sorted(
            (r for r in rows if r.significant), key=lambda r: -abs(r.row["gap_points"] or 0.0)
        )[:3]
        cards.append(
            {
                "question": question.id,
                "label": question.text_for(None),
                "experience_group": experience,
                "rows": [r.row for r in rows],
                "helps": [r.row["key"] for r in helps],
                "friction": [r.row["key"] for r in friction],
                "disagree_most": [r.row["key"] for r in disagree],
            }
        )
    return cards


def distributions(questionnaire: Questionnaire, data: Dataset) -> list[Distribution]:
    """Answer counts per group of every choice question; free "Other" texts are pooled.

    Every shown group's ``counts`` has exactly the keys of ``options``, in its order, so a
    report reads one table from them; ``(other)`` is among them when the question offers
    "Other" or a shown group gave an answer outside the options (an earlier version's).
    A group never asked the question is ``asked: false``.
    """
    minimum = questionnaire.min_group_size
    out: list[Distribution] = []
    for question in questionnaire.questions():
        if not isinstance(question, SingleChoiceQuestion | MultiChoiceQuestion):
            continue
        known = question.option_values()
        asked = questionnaire.groups_asked(question.id)
        groups: dict[str, DistributionGroup] = {}
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


def comments(questionnaire: Questionnaire, data: Dataset) -> list[CommentBlock]:
    """Text answers of the groups with at least ``min_group_size`` respondents.

    Comments are sorted so that their order says nothing about who answered when.
    """
    minimum = questionnaire.min_group_size
    out: list[CommentBlock] = []
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
        block: CommentBlock = {
            "question": question.id,
            "label": question.text_for(None),
            "construct": question.construct,
            "short": question.short,
            # quote False: counted into themes, never quoted (docs/reports.md)
            "quote": question.quote,
            "themes": [
                {"id": t.id, "label": t.label, "keywords": list(t.keywords)}
                for t in question.themes
            ]
            if question.themes
            else None,
            "groups": groups,
        }
        if question.wording_differs:
            # Each group's comments sit under the question as that group saw it.
            block["wording"] = {g: question.text_for(g) for g in groups}
        out.append(block)
    return out


def _shown_counts(questionnaire: Questionnaire, data: Dataset) -> dict[tuple[str, str], int]:
    """For conditional text questions: how many of each group's respondents were shown it.

    Stored answers are already pruned of hidden questions, so the conditions read against them
    decide visibility directly (no need to replay the whole questionnaire per respondent).
    Respondents are grouped by the values the conditions read, so each distinct combination
    is evaluated once.
    """
    import orjson

    conditions: dict[str, tuple[list[Any], list[str] | None]] = {}
    for q in questionnaire.questions():
        section_if = getattr(questionnaire.section_of(q.id), "show_if", None)
        if isinstance(q, TextQuestion) and (q.show_if or section_if):
            parsed = [parse(c) for c in (section_if, q.show_if) if c]
            conditions[q.id] = (parsed, q.groups)
    read = sorted(
        {n.name.split(".", 1)[0] for c, _ in conditions.values() for x in c for n in x.names}
    )
    counts: dict[tuple[str, str], int] = {}
    for group, answers in data.answers.items():
        for question_id in conditions:
            counts[(group, question_id)] = 0
        seen: dict[bytes, int] = {}
        waves = data.waves.get(group) or ["default"] * len(answers)
        for given, wave in zip(answers, waves, strict=True):
            key = orjson.dumps([wave, *(given.get(name) for name in read)])
            seen[key] = seen.get(key, 0) + 1
        for key, times in seen.items():
            wave, *values = orjson.loads(key)
            known = {k: v for k, v in zip(read, values, strict=True) if v is not None}
            context = condition_context(known, group, wave)
            for question_id, (parsed, limited_to) in conditions.items():
                if limited_to is not None and group not in limited_to:
                    continue
                if all(c.evaluate(context) for c in parsed):
                    counts[(group, question_id)] += times
    return counts
