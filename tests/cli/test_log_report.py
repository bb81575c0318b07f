"""The reports' "Friction log": its figures are the analysis' ``log`` (formatted, never
recomputed), withheld rows say so, notes never appear, and labels are Markdown-safe."""

from __future__ import annotations

from pathlib import Path

import orjson
from helpers.feedback_log import TEAM, run, team_store


def test_the_gap_report_prints_the_analysis_log(tmp_path: Path) -> None:
    db = team_store(tmp_path)
    log = orjson.loads(run("analyze", TEAM, "--db", str(db), "--json")[1])["log"]
    code, report, err = run("report", TEAM, "--db", str(db))
    assert code == 0, err
    section = report[report.index("## Friction log") : report.index("## Methodology")]
    tests = next(r for r in log["by_workflow"] if r["key"] == "test_writing")
    lost = tests["minutes_lost"]
    assert f"**Test writing**: {lost['total']:g} min lost in {tests['entries']} entries" in section
    assert f"(median {lost['median']:g} min when it did not help)" in section
    assert "| Incident response | withheld (fewer than 3 contributors) |" in section
    assert (
        "rated it 25.0/100 in the survey; the log shows 4 entries, 100.0% Needed correction"
        in section
    )
    assert "| 2026-11-02 | 8 | 80 | 46 |" in section  # the week of the entries


def test_the_brief_names_the_costliest_workflow(tmp_path: Path) -> None:
    db = team_store(tmp_path)
    code, brief, _ = run("report", TEAM, "--db", str(db), "--template", "executive_brief")
    assert code == 0
    assert "- **Costs the most time:** Test writing, 46 min lost over 4 entries" in brief


def test_notes_never_reach_a_report(tmp_path: Path) -> None:
    db = team_store(tmp_path)
    args = ["--group", "frontline", "--workflow", "test_writing", "--tool", "claude"]
    run(
        "log",
        TEAM,
        "--db",
        str(db),
        *args,
        "--outcome",
        "corrected",
        "--minutes",
        "3",
        "SECRET <b>x</b>",
    )
    for extra in ([], ["--format", "html"], ["--template", "executive_brief"]):
        code, out, _ = run("report", TEAM, "--db", str(db), *extra)
        assert code == 0 and "SECRET" not in out


def test_workflow_labels_are_markdown_safe(tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.yaml"
    text = (
        Path(TEAM)
        .read_text()
        .replace(
            "label: Test writing}",
            'label: "Tests <img src=x onerror=alert(1)> **x** [a](javascript:b)"}',
        )
    )
    hostile.write_text(text)
    db = team_store(tmp_path)
    code, out, err = run("report", str(hostile), "--db", str(db), "--format", "html")
    assert code == 0, err
    assert "<img" not in out and 'href="javascript' not in out  # text, never a tag or link
    assert (
        "<strong>Tests &lt;img src=x onerror=alert(1)&gt; **x** [a](javascript:b)</strong>: 46 min lost"
        in out
    )


def test_no_friction_log_without_a_feedback_log(tmp_path: Path) -> None:
    db = team_store(tmp_path)
    plain = tmp_path / "plain.yaml"
    text = Path(TEAM).read_text()
    plain.write_text(text[: text.index("feedback_log:")])
    code, out, _ = run("report", str(plain), "--db", str(db))
    assert code == 0 and "Friction log" not in out
    assert orjson.loads(run("analyze", str(plain), "--db", str(db), "--json")[1])["log"] is None
