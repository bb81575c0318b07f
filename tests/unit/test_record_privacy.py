"""A submitted record holds exactly the keys docs/interfaces.md lists: no host name, user name,
path, or key shared by every response from one account (issue 11, "identifying data").

A real session (core.session) writes through a real ResponseStore file; the file's bytes are
checked too, not only what the API returns.
"""

from __future__ import annotations

import getpass
import json
import os
import re
import shutil
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from survey_tui.cli import main
from survey_tui.core import owner
from survey_tui.core.loader import load
from survey_tui.core.session import Session
from survey_tui.core.store import ResponseStore
from survey_tui.core.store.records import OPTIONAL_KEYS, RECORD_KEYS

ROOT = Path(__file__).resolve().parents[2]
SMALL = ROOT / "tests" / "ui" / "run_small.yaml"
OLD_STORE = ROOT / "tests" / "fixtures" / "old_store" / "responses.json"


def documented_keys() -> set[str]:
    """The keys docs/interfaces.md lists for a submitted record."""
    text = (ROOT / "docs" / "interfaces.md").read_text(encoding="utf-8")
    match = re.search(
        r"Keys of a submitted record \(exactly these, no other\):(.*?)\n\n", text, re.S
    )
    assert match, "docs/interfaces.md lists the keys of a submitted record"
    return set(re.findall(r"`([a-z_0-9]+)`", match.group(1)))


def identifying(tmp_path: Path) -> list[str]:
    """Strings that would identify this machine, account or folder."""
    return [socket.gethostname(), getpass.getuser(), str(tmp_path), str(Path.home())]


def test_the_code_keeps_the_documented_keys() -> None:
    assert documented_keys() == RECORD_KEYS


def test_a_submitted_record_has_exactly_the_documented_keys(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "isatty", lambda fd: True)  # as in a terminal: resumable
    resume_key = owner.terminal_resume_key()
    assert resume_key is not None
    q = load(SMALL)
    path = tmp_path / "responses.json"
    session = Session(q, ResponseStore(path), group="a", resume_key=resume_key)
    session.record_answer("lik", 4, 3.0)

    # While partial: only what resume needs, and nothing that names anyone.
    partial = ResponseStore(path).get(session.record["response_id"])  # type: ignore[index]
    always = RECORD_KEYS - OPTIONAL_KEYS  # "test" is there on practice responses only
    assert partial is not None and set(partial) == always | {"resume_key", "owner"}
    assert set(partial["owner"]) == {"machine", "pid"}

    session.record_answer("nps", 9, 2.0)
    returned = session.submit()
    assert set(returned) == documented_keys() - OPTIONAL_KEYS

    fresh = ResponseStore(path)
    [stored] = fresh.responses("small")
    assert set(stored) == documented_keys() - OPTIONAL_KEYS
    fresh.compact()
    on_disk = json.loads(path.read_text())["responses"]
    [doc] = on_disk.values()
    assert set(doc) == documented_keys() - OPTIONAL_KEYS | {"_seq"}  # _seq: its change number
    practice = Session(q, fresh, group="a", test=True)
    practice.record_answer("lik", 2, 1.0)
    assert set(practice.submit()) == documented_keys() - {"language"}  # with test: true
    raw = path.read_text()
    for value in [*identifying(tmp_path), resume_key, str(os.getpid())]:
        assert value not in raw, value


def test_an_old_store_never_hands_out_identifying_keys(tmp_path: Path) -> None:
    db = tmp_path / "old.json"
    shutil.copy(OLD_STORE, db)
    assert "annas-macbook" in db.read_text()

    records = ResponseStore(db).responses("small", status=None)
    complete = [r for r in records if r["status"] == "complete"]
    assert [set(r) for r in complete] == [documented_keys() - OPTIONAL_KEYS]
    [partial] = [r for r in records if r["status"] == "partial"]
    assert partial["owner"] == {"pid": 4243}  # the host name is gone even while partial

    runner = CliRunner()
    exported = runner.invoke(main, ["--db", str(db), "export", str(SMALL), "--format", "json"])
    assert exported.exit_code == 0, exported.output
    for word in ("annas-macbook", "owner", "resume_key", "/home/anna"):
        assert word not in exported.stdout

    into = tmp_path / "all.json"
    merged = runner.invoke(main, ["merge", "--into", str(into), str(db)])
    assert merged.exit_code == 0, merged.output
    raw = into.read_text()
    for word in ("annas-macbook", "owner", "resume_key", "/home/anna", "tty"):
        assert word not in raw

    # The next write rewrites the old file without them.
    assert "annas-macbook" in db.read_text()  # reading alone changed nothing
    store = ResponseStore(db)
    store.save({**partial, "answers": {"lik": 3}})
    raw = db.read_text()
    assert "annas-macbook" not in raw and "/home/anna" not in raw
    assert not store.journal_path.exists()
