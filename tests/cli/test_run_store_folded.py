"""After `run` ends, the store file named by --db alone holds every response: a facilitator
copies that one file to another laptop and merges it (saves go to PATH.journal first)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from survey_tui.core.store import ResponseStore

SMALL = Path(__file__).parent.parent / "ui" / "run_small.yaml"
ANSWERS = "4\n12\n1,3\n4\n5\n9\n\n\n"


def test_the_store_file_alone_holds_the_response_after_run(tmp_path: Path) -> None:
    db = tmp_path / "laptop.json"
    command = [sys.executable, "-m", "survey_tui", "--db", str(db), "run", str(SMALL)]
    done = subprocess.run(
        [*command, "--group", "a", "--plain"],
        input=ANSWERS,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    usb = tmp_path / "usb"
    usb.mkdir()
    shutil.copy(db, usb / "laptop.json")  # only the file the facilitator named
    [record] = ResponseStore(usb / "laptop.json").responses("small")
    assert record["answers"]["nps"] == 9
