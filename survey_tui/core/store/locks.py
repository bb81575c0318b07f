"""The store's lock files: removed once nobody uses the store, never while someone may.

Every read and write holds ``PATH.lock`` (filelock). When a process is done with its stores
(``survey_tui.cli``, after every command) it removes each lock file it can lock at once, while
holding that lock, so no ``.lock`` stays behind once the last user of a store is gone.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from filelock import FileLock, Timeout

from survey_tui.core.store.storage import NEW_FILE_MODE

#: The lock file of every store opened in this process, so that they can go when it is done.
_USED_LOCKS: set[Path] = set()


def note_used(lock_path: Path) -> None:
    """Remember a store's lock file for :func:`remove_lock_files`."""
    _USED_LOCKS.add(lock_path)


def remove_lock_files() -> None:
    """Remove the lock file of every store this process opened, where nobody holds it now
    (the end of a command: a store leaves no ``.lock`` behind once its last user is gone)."""
    for lock_path in sorted(_USED_LOCKS):
        with contextlib.suppress(OSError):
            remove_lock_file(
                FileLock(lock_path, mode=NEW_FILE_MODE, thread_local=False, poll_interval=0.002)
            )


def remove_lock_file(lock: FileLock) -> bool:
    """Remove ``lock``'s file if the lock can be had at once (nobody is using the store);
    True when it was removed.

    Safe for every other user of the store: the file is unlinked only while this process
    holds its lock, and filelock (>= 3.20.4) checks after each ``flock`` that the locked file
    is still linked (``st_nlink``), so a process that opened the old file before the unlink
    and gets its lock afterwards drops it and locks the new file: two processes never hold
    "the" lock on two different files. Where filelock fell back to a soft lock (no ``flock``
    on the file system), its own release removes the file.
    """
    path = Path(lock.lock_file)
    if not path.exists() or lock.is_locked:
        return False  # nothing to remove, or this process is inside a store call
    try:
        lock.acquire(timeout=0)
    except (Timeout, OSError):
        return False  # someone holds it: the last of them removes it
    try:
        if getattr(getattr(lock, "_context", None), "soft_fallback", False):
            return False
        path.unlink(missing_ok=True)
        return True
    finally:
        lock.release()
