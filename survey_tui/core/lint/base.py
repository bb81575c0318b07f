"""What every lint rule shares: a finding, where questions sit in the file, their wordings."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from survey_tui.core.errors import Problem
from survey_tui.core.model import AnyQuestion, Questionnaire, Section
from survey_tui.core.yamlsource import Path, SourceMap


@dataclass(frozen=True)
class Finding:
    """One methodology warning: ``rule``, where, what is wrong and how to fix it.

    With ``text``, ``offset`` points at a character of that scalar (the word at fault), so the
    warning's column is the word's; otherwise the warning points at ``path`` itself.
    """

    rule: str
    path: Path
    message: str
    fix: str
    text: str | None = None
    offset: int = 0

    def problem(self, source: SourceMap) -> Problem:
        message = f"warning: {self.message} ({self.fix}) [{self.rule}]"
        if self.text is not None:
            return source.problem_in_value(self.path, self.text, self.offset, message)
        return source.problem(self.path, message)


@dataclass(frozen=True)
class Located:
    """A question with its section and its path in the file."""

    path: Path
    section: Section
    question: AnyQuestion

    def ignores(self, rule: str) -> bool:
        """Whether the item silences ``rule`` (``lint: {ignore: [...]}``)."""
        settings = self.question.lint
        return settings is not None and rule in settings.ignore


@dataclass(frozen=True)
class Wording:
    """The text one group (or every group, ``group=None``) is shown, and where it is."""

    group: str | None
    text: str
    path: Path


def located_questions(q: Questionnaire) -> Iterator[Located]:
    for si, section in enumerate(q.sections):
        for qi, question in enumerate(section.questions):
            yield Located(("sections", si, "questions", qi), section, question)


def wordings(q: Questionnaire, item: Located) -> list[Wording]:
    """Each wording of the item for the groups that can be asked it, in the file's order."""
    text = item.question.text
    if isinstance(text, str):
        return [Wording(None, text, (*item.path, "text"))]
    asked = q.groups_asked(item.question.id)
    return [Wording(g, t, (*item.path, "text", g)) for g, t in text.items() if g in asked]


def normalise(text: str) -> str:
    """Lower case, straight apostrophes: what the word lists are written against. Keeps the
    length, so an offset into the result is an offset into ``text``."""
    return text.lower().replace("\u2019", "'").replace("\u2018", "'")


def blank(text: str, patterns: tuple[str, ...] | list[str]) -> str:
    """``text`` with every match of ``patterns`` replaced by spaces (offsets unchanged)."""
    for pattern in patterns:
        text = re.sub(pattern, lambda m: " " * len(m.group()), text)
    return text


def group_name(group: str | None) -> str:
    return group if group is not None else "every group"
