"""The character rules for text that reaches a terminal (docs/architecture.md, "Hostile text").

A terminal obeys control characters in what it prints: ESC starts sequences that can rewrite
the window title (OSC 0), write the clipboard (OSC 52) or redraw the screen, and U+0080..U+009F
(C1) are the same controls in one character. So:

* answers are stored with every C0/C1 control except tab, LF and CR removed
  (:func:`clean_record`, called by the response store on every write);
* text printed to a terminal has those characters replaced by a visible ``\\uXXXX``
  (:func:`escape_for_terminal`): the reader sees that something was there and what, and the
  same notation is a JSON escape, so ``export --format json`` to stdout stays valid JSON that
  decodes to exactly the stored text (U+FFFD would have changed the data and hidden the cause);
* questionnaire files may not hold them at all (:func:`find_controls`, a validate error), and
  bidirectional overrides and invisible characters, which make text read differently from
  what it holds, are a validate warning (:func:`find_invisible`).

What is stripped and what is escaped is the same set, so stored text prints unchanged.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING, Any

import orjson

from survey_tui.core.errors import Problem
from survey_tui.core.record import Doc

if TYPE_CHECKING:
    from survey_tui.core.yamlsource import Path, SourceMap

# C0 without tab (09), LF (0A) and CR (0D); DEL; C1.
_CONTROL_CHARS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
_CONTROLS = re.compile(f"[{_CONTROL_CHARS}]")

# The "Trojan Source" characters (CVE-2021-42574): embeddings, overrides and isolates that
# reorder how text is displayed. Plain marks (LRM, RLM, ALM) are left alone: RTL text needs them.
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Characters that take no space at all: two labels that look the same can differ by them.
_ZERO_WIDTH = frozenset("\u200b\u2060\u2061\u2062\u2063\u2064\ufeff\u180e")
# Joiners are part of emoji sequences and of Persian or Indic words; only a joiner with no
# non-ASCII neighbour (inside an English word, say) has no use that a reader can see.
_JOINERS = frozenset("\u200c\u200d")
_TAG_BLACK_FLAG = "\U0001f3f4"  # tag characters U+E0020..U+E007F spell subdivision flags
_INVISIBLE = "".join(sorted(_BIDI | _ZERO_WIDTH | _JOINERS)) + "\U000e0000-\U000e007f"
_SUSPECT = re.compile(f"[{_INVISIBLE}]")
_ANY = re.compile(f"[{_CONTROL_CHARS}{_INVISIBLE}]")

_NAMES = {
    "\x07": "BEL",
    "\x08": "BACKSPACE",
    "\x1b": "ESC",
    "\x7f": "DELETE",
    "\x9b": "CSI",
    "\x9d": "OSC",
}


def strip_controls(text: str) -> str:
    """``text`` without C0/C1 control characters (tab, LF and CR are kept)."""
    return _CONTROLS.sub("", text) if _CONTROLS.search(text) else text


def clean_answers(value: Any) -> Any:
    """``value`` (an answer, a map of answers, notes...) with every string stripped of
    control characters; lists and maps are copied only where something changed."""
    if isinstance(value, str):
        return strip_controls(value)
    if isinstance(value, list):
        cleaned = [clean_answers(item) for item in value]
        return value if all(a is b for a, b in zip(cleaned, value, strict=True)) else cleaned
    if isinstance(value, dict):
        pairs = [(clean_answers(k), clean_answers(v)) for k, v in value.items()]
        if all(k is k0 and v is v0 for (k, v), (k0, v0) in zip(pairs, value.items(), strict=True)):
            return value
        return dict(pairs)
    return value


#: The parts of a response record that hold typed or imported text.
TEXT_FIELDS = ("answers", "notes", "wave")


# A control character as orjson writes it: C0 as \u00XX (\b and \f short), DEL and C1 raw.
# A literal backslash before b, f or u00.. matches too; that only costs the slow path.
_JSON_CONTROL = re.compile(rb"\\u00[01][0-9a-f]|\\[bf]|\x7f|\xc2[\x80-\x9f]")


def clean_record(record: Doc) -> Doc:
    """``record`` with its answers, notes and wave cleaned (in place; returned for chaining)."""
    try:
        # One orjson pass finds the (rare) record to clean: walking every answer in Python
        # would make a 50k-row import seconds slower.
        blob = orjson.dumps([record.get(key) for key in TEXT_FIELDS])
    except orjson.JSONEncodeError:
        blob = b"\\b"  # not plain JSON data: walk it
    suspect = b"\\" in blob or b"\x7f" in blob or b"\xc2" in blob  # memchr: fast
    if not (suspect and _JSON_CONTROL.search(blob)):
        return record
    fields: Any = record  # either kind of document: its text fields are read by name
    for key in TEXT_FIELDS:
        if key in fields:
            fields[key] = clean_answers(fields[key])
    return record


def _visible(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def escape_for_terminal(text: str) -> str:
    """``text`` with each control character :func:`strip_controls` removes shown as
    ``\\uXXXX`` (``\\x1b`` -> ``\\u001b``), so that printing it cannot drive the terminal."""
    return _CONTROLS.sub(_visible, text) if _CONTROLS.search(text) else text


def describe(char: str) -> str:
    """``U+001B (ESC)``: a character named for an error message."""
    name = _NAMES.get(char) or unicodedata.name(char, "")
    if not name and unicodedata.category(char) == "Cc":
        name = "control"
    return f"U+{ord(char):04X}" + (f" ({name})" if name else "")


def find_controls(text: str) -> list[tuple[int, str]]:
    """(offset, character) of every control character a questionnaire may not hold."""
    return [(m.start(), m.group()) for m in _CONTROLS.finditer(text)]


def find_invisible(text: str) -> list[tuple[int, str]]:
    """(offset, character) of bidirectional overrides and invisible characters in ``text``."""
    found: list[tuple[int, str]] = []
    for match in _SUSPECT.finditer(text):
        index, char = match.start(), match.group()
        if char in _JOINERS:
            before = text[index - 1] if index else ""
            after = text[index + 1] if index + 1 < len(text) else ""
            if any(c and not c.isascii() and c not in _JOINERS for c in (before, after)):
                continue
        elif char >= "\U000e0000" and _in_flag(text, index):
            continue
        found.append((index, char))
    return found


def _in_flag(text: str, index: int) -> bool:
    """Whether the tag character at ``index`` belongs to a flag (black flag + tags)."""
    start = index
    while start > 0 and "\U000e0000" <= text[start - 1] <= "\U000e007f":
        start -= 1
    return start > 0 and text[start - 1] == _TAG_BLACK_FLAG


# --- questionnaire files ------------------------------------------------------------------


def text_problems(data: Any, source: SourceMap) -> tuple[list[Problem], list[Problem]]:
    """Errors for control characters and warnings for bidirectional overrides and invisible
    characters (textsafety's rules), in every key and text value of the file."""
    errors: list[Problem] = []
    warnings: list[Problem] = []

    def visit(value: Any, path: Path) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                _text_checks(str(key), (*path, key), source, errors, warnings, key=True)
                visit(item, (*path, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                visit(item, (*path, index))
        elif isinstance(value, str):
            _text_checks(value, path, source, errors, warnings, key=False)

    visit(data, ())
    return errors, warnings


def _text_checks(
    text: str,
    path: Path,
    source: SourceMap,
    errors: list[Problem],
    warnings: list[Problem],
    *,
    key: bool,
) -> None:
    if not _ANY.search(text):
        return
    for found, into in ((find_controls(text), errors), (find_invisible(text), warnings)):
        if not found:
            continue
        offset, char = found[0]
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        if into is errors:
            message = f"control character {describe(char)}{more} is not allowed: remove it"
        elif char in _BIDI:
            message = (
                f"warning: bidirectional control {describe(char)}{more} can show the text "
                "in another order than it is stored: remove it unless it is meant"
            )
        else:
            message = (
                f"warning: invisible character {describe(char)}{more} makes texts that look "
                "the same differ: remove it unless it is meant"
            )
        span = source.spans.get(path)
        escaped = span is not None and (
            (span[2] == '"' and "\\" in source.text[span[0] : span[1]])
            or (span[2] == "'" and "''" in source.text[span[0] + 1 : span[1] - 1])
        )
        if key or span is None or escaped:
            # Escapes make source and value offsets differ: point at the start of the value.
            into.append(source.problem(path, message, key=key))
        else:
            into.append(source.problem_in_value(path, text, offset, message))
