"""Lock files go when a store's last user is done, without ever breaking mutual exclusion."""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from survey_tui.core.store import ResponseStore

SMALL = Path(__file__).parents[1] / "ui" / "run_small.yaml"

HOLDER = r"""
import sys, time
from filelock import FileLock
lock = FileLock(sys.argv[1])
lock.acquire()
print("held", flush=True)
time.sleep(float(sys.argv[2]))
lock.release()
"""

# Writers fold often (a small FOLD_BYTES), so that a lost mutual exclusion would lose records:
# a fold from a stale view rewrites the snapshot without another writer's newest save.
WRITER = r"""
import sys
from survey_tui.core.store import ResponseStore, files
files.FOLD_BYTES = 3000
store = ResponseStore(sys.argv[1])
for i in range(int(sys.argv[2])):
    store.submit({"response_id": f"{sys.argv[3]}-{i}", "questionnaire_id": "q", "group": "g",
                  "status": "partial", "answers": {"i": i}})
"""

JANITOR = r"""
import sys, time
from survey_tui.core.store import ResponseStore
store = ResponseStore(sys.argv[1])
removed = 0
deadline = time.monotonic() + float(sys.argv[2])
while time.monotonic() < deadline:
    removed += store.remove_lock_file()
print(removed, flush=True)
"""


def test_a_command_leaves_no_lock_file(tmp_path: Path) -> None:
    db = tmp_path / "r.json"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "survey_tui",
            "run",
            str(SMALL),
            "--plain",
            "--group",
            "a",
            "--db",
            str(db),
        ],
        input="4\n3\n1\n4\n5\n9\n\n\n",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.json"]  # no .lock, no .journal
    for command in (["export", str(SMALL)], ["analyze", str(SMALL)]):
        subprocess.run(
            [sys.executable, "-m", "survey_tui", *command, "--db", str(db)],
            capture_output=True,
            timeout=120,
        )
        assert sorted(p.name for p in tmp_path.iterdir()) == ["r.json"]


def test_a_held_lock_file_stays(tmp_path: Path) -> None:
    store = ResponseStore(tmp_path / "r.json")
    store.save({"response_id": "a", "questionnaire_id": "q", "group": "g", "status": "partial"})
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(store.lock_path), "30"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        assert store.remove_lock_file() is False
        assert store.lock_path.exists()
    finally:
        holder.kill()
        holder.wait()
    assert store.remove_lock_file() is True and not store.lock_path.exists()
    assert store.get("a") is not None  # and the store works on: the lock file comes back
    store.save({"response_id": "b", "questionnaire_id": "q", "group": "g", "status": "partial"})
    assert store.lock_path.exists()


def test_removing_lock_files_while_others_write_loses_nothing(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    ResponseStore(path).save({"response_id": "seed", "questionnaire_id": "q", "group": "g"})
    janitor = subprocess.Popen(
        [sys.executable, "-c", JANITOR, str(path), "8"], stdout=subprocess.PIPE, text=True
    )
    with ThreadPoolExecutor(max_workers=4) as pool:
        codes = list(
            pool.map(
                lambda k: (
                    subprocess.run(
                        [sys.executable, "-c", WRITER, str(path), "60", f"w{k}"], timeout=300
                    ).returncode
                ),
                range(4),
            )
        )
    assert codes == [0, 0, 0, 0]
    out, _ = janitor.communicate(timeout=60)
    assert int(out) > 0  # the lock file really was removed while the writers ran
    done = ResponseStore(path).responses("q")
    assert len(done) == 240 and len({r["response_id"] for r in done}) == 240
