"""Crash-safe file primitives and a TinyDB ``Storage`` that writes atomically with orjson.

A write never leaves a half-written store behind: the new content goes to a temp file in the
same directory, is fsynced, replaces the old file with ``os.replace`` (atomic on POSIX), and the
directory is fsynced so the rename itself survives a power cut.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from survey_tui.core.errors import StoreError

#: Marker in the names of temp files, so leftovers of a killed writer can be found on open.
TEMP_MARKER = ".tmp-"
NEW_FILE_MODE = 0o600


def fsync_dir(directory: Path) -> None:
    """Flush a directory entry (a rename or unlink) to disk; best effort where unsupported."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:  # pragma: no cover - e.g. platforms without directory fds
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically (temp file, fsync, os.replace, fsync dir).

    A new file gets mode 0600 (answers may be sensitive); an existing file keeps its mode.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        mode = NEW_FILE_MODE
    temp = path.with_name(f"{path.name}{TEMP_MARKER}{secrets.token_hex(6)}")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            # os.open's mode is filtered by the umask; set it exactly.
            os.fchmod(fd, mode)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    fsync_dir(path.parent)


def remove_temp_files(path: Path) -> int:
    """Delete temp files a killed writer left next to ``path``; returns how many.

    Call only while holding the store's lock, so no live writer's temp file is removed.
    """
    removed = 0
    if not path.parent.is_dir():
        return 0
    for leftover in path.parent.glob(f"{path.name}{TEMP_MARKER}*"):
        with contextlib.suppress(OSError):
            leftover.unlink()
            removed += 1
    return removed


def read_json_file(path: Path, *, empty_ok: bool = True) -> dict[str, Any] | None:
    """Parse a JSON object file; ``None`` when missing (or empty, if ``empty_ok``);
    StoreError when not JSON.

    A response store passes ``empty_ok=False``: a store file is never written empty (writes
    are atomic), so an empty one is damage, and replacing it would hide that.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise StoreError(f"cannot read the store: {error.strerror}", location=str(path)) from None
    if not raw.strip():
        if empty_ok:
            return None
        what = "empty (0 bytes)" if not raw else "blank (only white space)"
        raise StoreError(
            f"the store file is {what}, not a survey-tui store; it was left untouched "
            "(delete it to start a new store)",
            location=str(path),
        )
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise StoreError(
            f"not a valid JSON store ({error}); it was left untouched", location=str(path)
        ) from None
    if not isinstance(data, dict):
        raise StoreError(
            "not a survey-tui store (the top level is not a JSON object); it was left untouched",
            location=str(path),
        )
    return data


class AtomicOrjsonStorage(Storage):
    """TinyDB storage: orjson (de)serialisation and atomic, fsynced whole-file writes.

    Usable on its own: ``TinyDB(path, storage=AtomicOrjsonStorage)``. It does no locking;
    :class:`~survey_tui.core.store.ResponseStore` holds the inter-process lock around it.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)

    def read(self) -> dict[str, dict[str, Any]] | None:
        """The whole database, or ``None`` for a missing or empty file."""
        return read_json_file(self.path)

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        """Replace the file atomically with ``data``."""
        atomic_write_bytes(self.path, orjson.dumps(data))

    def close(self) -> None:
        """Nothing to release: no file handle is kept open."""
