"""What one device keeps for the feedback log: its contributor token and the last choices.

The contributor token is a random value made once per device and user in the platformdirs
user data dir (``contributor-token``, mode 0600), never derived from a host, user or path, and
not the machine token of :mod:`survey_tui.core.owner` (each file is its own random value, so an
entry cannot be linked to a partial response). The store holds only a hash of it, used for one
thing: counting distinct contributors (and letting a device undo its own last entry).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from typing import Any

import orjson

from survey_tui.core import owner
from survey_tui.core.errors import SurveyError

CONTRIBUTOR_FILE = "contributor-token"
CHOICES_FILE = "log-choices.json"
#: A contributor value as stored and as a log CSV may carry it.
CONTRIBUTOR_MAX = 64


def stored_contributor(secret: str) -> str:
    """The contributor value stored with an entry for a device's (or browser's) secret."""
    return hashlib.sha256(f"survey-tui contributor\0{secret}".encode()).hexdigest()[:32]


def device_contributor() -> str:
    """This device's contributor value; a SurveyError when no token can be kept here.

    Without a kept token every entry would count as a new contributor, and one person could
    pass the anonymity threshold alone: refused instead.
    """
    secret = owner.device_token(CONTRIBUTOR_FILE)
    if secret is None:
        folder = owner.token_path(CONTRIBUTOR_FILE).parent
        raise SurveyError(
            f"cannot keep this device's contributor token in {folder} (it counts distinct "
            "contributors); make that folder writable, or set XDG_DATA_HOME to one that is"
        )
    return stored_contributor(secret)


def file_contributor(data: bytes) -> str:
    """The one contributor of every row of an imported file that names none: one person's
    spreadsheet never passes a threshold alone (docs/data-exchange.md)."""
    return "file-" + hashlib.sha256(b"survey-tui log import\0" + data).hexdigest()[:27]


def last_choices(questionnaire_id: str) -> dict[str, str]:
    """The group, workflow and tool this device logged last for the questionnaire ({} if none)."""
    path = owner.token_path(CHOICES_FILE)
    try:
        data: Any = orjson.loads(path.read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return {}
    found = data.get(questionnaire_id) if isinstance(data, dict) else None
    if not isinstance(found, dict):
        return {}
    return {
        k: v for k, v in found.items() if k in ("group", "workflow", "tool") and isinstance(v, str)
    }


def remember_choices(questionnaire_id: str, choices: dict[str, str]) -> None:
    """Keep the last choices for the next entry (best effort: a read-only home forgets)."""
    path = owner.token_path(CHOICES_FILE)
    try:
        data: Any = orjson.loads(path.read_bytes())
    except (OSError, orjson.JSONDecodeError):
        data = {}
    if not isinstance(data, dict):
        data = {}
    data[questionnaire_id] = choices
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = path.with_name(f"{CHOICES_FILE}.{os.getpid()}.tmp")
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(orjson.dumps(data))
        os.replace(temp, path)
