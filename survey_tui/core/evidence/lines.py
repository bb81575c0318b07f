"""Follow every line through the patches, to know when each removed line had been added.

A commit's *rework* is the share of the lines it removes (deleted, or replaced: git shows a
replaced line as removed and added) that had been added less than 21 days before it
(docs/data-exchange.md, "Git metrics"). So each file of each commit has a state: for every line,
the committer time of the commit that added it, and the line's text.

- A commit's state is its first parent's, with its patch applied (``--unified=0``: each hunk
  removes ``removed`` lines at ``old_start`` and inserts its added lines there).
- Renames carry the lines (and their times) to the new path.
- A merge's patch is against its first parent. A file the merge takes as it is on another parent
  (same blob) takes that parent's lines and times. A file changed on both sides: the lines the
  merge adds are matched by text, in order, to the other parent's lines (their times), and
  lines found there are a conflict resolution, added by the merge itself.
- Lines before the first commit read (``--since``, less 21 days) are *unknown*: older than any
  window, so never rework. A file first seen half-way keeps a list of its known lines; every
  line past the end of the list is unknown.

States are kept per commit only until the commit's last child in the range is processed (the
counts come from ``git rev-list --parents``); a linear history holds one state at a time and
updates it in place. A file's lists are never changed in place (another state may share them).
"""

from __future__ import annotations

from dataclasses import dataclass

from survey_tui.core.evidence.gitlog import Commit, FileDiff, Hunk

#: The time of a line added before the history that was read: older than any window.
UNKNOWN = -(1 << 62)
#: A removed line added less than this long before the commit is rework.
REWORK_SECONDS = 21 * 86_400


@dataclass(slots=True)
class FileState:
    blob: bytes | None
    times: list[int]
    texts: list[bytes]


State = dict[bytes, FileState]
_EMPTY = FileState(None, [], [])


@dataclass(slots=True)
class LineCounts:
    """What one commit's patch did: lines added, lines removed, removed lines that were young."""

    added: int = 0
    removed: int = 0
    reworked: int = 0


class LineTracker:
    """Apply commits in order (parents first) and count each one's lines."""

    def __init__(self, children: dict[str, int]) -> None:
        # How many commits of the range still have to read each commit's state.
        self._waiting = dict(children)
        self._states: dict[bytes, State] = {}

    def apply(self, commit: Commit) -> LineCounts:
        parents = commit.parents
        base = self._take(parents[0]) if parents else {}
        sides = [self._states.get(p) for p in parents[1:]]
        for side in parents[1:]:
            self._release(side)
        counts = LineCounts()
        removed: list[bytes] = []
        changed: list[tuple[bytes, FileState]] = []
        for diff in commit.files:
            before = base.get(diff.old_path, _EMPTY)
            if diff.old_path != diff.path:
                removed.append(diff.old_path)
            if diff.deleted:
                removed.append(diff.path)
            state = _merged(diff, sides) if commit.is_merge else None
            if state is None:
                state = _patched(before, diff, commit, sides, counts)
            if not diff.deleted:
                changed.append((diff.path, state))
        for path in removed:
            base.pop(path, None)
        for path, state in changed:
            base[path] = state
        if self._waiting.get(commit.sha.decode(), 0) > 0:
            self._states[commit.sha] = base
        return counts

    def _take(self, parent: bytes) -> State:
        """The parent's state to build on: its own dict when no other child needs it."""
        state = self._states.get(parent)
        if state is None:
            return {}
        key = parent.decode()
        left = self._waiting.get(key, 0) - 1
        self._waiting[key] = left
        if left <= 0:
            del self._states[parent]
            return state
        return dict(state)

    def _release(self, parent: bytes) -> None:
        key = parent.decode()
        left = self._waiting.get(key, 0) - 1
        self._waiting[key] = left
        if left <= 0:
            self._states.pop(parent, None)


def _merged(diff: FileDiff, sides: list[State | None]) -> FileState | None:
    """The other parent's file when the merge took it as it was there (same blob)."""
    if diff.blob is None or diff.deleted:
        return None
    for side in sides:
        if side is not None:
            found = side.get(diff.path)
            if found is not None and found.blob == diff.blob:
                return found
    return None


def _patched(
    before: FileState,
    diff: FileDiff,
    commit: Commit,
    sides: list[State | None],
    counts: LineCounts,
) -> FileState:
    """``before`` with ``diff``'s hunks applied; counts the lines of a commit that is no merge."""
    if diff.binary:
        return FileState(diff.blob, [], [])
    times, texts = before.times, before.texts
    new_times: list[int] = []
    new_texts: list[bytes] = []
    position = 0  # index into the old lists: everything before it is copied already
    merge = commit.is_merge
    origin = _Origins(diff, sides, commit.time) if merge else None
    young_after = commit.time - REWORK_SECONDS
    for hunk in diff.hunks:
        start = hunk.old_start - 1 if hunk.removed else hunk.old_start
        _copy(times, texts, position, start, new_times, new_texts)
        end = start + hunk.removed
        if not merge:
            gone = times[start:end]
            counts.removed += hunk.removed
            counts.reworked += sum(1 for t in gone if t > young_after)
            counts.added += len(hunk.added)
            new_times.extend([commit.time] * len(hunk.added))
        else:
            assert origin is not None
            new_times.extend(origin.times(hunk))
        new_texts.extend(hunk.added)
        position = end
    if position < len(times):
        new_times.extend(times[position:])
        new_texts.extend(texts[position:])
    return FileState(diff.blob, new_times, new_texts)


def _copy(
    times: list[int],
    texts: list[bytes],
    start: int,
    end: int,
    new_times: list[int],
    new_texts: list[bytes],
) -> None:
    """Lines ``start:end`` of the old file, padded with unknown lines past its known end."""
    if end <= start:
        return
    new_times.extend(times[start:end])
    new_texts.extend(texts[start:end])
    short = end - max(start, len(times))
    if short > 0:
        new_times.extend([UNKNOWN] * short)
        new_texts.extend([b""] * short)


class _Origins:
    """When the lines a merge adds (against its first parent) were added on the other side."""

    def __init__(self, diff: FileDiff, sides: list[State | None], merge_time: int) -> None:
        self._merge_time = merge_time
        self._unknown_side = any(side is None for side in sides)
        self._by_text: dict[bytes, list[int]] = {}
        for side in sides:
            if side is None:
                continue
            state = side.get(diff.path) or side.get(diff.old_path)
            if state is None:
                continue
            # Reversed, so that pop() hands out each text's times in file order.
            for time, text in zip(reversed(state.times), reversed(state.texts), strict=True):
                self._by_text.setdefault(text, []).append(time)

    def times(self, hunk: Hunk) -> list[int]:
        out = []
        for text in hunk.added:
            found = self._by_text.get(text)
            if found:
                out.append(found.pop())
            elif self._unknown_side:
                out.append(UNKNOWN)  # from a parent older than the history read
            else:
                out.append(self._merge_time)  # a conflict resolution: the merge wrote it
        return out
