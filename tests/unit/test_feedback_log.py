"""The feedback log's core: the ``feedback_log:`` block's validation, entries from drafts, the
contributor token, the log CSV's row checks, and the dashboard's counts."""

from __future__ import annotations

import os
import socket
from datetime import date
from pathlib import Path

import pytest

from survey_tui.core import owner
from survey_tui.core.errors import QuestionnaireError, SurveyError
from survey_tui.core.feedback import tokens
from survey_tui.core.feedback.csvlog import export_csv, parse_log_rows
from survey_tui.core.feedback.entries import Draft, add_entries, check_draft, make_entry
from survey_tui.core.feedback.live import LiveLog
from survey_tui.core.loader import load, load_bytes
from survey_tui.core.store import ResponseStore

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "feedback"
TEAM = load(FIXTURES / "log_team.yaml")
SOLO = load(FIXTURES / "log_one_group.yaml")
TODAY = date(2026, 12, 1)

BASE = """id: t
title: T
version: 1
groups: [{id: eng, label: Engineers}]
sections:
  - id: s
    title: S
    questions:
      - id: flows
        type: matrix
        scale: {min: 1, max: 5}
        text: Flows
        rows: [{id: a, label: A}]
      - {id: words, type: text, text: Words}
"""


def problems(block: str) -> list[str]:
    with pytest.raises(QuestionnaireError) as caught:
        load_bytes((BASE + block).encode(), "q.yaml")
    return [str(p) for p in caught.value.problems]


def test_the_block_is_checked_with_lines_and_did_you_mean() -> None:
    found = problems(
        "feedback_log:\n"
        "  workflows: {from: flow}\n"
        "  tools: [Copilot, Other, copilot]\n"
        "  outcomes:\n"
        "    - {value: ok, label: OK, saves: true}\n"
        "    - {value: ok, label: Again, saves: false}\n"
    )
    assert found == [
        "q.yaml:16:21: feedback_log.workflows.from: unknown matrix question 'flow' (did you mean 'flows'?)",
        "q.yaml:17:20: feedback_log.tools.1: 'Other' is always offered (with its own text): leave it out",
        "q.yaml:17:27: feedback_log.tools.2: duplicate tool 'copilot'",
        "q.yaml:20:15: feedback_log.outcomes.1.value: duplicate outcome value 'ok' (first on line 19)",
    ]


def test_from_must_name_a_matrix_and_keys_get_did_you_mean() -> None:
    assert problems("feedback_log:\n  workflows: {from: words}\n  tools: [A]\n") == [
        "q.yaml:16:21: feedback_log.workflows.from: 'words' is a text question, not a matrix: 'from' takes the rows of a matrix question"
    ]
    found = problems(
        "feedback_log:\n  workflows: [{id: x, label: X}, {id: x, label: Y}]\n  tool: [A]\n  max_minutes: 0\n"
    )
    assert any("feedback_log.tool: unknown key 'tool' (did you mean 'tools'?)" in p for p in found)
    assert any("feedback_log.max_minutes: must be at least 1, got 0" in p for p in found)


def test_workflows_come_from_the_matrix_and_defaults_apply() -> None:
    assert [w.id for w in TEAM.log_workflows()] == [
        "code_review",
        "test_writing",
        "incident_response",
    ]
    log = TEAM.feedback_log
    assert log is not None and log.max_minutes == 240
    assert [(o.value, o.saves) for o in log.outcomes] == [
        ("helped", True),
        ("corrected", False),
        ("abandoned", False),
    ]
    assert [t.value for t in log.tools] == ["github_copilot", "chatgpt", "claude", "cursor"]


def test_a_draft_resolves_labels_and_a_single_group() -> None:
    entry, found = check_draft(
        SOLO,
        Draft(workflow="Coding", tool="COPILOT", outcome="Faster", minutes="7"),
        contributor="c",
        today=TODAY,
    )
    assert found == [] and entry is not None
    assert (entry["group"], entry["workflow"], entry["tool"], entry["outcome"]) == (
        "team",
        "coding",
        "copilot",
        "faster",
    )
    assert entry["date"] == "2026-12-01" and entry["note"] == ""


def test_every_problem_of_a_draft_is_named_by_field() -> None:
    draft = Draft(
        group="x",
        workflow="",
        tool="Zed",
        outcome="meh",
        minutes="-1",
        note="n" * 501,
        date="2026-13-01",
    )
    entry, found = check_draft(TEAM, draft, contributor="c", today=TODAY)
    assert entry is None
    assert [name for name, _ in found] == [
        "group",
        "workflow",
        "tool",
        "outcome",
        "minutes",
        "note",
        "date",
    ]
    with pytest.raises(SurveyError, match=r"minutes: -1 is outside 0\.\.240 minutes"):
        make_entry(TEAM, draft, contributor="c", today=TODAY)


def test_other_text_that_names_a_listed_tool_is_that_tool() -> None:
    draft = Draft(
        group="frontline",
        workflow="code_review",
        tool="Claude",
        outcome="helped",
        minutes=1,
        other=True,
    )
    entry, _ = check_draft(TEAM, draft, contributor="c", today=TODAY)
    assert entry is not None and entry["tool"] == "claude"


def test_the_contributor_token_is_random_private_and_not_the_machine_token(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "one"))
    first = tokens.device_contributor()
    assert first == tokens.device_contributor()  # kept
    secret = owner.token_path(tokens.CONTRIBUTOR_FILE)
    assert (secret.stat().st_mode & 0o777) == 0o600
    machine = owner.machine_token()
    assert machine is not None and secret.read_text().strip() != machine  # two random values
    assert first not in (secret.read_text().strip(), tokens.stored_contributor(machine))
    for identifying in (socket.gethostname(), os.environ.get("USER", "root"), str(tmp_path)):
        assert identifying not in first
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "two"))
    assert tokens.device_contributor() != first  # another device, another contributor


def test_no_contributor_token_is_an_error_not_a_new_contributor_each_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "file").write_text("")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "file"))
    with pytest.raises(SurveyError, match="cannot keep this device's contributor token"):
        tokens.device_contributor()


def test_last_choices_are_remembered_per_questionnaire(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert tokens.last_choices("a") == {}
    tokens.remember_choices("a", {"group": "g", "workflow": "w", "tool": "t"})
    tokens.remember_choices("b", {"group": "h", "workflow": "v", "tool": "u"})
    assert tokens.last_choices("a") == {"group": "g", "workflow": "w", "tool": "t"}
    owner.token_path(tokens.CHOICES_FILE).write_text("not json")
    assert tokens.last_choices("a") == {}


HEADER = ["date", "group", "workflow", "tool", "outcome", "minutes", "note"]


def test_csv_rows_are_checked_all_together() -> None:
    rows = [
        (
            2,
            dict(
                zip(
                    HEADER,
                    ["2026-11-02", "frontline", "test_writing", "Zed", "helped", "5", "'=cmd"],
                    strict=True,
                )
            ),
        ),
        (
            3,
            dict(
                zip(
                    HEADER,
                    ["", "frontline", "test_writing", "claude", "helped", "5", ""],
                    strict=True,
                )
            ),
        ),
    ]
    entries, found, bad = parse_log_rows(TEAM, "f.csv", HEADER, rows, b"data", today=TODAY)
    assert bad == 1 and [str(p) for p in found] == ["f.csv:3: date: the required value is missing"]
    [entry] = entries
    assert entry["tool"] == "Zed" and entry["note"] == "=cmd"  # Other; the ' of the export removed
    again, _, _ = parse_log_rows(TEAM, "f.csv", HEADER, rows, b"data", today=TODAY)
    assert again[0]["entry_id"] == entry["entry_id"]  # the same file gives the same ids
    assert again[0]["contributor"] == entry["contributor"] == tokens.file_contributor(b"data")


def test_unknown_and_missing_columns() -> None:
    _, found, _ = parse_log_rows(TEAM, "f.csv", ["date", "workflw", "tool"], [], b"", today=TODAY)
    shown = [str(p) for p in found]
    assert "f.csv:1: workflw: unknown column (did you mean workflow?)" in shown[0]
    assert "f.csv:1: group: the required column is missing" in shown


def test_export_applies_the_spreadsheet_rule_to_text_only() -> None:
    draft = Draft(
        group="frontline",
        workflow="code_review",
        tool="+SUM(1)",
        outcome="helped",
        minutes=5,
        note="-2+3",
        other=True,
    )
    entry = make_entry(TEAM, draft, contributor="c", today=TODAY)
    text = export_csv([entry]).decode()
    assert ",'+SUM(1),helped,5,'-2+3,c\n" in text
    assert text.startswith(
        "entry_id,questionnaire_id,group,date,workflow,tool,outcome,minutes,note,contributor\n"
    )


def test_live_counts_follow_additions_and_undo(tmp_path: Path) -> None:
    store = ResponseStore(tmp_path / "r.json")
    live = LiveLog(TEAM.id)
    assert live.poll(store) is True and live.counts(TODAY).entries == 0
    assert live.poll(store) is False  # nothing changed
    draft = Draft(
        group="frontline",
        workflow="code_review",
        tool="claude",
        outcome="helped",
        minutes=5,
        date="2026-11-30",
    )
    add_entries(store, [make_entry(TEAM, draft, contributor="a", today=TODAY)])
    add_entries(
        store,
        [
            make_entry(
                TEAM,
                Draft(**{**draft.__dict__, "date": "2026-11-20"}),
                contributor="b",
                today=TODAY,
            )
        ],
    )
    assert live.poll(store) is True
    counts = live.counts(TODAY)
    assert (counts.entries, counts.contributors, counts.today, counts.this_week) == (2, 2, 0, 1)
