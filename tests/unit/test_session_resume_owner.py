"""Resume never hands one person's unfinished answers to another on the same laptop: a
response still open in another terminal (its process alive) is not offered, nor one of another
group than a fixed --group; once that terminal is gone (killed), it is offered again.

The owner of a partial response is an opaque machine id (from a random token in the user data
dir) and a pid: never a host name (issue 11)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from survey_tui.core import owner
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
        first.record["owner"] = {"machine": owner.machine_id(), "pid": other.pid}
        store.save(first.record)  # as if answered in that other, still open, terminal
        assert find_resumable(q, store, "same-user") is None
    finally:
        other.kill()
        other.wait()
    found = find_resumable(q, store, "same-user")  # that terminal was killed: offer it
    assert found is not None and found["response_id"] == first.record["response_id"]
    assert find_resumable(q, store, "same-user", group="b") is None  # --group b: not theirs
    assert find_resumable(q, store, "same-user", group="a") is not None


def test_the_owner_names_no_host_and_another_machine_is_not_checked(tmp_path: Path) -> None:
    q = load(SMALL)
    store = ResponseStore(tmp_path / "r.json")
    session = Session(q, store, group="a", resume_key="same-user")
    session.begin()
    stored = store.get(session.record["response_id"])  # type: ignore[index]
    assert stored is not None
    assert stored["owner"] == {"machine": owner.machine_id(), "pid": os.getpid()}
    text = (tmp_path / "r.json").read_text() + store.journal_path.read_text()
    assert socket.gethostname() not in text
    # A live pid, but recorded on another machine: not ours to check, so it is offered.
    stored["owner"] = {"machine": "0" * 16, "pid": os.getppid()}
    store.save(stored)
    assert find_resumable(q, store, "same-user") is not None


def test_the_machine_token_is_random_kept_and_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "one"))
    first = owner.machine_token()
    assert first is not None and first == owner.machine_token()  # made once, then kept
    path = owner.token_path()
    assert path.is_relative_to(tmp_path / "one") and (path.stat().st_mode & 0o777) == 0o600
    for identifying in (socket.gethostname(), os.environ.get("USER", "root"), str(tmp_path)):
        assert identifying not in first
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "two"))
    assert owner.machine_token() not in (None, first)  # random, not derived from the machine
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "one"))
    path.write_text("damaged\n")
    assert owner.machine_token() not in (None, first)  # a damaged token is replaced


def test_no_token_where_the_user_data_dir_cannot_be_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "file").write_text("")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "file"))  # a file: no folder inside
    assert owner.machine_token() is None and owner.machine_id() is None
    assert not owner.alive({"machine": None, "pid": os.getppid()})


def test_waiting_for_a_held_response_gives_up_at_the_deadline_or_when_cancelled(
    tmp_path: Path,
) -> None:
    from survey_tui.core.resume import ResumeSearch

    q = load(SMALL)
    store = ResponseStore(tmp_path / "r.json")
    held = Session(q, store, group="a", resume_key="same-user")
    held.begin()
    assert held.record is not None
    other = subprocess.Popen(
        [sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE
    )
    held.record["owner"] = {"machine": owner.machine_id(), "pid": other.pid}
    store.save(held.record)  # open in another terminal for the whole test
    now = [0.0]
    naps: list[float] = []

    def sleep(seconds: float) -> None:
        naps.append(seconds)
        now[0] += seconds

    search = ResumeSearch(q, store, "same-user", "a")
    assert search.wait(within=1.0, clock=lambda: now[0], sleep=sleep) is None
    assert 1.0 <= now[0] < 1.1 and len(naps) >= 10  # polled until the deadline, then stopped
    naps.clear()
    assert (
        search.wait(within=1.0, clock=lambda: now[0], sleep=sleep, cancelled=lambda: True) is None
    )
    assert naps == []  # cancelled: no wait at all
    naps.clear()
    # Another group's, or a practice run's, search finds nothing held: it returns at once.
    for not_theirs in (
        ResumeSearch(q, store, "same-user", "b"),
        ResumeSearch(q, store, "same-user", test=True),
    ):
        assert not_theirs.wait(within=1.0, clock=lambda: now[0], sleep=sleep) is None
    assert naps == []
    other.kill()
    other.wait()
    assert search.wait(within=1.0, clock=lambda: now[0], sleep=sleep) is not None  # let go
