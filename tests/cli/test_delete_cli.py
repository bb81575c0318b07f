"""Practice runs and mistakes: ``run --test`` marks practice responses; analysis, reports,
export and the dashboard leave them out; ``delete`` removes them, a wave or one response,
asking first (docs/cli.md)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from survey_tui.cli import main
from survey_tui.core.live import LiveResponses
from survey_tui.core.loader import load
from survey_tui.core.store import ResponseStore

SMALL = Path(__file__).parents[1] / "ui" / "run_small.yaml"
# lik 4 (no follow-up), hours 3, tools 1, grid 4 5, nps 9, note skipped, submit.
ANSWERS = "4\n3\n1\n4\n5\n9\n\n\n"


def invoke(*args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args), input=input)


def answer(db: Path, *extra: str) -> None:
    result = invoke(
        "run", str(SMALL), "--plain", "--group", "a", "--db", str(db), *extra, input=ANSWERS
    )
    assert result.exit_code == 0, result.output


def test_practice_is_marked_left_out_and_deleted(tmp_path: Path) -> None:
    db = tmp_path / "r.json"
    answer(db, "--test")
    answer(db, "--test")
    answer(db)
    store = ResponseStore(db)
    records = store.responses("small")
    assert sorted(r.get("test", False) for r in records) == [False, True, True]
    real = next(r for r in records if "test" not in r)

    exported = invoke("export", str(SMALL), "--format", "json", "--db", str(db))
    assert exported.exit_code == 0
    assert exported.stdout.count('"response_id"') == 1 and real["response_id"] in exported.stdout
    assert "2 practice responses (run --test) left out" in exported.stderr
    analysed = invoke("analyze", str(SMALL), "--json", "--db", str(db))
    assert json.loads(analysed.stdout)["groups"]["a"]["n"] == 1
    assert "2 practice responses (run --test) left out" in analysed.stderr
    live = LiveResponses(load(SMALL))
    live.poll(store)
    assert list(live.records) == [real["response_id"]]  # the dashboard counts the real one

    asked = invoke("delete", str(SMALL), "--test", "--db", str(db), input="n\n")
    assert "Delete 2 responses (2 submitted) to 'small'" in asked.output
    assert "Nothing was deleted." in asked.output and len(store.responses("small")) == 3
    done = invoke("delete", str(SMALL), "--test", "--db", str(db), input="y\n")
    assert done.exit_code == 0 and "deleted 2 responses" in done.output
    assert [r["response_id"] for r in ResponseStore(db).responses("small")] == [real["response_id"]]
    again = invoke("delete", str(SMALL), "--test", "--db", str(db), "--yes")
    assert again.exit_code == 0 and "nothing to delete" in again.output


def test_delete_a_wave_or_one_response(tmp_path: Path) -> None:
    db = tmp_path / "r.json"
    answer(db, "--wave", "rehearsal")
    answer(db, "--wave", "rehearsal")
    answer(db, "--wave", "real")
    answer(db, "--wave", "real")
    wrong = invoke("delete", str(SMALL), "--wave", "rehersal", "--yes", "--db", str(db))
    assert wrong.exit_code == 2
    assert "did you mean 'rehearsal'?" in wrong.output and "nothing was deleted" in wrong.output
    gone = invoke("delete", str(SMALL), "--wave", "rehearsal", "--yes", "--db", str(db))
    assert gone.exit_code == 0 and "deleted 2 responses" in gone.output
    left = ResponseStore(db).responses("small")
    assert {r["wave"] for r in left} == {"real"}
    one = left[0]["response_id"]
    done = invoke("delete", str(SMALL), "--response", one, "--yes", "--db", str(db))
    assert done.exit_code == 0 and "deleted 1 response " in done.output
    assert [r["response_id"] for r in ResponseStore(db).responses("small")] == [
        left[1]["response_id"]
    ]


def test_delete_needs_exactly_one_choice_and_a_terminal_or_yes(tmp_path: Path) -> None:
    db = tmp_path / "r.json"
    answer(db, "--test")
    for args in ([], ["--test", "--wave", "x"]):
        result = invoke("delete", str(SMALL), *args, "--db", str(db))
        assert result.exit_code == 2 and "exactly one of" in result.output
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "survey_tui", "delete", str(SMALL), "--test", "--db", str(db)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2 and "add --yes" in done.stderr
    assert len(ResponseStore(db).responses("small")) == 1  # nothing deleted
