"""Versions and edited texts through export / merge / analyze (real store files)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from survey_tui.cli import main
from survey_tui.core.store import ResponseStore

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "data_exchange"
SURVEY = str(FIXTURES / "survey.yaml")
SURVEY_V2 = str(FIXTURES / "survey_v2.yaml")
EDITED = str(FIXTURES / "survey_edited_same_version.yaml")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout, result.stderr


def _two_versions_kept_apart(tmp_path: Path) -> str:
    v1, v2, into = (str(tmp_path / n) for n in ("v1.json", "v2.json", "all.json"))
    assert run("--db", v1, "import", SURVEY, str(FIXTURES / "good.csv"))[0] == 0
    mixed = str(FIXTURES / "mixed.csv")
    assert run("--db", v2, "import", SURVEY_V2, mixed, "--skip-bad-rows")[0] == 0
    assert run("merge", "--into", into, v1, v2, "--keep-versions-apart")[0] == 0
    return into


def test_export_writes_only_the_questionnaires_own_version(tmp_path: Path) -> None:
    into = _two_versions_kept_apart(tmp_path)
    v1_ids = {r["response_id"] for r in ResponseStore(into).responses("data-test", version=1)}
    code, out, err = run("--db", into, "export", SURVEY)
    assert code == 0
    exported = {line.split(",")[0] for line in out.splitlines()[1:]}
    assert exported == v1_ids and len(exported) == 3
    assert "note: 2 responses to other versions of 'data-test' left out" in err
    code, out, err = run("--db", into, "export", SURVEY_V2, "--format", "json")
    assert code == 0 and out.count('"questionnaire_version": 2') == 2
    assert "3 responses to other versions" in err


def test_a_plain_merge_after_keeping_versions_apart_adds_no_conflict(tmp_path: Path) -> None:
    into = _two_versions_kept_apart(tmp_path)
    later = str(tmp_path / "later.json")
    assert run("--db", later, "import", SURVEY, str(FIXTURES / "later_v1_response.csv"))[0] == 0
    code, out, err = run("merge", "--into", into, later)
    assert code == 0, err
    assert "1 new responses" in out
    assert ResponseStore(into).get("later-v1") is not None
    # a version the target does not hold yet is still refused
    v3 = tmp_path / "v3.yaml"
    v3.write_text(Path(SURVEY).read_text().replace("version: 1", "version: 3"))
    third = str(tmp_path / "third.json")
    csv_file = str(FIXTURES / "later_v1_response.csv")
    assert run("--db", third, "import", str(v3), csv_file)[0] == 0
    before = Path(into).read_bytes()
    code, _, err = run("merge", "--into", into, third)
    assert code == 2 and "3 (in " in err
    assert Path(into).read_bytes() == before


def test_a_failed_merge_leaves_no_lock_file(tmp_path: Path) -> None:
    not_a_store = tmp_path / "q.yaml"
    not_a_store.write_text(Path(SURVEY).read_text())
    code, _, err = run("merge", "--into", str(tmp_path / "new.json"), str(not_a_store))
    assert code == 2 and "not a valid JSON store" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["q.yaml"]

    v1, v2 = (str(tmp_path / n) for n in ("v1.json", "v2.json"))
    assert run("--db", v1, "import", SURVEY, str(FIXTURES / "good.csv"))[0] == 0
    assert run("--db", v2, "import", SURVEY_V2, str(FIXTURES / "good.csv"))[0] == 0
    code, _, _ = run("merge", "--into", str(tmp_path / "all.json"), v1, v2)
    assert code == 2
    assert not (tmp_path / "all.json").exists() and not (tmp_path / "all.json.lock").exists()


def test_export_of_a_missing_store_is_an_error_and_creates_nothing(tmp_path: Path) -> None:
    db = tmp_path / "none.json"
    code, out, err = run("--db", str(db), "export", SURVEY)
    assert code == 2 and f"no response store at {db}" in err and out == ""
    assert list(tmp_path.iterdir()) == []


def test_responses_to_an_edited_text_are_flagged_everywhere(tmp_path: Path) -> None:
    # The edited file keeps id and version but its scale agree5 now ends at 3: the answers
    # 4 and 5 (productivity of rows 1 and 3, tools.copilot/chat of row 1) no longer fit.
    db = str(tmp_path / "r.json")
    assert run("--db", db, "import", SURVEY, str(FIXTURES / "good.csv"))[0] == 0
    expected = (
        "warning: 3 responses were given to a different text of data-test version 1 "
        "(edited without a version bump?); answers that no longer fit are left out: 4 answers"
    )
    for command in ("analyze", "report", "export"):
        code, _, err = run("--db", db, command, EDITED)
        assert code == 0, err
        assert expected in err, command
    for command in ("analyze", "export"):
        code, _, err = run("--db", db, command, SURVEY)
        assert code == 0 and "different text" not in err
    # the CSV export leaves the misfits out (as the warning says), keeps what still fits
    out_csv = tmp_path / "out.csv"
    assert run("--db", db, "export", EDITED, "-o", str(out_csv))[0] == 0
    rows = [line.split(",") for line in out_csv.read_text().splitlines()]
    header = rows[0]
    cells = {
        row[0]: {k: row[header.index(k)] for k in ("productivity", "tools.copilot", "tools.chat")}
        for row in rows[1:]
    }
    first = cells["11111111-1111-4111-8111-111111111111"]
    assert first == {"productivity": "", "tools.copilot": "", "tools.chat": ""}
    assert cells["22222222-2222-4222-8222-222222222222"] == {
        "productivity": "2",
        "tools.copilot": "3",
        "tools.chat": "3",
    }
