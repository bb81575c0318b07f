"""The ``language`` column: export writes it, import reads and checks it, merge keeps it
(docs/data-exchange.md), through the CLI with real store files."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from survey_tui.cli import main
from survey_tui.core.loader import load
from survey_tui.core.store import ResponseStore

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
BILINGUAL = str(FIXTURES / "languages" / "bilingual.yaml")
ONE_LANGUAGE = str(FIXTURES / "data_exchange" / "survey.yaml")

HEADER = "response_id,group,wave,submitted_at,language,productivity,uses_ai,notes\n"
ROWS = (
    "11111111-1111-4111-8111-111111111111,executive,w1,2026-11-01,de,4,Ja,Gut\n"
    "22222222-2222-4222-8222-222222222222,frontline,w1,2026-11-01,EN,2,No,\n"
    "33333333-3333-4333-8333-333333333333,frontline,w1,2026-11-02,,5,yes,\n"
)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout, result.stderr


def write(tmp_path: Path, text: str, name: str = "in.csv") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_import_reads_the_language_and_labels_in_it(tmp_path: Path) -> None:
    db = str(tmp_path / "r.json")
    code, out, err = run("--db", db, "import", BILINGUAL, write(tmp_path, HEADER + ROWS))
    assert code == 0, err
    assert "imported 3 responses" in out
    stored = {r["response_id"][:4]: r for r in ResponseStore(db).responses("lang-test")}
    assert stored["1111"]["language"] == "de"
    assert stored["1111"]["answers"]["uses_ai"] == "yes"  # the German label "Ja"
    assert stored["2222"]["language"] == "en"  # any case, stored as declared
    assert stored["3333"]["language"] == "en"  # empty: the default language


def test_export_writes_the_language_and_reimports_to_the_same_bytes(tmp_path: Path) -> None:
    db = str(tmp_path / "r.json")
    assert run("--db", db, "import", BILINGUAL, write(tmp_path, HEADER + ROWS))[0] == 0
    code, exported, _ = run("--db", db, "export", BILINGUAL)
    assert code == 0
    lines = exported.splitlines()
    assert lines[0] == HEADER.strip()
    assert [line.split(",")[4] for line in lines[1:]] == ["de", "en", "en"]
    db2 = str(tmp_path / "r2.json")
    assert run("--db", db2, "import", BILINGUAL, write(tmp_path, exported, "out.csv"))[0] == 0
    assert run("--db", db2, "export", BILINGUAL)[1] == exported

    out = tmp_path / "o.json"
    assert run("--db", db, "export", BILINGUAL, "--format", "json", "-o", str(out))[0] == 0
    assert [r["language"] for r in json.loads(out.read_text())] == ["de", "en", "en"]


def test_an_undeclared_language_is_a_bad_row_and_nothing_is_written(tmp_path: Path) -> None:
    db = tmp_path / "r.json"
    bad = HEADER + ROWS + "44444444-4444-4444-8444-444444444444,frontline,w1,,dee,3,No,\n"
    csv_file = write(tmp_path, bad)
    code, _, err = run("--db", str(db), "import", BILINGUAL, csv_file)
    assert code == 2
    assert f"{csv_file}:5:" in err and "language" in err
    assert "'dee' is not a declared language (did you mean 'de'?)" in err
    assert not db.exists()


def test_a_questionnaire_without_languages_has_no_language_column(tmp_path: Path) -> None:
    db = str(tmp_path / "r.json")
    header = "response_id,group,productivity,uses_ai,tools.copilot,tools.chat,notes,language\n"
    good = header + "a1,executive,4,no,4,5,,\n"
    assert run("--db", db, "import", ONE_LANGUAGE, write(tmp_path, good))[0] == 0
    assert "language" not in ResponseStore(db).responses("data-test")[0]
    assert "language" not in run("--db", db, "export", ONE_LANGUAGE)[1].splitlines()[0]
    code, _, err = run(
        "--db", db, "import", ONE_LANGUAGE, write(tmp_path, header + "a2,executive,4,no,4,5,,de\n")
    )
    assert code == 2 and "declares no languages" in err


def test_reimport_with_another_language_is_reported(tmp_path: Path) -> None:
    db = str(tmp_path / "r.json")
    assert run("--db", db, "import", BILINGUAL, write(tmp_path, HEADER + ROWS))[0] == 0
    changed = HEADER + ROWS.replace("w1,2026-11-01,de,", "w1,2026-11-01,en,").replace(
        ",Ja,", ",yes,"
    )
    code, out, err = run("--db", db, "import", BILINGUAL, write(tmp_path, changed, "again.csv"))
    assert code == 0 and "0 responses, 3 already present" in out
    assert "1 rows have a response_id already stored with other answers" in err


def test_merge_keeps_each_response_language(tmp_path: Path) -> None:
    q = load(BILINGUAL)
    laptop1 = ResponseStore(tmp_path / "laptop1.json")
    laptop2 = ResponseStore(tmp_path / "laptop2.json")
    german = laptop1.start(q.in_language("de"), group="frontline")
    english = laptop2.start(q, group="executive")
    for store, record in ((laptop1, german), (laptop2, english)):
        record["status"] = "complete"
        record["submitted_at"] = record["updated_at"]
        store.save(record)
    into = str(tmp_path / "all.json")
    code, _, err = run("merge", "--into", into, str(laptop1.path), str(laptop2.path))
    assert code == 0, err
    merged = {r["response_id"]: r for r in ResponseStore(into).responses("lang-test")}
    assert merged[german["response_id"]]["language"] == "de"
    assert merged[english["response_id"]]["language"] == "en"
