"""Free-text answers grouped into themes, with counts and the quotes a report may show.

docs/reports.md ("Free text"): a text question's ``themes:`` (keywords per theme) decide; a
question without them is grouped by the words its answers share (a standard-library
TF-IDF-like pick: terms found in several answers but not all, chosen greedily to cover the
most answers).
Counts are per group; an answer may be in several themes. Quotes come only from a group's
theme with at least ``min_group_size`` answers, never from a ``quote: false`` question (whose
answers are only counted: into its authored themes, else in total).
Input is the analysis' comment blocks, which hold only groups at or above the threshold.
"""

from __future__ import annotations

import functools
import math
import re
from typing import TypedDict

from survey_tui.core.analysis.types_extras import CommentBlock

#: At most this many themes found by shared words, and quotes shown per group and theme.
MAX_FOUND = 5
MAX_QUOTES = 3
_WORD = re.compile(r"[^\W\d_][\w'-]*[^\W_]|[^\W\d_]", re.UNICODE)
# Words that say nothing about a theme (English function words and the survey's own verbs).
_STOP_WORDS = """
a about above after again against all also am an and any are aren't as at be because been
before being below between both but by can cannot could did do does doing don't down
during each even every few for from further get gets getting got had has have having he
her here hers him his how i i'm if in into is isn't it it's its itself just least less
like lot lots make makes many may me more most much must my myself no nor not nothing now
of off often on once one only or other our ours out over own really same she should since
so some still such than that that's the their theirs them then there these they thing
things this those though through to too under until up upon us use used uses using very
was we were what when where which while who whom why will with within without would yes
yet you your yours ai tool tools anything everything something nobody whether know knows
think see say says said ask asked first new good well way ways per go goes
"""
_STOP = frozenset(_STOP_WORDS.split())


class Quote(TypedDict):
    text: str
    count: int


class Theme(TypedDict):
    id: str
    label: str
    keywords: list[str]
    counts: dict[str, int]  # group -> answers in this theme
    quotes: dict[str, list[Quote]]  # only groups whose count reaches the threshold


class TextThemes(TypedDict):
    question: str
    label: str
    short: str | None
    wording: dict[str, str]  # group -> the question as that group saw it
    quote: bool
    source: str  # "authored" (the questionnaire's keywords) or "shared words"
    answers: dict[str, int]  # group -> answers
    themes: list[Theme]
    unthemed: dict[str, int]  # group -> answers in no theme
    quoted: list[str]  # the groups with at least one theme to quote


@functools.lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    """A crude English stem, enough to count "test", "tests" and "testing" together."""
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4 and not word.endswith("ss"):
            return word[: len(word) - len(suffix)] + keep
    return word


def _terms(text: str) -> dict[str, str]:
    """The answer's content words and pairs of adjacent content words ("incident response"):
    stem -> the first surface form seen."""
    found: dict[str, str] = {}
    previous: tuple[str, str] | None = None
    for match in _WORD.finditer(text):
        word = match.group(0)
        if len(word) < 3 or word.casefold() in _STOP:
            previous = None
            continue
        stem = _stem(word.casefold())
        found.setdefault(stem, word)
        if previous is not None:
            found.setdefault(f"{previous[0]} {stem}", f"{previous[1]} {word}")
        previous = (stem, word)
    return found


def _pattern(keywords: list[str]) -> re.Pattern[str]:
    """Any of ``keywords`` at the start of a word, case-insensitive: "test" finds "tests"."""
    words = (r"\s+".join(re.escape(p) for p in k.casefold().split()) for k in keywords)
    return re.compile(r"(?<!\w)(?:" + "|".join(w for w in words if w) + ")")


def _found_themes(answers: list[str]) -> list[tuple[str, list[str]]]:
    """Themes by shared words: (label, [keyword]) for up to MAX_FOUND terms (words or pairs of
    adjacent words), each found in at least two answers but not in all of them, picked
    greedily by how many answers not yet covered they add (ties: a pair first, then the rarer
    term, TF-IDF's weighting, then alphabetical)."""
    docs = [_terms(a) for a in answers]
    postings: dict[str, set[int]] = {}  # term -> the answers it is in
    for index, doc in enumerate(docs):
        for stem in doc:
            postings.setdefault(stem, set()).add(index)
    total = len(docs)
    # A word in every answer tells them apart no better than TF-IDF says (its weight is 0).
    candidates = {s for s, found in postings.items() if 2 <= len(found) < total}
    covered: set[int] = set()
    chosen: list[tuple[str, list[str]]] = []

    def rank(stem: str, gain: int) -> tuple[int, bool, float, str]:
        # Answers not covered yet; a pair of words names a theme better than either word
        # alone; then the rarer term (TF-IDF's weighting); then alphabetical.
        return (gain, " " in stem, math.log(total / len(postings[stem])), stem)

    # Lazy greedy: a term's gain never exceeds its answer count, so terms are tried from the
    # most frequent down and the search stops once no untried term can beat the best found.
    order = sorted(candidates, key=lambda stem: rank(stem, len(postings[stem])), reverse=True)
    while order and len(chosen) < MAX_FOUND:
        best: tuple[int, bool, float, str] | None = None
        for stem in order:
            if best is not None and rank(stem, len(postings[stem])) < best:
                break
            found = rank(stem, len(postings[stem] - covered))
            if best is None or found > best:
                best = found
        if best is None or best[0] < 2:
            break
        stem = best[3]
        order.remove(stem)
        covered |= postings[stem]
        # The lower-case spelling unless the word is always capitalised (an acronym, a name).
        forms: dict[str, int] = {}
        for index in postings[stem]:
            forms[docs[index][stem]] = forms.get(docs[index][stem], 0) + 1
        word = min(forms, key=lambda w: (not w.islower(), -forms[w], w))
        chosen.append((word, [word]))
    return chosen


def _fold(texts: list[str], shown: set[str]) -> list[Quote]:
    """Up to MAX_QUOTES distinct answers, most frequent first, none already quoted under
    another theme (``shown`` is updated)."""
    counts: dict[str, int] = {}
    for text in texts:
        counts[text] = counts.get(text, 0) + 1
    ordered = sorted(counts.items(), key=lambda pair: (-pair[1], len(pair[0]), pair[0]))
    picked = [(t, c) for t, c in ordered if t not in shown][:MAX_QUOTES]
    shown.update(t for t, _ in picked)
    return [{"text": t, "count": c} for t, c in picked]


def text_themes(block: CommentBlock, groups: list[str], minimum: int) -> TextThemes | None:
    """One comment block of the analysis grouped into themes (None when nobody answered).

    ``groups``: the groups a report may show, in order.
    """
    said = {g: list(block["groups"][g]) for g in groups if block["groups"].get(g)}
    if not said:
        return None
    quotable = bool(block.get("quote", True))
    authored = block.get("themes")
    if authored:
        specs = [(t["id"], t["label"], list(t["keywords"])) for t in authored]
    elif not quotable:
        specs = []  # a shared word of an unquotable answer is a quote too
    else:
        found = _found_themes([text for texts in said.values() for text in texts])
        specs = [(label.casefold(), label, keywords) for label, keywords in found]
    themes: list[Theme] = []
    folded = {g: [t.casefold() for t in texts] for g, texts in said.items()}
    placed: dict[str, set[int]] = {g: set() for g in said}
    shown: dict[str, set[str]] = {g: set() for g in said}
    for theme_id, label, keywords in specs:
        counts: dict[str, int] = {}
        quotes: dict[str, list[Quote]] = {}
        pattern = _pattern(keywords)
        for group, texts in said.items():
            mine = [i for i, t in enumerate(folded[group]) if pattern.search(t)]
            placed[group] |= set(mine)
            counts[group] = len(mine)
            if quotable and len(mine) >= minimum:
                picked = _fold([texts[i] for i in mine], shown[group])
                if picked:
                    quotes[group] = picked
        if any(counts.values()):
            themes.append(
                {
                    "id": theme_id,
                    "label": label,
                    "keywords": keywords,
                    "counts": counts,
                    "quotes": quotes,
                }
            )
    themes.sort(key=lambda t: -sum(t["counts"].values()))
    wording = block.get("wording") or {}
    return {
        "question": block["question"],
        "label": block["label"],
        "short": block.get("short"),
        "wording": {g: wording.get(g, block["label"]) for g in said},
        "quote": quotable,
        "source": "authored" if authored else "shared words",
        "answers": {g: len(t) for g, t in said.items()},
        "themes": themes,
        "unthemed": {g: len(t) - len(placed[g]) for g, t in said.items()},
        "quoted": [g for g in said if any(g in t["quotes"] for t in themes)],
    }
