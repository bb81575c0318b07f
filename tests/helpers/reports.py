"""A small fixed dataset for the report tests: two compared groups and one below the threshold."""

from __future__ import annotations

from typing import Any

from helpers.analysis import questionnaire, record
from survey_tui.core.model import Questionnaire

INJECTION = "| </td><script>alert(1)</script> {{ 7*7 }}"
MANAGER_SECRET = "only-a-manager-wrote-this"


def dataset() -> tuple[Questionnaire, list[dict[str, Any]]]:
    """Questionnaire (min_group_size 3) and records: 4 executives, 5 frontline, 2 managers.

    Only two executives answer ``prod``, so that item's executive cell is suppressed.
    """
    q = questionnaire(min_group_size=3)
    records = []
    for i, value in enumerate([5, 5, 4, 4]):
        answers: dict[str, Any] = {"quality": value, "work": {"code": 5, "docs": 4, "tests": 2}}
        if i < 2:
            answers["prod"] = value
        answers["fixing"] = 10 + i
        records.append(record("executive", answers))
    for i, value in enumerate([1, 2, 2, 1, 2]):
        answers = {"quality": value, "prod": value, "work": {"code": 2, "docs": 4, "tests": 1}}
        answers["fixing"] = 40 + i
        # Every note says "frontline note" (so that names no theme); three say "review" (a
        # theme of min_group_size answers, so quoted: the injected note among them) and three
        # have a second line.
        second = "\nsecond line" if i in (1, 3, 4) else ""
        review = " about review" if i < 3 else ""
        injected = f" {INJECTION}" if i == 0 else ""
        answers["notes"] = f"frontline note {i}{injected}{second}{review}"
        records.append(record("frontline", answers))
    for value in (3, 4):
        answers = {"quality": value, "prod": value, "notes": MANAGER_SECRET, "fixing": 99}
        records.append(record("manager", answers))
    return q, records


def analysis() -> dict[str, Any]:
    """The analysis of :func:`dataset`."""
    from survey_tui.core.analysis import analyze

    q, records = dataset()
    return analyze(q, records)


def interview_dataset() -> tuple[Questionnaire, list[dict[str, Any]]]:
    """:func:`dataset` recorded as interviews: notes (one injected, one from a manager) and
    seconds per question (executives 60 s, frontline 120 s, managers 900 s each)."""
    q, records = dataset()
    spent = {"executive": 60, "frontline": 120, "manager": 900}
    for i, r in enumerate(records):
        r["mode"] = "interview"
        r["seconds"] = {qid: spent[r["group"]] for qid in ("quality", "notes")}
        if r["group"] == "manager":
            r["notes"] = {"quality": MANAGER_SECRET + " note"}
        elif r["group"] == "frontline":
            r["notes"] = {"quality": INJECTION if i % 2 else f"frontline aside {i}\nmore"}
        else:
            r["notes"] = {"prod": f"executive aside {i}"}
    return q, records
