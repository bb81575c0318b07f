"""A seeded synthetic workshop for ``survey-tui demo`` (and a realistic test fixture).

What is planted for the flagship ``ai-expectation-gap`` (the tables are in
:mod:`survey_tui.core.demo_data`); other questionnaires get neutral answers of the right types.
The wordings are parallel, so every gap below is in the answers, never in the questions:

- 12 executives, 8 managers and 40 frontline engineers per wave, two waves by default
  (``baseline`` and ``90-day``, the same questionnaire), all complete, ``mode`` ``"demo"`` (reports flag them).
- Perception items: executives are optimistic (about 4 on the 1-5 scales) about the teams'
  productivity, integration, trust and the rest; engineers are critical (about 2-3); managers
  sit between. Reverse-scored items are answered so the favorable side follows the pattern.
- Awareness items: leaders say they hear from engineers and that a written success definition
  exists; engineers say their experience does not reach decision-makers and that they do not
  know what success looks like.
- Numbers: leaders estimate ~20 % of kept suggestions need changes and ~15 min/day of
  correcting; engineers report ~45 % and ~55 min/day.
- "Don't know": executives often cannot say for the teams' day-to-day (numbers, delivery
  metrics, review effort, trust); managers less often; engineers rarely.
- Workflows: tests and documentation genuinely help (engineers' own scores), incident response
  and requirements analysis hinder them (leaders rate those near neutral); some rows are "Not
  used for this"; engineers list what they use weekly, and a few name another workflow.
- Choices: leaders would judge success by speed (lead time, deployments), engineers by quality
  (rework, escaped defects); channels and blockers differ too.
- The 90-day wave narrows the gap (engineers +0.3 on the 1-5 scale, executives -0.15),
  engineers correct less, and only that wave answers its own questions (was the metric met,
  changes noticed, good and bad). With 12 executives, sampling noise can move one construct
  against the trend for some seeds; the Expectation Gap Index narrows for the seeds tested.

Every answer is valid for the questionnaire and answers to hidden questions are pruned
(``Questionnaire.prune_answers``). The same seed gives the same records (ids and times too).
"""

from __future__ import annotations

import random
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from survey_tui.core import demo_data as plant
from survey_tui.core import model as qm
from survey_tui.core.record import Record
from survey_tui.core.store.common import new_record

GROUP_SIZES = plant.GROUP_SIZES
_BASE_TIME = datetime(2026, 1, 15, 9, 0, tzinfo=UTC)


def _point(rng: random.Random, mean: float, low: int, high: int, sd: float = 0.8) -> int:
    """A scale point near ``mean`` (normal noise, rounded and clipped)."""
    return max(low, min(high, round(rng.gauss(mean, sd))))


def _scaled(mean5: float, low: int, high: int) -> float:
    """A 1-5 mean mapped onto the scale ``low..high``."""
    return low + (mean5 - 1) / 4 * (high - low)


def _dont_know(rng: random.Random, question: qm.AnyQuestion, group: str) -> bool:
    """Whether this respondent answers "don't know" (only where the item offers it)."""
    chances = plant.DONT_KNOW.get(group, {})
    chance = chances.get(question.id, chances.get(question.construct or "", 0.0))
    return rng.random() < chance


class _Respondent:
    """One synthetic respondent: a group, a wave and a personal optimism shared by answers."""

    def __init__(self, q: qm.Questionnaire, rng: random.Random, group: str, wave_index: int):
        self.q, self.rng, self.group, self.wave_index = q, rng, group, wave_index
        self.shift = plant.WAVE_SHIFT.get(group, 0.0) * wave_index
        self.lean = rng.gauss(0, 0.35)
        self._uses: dict[str, bool] = {}

    def uses(self, row_id: str) -> bool:
        """Whether AI is used for this workflow (decided once, shared by grid and list)."""
        if row_id not in self._uses:
            row = plant.ROWS.get(row_id)
            chance = _by_group(self.group, row.used if row else (0.92, 0.92))
            self._uses[row_id] = self.rng.random() < chance
        return self._uses[row_id]

    def mean5(self, question: qm.AnyQuestion) -> float:
        if question.gap == "awareness":
            base = plant.AWARENESS_MEAN.get(question.id, {}).get(self.group, 3.0)
        else:
            construct = question.construct or question.id
            base = plant.CONSTRUCT_MEAN.get(self.group, {}).get(construct, 3.0)
        return base + self.shift + self.lean

    def answers(self) -> dict[str, Any]:
        """Every answer (before pruning hidden questions)."""
        answers: dict[str, Any] = {}
        for question in self.q.questions():
            if not question.asked_to(self.group):
                continue
            optional = not question.is_required and not isinstance(question, qm.TextQuestion)
            if optional and self.rng.random() < 0.12:
                continue  # optional ratings are often skipped
            value = self.answer(question, answers)
            if value is not None:
                answers[question.id] = value
        return answers

    def answer(self, question: qm.AnyQuestion, given: dict[str, Any]) -> Any:
        rng, group = self.rng, self.group
        if isinstance(question, qm.LikertQuestion | qm.NpsQuestion):
            scale = self.q.scale_of(question)
            low, high = (scale.min, scale.max) if scale else (0, 10)
            if scale is not None and scale.dont_know and _dont_know(rng, question, group):
                return qm.DONT_KNOW
            spread = 0.7 * (high - low) / 4
            value = _point(rng, _scaled(self.mean5(question), low, high), low, high, sd=spread)
            reverse = isinstance(question, qm.LikertQuestion) and question.reverse
            return low + high - value if reverse else value
        if isinstance(question, qm.MatrixQuestion):
            return self.matrix(question)
        if isinstance(question, qm.NumberQuestion):
            if question.dont_know and _dont_know(rng, question, group):
                return qm.DONT_KNOW
            return self.number(question)
        if isinstance(question, qm.SingleChoiceQuestion):
            weights = plant.CHOICE.get(question.id, {}).get(group, {})
            values = question.option_values()
            return rng.choices(values, [weights.get(v, 0 if weights else 1) for v in values])[0]
        if isinstance(question, qm.MultiChoiceQuestion):
            return self.multi(question, given)
        if isinstance(question, qm.TextQuestion):
            bank = plant.TEXT_BANK.get(question.id, {}).get(group)
            if bank and rng.random() < plant.TEXT_CHANCE.get(question.id, 0.8):
                return rng.choice(bank)[: question.max_length]
        return None

    def matrix(self, question: qm.MatrixQuestion) -> dict[str, Any] | None:
        scale = self.q.scale_of(question)
        low, high = (scale.min, scale.max) if scale else (1, 5)
        offers_not_used = scale is not None and scale.dont_know is not None
        rows: dict[str, Any] = {}
        for row in question.rows:
            planted = plant.ROWS.get(row.id)
            base = _by_group(self.group, planted.mean if planted else (3.0, 3.0))
            if self.uses(row.id):
                mean = _scaled(base + self.shift + self.lean, low, high)
                rows[row.id] = _point(self.rng, mean, low, high)
            elif offers_not_used:
                rows[row.id] = qm.DONT_KNOW
        return rows or None

    def multi(self, question: qm.MultiChoiceQuestion, given: dict[str, Any]) -> list[str]:
        values = question.option_values()
        chances = plant.MULTI.get(question.id, {}).get(self.group)
        if question.id == "workflows_weekly":
            # Most of the workflows the engineer uses AI for at all, the rest less often.
            rows = {
                r.label: r.id
                for m in self.q.questions()
                if isinstance(m, qm.MatrixQuestion)
                for r in m.rows
            }
            picked = [
                o.value
                for o in question.options
                if o.label in rows and self.uses(rows[o.label]) and self.rng.random() < 0.7
            ]
            return picked or ["none"]
        if chances:
            picked = [v for v in values if self.rng.random() < chances.get(v, 0.0)]
            fallback = "none" if "none" in values else "nothing" if "nothing" in values else None
            return picked or ([fallback] if fallback else [max(chances, key=chances.__getitem__)])
        count = max(question.min_selected or 1, 1)
        count = min(count, question.max_selected or len(values), len(values))
        return self.rng.sample(values, count)

    def number(self, question: qm.NumberQuestion) -> float:
        """A plausible number within the question's bounds."""
        low = question.min if question.min is not None else 0
        high = question.max if question.max is not None else low + 100
        default = ((low + high) / 2, (high - low) / 8)
        mean, sd = plant.NUMBER_MEAN.get(question.id, {}).get(self.group, default)
        if self.group == "frontline":
            mean *= 1 - 0.15 * self.wave_index  # less correcting after 90 days of work on it
        value = max(float(low), min(float(high), self.rng.gauss(mean, sd)))
        return round(value) if question.integer else round(value, 1)


def synthetic_workshop(
    questionnaire: qm.Questionnaire,
    *,
    seed: int = 2026,
    waves: tuple[str, ...] = ("baseline", "90-day"),
) -> list[Record]:
    """Complete store records for a synthetic workshop (see the module docstring)."""
    rng = random.Random(seed)
    records: list[Record] = []
    groups = [g for g in questionnaire.group_ids if g in GROUP_SIZES] or questionnaire.group_ids
    for wave_index, wave in enumerate(waves):
        wave_start = _BASE_TIME + timedelta(days=90 * wave_index)
        for group in groups:
            for _ in range(GROUP_SIZES.get(group, 8)):
                answers = _Respondent(questionnaire, rng, group, wave_index).answers()
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


def _by_group(group: str, frontline_executive: tuple[float, float]) -> float:
    """A planted value for ``group``: frontline's, executives', or halfway (managers)."""
    front, execu = frontline_executive
    return {"executive": execu, "frontline": front}.get(group, (front + execu) / 2)


def _iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")
