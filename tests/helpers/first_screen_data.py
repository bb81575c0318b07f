"""A small questionnaire that has every part the first screen and the derived sections read:
a time question with a short name, an awareness item, a workflow grid, a metrics theme,
text questions with and without keywords (one not to be quoted), a manager group and a
headcount. Answers are fixed so every figure is known."""

from __future__ import annotations

from typing import Any

from helpers.analysis import record
from survey_tui.core.analysis import analyze
from survey_tui.core.loader import load_bytes
from survey_tui.core.model import Questionnaire

YAML = """
id: gap-test
title: TITLE
version: 1
TOPIC
groups:
  - {id: executive, label: Executives and senior leaders, headcount: 10}
  - {id: frontline, label: "Engineers, architects, tech leads", headcount: 40}
  - {id: manager, label: Engineering managers}
compare: [executive, frontline]
anonymity: {min_group_size: 3}
scales:
  agree5: {min: 1, max: 5}
  help5: {min: 1, max: 5, dont_know: Not used for this}
sections:
  - id: main
    title: Main
    questions:
      - {id: speed, type: likert, scale: agree5, construct: speed, text: WORD tools speed us up}
      - {id: defined, type: likert, scale: agree5, gap: awareness,
         text: {executive: A written definition exists, frontline: I know the definition,
                manager: My team knows the definition}}
      - {id: rework, type: likert, scale: agree5, construct: metrics, text: Rework went down}
      - {id: minutes, type: number, min: 0, max: 480, unit: minutes/day,
         direction: lower_is_better, short: time spent correcting output,
         text: Minutes a day correcting output}
      - id: work
        type: matrix
        scale: help5
        required: false
        construct: workflows
        text: How does it affect each workflow?
        rows:
          - {id: code, label: Writing code}
          - {id: incidents, label: Incident response}
      - id: friction
        type: text
        text: {executive: Where do you hear of friction?, frontline: Where is the friction?,
               manager: Where does your team see friction?}
        themes:
          - {id: review, label: Code review, keywords: [review]}
          - {id: incidents, label: Incidents, keywords: [incident, outage]}
      - {id: feeling, type: text, quote: false, text: How do you feel about it?}
"""
EXECUTIVES = 4
FRONTLINE = 5
MANAGERS = 3
SAID = {
    "executive": ["Probably review", "I hear review is slow", "review", "no idea"],
    "frontline": [
        "Code review of generated code",
        "review takes ages",
        "every review",
        "incident calls",
        "the outage last week",
    ],
    "manager": ["review", "review again", "incidents"],
}


def questionnaire(topic: str | None = None, word: str = "AI") -> Questionnaire:
    text = YAML.replace("TITLE", f"{word} pulse").replace("WORD", word)
    text = text.replace("TOPIC", f"topic: {topic}" if topic else "")
    return load_bytes(text.encode())


def records(wave: str = "now", shift: int = 0, mode: str = "run") -> list[dict[str, Any]]:
    """Executives optimistic, engineers critical, managers between; ``shift`` moves the
    engineers' scale answers up (a later wave closing the gap)."""
    out = []
    for i in range(EXECUTIVES):
        answers = {
            "speed": 5,
            "defined": 5 if i else 4,
            "rework": 4,
            "minutes": [10, 15, 15, 20][i],
            "work": {"code": 5, "incidents": 4},
            "friction": SAID["executive"][i],
            "feeling": "fine",
        }
        out.append(record("executive", answers, wave=wave))
    for i in range(FRONTLINE):
        answers = {
            "speed": min(5, 1 + (i % 2) + shift),
            "defined": 1,
            "rework": 2,
            "minutes": [40, 50, 60, 60, 90][i],
            "work": {"code": 4, "incidents": 1} if i < 4 else {"code": "dont_know"},
            "friction": SAID["frontline"][i],
            "feeling": "tired of review",
        }
        out.append(record("frontline", answers, wave=wave))
    for i in range(MANAGERS):
        answers = {
            "speed": 4,
            "defined": 3,
            "rework": 3,
            "minutes": 30,
            "work": {"code": 4, "incidents": 2},
            "friction": SAID["manager"][i],
        }
        out.append(record("manager", answers, wave=wave))
    for r in out:
        r["mode"] = mode
    return out


def two_waves(mode: str = "run") -> list[dict[str, Any]]:
    before = records("before", 0, mode)
    for r in before:
        r["submitted_at"] = "2026-01-01T00:00:00Z"
    after = records("after", 2, mode)
    for r in after:
        r["submitted_at"] = "2026-04-01T00:00:00Z"
    return before + after


def analysis(**kw: Any) -> dict[str, Any]:
    q = questionnaire()
    return analyze(q, records(), resamples=200, **kw)
