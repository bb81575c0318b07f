"""``evidence git|import|list`` and ``report --plan|--propose-plan`` on real stores."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers.evidence_history import EXPECTED, SECRETS, build

from survey_tui.cli import main
from survey_tui.core.store import ResponseStore

ROOT = Path(__file__).resolve().parents[2]
FLAGSHIP = "ai-expectation-gap"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("history") / "shop-api").path


def _store_bytes(db: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(db.parent.glob(db.name + "*")) if p.is_file())


def test_git_stores_every_weekly_figure_and_lists_them(repo: Path, tmp_path: Path) -> None:
    db = tmp_path / "r.json"
    code, out, err = run("--db", str(db), "evidence", "git", str(repo))
    assert code == 0, err
    assert out.startswith("shop-api: 8 weeks (2026-09-07 to 2026-10-26), 17 commits, 5 AI")
    assert "Reading git history" not in err  # no progress bar outside a terminal
    code, out, err = run("--db", str(db), "evidence", "list", "--json")
    records = json.loads(out)
    found: dict[str, dict[str, float]] = {}
    for record in records:
        assert set(record) == {"source", "team", "metric", "week", "value", "unit"}
        assert record["source"] == "shop-api"  # the folder's name, never its path
        found.setdefault(record["week"], {})[record["metric"]] = record["value"]
    assert found == EXPECTED
    # Running it again replaces the same weeks: nothing doubles.
    assert run("--db", str(db), "evidence", "git", str(repo), "--name", "shop-api")[0] == 0
    assert len(json.loads(run("--db", str(db), "evidence", "list", "--json")[1])) == len(records)
    code, table, _ = run("--db", str(db), "evidence", "list")
    assert "shop-api  -     rework_pct           2026-09-28  33.33  %" in table
    assert table.rstrip().endswith("62 weekly values: 8 metrics of 1 source")


def test_bad_input_exits_2_and_writes_nothing(repo: Path, tmp_path: Path) -> None:
    db = tmp_path / "r.json"
    not_repo = tmp_path / "plain"
    not_repo.mkdir()
    code, _, err = run("--db", str(db), "evidence", "git", str(repo), str(not_repo))
    assert code == 2 and err.strip() == f"{not_repo}: git: fatal: not a git repository " \
        "(or any of the parent directories): .git"  # fmt: skip
    code, _, err = run("--db", str(db), "evidence", "git", str(repo), "--name", "../team")
    assert code == 2 and "not a path" in err
    code, _, err = run("--db", str(db), "evidence", "git", str(repo), "--since", "2026-10-05",
                       "--until", "2026-10-01")  # fmt: skip
    assert code == 2 and "is before --since" in err
    code, _, err = run("--db", str(db), "evidence", "git", str(repo), "--since", "05/10/2026")
    assert code == 2 and "Traceback" not in err
    assert not db.exists()
    code, _, err = run("--db", str(db), "evidence", "list")
    assert code == 2 and "no response store" in err


def test_import_is_all_or_nothing(tmp_path: Path) -> None:
    db = tmp_path / "r.json"
    good = tmp_path / "jira-export.csv"
    good.write_text(
        "date,metric,value,team\n2026-11-02,time_to_resolution_hours,9.5,payments\n"
        "2026-11-09,time_to_resolution_hours,9.8,payments\n"
    )
    code, out, err = run("--db", str(db), "evidence", "import", str(good))
    assert code == 0, err
    assert "imported 2 weekly values of 1 metric" in out and "'jira-export'" in out
    before = _store_bytes(db)
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "date,metric,value\n2026-11-16,story_points,40\n2026-11-17,story_points,x\n"
        "2026-11-18,story_points,41\n"
    )
    code, out, err = run("--db", str(db), "evidence", "import", str(bad))
    assert code == 2
    assert err.splitlines() == [
        f"{bad}:3: value: 'x' is not a number",
        f"{bad}:4: date: a second value for story_points in the week of 2026-11-16 (the first "
        "is on line 2): one value per metric, team and week",
    ]
    assert _store_bytes(db) == before
    records = json.loads(run("--db", str(db), "evidence", "list", "--json")[1])
    assert [(r["source"], r["team"], r["week"], r["value"]) for r in records] == [
        ("jira-export", "payments", "2026-11-02", 9.5),
        ("jira-export", "payments", "2026-11-09", 9.8),
    ]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("demo") / "demo.json"
    code, out, err = run("demo", "--db", str(db), "--no-dashboard")
    assert code == 0, err
    assert "weekly values of synthetic delivery metrics; success plan" in out
    assert f"--plan {db.parent / 'demo.plan.yaml'}" in out
    return db


def test_the_demo_holds_evidence_and_a_plan_that_the_90_day_report_scores(
    demo: Path, tmp_path: Path
) -> None:
    records = json.loads(run("--db", str(demo), "evidence", "list", "--json")[1])
    assert {r["source"] for r in records} == {"demo-repo", "demo-tracker"}
    plan = demo.parent / "demo.plan.yaml"
    out = tmp_path / "r.md"
    args = ["report", FLAGSHIP, "--db", str(demo), "--baseline-wave", "baseline"]
    code, _, err = run(*args, "--wave", "90-day", "--plan", str(plan), "-o", str(out))
    assert code == 0, err
    text = out.read_text()
    assert "## Perceived vs measured" in text and "## The 90-day success plan" in text
    assert "| Median time to resolution (demo-tracker, payments) | VP Engineering |" in text
    assert "| **not met** |" in text
    assert "## Proposed 90-day success metric" not in text  # the plan replaces the proposal


def test_the_baseline_report_proposes_a_plan_that_loads_back(demo: Path, tmp_path: Path) -> None:
    proposed, out = tmp_path / "plan.yaml", tmp_path / "r.md"
    args = ["report", FLAGSHIP, "--db", str(demo), "--wave", "baseline"]
    code, _, err = run(*args, "--propose-plan", str(proposed), "-o", str(out))
    assert code == 0, err
    assert f"proposed plan written to {proposed}" in err
    assert "## Proposed 90-day success plan" in out.read_text()
    code, _, err = run(*args, "--plan", str(proposed), "-o", str(tmp_path / "again.md"))
    assert code == 0, err
    code, _, err = run(*args, "--plan", str(proposed), "--propose-plan", str(proposed))
    assert code == 2 and "give one" in err


def test_a_bad_plan_is_located_and_nothing_is_written(demo: Path, tmp_path: Path) -> None:
    plan, out = tmp_path / "plan.yaml", tmp_path / "r.md"
    plan.write_text(
        "metrics:\n  - id: time_to_resolution_hour\n    direction: lower_is_better\n"
        "    baseline: {from: 2026-01-01, to: 2026-02-01}\n    target: 8\n"
        "    due: 2026-04-01\n    owner: VP Engineering\n"
    )
    args = ["report", FLAGSHIP, "--db", str(demo), "--plan", str(plan), "-o", str(out)]
    code, _, err = run(*args)
    assert code == 2 and not out.exists()
    assert err.strip() == (
        f"{plan}:2:9: metrics.0.id: no metric 'time_to_resolution_hour' is stored "
        "(did you mean 'time_to_resolution_hours'?)"
    )


def test_no_name_or_address_from_git_appears_anywhere(
    repo: Path, demo: Path, tmp_path: Path
) -> None:
    db = tmp_path / "d.json"
    db.write_bytes(demo.read_bytes())
    outputs = []
    for args in (
        ["evidence", "git", str(repo)],
        ["evidence", "git", str(repo), "--name", "shop", "--since", "2026-09-21"],
        ["evidence", "list"],
        ["evidence", "list", "--json"],
    ):
        code, out, err = run("--db", str(db), *args)
        assert code == 0, err
        outputs += [out, err]
    for template in ("gap_report", "executive_brief", "workshop_readout"):
        for fmt in ("md", "html"):
            target = tmp_path / f"{template}.{fmt}"
            args = ["report", FLAGSHIP, "--db", str(db), "--template", template]
            code, _, err = run(*args, "--format", fmt, "-o", str(target))
            assert code == 0, err
            outputs += [target.read_text(), err]
    assert "shop-api" in outputs[-6]  # the repository's figures are in the report
    everything = "\n".join(outputs) + _store_bytes(db).decode("utf-8", "replace")
    for secret in SECRETS:
        assert secret.lower() not in everything.lower(), secret


def test_a_real_clone_reads_with_a_progress_bar_in_a_terminal(tmp_path: Path) -> None:
    clone = tmp_path / "survey-tui"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    total = subprocess.run(
        ["git", "-C", str(clone), "rev-list", "--count", "HEAD"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    db, done = tmp_path / "r.json", tmp_path / "exit"
    command = (
        f"cd {ROOT} && PYTHONPATH={ROOT} {sys.executable} -m survey_tui --db {db} "
        f"evidence git {clone}; echo $? > {done}; sleep 30"
    )
    socket = f"evidence-{os.getpid()}"
    session = "evidence"
    subprocess.run(
        ["tmux", "-L", socket, "new-session", "-d", "-s", session, "-x", "100", "-y", "10",
         command], check=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while not done.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        screen = subprocess.run(
            ["tmux", "-L", socket, "capture-pane", "-p", "-t", session],
            capture_output=True, text=True, check=False,
        ).stdout  # fmt: skip
    finally:
        subprocess.run(["tmux", "-L", socket, "kill-server"], check=False)
    assert done.read_text().strip() == "0", screen
    assert "Reading git history" in screen and f"{total}/{total}" in screen, screen
    assert "survey-tui: " in screen and f" {total} commits" in screen, screen


def _commit(repo: Path, day: str, files: dict[str, str], message: str) -> None:
    for name, text in files.items():
        (repo / name).write_text(text)
    env = {**os.environ, "GIT_AUTHOR_DATE": f"{day}T10:00:00+00:00"}
    env["GIT_COMMITTER_DATE"] = env["GIT_AUTHOR_DATE"]
    ident = ["-c", "user.name=N", "-c", "user.email=n@example.invalid"]
    subprocess.run(["git", "-C", str(repo), "add", "-A"], check=True, env=env)
    subprocess.run(["git", "-C", str(repo), *ident, "commit", "-qm", message], check=True, env=env)


def test_a_re_run_leaves_no_stale_week(tmp_path: Path) -> None:
    """A week whose rework share is gone (history rewritten) loses its stored value."""
    work = tmp_path / "repo"
    work.mkdir()
    subprocess.run(["git", "init", "-q", str(work)], check=True)
    _commit(work, "2026-09-07", {"a.txt": "1\n2\n3\n4\n"}, "add")
    _commit(work, "2026-09-15", {"a.txt": "1\n4\n"}, "rewrite young lines")
    db = tmp_path / "r.json"
    assert run("--db", str(db), "evidence", "git", str(work), "--name", "t")[0] == 0
    weeks = {r["week"] for r in ResponseStore(db).rows("evidence") if r["metric"] == "rework_pct"}
    assert weeks == {"2026-09-14"}
    subprocess.run(["git", "-C", str(work), "reset", "-q", "--hard", "HEAD~1"], check=True)
    _commit(work, "2026-09-15", {"b.txt": "new\n"}, "add only")
    assert run("--db", str(db), "evidence", "git", str(work), "--name", "t")[0] == 0
    rows = ResponseStore(db).rows("evidence")
    assert not [r for r in rows if r["metric"] == "rework_pct"]
    commits = {r["week"]: r["value"] for r in rows if r["metric"] == "commits"}
    assert commits == {"2026-09-07": 1, "2026-09-14": 1}
