"""ResponseStore with real processes: concurrent writers, and writers killed with SIGKILL."""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tinydb import TinyDB

from survey_tui.core.store import ResponseStore

# A small fold threshold so that folds (snapshot rewrites) happen while others write or die.
WRITER = r"""
import sys
from survey_tui.core.store import ResponseStore, response_store
response_store.FOLD_BYTES = int(sys.argv[3])
store = ResponseStore(sys.argv[1])
for i in range(int(sys.argv[2])):
    rec = {"response_id": f"{sys.argv[4]}-{i}", "questionnaire_id": "q", "group": "g",
           "status": "partial", "answers": {}}
    store.submit(rec)
"""

CRASHER = r"""
import random, sys
from survey_tui.core.store import ResponseStore, response_store
response_store.FOLD_BYTES = 1500
store = ResponseStore(sys.argv[1])
tag = sys.argv[2]
rng = random.Random(tag)
mine = []
n = 0
while True:
    n += 1
    action = rng.random()
    if action < 0.5 or not mine:
        rec = {"response_id": f"{tag}-{n}", "questionnaire_id": "q", "group": "g",
               "status": "partial", "answers": {"n": n}}
        store.save(rec)
        mine.append(rec)
        print(f"{rec['response_id']} {n}", flush=True)
    elif action < 0.9:
        rec = rng.choice(mine)
        rec["answers"]["n"] = n
        store.submit(rec)
        print(f"{rec['response_id']} {n}", flush=True)
    else:
        batch = [{"response_id": f"{tag}-{n}-b{k}", "questionnaire_id": "q", "group": "g",
                  "status": "complete", "answers": {"n": n}} for k in range(30)]
        store.insert_many(batch)
        for rec in batch:
            print(f"{rec['response_id']} {n}", flush=True)
"""


def _run_writer(path: Path, count: int, fold: int, tag: str) -> int:
    return subprocess.run(
        [sys.executable, "-c", WRITER, str(path), str(count), str(fold), tag], check=False
    ).returncode


def test_twenty_processes_fifty_submits_each(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    with ThreadPoolExecutor(max_workers=20) as pool:
        codes = list(pool.map(lambda k: _run_writer(path, 50, 20000, f"p{k}"), range(20)))
    assert codes == [0] * 20
    store = ResponseStore(path)
    done = store.responses("q")
    assert len(done) == 1000
    assert len({r["response_id"] for r in done}) == 1000
    store.compact()
    data = json.loads(path.read_text())  # a valid JSON file a TinyDB can open
    assert data["_meta"]["1"]["format"] == 1
    assert len(TinyDB(path).table("responses")) == 1000


def test_kill_9_never_loses_an_acknowledged_write(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)  # the seed is in every failure message, to replay a failure
    acknowledged: dict[str, int] = {}
    trials = 24
    for trial in range(trials):
        child = subprocess.Popen(
            [sys.executable, "-c", CRASHER, str(path), f"t{trial}"],
            stdout=subprocess.PIPE,
            text=True,
        )
        time.sleep(rng.uniform(0.15, 0.5))
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate()
        assert child.returncode == -signal.SIGKILL
        # Only whole lines were printed after save returned; a cut-off line is not an ack.
        for line in out.splitlines(keepends=True):
            if line.endswith("\n"):
                rid, n = line.split()
                acknowledged[rid] = max(acknowledged.get(rid, 0), int(n))
        store = ResponseStore(path)  # must open after every crash
        stored = {r["response_id"]: r for r in store.responses(status=None)}
        missing = [rid for rid in acknowledged if rid not in stored]
        assert not missing, f"seed {seed} trial {trial}: lost {missing[:5]}"
        stale = [rid for rid, n in acknowledged.items() if stored[rid]["answers"]["n"] < n]
        assert not stale, f"seed {seed} trial {trial}: lost updates to {stale[:5]}"
    assert len(acknowledged) > trials  # the children really wrote
    assert not list(tmp_path.glob("r.json.tmp-*"))  # leftovers cleaned on open
