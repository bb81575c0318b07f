"""The one error hierarchy: every user-facing problem is a :class:`SurveyError`.

The CLI prints ``str(error)`` to stderr and exits 2; the TUI shows it with ``notify``.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One problem in one input file, printed as ``FILE:LINE:COL: field: message``."""

    file: str
    line: int | None
    column: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message}"


class SurveyError(Exception):
    """Base of every error the user can cause; never a bug.

    ``title`` is a short heading (for notifications); ``location`` names the file (and line)
    the problem is in, when there is one.
    """

    title = "Error"

    def __init__(self, message: str, *, location: str | None = None, title: str | None = None):
        super().__init__(message)
        self.message = message
        self.location = location
        if title is not None:
            self.title = title

    def __str__(self) -> str:
        if self.location:
            return f"{self.location}: {self.message}"
        return self.message


class QuestionnaireError(SurveyError):
    """A questionnaire file failed to load; carries every problem found."""

    title = "Invalid questionnaire"

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(
            problems, key=lambda p: (p.file, p.line or 0, p.column or 0, p.field, p.message)
        )
        first = self.problems[0].file if self.problems else None
        super().__init__("\n".join(str(p) for p in self.problems), location=None)
        self.location = first

    def __str__(self) -> str:
        return self.message


class StoreError(SurveyError):
    """The response store cannot be read or written safely."""

    title = "Response store"


class DataError(SurveyError):
    """Bad rows in an imported file, or data that does not fit the questionnaire."""

    title = "Bad data"

    def __init__(self, problems: list[Problem], message: str | None = None):
        self.problems = problems
        text = message or "\n".join(str(p) for p in problems)
        super().__init__(text)

    def __str__(self) -> str:
        return self.message


class TemplateError(SurveyError):
    """A report template failed to load or render."""

    title = "Report template"


def suggest(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` when a choice is close to ``word``, else ``""``."""
    matches = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f" (did you mean {matches[0]!r}?)" if matches else ""
