"""``survey-tui run --plain`` driven through stdin, checked in the real store file."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from survey_tui.cli import main
from survey_tui.core.store import ResponseStore

SMALL = Path(__file__).parent.parent / "ui" / "run_small.yaml"


def run_plain(db: Path, stdin: str, *args: str):
    return CliRunner().invoke(
        main, ["run", str(SMALL), "--plain", "--db", str(db), *args], input=stdin
    )


def test_plain_answers_condition_validation_and_prune(tmp_path: Path) -> None:
    db = tmp_path / "r.json"
    # lik=2 shows "why" (required): empty is refused, then answered; back (<) from hours to
    # change lik to 4 hides "why" again, so its answer must be dropped on submit.
    stdin = "2\n\nbecause\n<\n<\n4\n50\n12\n1,3\n4\n6\n5\n11\n9\n\n\n"
    result = run_plain(db, stdin, "--group", "b")
    assert result.exit_code == 0, result.output
    assert "This question needs an answer." in result.output
    assert "Type a number from 0 to 40 h/week." in result.output
    assert "Choose a number from 1 to 5." in result.output
    [record] = ResponseStore(db).responses("small")
    assert record["group"] == "b"
    assert record["answers"] == {
        "lik": 4,
        "hours": 12,
        "tools": ["copilot", "claude"],
        "grid": {"x": 4, "y": 5},
        "nps": 9,
    }


def test_plain_group_choice_and_partial_on_eof(tmp_path: Path) -> None:
    db = tmp_path / "r.json"
    result = run_plain(db, "2\n5\n")  # group 2, lik 5, then input ends
    assert result.exit_code == 0, result.output
    assert "saved as an unfinished response" in result.output
    assert ResponseStore(db).responses("small") == []
    [partial] = ResponseStore(db).responses("small", status="partial")
    assert partial["group"] == "b"
    assert partial["answers"] == {"lik": 5}


def test_plain_unknown_group_is_exit_2_and_writes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "r.json"
    result = run_plain(db, "", "--group", "nope")
    assert result.exit_code == 2
    assert "unknown group" in result.output
    assert not db.exists()


def test_plain_reads_authored_markdown_as_text() -> None:
    # --plain is for screen readers: "**short**" must not be read as "star star short".
    from survey_tui.plain import readable

    said = readable("A **short** survey, *anonymous*.\n\n* one\n\nSee [the guide](https://x.y).")
    assert said == "A short survey, anonymous.\n\n- one\n\nSee the guide (https://x.y)."
    assert readable("snake_case and 2*3*4 stay") == "snake_case and 2*3*4 stay"


DONT_KNOW = Path(__file__).parents[1] / "fixtures" / "dont_know.yaml"


def test_plain_offers_dont_know_where_the_scale_or_number_has_it(tmp_path: Path) -> None:
    db = tmp_path / "r.json"
    # lik: "?", grid: row code "?" and row tests 4, hours: the label typed out, rating: "?"
    # is refused (its scale has no "don't know"), then 3; Enter submits.
    stdin = "?\n?\n4\nnot sure\n?\n3\n\n"
    result = CliRunner().invoke(
        main, ["run", str(DONT_KNOW), "--plain", "--db", str(db)], input=stdin
    )
    assert result.exit_code == 0, result.output
    assert "  ? = I don't know" in result.output
    assert "Writing code (1-5, ? = Not used for this): " in result.output
    assert "  ? = Not sure" in result.output
    rating = result.output[result.output.index("How good is the tooling?") :]
    assert "? =" not in rating.split("Review")[0]
    assert "Choose a number from 1 to 5." in rating  # "?" refused where not offered
    assert "I don't know" in rating and "Writing code: Not used for this" in rating
    [record] = ResponseStore(db).responses("dont-know")
    assert record["answers"] == {
        "lik": "dont_know",
        "grid": {"code": "dont_know", "tests": 4},
        "hours": "dont_know",
        "rating": 3,
    }
