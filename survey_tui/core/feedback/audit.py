"""Which log figures to withhold so that no combination of them isolates a few contributors.

The log's totals and shares are sums over cells of several partitions of the same entries
(weeks, workflows, tools). Even when every published cell has ``min_group_size`` contributors,
two partitions can nearly coincide: "week 48" minus "test writing" may be one person's
incident-response entries. This module finds every such combination exactly and withholds a
cell until none is left (docs/statistics.md, "Feedback log").

The model: every entry is one unknown (its minutes, or its outcome); a published figure is the
sum of the unknowns of its cell. Entries that lie in the same published cells of every
partition (a *cross-cell*) are indistinguishable, so a combination of figures is a function of
the cross-cells: ``A @ theta``, with ``A`` the cross-cells x published cells incidence matrix.
It isolates the contributors ``T`` when it is zero on every cross-cell with a contributor
outside ``T`` and not zero everywhere: the rows of ``A`` outside ``T``'s own cross-cells then
have a lower rank than ``A``. A search over ``T`` (fewer than ``min_group_size`` people) is
exact and small: for a larger ``T'`` to leak, it must own a row of any basis of the rows that
``T`` leaves (else that basis keeps the rank), so only those rows' owners are tried next; and
rows that need more people than are left keep their part of the rank in every larger set.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

Cell = Any  # any hashable cell id, e.g. ("week", "2026-11-30")
TOLERANCE = 1e-9


def withheld_cells(
    entries: Sequence[tuple[Sequence[Cell], str]],
    published: set[Cell],
    minimum: int,
    contributors_of: dict[Cell, int],
) -> set[Cell]:
    """The published cells to withhold as well, so that no combination of the remaining
    ones isolates fewer than ``minimum`` contributors.

    ``entries``: for each entry, the cells it belongs to (one per partition) and its
    contributor. ``contributors_of``: each cell's distinct contributors (the cell with the
    fewest, of those a leak involves, is withheld first; it loses the least).
    """
    kept = set(published)
    withheld: set[Cell] = set()
    while kept:
        leak = _find_leak(entries, kept, minimum)
        if leak is None:
            break
        cell = min(leak, key=lambda c: (contributors_of.get(c, 0), repr(c)))
        kept.discard(cell)
        withheld.add(cell)
    return withheld


def _find_leak(
    entries: Sequence[tuple[Sequence[Cell], str]], published: set[Cell], minimum: int
) -> list[Cell] | None:
    """The published cells of a combination that isolates fewer than ``minimum``
    contributors, or None when there is none."""
    import numpy as np

    columns = sorted(published, key=repr)
    index = {cell: i for i, cell in enumerate(columns)}
    owners_by_key: dict[tuple[int, ...], set[str]] = {}
    for cells, contributor in entries:
        key = tuple(sorted(index[c] for c in cells if c in index))
        if key:
            owners_by_key.setdefault(key, set()).add(contributor)
    if not owners_by_key or minimum <= 1:
        return None
    keys = list(owners_by_key)
    matrix = np.zeros((len(keys), len(columns)))
    for row, key in enumerate(keys):
        matrix[row, list(key)] = 1.0
    owners = [frozenset(owners_by_key[k]) for k in keys]
    rank = int(np.linalg.matrix_rank(matrix, tol=TOLERANCE))
    try:
        leak = _search(matrix, owners, rank, minimum - 1)
    except _Undecided:
        return list(columns)  # undecided: every cell is a candidate, the smallest goes
    if leak is None:
        return None
    theta = _combination(matrix, owners, leak)
    return [columns[i] for i in np.flatnonzero(np.abs(theta) > 1e-7)]


#: Sets of contributors one search may try before it gives up and a cell is withheld anyway
#: (a search that long means a sparse log near the threshold: withholding is the safe side).
BUDGET = 3000


class _Undecided(Exception):
    """The search ran out of its budget."""


def _search(
    matrix: NDArray[np.float64], owners: list[frozenset[str]], rank: int, most: int
) -> frozenset[str] | None:
    """A set of at most ``most`` contributors whose cross-cells hold a rank of ``matrix``;
    raises :class:`_Undecided` past :data:`BUDGET` sets.

    At each set ``taken``, rows that would need more people than are left to be owned stay
    in every larger set ("free"); only the rank they miss (``deficit``) can still be lost,
    so only the other rows' parts outside the free rows' span matter, and a larger set must
    own one row of any basis of those parts.
    """
    import numpy as np

    seen: set[frozenset[str]] = set()
    stack: list[frozenset[str]] = [frozenset()]
    while stack:
        taken = stack.pop()
        if taken in seen:
            continue
        seen.add(taken)
        if len(seen) > BUDGET:
            raise _Undecided
        room = most - len(taken)
        need = [owners[i] - taken for i in range(len(owners))]
        free = [i for i, n in enumerate(need) if len(n) > room]
        ownable = [i for i, n in enumerate(need) if 0 < len(n) <= room]
        frame = _span(matrix[free])
        deficit = rank - frame.shape[0]
        if deficit == 0:
            continue
        parts = matrix[ownable] - (matrix[ownable] @ frame.T) @ frame if ownable else matrix[[]]
        keep = [j for j in range(len(ownable)) if np.linalg.norm(parts[j]) > 1e-7]
        moving = [ownable[j] for j in keep]
        rest = parts[keep]
        basis = _span(rest)
        if basis.shape[0] < deficit:
            return taken
        if deficit == 1:
            # Every moving row spans the one missing direction: all of them must go.
            union = frozenset().union(*(need[i] for i in moving))
            if len(union) <= room:
                return taken | union
            continue
        needs = [need[i] for i in moving]
        # Sets that use up all the room are checked here (cheaply, on the hat matrix of the
        # parts); with one person left, every set does.
        ends = {n for n in needs if len(n) == room} if room > 1 else set(needs)
        found = _taken_away(rest @ basis.T, needs, ends)
        if found is not None:
            return taken | found
        if room == 1:
            continue
        order = sorted(range(len(moving)), key=lambda j: -len(needs[j]))
        for j in _greedy_basis(rest, order, deficit):
            if len(needs[j]) < room:
                stack.append(taken | needs[j])
    return None


def _taken_away(
    rows: NDArray[np.float64], needs: list[frozenset[str]], sets: set[frozenset[str]]
) -> frozenset[str] | None:
    """The first of ``sets`` of people whose rows (those whose ``needs`` it covers), taken
    away, lower the rank of ``rows`` (which have full column rank), or None.

    Rows ``Z`` taken away lower the rank exactly when the block ``H[Z, Z]`` of the hat matrix
    ``H = R (R'R)^-1 R'`` has the eigenvalue 1: one solve for all sets, then one small
    eigenvalue problem per set (batched by block size).
    """
    import numpy as np

    if not sets:
        return None
    hat = rows @ np.linalg.solve(rows.T @ rows, rows.T)
    by_size: dict[int, list[tuple[frozenset[str], list[int]]]] = {}
    for people in sorted(sets, key=sorted):
        members = [j for j, n in enumerate(needs) if n <= people]
        if members:
            by_size.setdefault(len(members), []).append((people, members))
    for size, groups in sorted(by_size.items()):
        blocks = np.stack([hat[np.ix_(m, m)] for _, m in groups])
        top = np.linalg.eigvalsh(blocks)[:, -1] if size > 1 else blocks[:, 0, 0]
        for (people, _), value in zip(groups, top, strict=True):
            if value > 1 - 1e-7:
                return people
    return None


def _span(rows: NDArray[np.float64]) -> NDArray[np.float64]:
    """An orthonormal basis (as rows) of the span of ``rows``.

    From the eigenvectors of the small Gram matrix (cells x cells): far cheaper than an SVD
    of the tall matrix, and exact enough for 0/1 rows (their nonzero singular values are
    far above the cut).
    """
    import numpy as np

    if rows.shape[0] == 0:
        return np.zeros((0, rows.shape[1]))
    values, vectors = np.linalg.eigh(rows.T @ rows)
    basis: NDArray[np.float64] = vectors[:, values > 1e-8].T
    return basis


def _greedy_basis(matrix: NDArray[np.float64], rows: list[int], rank: int) -> list[int]:
    """Rows (in the given order) that are independent, until ``rank`` of them are found."""
    import numpy as np

    chosen: list[int] = []
    frame = np.zeros((rank, matrix.shape[1]))
    for row in rows:
        vector = matrix[row]
        residual = vector - frame[: len(chosen)].T @ (frame[: len(chosen)] @ vector)
        norm = float(np.linalg.norm(residual))
        if norm > 1e-7:
            frame[len(chosen)] = residual / norm
            chosen.append(row)
            if len(chosen) == rank:
                break
    return chosen


def _combination(
    matrix: NDArray[np.float64], owners: list[frozenset[str]], leak: frozenset[str]
) -> NDArray[np.float64]:
    """Coefficients of published cells whose combination is zero outside ``leak``'s
    cross-cells and not zero on them."""
    import numpy as np

    outside = [i for i, who in enumerate(owners) if not who <= leak]
    inside = [i for i, who in enumerate(owners) if who <= leak]
    width = matrix.shape[1]
    if outside:
        _, values, vt = np.linalg.svd(matrix[outside])
        rank = int((values > TOLERANCE).sum())
        null = vt[rank:].T
    else:
        null = np.eye(width)
    moved = matrix[inside] @ null
    best = int(np.argmax(np.linalg.norm(moved, axis=0)))
    theta: NDArray[np.float64] = null[:, best]
    # Without the part that moves no figure at all (e.g. +1 on every week, -1 on every
    # workflow), so that only cells the leak needs are candidates for withholding.
    _, values, vt = np.linalg.svd(matrix)
    silent = vt[int((values > TOLERANCE).sum()) :]
    theta = theta - silent.T @ (silent @ theta)
    return theta
