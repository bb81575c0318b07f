"""``survey-tui report`` options of issue 14: the format from the file's extension, headcounts,
an hourly cost, owners and dates of the actions, and the baseline wave found by itself."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from survey_tui.cli import main

QID = "ai-expectation-gap"
TEMPLATES = ["gap_report", "executive_brief", "workshop_readout", "interview_digest"]


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What `survey-tui demo` makes (two waves), by the real command in its own process."""
    db = tmp_path_factory.mktemp("demo") / "demo.json"
    done = subprocess.run(
        [sys.executable, "-m", "survey_tui", "demo", "--db", str(db), "--no-dashboard"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return db


@pytest.fixture(scope="module")
def one_wave_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A first wave only, answered for real (mode "run"): no banner, no trend."""
    from survey_tui.core.catalog import resolve_questionnaire
    from survey_tui.core.demo import synthetic_workshop
    from survey_tui.core.loader import load
    from survey_tui.core.store import ResponseStore

    db = tmp_path_factory.mktemp("one") / "one.json"
    q = load(resolve_questionnaire(QID))
    records = [dict(r, mode="run") for r in synthetic_workshop(q, waves=("kickoff",))]
    ResponseStore(db).insert_many(records)
    return db


def _report(db: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["report", QID, "--db", str(db), *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("name", TEMPLATES)
def test_demo_reports_open_with_banner_trend_and_three_actions(
    demo_store: Path, tmp_path: Path, name: str
) -> None:
    out = tmp_path / f"{name}.html"
    code, _, err = _report(demo_store, "--template", name, "-o", str(out))
    assert code == 0, err
    assert "compared with the earlier wave 'baseline'" in err
    page = out.read_text()
    assert page.startswith("<!DOCTYPE html>")  # HTML from the extension alone
    first = page.split("Three actions", 1)[0]
    assert "Synthetic demo data." in first
    assert "compared with baseline" in first and "Since baseline:" in first
    assert "the Expectation Gap Index went from" in first
    assert page.count("Owner:") == 3 and "<svg" in page


@pytest.mark.parametrize("name", TEMPLATES)
def test_one_wave_reports_say_how_to_get_a_trend(
    one_wave_store: Path, tmp_path: Path, name: str
) -> None:
    out = tmp_path / f"{name}.md"
    code, _, err = _report(one_wave_store, "--template", name, "-o", str(out))
    assert code == 0, err
    text = out.read_text()
    first = text.split("## Three actions", 1)[0]
    assert "Synthetic" not in text and "compared with" not in err
    assert "no earlier wave is compared" in first and "`--baseline-wave kickoff`" in first
    assert "Expectation Gap Index:" in first and text.count("*Owner:") == 3


def test_baseline_none_leaves_the_trend_out(demo_store: Path) -> None:
    code, out, err = _report(demo_store, "--baseline-wave", "none")
    assert code == 0, err
    assert "Since baseline" not in out and "compared with" not in err


def test_an_unknown_extension_is_an_error_and_writes_nothing(
    demo_store: Path, tmp_path: Path
) -> None:
    out = tmp_path / "r.pdf"
    code, _, err = _report(demo_store, "-o", str(out))
    assert code == 2 and not out.exists()
    assert f"{out}: cannot tell the report format from '.pdf'" in err
    assert ".md, .markdown, .html, .htm" in err and "Traceback" not in err


def test_format_wins_over_the_extension(demo_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.txt"
    code, _, err = _report(demo_store, "--format", "md", "-o", str(out))
    assert code == 0, err
    assert out.read_text().startswith("# AI Expectation Gap")


def test_headcount_hourly_cost_and_owners_reach_the_report(demo_store: Path) -> None:
    code, out, err = _report(
        demo_store,
        "--template",
        "executive_brief",
        "--headcount",
        "frontline=120",
        "--headcount",
        "executive=15",
        "--hourly-cost",
        "85",
        "--owner",
        "1=CTO",
        "--owner",
        "fix_workflow=Head of platform",
        "--due",
        "1=end of March",
    )
    assert code == 0, err
    assert "Executives and senior leaders 12 of 15 (80%)" in out
    assert "Engineers, architects, tech leads 40 of 120 (33%)" in out
    assert "*Owner: CTO · Due: end of March*" in out
    assert "*Owner: Head of platform · Due: [date]*" in out
    assert "FTE" in out and "a year" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--headcount", "fronline=3"], "unknown group 'fronline' (did you mean 'frontline'?)"),
        (["--headcount", "frontline=0"], "N must be a whole number of at least 1"),
        (["--headcount", "frontline"], "expected KEY=VALUE"),
        (["--owner", "4=CTO"], "unknown action '4'"),
        (["--owner", "allign=CTO"], "(did you mean 'align'?)"),
        (["--hourly-cost", "0"], "Invalid value for '--hourly-cost'"),
    ],
)
def test_bad_options_exit_2_with_one_clear_line(
    demo_store: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    out = tmp_path / "r.md"
    code, _, err = _report(demo_store, *args, "-o", str(out))
    assert code == 2 and message in err and "Traceback" not in err
    assert not out.exists()
