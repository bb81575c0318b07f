"""Rules about the whole instrument: length (against ``estimated_minutes``) and anonymity
(choice options that would split a group below ``min_group_size``)."""

from __future__ import annotations

from collections.abc import Iterator

from survey_tui.core.conditions import ConditionSyntaxError, ListLiteral, Literal, Name, parse
from survey_tui.core.lint.base import Finding, located_questions
from survey_tui.core.lint.words import Lexicon
from survey_tui.core.model import ChoiceBase, Questionnaire, question_seconds

#: A wave named in no condition ("baseline", or none at all).
_OTHER_WAVE = "\x00any other wave"


def _waves(q: Questionnaire) -> list[str]:
    """The waves the file's conditions name, plus "any other wave"."""
    named: list[str] = []
    conditions = [s.show_if for s in q.sections] + [x.show_if for x in q.questions()]
    for source in filter(None, conditions):
        try:
            comparisons = parse(source).comparisons()
        except ConditionSyntaxError:
            continue
        for compare in comparisons:
            sides = (compare.left, compare.right)
            if not any(isinstance(side, Name) and side.name == "wave" for side in sides):
                continue
            for side in sides:
                values = side.values if isinstance(side, ListLiteral) else [side]
                named += [v.value for v in values if isinstance(v, Literal)]
    return [*dict.fromkeys(str(w) for w in named), _OTHER_WAVE]


def _may_show(condition: str | None, group: str, wave: str) -> bool:
    """False only when the condition is false for this group and wave whatever the answers
    (a follow-up that depends on answers counts as shown: the estimate is the longest path)."""
    if condition is None:
        return True
    try:
        tree = parse(condition).tree
    except ConditionSyntaxError:
        return True
    return tree.evaluate({"group": group, "wave": wave}) is not False


def longest_path(q: Questionnaire) -> tuple[float, str, str]:
    """Seconds of the longest path through the file, with its group and wave."""
    best = (0.0, q.group_ids[0], _OTHER_WAVE)
    for group in q.group_ids:
        for wave in _waves(q):
            seconds = sum(
                question_seconds(question)
                for section in q.sections
                if _may_show(section.show_if, group, wave)
                for question in section.questions
                if question.asked_to(group) and _may_show(question.show_if, group, wave)
            )
            if seconds > best[0]:
                best = (seconds, group, wave)
    return best


def check_length(q: Questionnaire, lexicon: Lexicon) -> Iterator[Finding]:
    """More questions than ``estimated_minutes`` allows, at the per-type reading times."""
    if q.estimated_minutes is None:
        return
    seconds, group, wave = longest_path(q)
    minutes = seconds / 60
    if minutes <= q.estimated_minutes + 0.5:
        return
    where = group if wave == _OTHER_WAVE else f"{group}, wave {wave!r}"
    yield Finding(
        "length",
        ("estimated_minutes",),
        f"the longest path ({where}) takes about {round(minutes)} minutes at the usual "
        f"reading and answering times, more than the {q.estimated_minutes:g} stated",
        f"cut questions, or state estimated_minutes: {round(minutes)}",
    )


def check_anonymity(q: Questionnaire, lexicon: Lexicon) -> Iterator[Finding]:
    """A choice whose options would split a group (at its declared headcount) into slices
    smaller than ``min_group_size``."""
    minimum = q.min_group_size
    for item in located_questions(q):
        question = item.question
        if not isinstance(question, ChoiceBase) or item.ignores("anonymity"):
            continue
        choices = len(question.options) + (1 if question.other else 0)
        asked = q.groups_asked(question.id)
        for group in q.groups:
            if group.headcount is None or group.id not in asked:
                continue
            if group.headcount / choices >= minimum:
                continue
            yield Finding(
                "anonymity",
                (*item.path, "options"),
                f"{choices} choices split the {group.headcount} people of {group.id} into "
                f"slices of about {round(group.headcount / choices, 1):g}, fewer than min_group_size "
                f"{minimum}: a reported share can point at a person",
                "merge options into fewer, broader ones, or ask it of larger groups only",
            )
            break
