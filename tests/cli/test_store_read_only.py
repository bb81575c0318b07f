"""Read-only stores (issue 11): reading commands work, writing commands exit 2 with one line,
and `run` never leaves answers silently in the journal only.

How read-only is simulated (the tests run as root here, and root ignores permission bits):

- a read-only folder: a real read-only bind mount, made inside a private user + mount
  namespace (``unshare --user --map-root-user --mount``) around one subprocess. It holds for
  root too, needs no privileges where unprivileged namespaces are allowed, and cannot leak
  (the mount vanishes with the process). Skipped where ``unshare`` is refused.
- a read-only store file in a writable folder: ``chattr +i`` as root (immutable: even root
  cannot replace it), ``chmod 0444`` otherwise.
- a fold that fails at the end of `run` (full disk): the store module's ``os.write`` raising
  ENOSPC, in-process through click's CliRunner.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from survey_tui.cli import main
from survey_tui.core.store import ResponseStore, storage

SMALL = str(Path(__file__).resolve().parents[1] / "ui" / "run_small.yaml")
ANSWERS = "4\n12\n1,3\n4\n5\n9\n\n\n"
MOUNT_RO = 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" && exec "$@"'


def survey_tui(
    *args: str, stdin: str = "", wrap: list[str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*(wrap or []), sys.executable, "-m", "survey_tui", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def read_only_mount(folder: Path) -> list[str]:
    """A command prefix that runs the rest with ``folder`` mounted read-only (or skips)."""
    if shutil.which("unshare") is None or shutil.which("mount") is None:
        pytest.skip("unshare/mount are not available")
    wrap = ["unshare", "--user", "--map-root-user", "--mount", "sh", "-c", MOUNT_RO, str(folder)]
    probe = subprocess.run(
        [*wrap, "sh", "-c", 'touch "$0/probe"', str(folder)], capture_output=True, timeout=30
    )
    if probe.returncode == 0 or (folder / "probe").exists():
        pytest.skip("could not make a read-only mount here")
    if b"Read-only file system" not in probe.stderr:
        pytest.skip(f"unshare refused: {probe.stderr.decode(errors='replace').strip()}")
    return wrap


def snapshot_of(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def one_line_error(result: subprocess.CompletedProcess[str], path: Path) -> None:
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{path}: "), result.stderr


@pytest.mark.parametrize("with_lock_file", [True, False])
def test_a_store_on_a_read_only_mount_reads_and_refuses_writes(
    tmp_path: Path, with_lock_file: bool
) -> None:
    folder = tmp_path / "usb"
    folder.mkdir()
    db = folder / "responses.json"
    assert (
        survey_tui(
            "--db", str(db), "run", SMALL, "--group", "a", "--plain", stdin=ANSWERS
        ).returncode
        == 0
    )
    ResponseStore(db).save(
        {
            "response_id": "late",
            "questionnaire_id": "small",
            "questionnaire_version": 1,
            "group": "b",
            "status": "complete",
            "answers": {"lik": 2},
        }
    )  # stays in the journal
    assert (folder / "responses.json.journal").exists()
    if not with_lock_file:
        (folder / "responses.json.lock").unlink()
    wrap = read_only_mount(folder)
    before = snapshot_of(folder)

    analyzed = survey_tui("--db", str(db), "analyze", SMALL, "--json", wrap=wrap)
    assert analyzed.returncode == 0 and "Traceback" not in analyzed.stderr, analyzed.stderr
    assert '"n": 1' in analyzed.stdout  # both groups: the journal was read too
    exported = survey_tui("--db", str(db), "export", SMALL, "--format", "json", wrap=wrap)
    assert exported.returncode == 0, exported.stderr
    assert '"late"' in exported.stdout and exported.stdout.count('"response_id"') == 2

    ran = survey_tui(
        "--db", str(db), "run", SMALL, "--group", "a", "--plain", stdin=ANSWERS, wrap=wrap
    )
    one_line_error(ran, db)
    assert "read-only" in ran.stderr and "recorded" not in ran.stdout
    merged = survey_tui("merge", "--into", str(db), str(db), wrap=wrap)
    one_line_error(merged, db)
    assert snapshot_of(folder) == before


@contextmanager
def read_only_file(path: Path) -> Iterator[None]:
    """``path`` cannot be written or replaced, for root too (see the module docstring)."""
    if os.geteuid() == 0:
        made = subprocess.run(["chattr", "+i", str(path)], capture_output=True)
        if made.returncode != 0:
            pytest.skip(f"chattr +i refused: {made.stderr.decode(errors='replace').strip()}")
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(path)], check=True)
    else:
        path.chmod(0o444)
        try:
            yield
        finally:
            path.chmod(0o600)


def test_run_refuses_a_read_only_store_file_before_asking_anything(tmp_path: Path) -> None:
    db = tmp_path / "responses.json"
    assert (
        survey_tui(
            "--db", str(db), "run", SMALL, "--group", "a", "--plain", stdin=ANSWERS
        ).returncode
        == 0
    )
    before = db.read_bytes()
    with read_only_file(db):
        ran = survey_tui("--db", str(db), "run", SMALL, "--group", "a", "--plain", stdin=ANSWERS)
        one_line_error(ran, db)
        assert "read-only" in ran.stderr
        assert "Question 1" not in ran.stdout and "recorded" not in ran.stdout
        assert not (tmp_path / "responses.json.journal").exists()
        analyzed = survey_tui("--db", str(db), "analyze", SMALL)
        assert analyzed.returncode == 0, analyzed.stderr
    assert db.read_bytes() == before


def test_run_exits_2_naming_the_journal_when_the_final_fold_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "responses.json"
    ResponseStore(db).save(
        {
            "response_id": "earlier",
            "questionnaire_id": "small",
            "questionnaire_version": 1,
            "group": "b",
            "status": "complete",
            "answers": {},
        }
    )
    before = db.read_bytes()

    class FullDisk:
        """The storage module's ``os``, but writing a new snapshot fails: no space left."""

        def __getattr__(self, name: str) -> object:
            return getattr(os, name)

        @staticmethod
        def write(fd: int, data: object) -> int:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(storage, "os", FullDisk())
    result = CliRunner().invoke(
        main, ["--db", str(db), "run", SMALL, "--group", "a", "--plain"], input=ANSWERS
    )
    journal = tmp_path / "responses.json.journal"
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"{db}: ") and str(journal) in line and "No space left" in line
    monkeypatch.undo()
    assert db.read_bytes() == before  # nothing overwritten, no temp file left behind
    # (The lock file went at the end of the command: nobody else uses the store.)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["responses.json", "responses.json.journal"]
    )
    [answered] = [r for r in ResponseStore(db).responses("small") if r["group"] == "a"]
    assert answered["answers"]["nps"] == 9  # safe in the journal, as the message says
