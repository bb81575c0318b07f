"""Hostile text (issue 11): the character rules, and answers cleaned by the store's writes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from survey_tui.core.conditions import ConditionSyntaxError, evaluate_source, parse
from survey_tui.core.loader import load_bytes
from survey_tui.core.store import ResponseStore
from survey_tui.core.textsafety import (
    clean_answers,
    escape_for_terminal,
    find_controls,
    find_invisible,
    strip_controls,
)

# OSC 0 (window title), OSC 52 (clipboard), a CSI colour, BEL, DEL and a one-character C1 CSI.
HOSTILE = "a\x1b]0;PWNED\x07b\x1b]52;c;aGVsbG8=\x1b\\c\x1b[31md\x7fe\x9b2Jf\x85g"
CLEAN = "a]0;PWNEDb]52;c;aGVsbG8=\\c[31mde2Jfg"
CONTROL_BYTES = [bytes([b]) for b in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F]]

QUESTIONNAIRE = b"""
id: hostile
title: Hostile
version: 1
groups: [{id: a, label: A}, {id: b, label: B}]
sections:
  - id: s
    title: S
    questions:
      - {id: tool, type: single_choice, options: [Copilot], other: true, text: Tool}
      - {id: uses, type: multi_choice, options: [Code], other: true, text: Uses}
      - {id: rate, type: likert, scale: {min: 1, max: 5}, text: Rate}
      - {id: why, type: text, multiline: true, text: Why}
"""


def test_strip_keeps_tab_cr_lf_and_ordinary_text() -> None:
    assert strip_controls(HOSTILE) == CLEAN
    kept = "Zeile 1\r\nZeile 2\tÄÖÜ ß 日本語 👩\u200d💻 \U0001f1e9\U0001f1ea"
    assert strip_controls(kept) == kept


def test_escape_shows_what_was_there_and_stays_valid_json() -> None:
    shown = escape_for_terminal(HOSTILE)
    assert not find_controls(shown)
    assert shown.startswith("a\\u001b]0;PWNED\\u0007b")
    assert "\\u009b2J" in shown and "\\u0085g" in shown
    # The same notation is a JSON escape: a JSON document escaped for the terminal
    # decodes to exactly the text it held.
    document = json.dumps({"x": HOSTILE}, ensure_ascii=False)
    assert json.loads(escape_for_terminal(document)) == {"x": HOSTILE}


def test_clean_answers_walks_lists_and_maps() -> None:
    answers = {"tool": HOSTILE, "uses": ["code", HOSTILE], "grid": {"r\x1b": 3}, "n": 2}
    assert clean_answers(answers) == {
        "tool": CLEAN,
        "uses": ["code", CLEAN],
        "grid": {"r": 3},
        "n": 2,
    }
    untouched = {"tool": "x", "uses": ["y"], "n": 1.5}
    assert clean_answers(untouched) is untouched


@pytest.mark.parametrize(
    "text",
    [
        "Bitte wählen Sie: Größe, Übung",
        "日本語のテキスト、中文",
        "Emoji 🚀 and a family 👨\u200d👩\u200d👧 and 👩\u200d💻",
        "Persian with a non-joiner: می\u200cخواهم",
        "A flag: \U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f",
        "Hebrew with a mark: שלום\u200f!",
    ],
)
def test_ordinary_text_is_not_suspect(text: str) -> None:
    assert find_invisible(text) == []
    assert find_controls(text) == []


@pytest.mark.parametrize(
    ("text", "char"),
    [
        ("access \u202eexe.txt", "\u202e"),
        ("\u2066isolate\u2069", "\u2066"),
        ("Ye\u200bs", "\u200b"),
        ("Ye\u200ds", "\u200d"),  # a joiner between ASCII letters joins nothing visible
        ("\ufeffYes", "\ufeff"),
        ("hidden\U000e0041\U000e0042", "\U000e0041"),  # tag characters outside a flag
    ],
)
def test_overrides_and_invisible_characters_are_found(text: str, char: str) -> None:
    assert find_invisible(text)[0][1] == char


def _store_with_hostile_answers(db: Path) -> str:
    q = load_bytes(QUESTIONNAIRE)
    store = ResponseStore(db)
    record = store.start(q, group="a", wave="w\x1b[2J1")
    record["answers"] = {"tool": HOSTILE, "uses": ["code", HOSTILE], "rate": 3}
    store.save(record)
    record["answers"]["why"] = f"line 1\r\n{HOSTILE}"
    record["notes"] = {"rate": HOSTILE}
    store.submit(record)
    return str(record["response_id"])


def test_answers_come_back_clean_from_every_write(tmp_path: Path) -> None:
    db = tmp_path / "r.json"
    rid = _store_with_hostile_answers(db)
    imported = {
        "response_id": "imported-1",
        "questionnaire_id": "hostile",
        "questionnaire_version": 1,
        "group": "b",
        "wave": "w1",
        "status": "complete",
        "answers": {"why": HOSTILE, "uses": [HOSTILE]},
    }
    assert ResponseStore(db).insert_many([imported]) == (1, 0)  # the import/merge path

    fresh = ResponseStore(db)  # a new reader: what is on disk, not a cached copy
    stored = fresh.get(rid)
    assert stored is not None
    assert stored["answers"] == {
        "tool": CLEAN,
        "uses": ["code", CLEAN],
        "rate": 3,
        "why": f"line 1\r\n{CLEAN}",
    }
    assert stored["notes"] == {"rate": CLEAN}
    assert stored["wave"] == "w[2J1"
    other = fresh.get("imported-1")
    assert other is not None and other["answers"] == {"why": CLEAN, "uses": [CLEAN]}
    for path in tmp_path.iterdir():
        raw = path.read_bytes()
        assert b"\\u001b" not in raw and b"\x1b" not in raw and "\x9b".encode() not in raw


def test_conditions_read_ascii_digits_and_operators_only() -> None:
    assert parse("q1 <= 2").evaluate({"q1": 2})
    for source, char in [
        ("q1 <= \u0662", "\u0662"),  # ARABIC-INDIC DIGIT TWO used to read as 2
        ("q1 <= \uff12", "\uff12"),  # FULLWIDTH DIGIT TWO
        ("q1\u00a0<= 2", "\u00a0"),  # NO-BREAK SPACE used to count as a space
        ("q1 \u2039= 2", "\u2039"),
    ]:
        with pytest.raises(ConditionSyntaxError) as caught:
            parse(source)
        assert caught.value.offset == source.index(char)
        assert f"U+{ord(char):04X}" in caught.value.message
        assert "ASCII" in caught.value.message
    # Inside quotes any text is fine.
    assert evaluate_source("q1 == 'Größe 日本 🚀'", {"q1": "Größe 日本 🚀"})
    assert evaluate_source("q1 in ['ja', 'naïve']", {"q1": "naïve"})
