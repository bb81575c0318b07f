"""Rules about translations (docs/questionnaires.md, "Languages"): a text that reads the same
in another language was likely never translated; one much longer or shorter than the source
likely adds or drops something. Both compare each language map's texts with the default
language's text of the same place."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from survey_tui.core.languages import declared_languages, fold, text_sites
from survey_tui.core.lint.base import Finding
from survey_tui.core.lint.words import Lexicon
from survey_tui.core.model import Questionnaire
from survey_tui.core.yamlsource import Path

#: An identical text with fewer words than this is often the same in both languages
#: ("Neutral", "GitHub Copilot", "OK"): only longer ones are likely untranslated.
UNTRANSLATED_MIN_WORDS = 3
#: A translation more than this many times as long as the source (or less than its inverse)
#: is "much" longer (shorter); German runs about 1.3 times English, so 2 leaves room.
LENGTH_RATIO = 2.0
#: Below this length (of the longer text) lengths vary too much to mean anything ("No"/"Nein").
LENGTH_MIN = 20

_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Translation:
    """One language's text at one place, beside the default language's text there."""

    path: Path  # the translation's own place: (..., tag)
    tag: str
    text: str
    source_tag: str
    source: str


def translations(q: Questionnaire) -> Iterator[Translation]:
    """Each non-default text of every language map, with the default language's text."""
    data = q.language_data
    if data is None:
        return
    languages = declared_languages(data)
    default = languages[0]
    for site in text_sites(data):
        if not isinstance(site.value, dict) or not isinstance(site.value.get(default), str):
            continue
        source = site.value[default]
        for tag, text in site.value.items():
            if tag != default and isinstance(text, str) and not _same_language(tag, default):
                yield Translation((*site.path, tag), str(tag), text, default, source)


def _same_language(tag: str, other: str) -> bool:
    """``en-GB`` beside ``en``: a regional variant may rightly read the same."""
    return fold(tag).split("-")[0] == fold(other).split("-")[0]


def _ignored(q: Questionnaire, path: Path, rule: str) -> bool:
    """Whether the question holding ``path`` silences ``rule`` (``lint: {ignore: [...]}``)."""
    if len(path) < 4 or path[0] != "sections" or path[2] != "questions":
        return False
    si, qi = path[1], path[3]
    if not (isinstance(si, int) and isinstance(qi, int)):
        return False
    settings = q.sections[si].questions[qi].lint
    return settings is not None and rule in settings.ignore


def _normal(text: str) -> str:
    return " ".join(text.casefold().split())


def check_untranslated(q: Questionnaire, lexicon: Lexicon) -> Iterator[Finding]:
    """A translation identical to the source text (of at least a few words)."""
    for item in translations(q):
        if _normal(item.text) != _normal(item.source):
            continue
        if len(_WORD.findall(item.source)) < UNTRANSLATED_MIN_WORDS:
            continue
        if _ignored(q, item.path, "untranslated"):
            continue
        yield Finding(
            "untranslated",
            item.path,
            f"the {item.tag} text is the same as the {item.source_tag} text: likely not "
            "translated yet",
            "translate it; if the words are right in both languages, say so with "
            "lint: {ignore: [untranslated]} on the question",
        )


def display_length(text: str) -> int:
    """Length in terminal columns: an ideograph carries about two letters' worth of text."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text.strip())


def check_translation_length(q: Questionnaire, lexicon: Lexicon) -> Iterator[Finding]:
    """A translation more than twice as long as the source, or less than half."""
    for item in translations(q):
        mine, theirs = display_length(item.text), display_length(item.source)
        if max(mine, theirs) < LENGTH_MIN or not mine or not theirs:
            continue
        if theirs / LENGTH_RATIO <= mine <= theirs * LENGTH_RATIO:
            continue
        if _ignored(q, item.path, "translation-length"):
            continue
        if mine > theirs:
            how = f"{mine / theirs:.1f} times as long as"
            fix = "check that it adds nothing the source does not say"
        else:
            how = "less than half as long as"
            fix = "check that no part of the source is missing"
        yield Finding(
            "translation-length",
            item.path,
            f"the {item.tag} text is {how} the {item.source_tag} text "
            f"({mine} against {theirs} characters)",
            fix,
        )
