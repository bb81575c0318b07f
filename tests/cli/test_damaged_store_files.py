"""Damaged stores (issue 11): every command refuses each one with `FILE: message` on one line,
exit 2, no traceback, and the damaged files byte for byte as they were.

One fixture folder per damage (tests/fixtures/damaged_store/README.md), copied to a temp
folder and given to the real CLI in a subprocess: analyze, export and run --plain. A full
disk during compact() is simulated in-process (ENOSPC from the storage module's os.write).
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from survey_tui.core.errors import StoreError
from survey_tui.core.store import ResponseStore, storage

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "damaged_store"
SMALL = str(Path(__file__).resolve().parents[1] / "ui" / "run_small.yaml")
CASES = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())
COMMANDS = {
    "analyze": ["analyze", SMALL],
    "export": ["export", SMALL, "--format", "json"],
    "run": ["run", SMALL, "--group", "a", "--plain"],
}


def test_every_damage_has_a_fixture() -> None:
    assert CASES == [
        "answers_a_string",
        "group_a_list",
        "journal_response_id_list",
        "journal_response_id_null",
        "journal_seq_not_a_number",
        "snapshot_blank",
        "snapshot_empty",
    ]


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("case", CASES)
def test_a_damaged_store_is_refused_and_left_alone(tmp_path: Path, case: str, command: str) -> None:
    folder = tmp_path / case
    shutil.copytree(FIXTURES / case, folder)
    db = folder / "responses.json"
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    damaged = folder / (
        "responses.json.journal" if case.startswith("journal") else "responses.json"
    )
    result = subprocess.run(
        [sys.executable, "-m", "survey_tui", "--db", str(db), *COMMANDS[command]],
        input="4\n12\n1,3\n4\n5\n9\n\n\n",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{damaged}: "), result.stderr
    assert "recorded" not in result.stdout and "Question 1" not in result.stdout
    after = {p.name: p.read_bytes() for p in folder.iterdir() if p.name != "responses.json.lock"}
    assert after == before


def test_compact_on_a_full_disk_is_a_store_error_and_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = ResponseStore(tmp_path / "r.json")
    store.save({"response_id": "a", "questionnaire_id": "q", "group": "x", "status": "complete"})
    store.save({"response_id": "b", "questionnaire_id": "q", "group": "x", "status": "complete"})
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}

    class FullDisk:
        """The storage module's ``os``, but writing fails as on a full disk."""

        def __getattr__(self, name: str) -> object:
            return getattr(os, name)

        @staticmethod
        def write(fd: int, data: object) -> int:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(storage, "os", FullDisk())
    with pytest.raises(StoreError) as info:
        store.compact()
    assert str(info.value) == f"{store.path}: cannot write the store: No space left on device"
    monkeypatch.undo()
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before  # no temp file left
    assert {r["response_id"] for r in ResponseStore(store.path).responses()} == {"a", "b"}
    store.compact()  # space again: the fold goes through
    assert not store.journal_path.exists()
