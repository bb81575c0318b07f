"""Seeded, realistic datasets for the report golden files (and the interview digest tests).

``workshop()``: the flagship questionnaire through ``core.demo.synthetic_workshop`` with the
managers cut to 4 per wave, so one group is below the anonymity threshold (5) and must not
appear anywhere. ``interviews()``: the shipped interview guide with 6 executive and 7 frontline
interviews: ratings, text answers, interviewer notes and seconds per question.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from survey_tui.core.demo import synthetic_workshop
from survey_tui.core.loader import load
from survey_tui.core.model import Questionnaire

ROOT = Path(__file__).resolve().parents[2]
FLAGSHIP = ROOT / "questionnaires" / "ai_expectation_gap.yaml"
GUIDE = ROOT / "questionnaires" / "ai_implementation_interview.yaml"
SEED = 11
INJECTED_NOTE = "</td><script>alert(1)</script> {{ 7*7 }} | pipe"

# What interviewees said (text answers) and what the interviewer noted, per group. Each
# interviewee gets a different sentence (sampled without replacement), as in real notes.
_ANSWERS: dict[str, dict[str, list[str]]] = {
    "workflow_help_friction": {
        "frontline": [
            "Helps with tests and docs. Gets in the way in incidents: confident and wrong.",
            "Boilerplate is faster. Review takes longer because I check every generated line.",
            "Useful for explaining old code; useless for our deployment scripts.",
            "Great for first drafts of SQL; it never knows our schema conventions.",
            "Helps me write test fixtures. Hurts when juniors paste answers they cannot explain.",
            "Saves time on documentation. Costs time in code review.",
            "It helps with regular expressions and shell one-liners, not with design.",
        ],
        "executive": [
            "Code generation is where we see the speed-up.",
            "Documentation has improved; I am told review is slower.",
            "Onboarding: new joiners get productive faster, or so the leads say.",
            "I assume testing, because coverage went up.",
            "Mostly prototyping. I have not heard about friction.",
            "Customer-facing teams say support triage is faster.",
        ],
    },
    "one_change": {
        "frontline": [
            "Let us use the approved tool on the main repository.",
            "Ask us before the next rollout.",
            "Count the time we spend fixing output, then decide.",
            "Stop measuring licence usage as if it were success.",
            "Give us a way to report bad suggestions that someone actually reads.",
            "Train reviewers on what generated code gets wrong.",
            "Let each team pick where it uses AI and where it does not.",
        ],
        "executive": [
            "Measure rework, not licences.",
            "Give teams time to redesign the workflows.",
            "Hear directly from engineers every month.",
            "Agree one success metric before the next budget round.",
            "Fewer tools, better integrated.",
            "Share the results of this exercise with the whole organisation.",
        ],
    },
}
_NOTES: dict[str, dict[str, list[str]]] = {
    "trust_output": {
        "frontline": [
            "Hesitated, then rated low; pointed to the incident in March.",
            "[seemed resigned] 'You learn not to trust it.'",
            "Asked whether 'build on it' means merging it unreviewed before rating.",
            "Rated 2; says it is fine for tests, not for production code.",
            "Quick answer, no hesitation.",
            "Described a rollback caused by a generated migration.",
            "Laughed, then rated low.",
        ],
        "executive": [
            "Rated high without hesitation.",
            "Wants evidence before rating higher.",
            "Said the leads would know better.",
            "[optimistic, but few concrete examples]",
            "Mentioned a vendor benchmark as the basis.",
            "Rated after a long pause.",
        ],
    },
    "success_defined": {
        "frontline": [
            "Has never seen a written goal.",
            "'Success is whatever the slide says.'",
            "Thinks the goal is licence adoption.",
            "Heard of a goal at the all-hands, could not say what it was.",
            "Asked the interviewer whether there is one.",
            "[frustrated] nobody asked the team.",
            "Assumes it is about headcount.",
        ],
        "executive": [
            "Believes the goal is in the strategy deck; could not quote it.",
            "Named developer productivity, no number.",
            "Said the 90-day goal is still being drafted.",
            "Pointed to the adoption dashboard.",
            "Named faster delivery; agreed it is not written down.",
            "Unsure who owns the goal.",
        ],
    },
}
SIZES = {"executive": 6, "frontline": 7}


def workshop(seed: int = SEED) -> tuple[Questionnaire, list[dict[str, Any]]]:
    """The flagship workshop, two waves; managers cut to 4 per wave (below the threshold)."""
    q = load(FLAGSHIP)
    records = synthetic_workshop(q, seed=seed)
    kept: list[dict[str, Any]] = []
    managers: dict[str, int] = {}
    for record in records:
        if record["group"] == "manager":
            managers[record["wave"]] = managers.get(record["wave"], 0) + 1
            if managers[record["wave"]] > 4:
                continue
        kept.append(record)
    return q, kept


def interviews(seed: int = SEED) -> tuple[Questionnaire, list[dict[str, Any]]]:
    """Interview records for the shipped guide: ratings, text answers, notes and timings."""
    q = load(GUIDE)
    rng = random.Random(seed)
    base = synthetic_workshop(q, seed=seed, waves=("default",))
    records = []
    for group, size in SIZES.items():
        mine = [r for r in base if r["group"] == group][:size]
        for index, record in enumerate(mine):
            answers = dict(record["answers"])
            notes: dict[str, str] = {}
            for qid, bank in _ANSWERS.items():
                answers[qid] = bank[group][index]
            for qid, bank in _NOTES.items():
                if rng.random() < 0.8:
                    notes[qid] = bank[group][index]
            seconds = {qid: float(rng.randint(60, 420)) for qid in answers}
            records.append(
                {
                    **record,
                    "mode": "interview",
                    "answers": answers,
                    "notes": notes,
                    "seconds": seconds,
                }
            )
    return q, records
