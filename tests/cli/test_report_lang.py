"""``report --lang de``: the shipped templates' own words come from the German catalog
(``_()``), the questionnaire's texts are its German ones, and the figures are those of the
English report; an undeclared language is exit 2."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from survey_tui.cli import main
from survey_tui.core.loader import load
from survey_tui.core.session import Session
from survey_tui.core.store import ResponseStore

BILINGUAL = Path(__file__).parents[1] / "fixtures" / "languages" / "every_type.yaml"
TEMPLATES = ["gap_report", "executive_brief", "workshop_readout", "interview_digest"]


@pytest.fixture
def mixed_store(tmp_path: Path) -> Path:
    """Twelve responses, answered in English and in German."""
    q = load(BILINGUAL)
    db = tmp_path / "r.json"
    store = ResponseStore(db)
    for i in range(12):
        session = Session(
            q.in_language("de" if i % 3 else "en"), store, group=("eng", "lead")[i % 2]
        )
        session.begin()
        answers = {
            "impact": 1 + i % 5,
            "recommend": i % 11,
            "tool": "copilot",
            "tasks": ["code"],
            "hours": i,
            "grid": {"code": 3, "review": 4},
        }
        for question, value in answers.items():
            session.record_answer(question, value, 1.0)
        session.submit()
    return db


def report(db: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["report", str(BILINGUAL), "--db", str(db), *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def participants(text: str) -> list[str]:
    return re.findall(r"^\| [^|]+ \| (\d+) \|", text, re.M)


def test_a_german_report_uses_the_catalog_and_the_german_texts(mixed_store: Path) -> None:
    german = report(mixed_store, "--lang", "de")
    english = report(mixed_store)
    assert "## Wer geantwortet hat" in german and "## Who answered" not in german
    assert "| Gruppe | Vollständige Antworten | Personen in der Gruppe |" in german
    assert "KI hat die Organisation schneller gemacht." in german
    assert "AI made the organisation faster." not in german
    assert "## Who answered" in english and "AI made the organisation faster." in english
    assert participants(german) == participants(english)
    assert participants(german)[:2] == ["6", "6"]


@pytest.mark.parametrize("template", TEMPLATES)
def test_every_shipped_template_renders_in_german(mixed_store: Path, template: str) -> None:
    text = report(mixed_store, "--lang", "de", "--template", template)
    assert "Arbeiten mit KI" in text


def test_english_is_the_same_with_or_without_lang_en(mixed_store: Path) -> None:
    assert report(mixed_store, "--lang", "en") == report(mixed_store)


def test_an_undeclared_report_language_is_exit_2(mixed_store: Path) -> None:
    result = CliRunner().invoke(
        main, ["report", str(BILINGUAL), "--db", str(mixed_store), "--lang", "dee"]
    )
    assert result.exit_code == 2
    assert "did you mean 'de'" in result.output
