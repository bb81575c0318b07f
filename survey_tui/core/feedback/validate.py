"""The rules of a ``feedback_log:`` block that its schema alone cannot express."""

from __future__ import annotations

from survey_tui.core.errors import Problem, suggest
from survey_tui.core.model import OTHER_TOOL, MatrixQuestion, Questionnaire
from survey_tui.core.yamlsource import Path, SourceMap


def log_problems(q: Questionnaire, source: SourceMap) -> list[Problem]:
    """Every problem of ``q.feedback_log`` (none without one), located in ``source``."""
    log = q.feedback_log
    if log is None:
        return []
    problems: list[Problem] = []
    base: Path = ("feedback_log",)
    if isinstance(log.workflows, list):
        problems += _duplicates(
            [w.id for w in log.workflows], (*base, "workflows"), "workflow id", source
        )
    else:
        name = log.workflows.from_
        question = q.question(name)
        path: Path = (*base, "workflows", "from")
        if question is None:
            matrices = [m.id for m in q.questions() if isinstance(m, MatrixQuestion)]
            hint = suggest(name, matrices) or (
                f"; matrix questions: {', '.join(matrices)}"
                if matrices
                else "; the file has no matrix question: list the workflows as {id, label}"
            )
            problems.append(source.problem(path, f"unknown matrix question {name!r}{hint}"))
        elif not isinstance(question, MatrixQuestion):
            problems.append(
                source.problem(
                    path,
                    f"{name!r} is a {question.type} question, not a matrix: 'from' takes the "
                    "rows of a matrix question",
                )
            )
    values = [t.value for t in log.tools]
    for i, value in enumerate(values):
        where: Path = (*base, "tools", i)
        if not value:
            problems.append(
                source.problem(where, "a tool needs a name with at least one letter or digit")
            )
        elif value == OTHER_TOOL:
            problems.append(
                source.problem(where, "'Other' is always offered (with its own text): leave it out")
            )
        elif value in values[:i]:
            problems.append(source.problem(where, f"duplicate tool {value!r}"))
    problems += _duplicates(
        [o.value for o in log.outcomes], (*base, "outcomes"), "outcome value", source, "value"
    )
    return problems


def _duplicates(
    ids: list[str], path: Path, what: str, source: SourceMap, key: str = "id"
) -> list[Problem]:
    first: dict[str, int] = {}
    found = []
    for i, value in enumerate(ids):
        if value in first:
            line, _ = source.locate((*path, first[value], key))
            found.append(
                source.problem(
                    (*path, i, key), f"duplicate {what} {value!r} (first on line {line})"
                )
            )
        else:
            first[value] = i
    return found
