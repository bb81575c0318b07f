"""Rules about an item's words: referents, double-barrelled, leading, absolute, dont-know."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from survey_tui.core.lint.base import (
    Finding,
    Located,
    Wording,
    blank,
    group_name,
    located_questions,
    normalise,
    wordings,
)
from survey_tui.core.lint.words import Lexicon
from survey_tui.core.model import (
    LikertQuestion,
    MatrixQuestion,
    NumberQuestion,
    Questionnaire,
    Scale,
)

_LEVEL_WORDS = {
    "team": "the team",
    "organisation": "the organisation",
    "respondent": "themselves",
}


def _rated(item: Located) -> bool:
    """Items with a gap: ratings and numbers (choices and free text are reported as given)."""
    return item.question.has_score or isinstance(item.question, NumberQuestion)


@dataclass(frozen=True)
class Referent:
    level: str
    word: str
    offset: int


def referents(lexicon: Lexicon, text: str) -> list[Referent]:
    """Whose work ``text`` is about, level by level, with the first word found for each."""
    rest = blank(normalise(text), lexicon.perspective)
    found: list[Referent] = []
    for level, patterns in lexicon.referents:
        hits = [m for pattern in patterns for m in re.finditer(pattern, rest)]
        if hits:
            first = min(hits, key=lambda m: m.start())
            word = text[first.start() : first.end()].strip()
            found.append(Referent(level, word, first.start()))
            rest = blank(rest, list(patterns))
    return found


def check_referents(q: Questionnaire, lexicon: Lexicon) -> Iterator[Finding]:
    """A perception item whose group wordings are about different people's work."""
    reference = q.experience
    for item in located_questions(q):
        question = item.question
        if not _rated(item) or question.gap == "awareness" or item.ignores("referents"):
            continue
        if not isinstance(question.text, dict):
            continue
        levels: dict[str | None, tuple[Wording, list[Referent]]] = {}
        for wording in wordings(q, item):
            found = referents(lexicon, wording.text)
            if found:  # a wording naming nobody's work cannot disagree with another
                levels[wording.group] = (wording, found)
        if len({frozenset(r.level for r in found) for _, found in levels.values()}) < 2:
            continue
        base_group = reference if reference in levels else next(iter(levels))
        base = frozenset(r.level for r in levels[base_group][1])
        odd_group, (odd, odd_found) = next(
            (g, v) for g, v in levels.items() if frozenset(r.level for r in v[1]) != base
        )
        yield Finding(
            "referents",
            odd.path,
            f"the group wordings are about different people's work: "
            f"{_describe(base_group, levels[base_group][1])}, {_describe(odd_group, odd_found)}",
            "word the item for each group about the same work, e.g. the engineering teams' "
            "work, or mark it 'gap: awareness' when the difference is the point",
            odd.text,
            odd_found[0].offset,
        )


def _describe(group: str | None, found: list[Referent]) -> str:
    about = " and ".join(f'{_LEVEL_WORDS[r.level]} ("{r.word}")' for r in found)
    return f"{group_name(group)} speaks of {about}"


def _in_parentheses(text: str, offset: int) -> bool:
    depth = 0
    for char in text[:offset]:
        depth += {"(": 1, ")": -1}.get(char, 0)
    return depth > 0


def check_double_barrelled(q: Questionnaire, lexicon: Lexicon) -> Iterator[Finding]:
    """ "and"/"or" joining two claims in a rated item (a clarification in brackets is fine)."""
    for item in located_questions(q):
        if not _rated(item) or item.ignores("double-barrelled"):
            continue
        for wording in wordings(q, item):
            text = normalise(wording.text)
            allowed = blank(text, lexicon.single_ideas)
            hit = next(
                (
                    m
                    for m in re.finditer(lexicon.joiners, allowed)
                    if not _in_parentheses(text, m.start())
                ),
                None,
            )
            if hit is not None:
                yield Finding(
                    "double-barrelled",
                    wording.path,
                    f'"{hit.group()}" joins two claims in one item, so one answer cannot rate both',
                    "ask one thing per item: split it into two questions, or drop one part",
                    wording.text,
                    hit.start(),
                )
                break


def check_leading(q: Questionnaire, lexicon: Lexicon) -> Iterator[Finding]:
    """Wording that presupposes a benefit ("how much has X improved")."""
    for item in located_questions(q):
        if item.ignores("leading"):
            continue
        for wording in wordings(q, item):
            text = normalise(wording.text)
            hits = [m for pattern in lexicon.leading for m in re.finditer(pattern, text)]
            if hits:
                hit = min(hits, key=lambda m: m.start())
                yield Finding(
                    "leading",
                    wording.path,
                    f'"{wording.text[hit.start() : hit.end()]}" presupposes the answer',
                    "ask about the change on a scale that runs both ways, from Decreased a lot "
                    "to Increased a lot",
                    wording.text,
                    hit.start(),
                )
                break


def _agreement(q: Questionnaire, item: Located, lexicon: Lexicon) -> bool:
    question = item.question
    if not isinstance(question, LikertQuestion | MatrixQuestion):
        return False
    scale = q.scale_of(question)
    labels = " ".join(scale.labels or []) if scale else ""
    return bool(re.search(lexicon.agreement, labels.lower()))


def check_absolutes(q: Questionnaire, lexicon: Lexicon) -> Iterator[Finding]:
    """ "always", "never", "every"... in a statement people agree or disagree with."""
    for item in located_questions(q):
        if not _agreement(q, item, lexicon) or item.ignores("absolute"):
            continue
        for wording in wordings(q, item):
            hit = re.search(lexicon.absolutes, normalise(wording.text))
            if hit is not None:
                yield Finding(
                    "absolute",
                    wording.path,
                    f'"{hit.group()}" makes the statement false at the first exception, '
                    "so disagreeing says little",
                    "drop the absolute, or ask how often on a frequency scale",
                    wording.text,
                    hit.start(),
                )
                break


def _offers_dont_know(q: Questionnaire, item: Located) -> bool:
    question = item.question
    if isinstance(question, NumberQuestion):
        return question.dont_know is not None
    scale: Scale | None = q.scale_of(question)
    return scale is not None and scale.dont_know is not None


def about_others(lexicon: Lexicon, text: str) -> int | None:
    """Where ``text`` reports on other people's work (no "I"/"my" in it), else None."""
    found = referents(lexicon, text)
    if any(r.level == "respondent" for r in found):
        return None
    rest = blank(normalise(text), lexicon.perspective)
    offsets = [r.offset for r in found]
    offsets += [m.start() for p in lexicon.others for m in re.finditer(p, rest)]
    return min(offsets) if offsets else None


def check_dont_know(q: Questionnaire, lexicon: Lexicon) -> Iterator[Finding]:
    """A required rating a group answers about others' work, with no "don't know"."""
    experience = q.experience
    for item in located_questions(q):
        question = item.question
        if not _rated(item) or not question.is_required or item.ignores("dont-know"):
            continue
        if _offers_dont_know(q, item):
            continue
        for wording in wordings(q, item):
            who = {wording.group} if wording.group else q.groups_asked(question.id)
            if who <= {experience}:
                continue  # the group doing the work reports on it
            offset = about_others(lexicon, wording.text)
            if offset is None:
                continue
            yield Finding(
                "dont-know",
                wording.path,
                f"{group_name(wording.group)} is asked about other people's work, which "
                "some cannot observe, and must answer",
                'offer a "don\'t know" choice: dont_know on its scale or number question; '
                "or make the item optional",
                wording.text,
                offset,
            )
            break
