"""``import`` refuses what would lose answers silently: CSV shapes, hidden cells, multi values."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from survey_tui.cli import main
from survey_tui.core.store import ResponseStore

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "data_exchange"
ROUTING = str(FIXTURES / "routing.yaml")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # CSV shapes that used to lose a cell, a whole tail of a row, or swallow the next lines
        ("shape_duplicate_header.csv", ":1: q1: column appears twice"),
        ("shape_extra_fields.csv", ":2: row has 8 fields, the header has 6"),
        ("shape_unterminated_quote.csv", ":2: unterminated quote"),
        ("shape_semicolon.csv", ":1: the file seems to use ';' as the separator; use ','"),
        # answers the row's routing would never ask for used to be dropped without a word
        ("hidden_by_group.csv", ":2: q2: not asked to group 'b'"),
        (
            "hidden_by_condition.csv",
            ":2: q3: hidden by its condition (q1 <= 2) for this row's answers",
        ),
        # a multi_choice cell: repeated values, or two unknown values (a split 'Other' answer)
        ("bad_multi_duplicate.csv", ":2: m: 'X' is chosen twice"),
        ("bad_multi_two_others.csv", ":2: m: only one 'Other' answer is allowed"),
        # unknown columns get a did-you-mean
        ("unknown_columns.csv", ":1: Q2: unknown column (did you mean q2?)"),
    ],
)
def test_each_refused_file_names_the_line_and_writes_nothing(
    tmp_path: Path, name: str, expected: str
) -> None:
    db = tmp_path / "r.json"
    code, _, err = run("--db", str(db), "import", ROUTING, str(FIXTURES / name))
    assert code == 2
    assert f"{FIXTURES / name}{expected}" in err
    assert "Traceback" not in err
    assert list(tmp_path.iterdir()) == []  # no store, no lock file


def test_hidden_cells_count_as_bad_rows_for_skip_bad_rows(tmp_path: Path) -> None:
    db = str(tmp_path / "r.json")
    name = tmp_path / "mixed.csv"
    text = (FIXTURES / "hidden_by_group.csv").read_text()
    name.write_text(text + "r2,a,3,2,,\n")
    code, out, err = run("--db", db, "import", ROUTING, str(name), "--skip-bad-rows")
    assert code == 0, err
    assert "imported 1 responses" in out and "1 bad rows skipped" in out
    assert f"skipped: {name}:2: q2: not asked to group 'b'" in err
    assert [r["response_id"] for r in ResponseStore(db).responses()] == ["r2"]


def test_a_row_with_several_errors_reports_each(tmp_path: Path) -> None:
    name = FIXTURES / "several_errors.csv"
    code, _, err = run("--db", str(tmp_path / "r.json"), "import", ROUTING, str(name))
    assert code == 2
    assert f"{name}:3: q2: 7 is outside the scale 1..3" in err
    assert f"{name}:3: q1: required answer is missing" in err
    assert f"{name}:2:" not in err


def test_excel_empty_rows_are_skipped_like_blank_lines(tmp_path: Path) -> None:
    db = str(tmp_path / "r.json")
    code, out, err = run("--db", db, "import", ROUTING, str(FIXTURES / "empty_rows_excel.csv"))
    assert code == 0, err
    assert "imported 1 responses" in out and "0 bad rows" in out


def test_scale_labels_are_accepted_like_option_labels(tmp_path: Path) -> None:
    db = str(tmp_path / "r.json")
    code, _, err = run("--db", db, "import", ROUTING, str(FIXTURES / "scale_labels.csv"))
    assert code == 0, err
    stored = ResponseStore(db).get("r1")
    assert stored is not None
    assert stored["answers"] == {"q1": 3, "q2": 2, "m": ["x", "My own tool"]}
