"""Rules about scales and constructs: scale-balance, scale-mismatch, ignored-construct,
construct-groups."""

from __future__ import annotations

import re
from collections.abc import Iterator

from survey_tui.core.lint.base import Finding, Located, located_questions
from survey_tui.core.lint.words import Lexicon
from survey_tui.core.model import (
    LikertQuestion,
    MatrixQuestion,
    NpsQuestion,
    NumberQuestion,
    Questionnaire,
    Scale,
)
from survey_tui.core.yamlsource import Path


def _scales(q: Questionnaire) -> Iterator[tuple[Path, Scale]]:
    """Every scale written in the file: the named ones, then the inline ones."""
    for name, scale in q.scales.items():
        yield ("scales", name), scale
    for item in located_questions(q):
        question = item.question
        if isinstance(question, LikertQuestion | MatrixQuestion) and isinstance(
            question.scale, Scale
        ):
            yield (*item.path, "scale"), question.scale


def _has(stem: str, label: str) -> bool:
    return re.search(r"\b" + stem, label.lower()) is not None


def _pole(axis: tuple[str, str], label: str) -> int:
    """-1 for the negative pole, +1 for the positive, 0 for neither (or both: "Neither agree
    nor disagree"). The negative stem is tested first: "disagree" contains "agree"."""
    negative, positive = axis
    if _has(negative, label):
        return 0 if _has(positive, re.sub(r"\b" + negative + r"\w*", "", label.lower())) else -1
    return 1 if _has(positive, label) else 0


def _intensity(lexicon: Lexicon, label: str) -> int:
    text = label.lower()
    if any(re.search(rf"\b{w}\b", text) for w in lexicon.strong):
        return 2
    return 1 if any(re.search(rf"\b{w}\b", text) for w in lexicon.mild) else 0


def _neutral(lexicon: Lexicon, label: str) -> bool:
    return any(re.search(rf"\b{w}\b", label.lower()) for w in lexicon.neutral)


def _axis(lexicon: Lexicon, labels: list[str]) -> tuple[str, str] | None:
    """The scale's poles: the first pair whose two stems both occur (a bipolar scale)."""
    for negative, positive in lexicon.poles:
        poles = {_pole((negative, positive), label) for label in labels}
        if {-1, 1} <= poles:
            return negative, positive
    return None


def _label_problem(lexicon: Lexicon, labels: list[str]) -> str | None:
    axis = _axis(lexicon, labels)
    if axis is None:
        return None  # unipolar (never .. daily): nothing to mirror
    pairs = [(labels[i], labels[-1 - i]) for i in range(len(labels) // 2)]
    for low, high in pairs:
        if _pole(axis, low) * _pole(axis, high) != -1:
            return f"{low!r} and {high!r} are not opposite ends"
        if _intensity(lexicon, low) != _intensity(lexicon, high):
            return f"{low!r} and {high!r} are not equally strong"
    if len(labels) % 2 == 1 and len(labels) > 2 and not _neutral(lexicon, labels[len(labels) // 2]):
        return f"the midpoint {labels[len(labels) // 2]!r} is not neutral"
    return None


def check_scale_balance(q: Questionnaire, lexicon: Lexicon) -> Iterator[Finding]:
    """Labels not mirrored around a neutral midpoint; a favorable set not above the midpoint."""
    for path, scale in _scales(q):
        if scale.max <= scale.min:
            continue
        labels = scale.labels or []
        if scale.labels_ends_only or len(labels) == scale.max - scale.min + 1:
            problem = _label_problem(lexicon, labels)
            if problem is not None:
                yield Finding(
                    "scale-balance",
                    (*path, "labels"),
                    f"unbalanced scale: {problem}, so the scale leans one way",
                    "give each label a mirror image on the other side of a neutral midpoint",
                )
        midpoint = (scale.min + scale.max) / 2
        low = sorted(v for v in scale.favorable or [] if v <= midpoint)
        if low:
            yield Finding(
                "scale-balance",
                (*path, "favorable"),
                f"favorable includes {', '.join(map(str, low))}, at or below the midpoint "
                f"{midpoint:g}, so a neutral or negative answer counts as favorable",
                "list only values above the midpoint; where agreeing is the bad answer, mark "
                "the item reverse: true",
            )


def _signature(q: Questionnaire, item: Located) -> tuple[int, int, tuple[str, ...]] | None:
    question = item.question
    if not isinstance(question, LikertQuestion | MatrixQuestion | NpsQuestion):
        return None
    scale = q.scale_of(question)
    if scale is None:
        return None
    return (scale.min, scale.max, tuple(scale.labels or ()))


def _scale_name(q: Questionnaire, item: Located) -> str:
    question = item.question
    if isinstance(question, LikertQuestion | MatrixQuestion) and isinstance(question.scale, str):
        return repr(question.scale)
    scale = q.scale_of(question)
    return f"{scale.min}..{scale.max}" if scale else "?"


def _constructs(q: Questionnaire) -> dict[str, list[Located]]:
    """Scored perception items by construct (what the construct scores average)."""
    by_construct: dict[str, list[Located]] = {}
    for item in located_questions(q):
        question = item.question
        if question.has_score and question.gap != "awareness":
            by_construct.setdefault(question.construct or question.id, []).append(item)
    return by_construct


def check_scale_mismatch(q: Questionnaire, lexicon: Lexicon) -> Iterator[Finding]:
    """A construct answered on scales of different lengths, or on different scales by the two
    compared groups: its score would average unlike things."""
    pair = q.compare_pair
    for construct, items in _constructs(q).items():
        items = [i for i in items if not i.ignores("scale-mismatch")]
        sizes = {i.question.id: _signature(q, i) for i in items}
        mixed = _mixed_lengths(q, construct, items, sizes)
        if mixed is not None:
            yield mixed
        elif pair is not None and items:
            yield from _pair_mismatch(q, construct, items, pair, sizes)


_Signature = tuple[int, int, tuple[str, ...]] | None


def _mixed_lengths(
    q: Questionnaire, construct: str, items: list[Located], sizes: dict[str, _Signature]
) -> Finding | None:
    def length(item: Located) -> int | None:
        size = sizes[item.question.id]
        return None if size is None else size[1] - size[0]

    for item in items[1:]:
        first = items[0]
        if length(item) is not None and length(first) is not None and length(item) != length(first):
            key = "type" if isinstance(item.question, NpsQuestion) else "scale"
            return Finding(
                "scale-mismatch",
                (*item.path, key),
                f"construct {construct!r} mixes scale lengths: {_scale_name(q, item)} here, "
                f"{_scale_name(q, first)} on {first.question.id!r}",
                "answer every item of a construct on the same scale, or give this item "
                "its own construct",
            )
    return None


def _pair_mismatch(
    q: Questionnaire,
    construct: str,
    items: list[Located],
    pair: tuple[str, str],
    sizes: dict[str, _Signature],
) -> Iterator[Finding]:
    asked = {i.question.id: q.groups_asked(i.question.id) for i in items}
    scales = {g: {sizes[i.question.id] for i in items if g in asked[i.question.id]} for g in pair}
    if not scales[pair[0]] or not scales[pair[1]] or scales[pair[0]] == scales[pair[1]]:
        return
    odd = next(
        i for i in reversed(items) if sizes[i.question.id] not in scales[pair[0]] & scales[pair[1]]
    )
    who = next(g for g in reversed(pair) if g in asked[odd.question.id])
    other = pair[1] if who == pair[0] else pair[0]
    theirs = sorted(
        {
            _scale_name(q, i)
            for i in items
            if other in asked[i.question.id] and sizes[i.question.id] != sizes[odd.question.id]
        }
    )
    yield Finding(
        "scale-mismatch",
        (*odd.path, "scale"),
        f"{who} answers construct {construct!r} on {_scale_name(q, odd)} here, {other} on "
        f"{', '.join(theirs)}: the two groups' scores come from different scales",
        "ask both compared groups on the same scale",
    )


def check_ignored_construct(q: Questionnaire, lexicon: Lexicon) -> Iterator[Finding]:
    """``construct:`` on an item the statistics keep out of constructs (numbers, awareness)."""
    for item in located_questions(q):
        question = item.question
        if question.construct is None or item.ignores("ignored-construct"):
            continue
        if isinstance(question, NumberQuestion):
            why = "numbers stay in their own units and belong to no construct"
        elif question.gap == "awareness":
            why = "awareness items are reported per group, outside constructs"
        else:
            continue
        yield Finding(
            "ignored-construct",
            (*item.path, "construct"),
            f"construct {question.construct!r} is ignored: {why}",
            "remove the construct key",
        )


def check_construct_groups(q: Questionnaire, lexicon: Lexicon) -> Iterator[Finding]:
    """A construct mixing items asked of both compared groups with items asked of one."""
    pair = q.compare_pair
    if pair is None:
        return
    for construct, items in _constructs(q).items():
        asked = {i.question.id: q.groups_asked(i.question.id) & set(pair) for i in items}
        if not any(len(groups) == 2 for groups in asked.values()):
            continue  # a construct of one group has no gap to distort
        for item in items:
            groups = asked[item.question.id]
            if len(groups) == 1 and not item.ignores("construct-groups"):
                [only] = groups
                yield Finding(
                    "construct-groups",
                    (*item.path, "groups") if item.question.groups else item.path,
                    f"only {only} is asked this item of construct {construct!r}, whose other "
                    "items both compared groups answer: the two construct scores average "
                    "different items",
                    "ask it of both compared groups, or give it a construct of its own",
                )
