"""An unfinished response as a closed terminal leaves it, and the app that held it.

Whether a partial response may be resumed turns on "is its owner's pid dead?"
(``survey_tui.core.owner.alive``). The owner here is a real process whose life the test
decides: it runs until it is ended (killed and reaped, so its pid is surely dead after), never
for a fixed time, so no outcome depends on how fast or how loaded the machine is.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from survey_tui.core.loader import load
from survey_tui.core.model import Questionnaire
from survey_tui.core.owner import machine_id
from survey_tui.core.record import Record
from survey_tui.core.store import ResponseStore

SMALL = Path(__file__).parents[1] / "ui" / "run_small.yaml"


class OwnerProcess:
    """A real process standing in for the app of a terminal that is still open.

    It waits on its stdin, so it runs until :meth:`end` (or until the test process goes and
    the pipe closes: no process is left behind).
    """

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE
        )

    @property
    def pid(self) -> int:
        return self.process.pid

    @property
    def running(self) -> bool:
        return self.process.poll() is None

    def end(self) -> None:
        """Kill it and reap it: from here on its pid is no running process (a shell reaps a
        closed terminal's app the same way)."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        if self.process.stdin is not None:
            self.process.stdin.close()


class EndsOwnerWhenSeenHeld(ResponseStore):
    """A real store through which ``owner`` ends as soon as a resume check has found the
    response still held by it: the closed terminal's app ends while the new terminal waits
    for it, at the same point in every run."""

    def __init__(self, path: Path, owner: OwnerProcess) -> None:
        super().__init__(path)
        self.owner = owner

    def find_resumable(
        self,
        questionnaire_id: str,
        resume_key: str,
        accept: Callable[[Record], bool] | None = None,
    ) -> Record | None:
        found = super().find_resumable(questionnaire_id, resume_key, accept)
        if found is not None and self.owner.running:
            self.owner.end()  # found while its owner runs: the check was "held elsewhere?"
        return found


@dataclass
class Unfinished:
    """A partial response of terminal ``tty-1`` (group ``a``) to run_small.yaml, stored."""

    questionnaire: Questionnaire
    db: Path
    store: ResponseStore
    record: Record


def unfinished(
    tmp_path: Path, answers: dict[str, Any], owner: OwnerProcess | None = None
) -> Unfinished:
    """Store an unfinished response with ``answers``, owned by ``owner`` on this machine when
    given (else by nobody, like one whose terminal was killed long ago)."""
    questionnaire = load(SMALL)
    db = tmp_path / "r.json"
    store = ResponseStore(db)
    record = store.start(questionnaire, group="a", resume_key="tty-1")
    record["answers"] = answers
    if owner is not None:
        record["owner"] = {"machine": machine_id(), "pid": owner.pid}
    store.save(record)
    return Unfinished(questionnaire, db, store, record)
