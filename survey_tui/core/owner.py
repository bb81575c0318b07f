"""Who is answering a partial response, without naming anyone.

Resuming needs two facts about an unfinished response: that it was started by this user on
this machine (``resume_key``), and whether the terminal answering it is still open
(``owner``: a machine id and a process id). Both come from a random token made once and kept
in the user data dir, so no host name, user name or path ever reaches a record. A record
whose machine id is not ours is "not ours, not alive-checkable".
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
from pathlib import Path
from typing import Any

from survey_tui.core.record import Owner

TOKEN_FILE = "machine-token"
_TOKEN = re.compile(r"[0-9a-f]{32}")


def token_path(name: str = TOKEN_FILE) -> Path:
    """Where a token lives: the per-user data dir of platformdirs (honours XDG_DATA_HOME)."""
    import platformdirs

    return Path(platformdirs.user_data_dir("survey-tui")) / name


def machine_token() -> str | None:
    """This user's random token on this machine, made on first use; None when it cannot be
    kept (e.g. a read-only home): then nothing is resumable, which is safe."""
    return device_token(TOKEN_FILE)


def device_token(name: str) -> str | None:
    """The random token kept in the user data dir under ``name``, made on first use (each
    name its own random value, so two tokens cannot be linked); None when it cannot be kept."""
    path = token_path(name)
    token = _read_token(path)
    if token is not None:
        return token
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = path.with_name(f"{name}.{secrets.token_hex(6)}")
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.write(fd, secrets.token_hex(16).encode() + b"\n")
            os.fsync(fd)
        finally:
            os.close(fd)
        try:
            # link() fails when another terminal made the token first: then that one counts.
            os.link(temp, path)
        except FileExistsError:
            pass
        finally:
            temp.unlink()
    except OSError:
        return None
    return _read_token(path)


def _read_token(path: Path) -> str | None:
    try:
        text = path.read_text(encoding="ascii", errors="replace").strip()
    except OSError:
        return None
    if _TOKEN.fullmatch(text):
        return text
    # Damaged: replace it (only resumability of unfinished responses depends on it).
    with contextlib.suppress(OSError):
        path.unlink()
    return None


def _derived(purpose: str) -> str | None:
    token = machine_token()
    if token is None:
        return None
    return hashlib.sha256(f"survey-tui {purpose}\0{token}".encode()).hexdigest()[:16]


def machine_id() -> str | None:
    """The opaque id stored in ``owner.machine`` (derived from the token, not the token)."""
    return _derived("machine")


def terminal_resume_key() -> str | None:
    """An opaque key for "this user on this machine"; None when stdin is not a terminal.

    The terminal device itself is left out on purpose: a killed terminal comes back on a
    different pty, and that respondent must still be offered their answers. Scripts (stdin
    not a terminal) never resume.
    """
    if not os.isatty(0):
        return None
    return _derived("resume")


def this_process() -> Owner:
    """The ``owner`` of a partial response answered here: machine id and process id."""
    return {"machine": machine_id(), "pid": os.getpid()}


def alive(owner: Any) -> bool:
    """Whether the process that owns a partial response is still running on this machine."""
    if not isinstance(owner, dict):
        return False
    machine = owner.get("machine")
    if not isinstance(machine, str) or machine != machine_id():
        return False  # another machine's (or an older version's) record: not checkable
    pid = owner.get("pid")
    if not isinstance(pid, int) or isinstance(pid, bool) or pid <= 0 or pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, run by someone else
    except (OSError, OverflowError):
        return False  # e.g. a pid beyond the system's range: no such process here
    return True
