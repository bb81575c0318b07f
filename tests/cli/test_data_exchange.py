"""import / export / merge through the CLI, as a user runs them (real store files)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from survey_tui.cli import main
from survey_tui.core.store import ResponseStore

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "data_exchange"
SURVEY = str(FIXTURES / "survey.yaml")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout, result.stderr


def test_import_export_round_trip(tmp_path: Path) -> None:
    db = str(tmp_path / "r.json")
    code, out, err = run("--db", db, "import", SURVEY, str(FIXTURES / "good.csv"))
    assert code == 0, err
    assert "imported 3 responses" in out
    stored = ResponseStore(db).responses("data-test")
    first = next(r for r in stored if r["response_id"].startswith("1111"))
    assert first["answers"] == {
        "productivity": 4,
        "uses_ai": "yes",
        "use_cases": ["code_review", "tests"],
        "hours": 2.5,
        "tools": {"copilot": 4, "chat": 5},
        "notes": "Faster, mostly",
    }
    assert first["mode"] == "import" and first["wave"] == "w1"
    second = next(r for r in stored if r["response_id"].startswith("2222"))
    assert second["submitted_at"] == "2026-11-01T10:00:00Z" and second["wave"] == "default"
    assert second["answers"]["uses_ai"] == "no"  # the label "No" is accepted

    code, exported, _ = run("--db", db, "export", SURVEY)
    assert code == 0
    csv_file = tmp_path / "out.csv"
    csv_file.write_text(exported)
    db2 = str(tmp_path / "r2.json")
    assert run("--db", db2, "import", SURVEY, str(csv_file))[0] == 0
    assert run("--db", db2, "export", SURVEY)[1] == exported

    # re-importing never duplicates
    code, out, _ = run("--db", db, "import", SURVEY, str(csv_file))
    assert "imported 0 responses, 3 already present" in out
    assert len(ResponseStore(db).responses("data-test")) == 3

    code, _, _ = run(
        "--db", db, "export", SURVEY, "--format", "json", "-o", str(tmp_path / "o.json")
    )
    records = json.loads((tmp_path / "o.json").read_text())
    assert {r["response_id"] for r in records} == {r["response_id"] for r in stored}
    assert run("--db", db, "export", SURVEY, "--wave", "w1")[1].count("\n") == 3


@pytest.mark.parametrize(
    ("name", "column", "message"),
    [
        ("bad_scale.csv", "productivity", "outside the scale"),
        ("bad_option.csv", "uses_ai", "not an option"),
        ("bad_required.csv", "use_cases", "required"),
        ("bad_range.csv", "hours", "above the maximum"),
        ("bad_group.csv", "group", "not a group"),
        ("bad_number_nan.csv", "hours", "'nan' is not a number"),
    ],
)
def test_each_bad_row_is_named_and_nothing_written(
    tmp_path: Path, name: str, column: str, message: str
) -> None:
    db = tmp_path / "r.json"
    code, _, err = run("--db", str(db), "import", SURVEY, str(FIXTURES / name))
    assert code == 2
    assert f"{FIXTURES / name}:2: {column}:" in err and message in err
    assert "Traceback" not in err
    assert not db.exists()


def test_a_huge_number_is_a_bad_row_not_a_crash(tmp_path: Path) -> None:
    # orjson cannot store integers beyond 64 bits: the row must be refused, not crash the save.
    db = tmp_path / "r.json"
    name = FIXTURES / "bad_number_too_large.csv"
    code, _, err = run("--db", str(db), "import", str(FIXTURES / "unbounded.yaml"), str(name))
    assert code == 2
    assert f"{name}:2: hours: 99999999999999999999 is too large" in err
    assert not db.exists()


def test_an_id_of_another_questionnaire_is_refused_not_dropped(tmp_path: Path) -> None:
    # Web forms number rows 1, 2, 3: a second questionnaire's row with a taken id must not
    # vanish as "already present".
    db = str(tmp_path / "r.json")
    assert run("--db", db, "import", SURVEY, str(FIXTURES / "good.csv"))[0] == 0
    before = (tmp_path / "r.json").read_bytes()
    other = FIXTURES / "id_of_another_questionnaire.csv"
    code, _, err = run("--db", db, "import", str(FIXTURES / "unbounded.yaml"), str(other))
    assert code == 2
    assert "11111111-1111-4111-8111-111111111111" in err and "'data-test'" in err
    assert (tmp_path / "r.json").read_bytes() == before
    assert ResponseStore(db).responses("unbounded") == []


def test_reimport_of_a_changed_row_keeps_the_stored_one_and_warns(tmp_path: Path) -> None:
    db = str(tmp_path / "r.json")
    assert run("--db", db, "import", SURVEY, str(FIXTURES / "good.csv"))[0] == 0
    changed = tmp_path / "changed.csv"
    text = (FIXTURES / "good.csv").read_text()
    changed.write_text(
        text.replace("executive,w1,2026-11-01T10:00:00Z,4,", "executive,w1,2026-11-01T10:00:00Z,1,")
    )
    code, out, err = run("--db", db, "import", SURVEY, str(changed))
    assert code == 0 and "already present" in out
    assert "warning: 1 rows" in err and "11111111-1111-4111-8111-111111111111" in err
    stored = ResponseStore(db).get("11111111-1111-4111-8111-111111111111")
    assert stored is not None and stored["answers"]["productivity"] == 4


def test_skip_bad_rows(tmp_path: Path) -> None:
    db = str(tmp_path / "r.json")
    code, _, err = run("--db", db, "import", SURVEY, str(FIXTURES / "mixed.csv"))
    assert code == 2 and "mixed.csv:3: tools.copilot:" in err
    code, out, err = run(
        "--db", db, "import", SURVEY, str(FIXTURES / "mixed.csv"), "--skip-bad-rows"
    )
    assert code == 0 and "imported 2 responses" in out and "1 bad rows skipped" in out
    assert "mixed.csv:3" in err


def test_merge_duplicates_and_versions(tmp_path: Path) -> None:
    a, b, v2, into = (str(tmp_path / n) for n in ("a.json", "b.json", "v2.json", "all.json"))
    assert run("--db", a, "import", SURVEY, str(FIXTURES / "good.csv"))[0] == 0
    assert run("--db", b, "import", SURVEY, str(FIXTURES / "mixed.csv"), "--skip-bad-rows")[0] == 0
    assert run("--db", b, "import", SURVEY, str(FIXTURES / "good.csv"))[0] == 0  # duplicates
    code, out, _ = run("merge", "--into", into, a, b)
    # good.csv's third row has no response_id, so each import gave it a new one: 8 rows, 6 ids
    assert code == 0 and "6 new responses, 2 already present" in out
    assert len(ResponseStore(into).responses(status=None)) == 6
    assert "0 new responses" in run("merge", "--into", into, a, b)[1]

    assert (
        run(
            "--db",
            v2,
            "import",
            str(FIXTURES / "survey_v2.yaml"),
            str(FIXTURES / "mixed.csv"),
            "--skip-bad-rows",
        )[0]
        == 0
    )
    before = Path(into).read_bytes()
    code, _, err = run("merge", "--into", into, v2)
    assert code == 2 and "versions" in err and "--keep-versions-apart" in err
    assert Path(into).read_bytes() == before
    code, out, _ = run("merge", "--into", into, v2, "--keep-versions-apart")
    assert code == 0 and "2 new responses" in out
    assert len(ResponseStore(into).responses("data-test", version=2)) == 2
