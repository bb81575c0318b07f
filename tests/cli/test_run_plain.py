"""``survey-tui run --plain`` driven through stdin, checked in the real store file."""

from __future__ import annotations

from pathlib import Path

import pytest
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
    assert "Choose up to 2." in result.output  # the count rule the TUI and the web form show
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
    from survey_tui.frontends.plain import readable

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


JOURNEYS = Path(__file__).parents[1] / "ui" / "run_journeys.yaml"


def test_plain_review_edit_returns_to_the_review(tmp_path: Path) -> None:
    db = tmp_path / "r.json"
    # consent, group 2; lik 4, uses "1", hours 3, the two optional ones skipped; then the
    # review: change answer 1 to 2, and straight back to the review; Enter submits.
    stdin = "yes\n2\n4\n1\n3\n\n\n1\n2\n\n"
    result = CliRunner().invoke(
        main, ["run", str(JOURNEYS), "--plain", "--db", str(db)], input=stdin
    )
    assert result.exit_code == 0, result.output
    after_edit = result.output.split("type a number to change that answer:", 1)[1]
    assert "Question 2 of" not in after_edit  # not walked through the rest again
    assert after_edit.count("Review your answers") == 1
    [record] = ResponseStore(db).responses("journeys")
    assert record["answers"]["lik"] == 2


def test_plain_shows_group_and_section_descriptions(tmp_path: Path) -> None:
    stdin = "yes\n2\n4\n1\n3\n\n\n\n"
    result = CliRunner().invoke(
        main, ["run", str(JOURNEYS), "--plain", "--db", str(tmp_path / "r.json")], input=stdin
    )
    assert result.exit_code == 0, result.output
    assert "  1. Leaders: People who decide on AI tools." in result.output
    metrics = result.output.index("Question 4 of 5 - Metrics")
    assert result.output[metrics:].split("\n")[1] == "These questions are optional."


def test_plain_other_may_hold_commas_and_the_semicolon_rule_is_said(tmp_path: Path) -> None:
    db = tmp_path / "r.json"
    stdin = "yes\n2\n4\n2, Pairing; reviews\n2, Pairing, reviews\n3\n\n\n\n"
    result = CliRunner().invoke(
        main, ["run", str(JOURNEYS), "--plain", "--db", str(db)], input=stdin
    )
    assert result.exit_code == 0, result.output
    assert "Your own answer (Other) cannot contain ';'." in result.output  # said up front
    assert "Error: The 'Other' answer cannot contain ';'." in result.output
    [record] = ResponseStore(db).responses("journeys")
    assert record["answers"]["uses"] == ["tests", "Pairing, reviews"]


def test_plain_multiline_text_takes_a_new_line_after_a_backslash(tmp_path: Path) -> None:
    db = tmp_path / "r.json"
    paste = Path(__file__).parents[1] / "ui" / "run_paste.yaml"
    stdin = "First line\\\nsecond line\n"
    result = CliRunner().invoke(main, ["run", str(paste), "--plain", "--db", str(db)], input=stdin)
    assert "End a line with \\ to go on on a new line." in result.output
    [partial] = ResponseStore(db).responses("paste", status="partial")
    assert partial["answers"]["essay"] == "First line\nsecond line"


def test_plain_wraps_long_lines_at_word_boundaries(tmp_path: Path) -> None:
    long_help = " ".join(f"word{i}" for i in range(60))
    source = (JOURNEYS.read_text()).replace(
        "{id: lik, type: likert, scale: agree5, text: AI makes me faster.}",
        f"{{id: lik, type: likert, scale: agree5, text: AI makes me faster., help: {long_help}}}",
    )
    path = tmp_path / "q.yaml"
    path.write_text(source)
    result = CliRunner().invoke(
        main, ["run", str(path), "--plain", "--db", str(tmp_path / "r.json")], input="yes\n2\n"
    )
    lines = result.output.splitlines()
    assert all(len(line) < 80 for line in lines), max(lines, key=len)
    words = " ".join(lines).split()
    assert all(f"word{i}" in words for i in range(60))  # no word cut in two


def test_ctrl_c_in_plain_says_the_answers_are_saved(tmp_path: Path) -> None:
    import io

    from survey_tui.core.loader import load
    from survey_tui.frontends.plain import PlainRunner

    class Interrupted(io.StringIO):
        def readline(self, *args: object) -> str:
            line = super().readline()
            if not line:
                raise KeyboardInterrupt
            return line

    out = io.StringIO()
    store = ResponseStore(tmp_path / "r.json")
    runner = PlainRunner(
        load(JOURNEYS), store, group=None, wave="w", stdin=Interrupted("yes\n2\n4\n"), stdout=out
    )
    with pytest.raises(KeyboardInterrupt):
        runner.run()
    assert "Your answers so far are saved" in out.getvalue()
    [partial] = store.responses("journeys", status="partial")
    assert partial["answers"] == {"lik": 4}


def test_run_without_a_terminal_suggests_plain(tmp_path: Path) -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "survey_tui", "run", str(SMALL), "--db", str(tmp_path / "r.json")],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "--plain" in done.stderr and "not a terminal" in done.stderr
    assert not (tmp_path / "r.json").exists()
