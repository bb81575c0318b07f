"""Resume never hands one person's unfinished answers to another on the same laptop: a
response still open in another terminal (its process alive) is not offered, nor one of another
group than a fixed --group; once that terminal is gone (killed), it is offered again."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

from survey_tui.core.loader import load
from survey_tui.core.session import Session, find_resumable
from survey_tui.core.store import ResponseStore

SMALL = Path(__file__).resolve().parents[1] / "ui" / "run_small.yaml"


def test_an_open_session_elsewhere_is_not_offered_until_its_process_is_gone(
    tmp_path: Path,
) -> None:
    q = load(SMALL)
    store = ResponseStore(tmp_path / "r.json")
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        first = Session(q, store, group="a", resume_key="same-user")
        first.begin()
        assert first.record is not None
        first.record["owner"] = {"host": socket.gethostname(), "pid": other.pid}
        store.save(first.record)  # as if answered in that other, still open, terminal
        assert find_resumable(q, store, "same-user") is None
    finally:
        other.kill()
        other.wait()
    found = find_resumable(q, store, "same-user")  # that terminal was killed: offer it
    assert found is not None and found["response_id"] == first.record["response_id"]
    assert find_resumable(q, store, "same-user", group="b") is None  # --group b: not theirs
    assert find_resumable(q, store, "same-user", group="a") is not None
