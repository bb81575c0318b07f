"""The feedback log's CLI tests share these: the team questionnaire, a CLI runner, a store."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from survey_tui.cli import main
from survey_tui.core.store import ResponseStore

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "feedback"
TEAM = str(FIXTURES / "log_team.yaml")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout, result.stderr


def team_store(tmp_path: Path) -> Path:
    """A store with survey responses and a log of 4 contributors (min_group_size 3)."""
    db = tmp_path / "r.json"
    rows = ["entry_id,date,group,workflow,tool,outcome,minutes,note,contributor"]
    for who in range(4):
        rows.append(
            f"e{who},2026-11-0{who + 2},frontline,test_writing,claude,corrected,{10 + who},n,c{who}"
        )
        rows.append(f"f{who},2026-11-0{who + 2},frontline,code_review,claude,helped,20,n,c{who}")
    (tmp_path / "log.csv").write_text("\n".join(rows) + "\n")
    assert run("log", "import", TEAM, str(tmp_path / "log.csv"), "--db", str(db))[0] == 0
    store = ResponseStore(db)
    from survey_tui.core.loader import load

    q = load(TEAM)
    for group in ("executive", "frontline"):
        for _ in range(3):
            record = store.start(q, group=group)
            record["answers"] = {"workflows": {"test_writing": 2, "code_review": 4}}
            store.submit(record)
    return db
