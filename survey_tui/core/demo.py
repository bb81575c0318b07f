"""A seeded synthetic workshop for ``survey-tui demo`` (and a realistic test fixture).

What is planted (for the flagship ``ai-expectation-gap`` questionnaire; other questionnaires
get neutral answers of the right types):

- 12 executives, 8 managers and 40 frontline engineers per wave, two waves by default
  (``baseline`` and ``90-day``), all complete, ``mode`` ``"demo"`` (reports flag them).
- Executives are optimistic (about 4 on the 1-5 scales) on productivity, integration,
  success definition and the rest; frontline engineers are critical (about 2-2.7);
  managers sit between. Reverse-worded items are answered so that the *favorable* side
  follows the same pattern.
- Correction burden: executives guess ~20 % of AI output needs correcting and ~15 min/day;
  frontline report ~45 % and ~55 min/day.
- Workflows matrix: test writing and documentation genuinely help for everyone; incident
  response and requirements analysis create friction for frontline (executives rate them
  near neutral, the widest disagreement); the other rows sit in the middle. Some rows are
  skipped, as the question allows.
- Free text: each group draws from a small bank of realistic sentences.
- The 90-day wave narrows the gap: frontline scores rise by about 0.3 points on the 1-5
  scale and executives' fall by about 0.15; the correction share drops for frontline.
  With only 12 executives, sampling noise can move one construct against the trend for
  some seeds; the Expectation Gap Index narrows for every seed tried (0-14).

Every answer is valid for the questionnaire and answers to hidden questions are pruned
(``Questionnaire.prune_answers``). The same seed gives the same records (ids and times too).
"""

from __future__ import annotations

import random
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from survey_tui.core.model import (
    LikertQuestion,
    MatrixQuestion,
    MultiChoiceQuestion,
    NpsQuestion,
    NumberQuestion,
    Questionnaire,
    SingleChoiceQuestion,
    TextQuestion,
)
from survey_tui.core.store.common import new_record

GROUP_SIZES: dict[str, int] = {"executive": 12, "manager": 8, "frontline": 40}

# Mean favorability (1-5) per construct and group at baseline.
_CONSTRUCT_MEAN: dict[str, dict[str, float]] = {
    "executive": {
        "productivity": 4.3,
        "output_quality": 3.9,
        "adoption": 3.9,
        "integration": 4.1,
        "feedback_loop": 3.8,
        "success_definition": 4.0,
        "metrics": 4.0,
    },
    "manager": {
        "productivity": 3.6,
        "output_quality": 3.1,
        "adoption": 3.2,
        "integration": 3.1,
        "feedback_loop": 3.1,
        "success_definition": 3.0,
        "metrics": 3.4,
    },
    "frontline": {
        "productivity": 2.7,
        "output_quality": 2.3,
        "adoption": 2.5,
        "integration": 2.1,
        "feedback_loop": 2.2,
        "success_definition": 1.9,
        "metrics": 2.8,
    },
}

# Workflow rows: (frontline mean, executive mean); managers sit halfway.
_ROW_MEAN: dict[str, tuple[float, float]] = {
    "code_generation": (3.5, 4.4),
    "code_review": (2.9, 3.8),
    "test_writing": (4.3, 4.2),
    "documentation": (4.2, 4.0),
    "debugging": (3.2, 3.9),
    "incident_response": (1.7, 3.4),
    "ticket_triage": (3.0, 3.6),
    "requirements_analysis": (1.9, 3.5),
}

# (mean, sd) for number questions per group.
_NUMBER_MEAN: dict[str, dict[str, tuple[float, float]]] = {
    "correction_share": {"executive": (20, 8), "manager": (32, 10), "frontline": (46, 14)},
    "correction_minutes": {"executive": (15, 8), "manager": (30, 12), "frontline": (55, 20)},
}

_USAGE: dict[str, list[tuple[str, int]]] = {
    "executive": [("daily", 5), ("a_few_times_a_week", 4), ("dont_know", 2), ("rarely", 1)],
    "manager": [("daily", 5), ("a_few_times_a_week", 3), ("a_few_times_a_month", 1)],
    "frontline": [
        ("daily", 20),
        ("a_few_times_a_week", 10),
        ("a_few_times_a_month", 5),
        ("rarely", 3),
        ("never", 2),
    ],
}

_TEXT_BANK: dict[str, dict[str, list[str]]] = {
    "helps_most": {
        "executive": [
            "Code generation: teams tell me features ship faster.",
            "Documentation. Our internal docs have never been this complete.",
            "Test writing; coverage went up across the portfolio.",
        ],
        "manager": [
            "Test writing. The team writes the boring cases much faster now.",
            "Documentation, especially release notes and runbooks.",
            "Boilerplate code for new services.",
        ],
        "frontline": [
            "Writing unit tests for existing code. It drafts the cases, I fix the asserts.",
            "Documentation: first drafts of READMEs and API docs.",
            "Explaining unfamiliar code in a legacy module.",
            "Generating test data and fixtures.",
            "Small refactors and boilerplate, nothing that needs real context.",
        ],
    },
    "friction_most": {
        "executive": [
            "Probably code review, people are still getting used to it.",
            "I have not heard of much friction.",
        ],
        "manager": [
            "Incident response: suggestions look confident but ignore our setup.",
            "Requirements work, the summaries miss what the customer actually asked.",
        ],
        "frontline": [
            "Incident response. Under pressure, a plausible but wrong answer costs us time.",
            "Requirements analysis: it invents acceptance criteria nobody asked for.",
            "Code review, because reviewers now have to check generated code line by line.",
            "Debugging anything distributed; it does not know our infrastructure.",
            "The approved tool is not allowed on our main repository, so we copy code around.",
        ],
    },
    "leadership_measure": {
        "executive": [
            "Velocity and cost per feature.",
            "Adoption rates and licence usage.",
        ],
        "manager": [
            "Rework and time to resolution, not licence counts.",
            "How much time goes into correcting output.",
        ],
        "frontline": [
            "Time spent fixing AI output, not how many people have a licence.",
            "Defects reaching production and rework, before and after.",
            "Ask us. Nobody has asked how the tools work in practice.",
            "Whether incidents are resolved faster, measured honestly.",
        ],
    },
    "correction_detail": {
        "executive": ["I hear about outdated library versions and security concerns."],
        "manager": ["Wrong assumptions about our internal APIs; missing error handling."],
        "frontline": [
            "Hallucinated APIs and functions that do not exist in our codebase.",
            "Tests that pass but assert nothing useful.",
            "Code that ignores our conventions and has to be rewritten for review.",
            "Outdated library versions and insecure defaults.",
        ],
    },
}

# 90-day shift in mean favorability (the gap narrows).
_WAVE_SHIFT: dict[str, float] = {"executive": -0.15, "manager": 0.1, "frontline": 0.3}
_BASE_TIME = datetime(2026, 1, 15, 9, 0, tzinfo=UTC)


def _point(rng: random.Random, mean: float, low: int, high: int, sd: float = 0.8) -> int:
    """A scale point near ``mean`` (normal noise, rounded and clipped)."""
    return max(low, min(high, round(rng.gauss(mean, sd))))


def _scaled(mean5: float, low: int, high: int) -> float:
    """A 1-5 mean mapped onto the scale ``low..high``."""
    return low + (mean5 - 1) / 4 * (high - low)


def _answers(q: Questionnaire, rng: random.Random, group: str, wave_index: int) -> dict[str, Any]:
    """One respondent's answers (before pruning)."""
    shift = _WAVE_SHIFT.get(group, 0.0) * wave_index
    lean = rng.gauss(0, 0.35)  # a respondent's own optimism, shared by their answers
    answers: dict[str, Any] = {}
    for question in q.questions():
        if not question.asked_to(group):
            continue
        if (
            not question.is_required
            and rng.random() < 0.12
            and not isinstance(question, TextQuestion)
        ):
            continue  # optional questions are sometimes skipped
        construct = question.construct or ""
        mean5 = _CONSTRUCT_MEAN.get(group, {}).get(construct, 3.0) + shift + lean
        if isinstance(question, LikertQuestion | NpsQuestion):
            scale = q.scale_of(question)
            low, high = (scale.min, scale.max) if scale else (0, 10)
            value = _point(rng, _scaled(mean5, low, high), low, high, sd=0.7 * (high - low) / 4)
            # Reverse-worded items: agreeing is unfavorable.
            answers[question.id] = (
                low + high - value if getattr(question, "reverse", False) else value
            )
        elif isinstance(question, MatrixQuestion):
            scale = q.scale_of(question)
            low, high = (scale.min, scale.max) if scale else (1, 5)
            rows: dict[str, int] = {}
            for row in question.rows:
                if rng.random() < 0.08:
                    continue  # a workflow the respondent does not use AI for
                front, execu = _ROW_MEAN.get(row.id, (3.0, 3.0))
                base = {"executive": execu, "frontline": front}.get(group, (front + execu) / 2)
                rows[row.id] = _point(rng, _scaled(base + shift + lean, low, high), low, high)
            if rows:
                answers[question.id] = rows
        elif isinstance(question, NumberQuestion):
            answers[question.id] = _number(question, rng, group, wave_index)
        elif isinstance(question, SingleChoiceQuestion):
            weights = dict(_USAGE.get(group, [])) if question.id == "usage_frequency" else {}
            values = question.option_values()
            answers[question.id] = rng.choices(
                values, weights=[weights.get(v, 0 if weights else 1) for v in values]
            )[0]
        elif isinstance(question, MultiChoiceQuestion):
            values = question.option_values()
            count = max(question.min_selected or 1, 1)
            count = min(count, question.max_selected or len(values), len(values))
            answers[question.id] = rng.sample(values, count)
        elif isinstance(question, TextQuestion):
            bank = _TEXT_BANK.get(question.id, {}).get(group)
            if bank and rng.random() < 0.7:
                answers[question.id] = rng.choice(bank)[: question.max_length]
    return answers


def _number(question: NumberQuestion, rng: random.Random, group: str, wave_index: int) -> Any:
    """A plausible number within the question's bounds."""
    low = question.min if question.min is not None else 0
    high = question.max if question.max is not None else low + 100
    mean, sd = _NUMBER_MEAN.get(question.id, {}).get(group, ((low + high) / 2, (high - low) / 8))
    if group == "frontline":
        mean *= 1 - 0.15 * wave_index  # less correcting after 90 days of integration work
    value = max(float(low), min(float(high), rng.gauss(mean, sd)))
    return round(value) if question.integer else round(value, 1)


def synthetic_workshop(
    questionnaire: Questionnaire,
    *,
    seed: int = 2026,
    waves: tuple[str, ...] = ("baseline", "90-day"),
) -> list[dict[str, Any]]:
    """Complete store records for a synthetic workshop (see the module docstring)."""
    rng = random.Random(seed)
    records: list[dict[str, Any]] = []
    groups = [g for g in questionnaire.group_ids if g in GROUP_SIZES] or questionnaire.group_ids
    for wave_index, wave in enumerate(waves):
        wave_start = _BASE_TIME + timedelta(days=90 * wave_index)
        for group in groups:
            for _ in range(GROUP_SIZES.get(group, 8)):
                answers = _answers(questionnaire, rng, group, wave_index)
                answers = questionnaire.prune_answers(answers, group, wave)
                started = wave_start + timedelta(minutes=rng.randrange(0, 8 * 60))
                seconds = {qid: rng.randint(4, 60) for qid in answers}
                submitted = started + timedelta(seconds=sum(seconds.values()) + 30)
                records.append(
                    new_record(
                        questionnaire,
                        response_id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                        group=group,
                        wave=wave,
                        status="complete",
                        mode="demo",
                        started_at=_iso(started),
                        updated_at=_iso(submitted),
                        submitted_at=_iso(submitted),
                        answers=answers,
                        seconds=seconds,
                    )
                )
    return records


def _iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")
