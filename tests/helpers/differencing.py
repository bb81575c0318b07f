"""A brute-force check of the differencing rule (docs/statistics.md, "Anonymity").

The model: every published figure that is a mean, a score, a share or a difference of them is
a linear function of the answers over a set of respondents the attacker knows (who answered
what, group by group). The analysis is treated as a black box: raising one respondent's answer
by one scale step and watching which published figures move gives the coefficients of every
figure exactly (the figures are linear in the answers while which figures are published
depends only on counts). A leak is a linear combination of published figures that depends on
the answers of fewer than ``min_group_size`` respondents and on nobody else's: then an
attacker holding the printed numbers learns something about those few alone.

A combination isolating a set of respondents ``T`` exists exactly when dropping ``T``'s answer
columns lowers the rank of the figures' coefficient matrix; it is enough to try every ``T`` of
``min_group_size - 1`` respondents (a smaller isolated set lies inside one of them).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import numpy as np

#: Keys of figures that are not linear in the answers (tests, intervals, labels, derived
#: summaries of figures checked on their own).
NON_LINEAR = {
    "p_value",
    "p_adjusted",
    "ci95",
    "cliffs_delta",
    "significant",
    "effect",
    "expectation_gap_index",
    "expectation_gap_index_ci95",
    "small_sample",
    "suppressed",
    "asked",
    "n",
    "counts",
    "q1",
    "q3",
    "median",
    "median_a",
    "median_b",
    "before_ci95",
}
#: Figures that count favourable answers: a different unknown per answer than the score.
FAVORABLE = ("favorable_pct", "favorable_points")

Variable = tuple[int, str, str | None]  # (respondent index, question id, matrix row or None)


def linear_leaves(node: Any, path: str = "") -> dict[str, float]:
    """Every published number in an analysis result that is linear in the answers, by path."""
    found: dict[str, float] = {}
    if isinstance(node, dict):
        keyed = "question" in node or "construct" in node
        for key, value in node.items():
            if key in NON_LINEAR:
                continue
            label = f"{path}/{node.get('question') or node.get('construct')}" if keyed else path
            found.update(linear_leaves(value, f"{label}/{key}"))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found.update(linear_leaves(value, f"{path}[{index}]"))
    elif isinstance(node, float | int) and not isinstance(node, bool):
        found[path] = float(node)
    return found


def coefficients(
    run: Callable[[list[dict[str, Any]]], dict[str, Any]],
    records: list[dict[str, Any]],
    variables: list[Variable],
) -> tuple[list[str], np.ndarray]:
    """The published linear figures and their coefficient on each variable (one step up)."""
    base = linear_leaves(run(records))
    paths = sorted(base)
    matrix = np.zeros((len(paths), len(variables)))
    for column, (who, question, row) in enumerate(variables):
        changed = [dict(r, answers=dict(r["answers"])) for r in records]
        answers = changed[who]["answers"]
        if row is None:
            answers[question] += 1
        else:
            answers[question] = {**answers[question], row: answers[question][row] + 1}
        moved = linear_leaves(run(changed))
        assert sorted(moved) == paths, "which figures are published must not depend on values"
        matrix[:, column] = [moved[p] - base[p] for p in paths]
    return paths, matrix


def isolated_sets(
    paths: list[str],
    matrix: np.ndarray,
    variables: list[Any],
    minimum: int,
    family_of: Callable[[str], str] | None = None,
) -> list[tuple[str, tuple[int, ...]]]:
    """Each family of figures (scores, favourable shares; or ``family_of(path)``) with a set
    of fewer than ``minimum`` people that some combination of its figures isolates.

    A variable is a tuple whose first element is the person it belongs to."""
    leaks: list[tuple[str, tuple[int, ...]]] = []
    people = sorted({v[0] for v in variables})
    name_of = family_of or (lambda p: "favorable" if p.endswith(FAVORABLE) else "score")
    families: dict[str, list[int]] = {}
    for i, p in enumerate(paths):
        families.setdefault(name_of(p), []).append(i)
    size = min(minimum - 1, len(people))
    for family, rows in families.items():
        if not rows or size < 1:
            continue
        sub = matrix[rows]
        full = np.linalg.matrix_rank(sub, tol=1e-7)
        for chosen in itertools.combinations(people, size):
            keep = [c for c, v in enumerate(variables) if v[0] not in chosen]
            if np.linalg.matrix_rank(sub[:, keep], tol=1e-7) < full:
                leaks.append((family, chosen))
                break
    return leaks
