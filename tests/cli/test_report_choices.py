"""``survey-tui report`` on choice questions: "Other" in some shown groups only, and a question
asked of a subset of the groups. Real store, real CLI, Markdown and HTML."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from survey_tui.cli import main

SURVEY = Path(__file__).resolve().parents[1] / "fixtures" / "reports" / "choices.yaml"


def _store(tmp_path: Path, tools: dict[str, list[str]], uses: dict[str, list[list[str]]]) -> Path:
    """A real store: one submitted response per entry of ``tools[group]`` (with ``uses``)."""
    from survey_tui.core.loader import load
    from survey_tui.core.store import ResponseStore

    q = load(SURVEY)
    db = tmp_path / "responses.json"
    store = ResponseStore(db)
    for group, answers in tools.items():
        for i, tool in enumerate(answers):
            response = store.start(q, group=group)
            response["answers"] = {"quality": 3, "tool": tool}
            if group in uses:
                response["answers"]["uses"] = uses[group][i]
            store.submit(response)
    return db


def _report(db: Path, tmp_path: Path, output_format: str) -> str:
    out = tmp_path / f"report.{output_format}"
    args = ["report", str(SURVEY), "--db", str(db), "--format", output_format, "-o", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return out.read_text(encoding="utf-8")


def _rows(text: str, output_format: str) -> list[list[str]]:
    """Every table row of the report as its cells' text."""
    if output_format == "md":
        lines = [line for line in text.splitlines() if line.startswith("| ")]
        return [[cell.strip() for cell in line.strip("|").split("|")] for line in lines]
    rows = re.findall(r"<tr>(.*?)</tr>", text, flags=re.S)
    return [[html.unescape(c) for c in re.findall(r"<t[dh]>(.*?)</t[dh]>", r)] for r in rows]


def _table(text: str, output_format: str, heading: str) -> list[list[str]]:
    """The rows of the choice table under ``heading`` (up to the next heading)."""
    marker = f"### {heading}" if output_format == "md" else f"<h3>{heading}</h3>"
    section = text.split(marker, 1)[1]
    end = re.search(r"\n### |\n## |<h[23]>", section)
    return _rows(section[: end.start()] if end else section, output_format)


THREE_USES = [["code"], ["code", "docs"], ["tests"]]


@pytest.mark.parametrize("output_format", ["md", "html"])
def test_other_only_in_the_first_shown_group(tmp_path: Path, output_format: str) -> None:
    # Used to fail: "'dict object' has no attribute '(other)'" (frontline has no Other count).
    tools = {
        "executive": ["copilot", "copilot", "our own bot"],
        "manager": ["chatgpt", "chatgpt", "copilot"],
        "frontline": ["chatgpt", "chatgpt", "copilot"],
    }
    db = _store(tmp_path, tools, {"manager": THREE_USES, "frontline": THREE_USES})
    table = _table(_report(db, tmp_path, output_format), output_format, "Main tool")
    assert table[0] == ["Answer", "Executives", "Frontline", "Managers"]
    assert ["Copilot", "2", "1", "1"] in table
    assert ["ChatGPT", "0", "2", "2"] in table
    assert ["Other (own answer)", "1", "0", "0"] in table
    assert ["Answered (n)", "3", "3", "3"] in table


@pytest.mark.parametrize("output_format", ["md", "html"])
def test_other_only_in_a_later_shown_group_is_not_dropped(
    tmp_path: Path, output_format: str
) -> None:
    # Used to drop the Other row: the rows came from the first shown group's counts.
    tools = {
        "executive": ["copilot", "copilot", "chatgpt"],
        "manager": ["chatgpt", "chatgpt", "copilot"],
        "frontline": ["chatgpt", "our own bot", "copilot"],
    }
    db = _store(tmp_path, tools, {"manager": THREE_USES, "frontline": THREE_USES})
    text = _report(db, tmp_path, output_format)
    table = _table(text, output_format, "Main tool")
    assert ["Other (own answer)", "0", "1", "0"] in table
    assert "our own bot" not in text  # pooled: never quoted


@pytest.mark.parametrize("output_format", ["md", "html"])
def test_question_asked_of_some_groups_shows_every_option(
    tmp_path: Path, output_format: str
) -> None:
    # Used to show only "Answered (n)", and "suppressed (n < 3)" for the executives.
    tools = {g: ["copilot"] * 3 for g in ("executive", "manager", "frontline")}
    db = _store(tmp_path, tools, {"manager": THREE_USES, "frontline": THREE_USES})
    text = _report(db, tmp_path, output_format)
    table = _table(text, output_format, "What do you use it for")
    assert table[1:] == [
        ["Code", "not asked", "2", "2"],
        ["Docs", "not asked", "1", "1"],
        ["Tests", "not asked", "1", "1"],
        ["Answered (n)", "not asked", "3", "3"],
    ]
    assert "suppressed" not in str(table)


def test_analysis_gives_every_shown_group_the_same_answers(tmp_path: Path) -> None:
    """The shape the report relies on, as ``analyze --format json`` prints it."""
    import json

    tools = {
        "executive": ["copilot", "copilot", "our own bot"],
        "manager": ["chatgpt", "chatgpt", "copilot"],
        "frontline": ["chatgpt", "chatgpt", "copilot"],
    }
    db = _store(tmp_path, tools, {"manager": THREE_USES, "frontline": THREE_USES})
    result = CliRunner().invoke(main, ["analyze", str(SURVEY), "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    found: dict[str, Any] = {d["question"]: d for d in json.loads(result.stdout)["distributions"]}
    tool, uses = found["tool"], found["uses"]
    assert list(tool["options"]) == ["copilot", "chatgpt", "(other)"]
    for gid in ("executive", "manager", "frontline"):
        assert list(tool["groups"][gid]["counts"]) == list(tool["options"])
    assert list(uses["options"]) == ["code", "docs", "tests"]  # no "Other" offered or given
    assert uses["groups"]["executive"] == {
        "n": None,
        "counts": None,
        "suppressed": True,
        "asked": False,
    }
