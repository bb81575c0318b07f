"""Shared builders for the analysis tests: inline questionnaires and store-like records."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

from survey_tui.core.loader import load_bytes
from survey_tui.core.model import Questionnaire

_counter = itertools.count()

BASIC_YAML = """
id: gap-test
title: Gap test
version: 1
groups:
  - {id: executive, label: Executives}
  - {id: frontline, label: Frontline}
  - {id: manager, label: Managers}
compare: [executive, frontline]
anonymity: {min_group_size: MINSIZE}
scales:
  agree5: {min: 1, max: 5}
sections:
  - id: main
    title: Main
    questions:
      - {id: prod, type: likert, scale: agree5, construct: productivity, text: Productive}
      - {id: burden, type: likert, scale: agree5, construct: productivity, reverse: true,
         text: Burden}
      - {id: quality, type: likert, scale: agree5, text: Quality}
      - {id: nps, type: nps, text: Recommend}
      - {id: fixing, type: number, min: 0, max: 100, unit: "%", direction: lower_is_better,
         text: Share needing correction}
      - {id: minutes, type: number, unit: min, text: Minutes correcting}
      - id: work
        type: matrix
        scale: agree5
        text: Where AI helps
        rows:
          - {id: code, label: Writing code}
          - {id: review, label: Code review}
          - {id: tests, label: Tests}
          - {id: docs, label: Docs}
      - {id: tool, type: single_choice, options: [Copilot, ChatGPT], other: true, text: Tool}
      - {id: uses, type: multi_choice, options: [Code, Docs], text: Uses}
      - {id: notes, type: text, text: Notes}
"""


def questionnaire(min_group_size: int = 5, yaml_text: str = BASIC_YAML) -> Questionnaire:
    """The test questionnaire with the given ``min_group_size``."""
    return load_bytes(yaml_text.replace("MINSIZE", str(min_group_size)).encode())


def record(
    group: str, answers: dict[str, Any], *, wave: str = "default", status: str = "complete"
) -> dict[str, Any]:
    """A store record as ResponseStore.responses returns it (only the fields analysis reads)."""
    return {
        "response_id": f"r{next(_counter)}",
        "questionnaire_id": "gap-test",
        "questionnaire_version": 1,
        "group": group,
        "wave": wave,
        "status": status,
        "answers": answers,
    }


def likert_records(group: str, question: str, values: list[int], **kw: Any) -> list[dict[str, Any]]:
    """One record per value, answering only ``question``."""
    return [record(group, {question: v}, **kw) for v in values]


def find(entries: list[dict[str, Any]], key: str, value: str) -> dict[str, Any]:
    """The entry whose ``key`` is ``value``."""
    return next(e for e in entries if e[key] == value)


def stored_answers(
    tmp_path: Path, rows: list[tuple[str, list[int], str]], note: str
) -> tuple[Path, Path, Questionnaire, Any]:
    """A BASIC questionnaire (min size 3) file and a real store holding one submitted response
    per value: ``rows`` are (group, quality values, wave); ``note`` is formatted with group and
    value for the free-text answer. Shared by the analyze and report CLI tests."""
    from survey_tui.core.loader import load
    from survey_tui.core.store import ResponseStore

    qfile = tmp_path / "q.yaml"
    qfile.write_text(BASIC_YAML.replace("MINSIZE", "3"))
    q = load(qfile)
    db = tmp_path / "responses.json"
    store = ResponseStore(db)
    for group, values, wave in rows:
        for value in values:
            response = store.start(q, group=group, wave=wave)
            response["answers"] = {
                "quality": value,
                "notes": note.format(group=group, value=value),
            }
            store.submit(response)
    return qfile, db, q, store
