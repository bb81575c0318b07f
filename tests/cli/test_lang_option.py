"""``--lang``: ``run --plain --lang de`` (a real subprocess) speaks German from the first line
to the thank-you with no English word of the product; an undeclared language is exit 2 with
"did you mean", before anything is written; ``serve`` checks it the same way."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from helpers.catalogs import english_only_words, words_in

from survey_tui.core.loader import load
from survey_tui.core.store import ResponseStore

ROOT = Path(__file__).resolve().parents[2]
BILINGUAL = ROOT / "tests" / "fixtures" / "languages" / "every_type.yaml"


def survey_tui(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "survey_tui", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def german_texts() -> list[str]:
    q = load(BILINGUAL).in_language("de")
    found = [q.title, q.description or "", q.consent or "", "Weiter so"]
    found += [g.label for g in q.groups] + [s.title or "" for s in q.sections]
    found += [question.model_dump_json() for question in q.questions()]
    return found + [str(scale.model_dump()) for scale in q.scales.values()]


def test_plain_in_german_has_no_english_word(tmp_path: Path) -> None:
    db = tmp_path / "r.json"
    # consent, group, impact, nps, tool, tasks (refused once: empty), hours, grid, text, submit
    keys = ["ja", "2", "4", "8", "1", "", "1,3", "5", "4", "?", "Weiter so", ""]
    done = survey_tui(
        "run",
        str(BILINGUAL),
        "--plain",
        "--lang",
        "de",
        "--db",
        str(db),
        stdin="\n".join(keys) + "\n",
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "Frage 1 von 7" in out and "Ihre Antworten prüfen" in out
    assert "Fehler: Diese Frage braucht eine Antwort." in out
    assert "Vielen Dank!" in out
    assert words_in(out) & english_only_words("de", *german_texts()) == set(), out
    [record] = ResponseStore(db).responses("bilingual")
    assert record["language"] == "de"
    assert record["answers"]["grid"] == {"code": 4, "review": "dont_know"}


def test_plain_offers_the_languages_when_none_is_fixed(tmp_path: Path) -> None:
    db = tmp_path / "r.json"
    done = survey_tui("run", str(BILINGUAL), "--plain", "--db", str(db), stdin="2\nnein\n")
    assert "1. English · 2. Deutsch" in done.stdout
    # Asked before a language is chosen: in each declared language.
    assert "Language: type its number (Enter: English)." in done.stdout
    assert "Sprache: Geben Sie ihre Nummer ein (Eingabetaste: English)." in done.stdout
    assert "Sind Sie mit der Teilnahme einverstanden?" in done.stdout


def test_an_undeclared_language_is_exit_2_with_did_you_mean(tmp_path: Path) -> None:
    db = tmp_path / "r.json"
    for command in (["run", "--plain"], ["serve", "--dry-run"]):
        done = survey_tui(
            command[0], str(BILINGUAL), *command[1:], "--lang", "dee", "--db", str(db)
        )
        assert done.returncode == 2, done.stderr
        assert "unknown language 'dee'" in done.stderr and "did you mean 'de'" in done.stderr
        assert "Traceback" not in done.stderr
        done = survey_tui(command[0], str(BILINGUAL), *command[1:], "--lang", "fr", "--db", str(db))
        assert done.returncode == 2 and "en, de" in done.stderr
    assert not db.exists()


def test_a_regional_tag_is_served_by_its_declared_language(tmp_path: Path) -> None:
    db = tmp_path / "r.json"
    done = survey_tui(
        "run", str(BILINGUAL), "--plain", "--lang", "de-CH", "--db", str(db), stdin="nein\n"
    )
    assert "Sind Sie mit der Teilnahme einverstanden?" in done.stdout
