"""``survey-tui lint``: survey-method warnings about a questionnaire that validates.

``validate`` is about correctness (will the file load and run?); ``lint`` is about method (will
the gap it measures mean anything?). Each rule is a small function from a questionnaire to
findings; every finding is printed as ``FILE:LINE:COL: field: warning: message (fix) [rule]``
with the position machinery ``validate`` uses. docs/questionnaires.md ("Checking the method")
describes each rule with a bad and a good example.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path as FsPath

from survey_tui.core.errors import Problem
from survey_tui.core.lint.base import Finding
from survey_tui.core.lint.size import check_anonymity, check_length
from survey_tui.core.lint.structure import (
    check_construct_groups,
    check_ignored_construct,
    check_scale_balance,
    check_scale_mismatch,
)
from survey_tui.core.lint.translation import check_translation_length, check_untranslated
from survey_tui.core.lint.wording import (
    check_absolutes,
    check_dont_know,
    check_double_barrelled,
    check_leading,
    check_referents,
)
from survey_tui.core.lint.words import ENGLISH, Lexicon
from survey_tui.core.model import Questionnaire
from survey_tui.core.yamlsource import SourceMap

Rule = Callable[[Questionnaire, Lexicon], Iterator[Finding]]

#: Every rule, in the order of docs/questionnaires.md.
RULES: tuple[Rule, ...] = (
    check_referents,
    check_double_barrelled,
    check_leading,
    check_absolutes,
    check_scale_balance,
    check_dont_know,
    check_scale_mismatch,
    check_ignored_construct,
    check_construct_groups,
    check_length,
    check_anonymity,
    check_untranslated,
    check_translation_length,
)


def lint(q: Questionnaire, source: SourceMap, lexicon: Lexicon = ENGLISH) -> list[Problem]:
    """Every methodology warning about ``q``, located in ``source``, in file order."""
    found = [finding.problem(source) for rule in RULES for finding in rule(q, lexicon)]
    return sorted(found, key=lambda p: (p.line or 0, p.column or 0, p.field, p.message))


def lint_file(path: str | FsPath) -> list[Problem]:
    """The load warnings (``validate``'s) and the lint warnings of the file at ``path``.

    Raises :class:`~survey_tui.core.errors.QuestionnaireError` when the file does not
    validate: method cannot be judged on a file that does not load.
    """
    from survey_tui.core.loader import load_with_source

    questionnaire, source, warnings = load_with_source(path)
    return warnings + lint(questionnaire, source)
