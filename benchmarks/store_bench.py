"""Per-submit cost of the response store vs TinyDB's default JSONStorage, in the same run.

Run by hand: ``python benchmarks/store_bench.py [--big] [--repeat N]``. For each number of
responses already stored (0, 1k, 10k; 50k with ``--big``) it times one submit:

- ``ours``: ``ResponseStore.submit`` (lock, re-read what changed, fsynced journal append);
- ``tinydb``: ``TinyDB(path).table("responses").insert(record)`` with the default JSONStorage,
  one DB object kept open, no lock and no fsync (the floor the goal is measured against);
- ``tinydb+lock``: what a safe TinyDB writer must do instead: take the file lock, reopen the
  DB (TinyDB caches the next id), upsert by response_id.

Goal (issue 3): ours <= 0.1x tinydb at 10k stored responses.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from filelock import FileLock
from tinydb import Query, TinyDB

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from survey_tui.core.store import ResponseStore

# Enough submits to fill the 1 MB journal and fold it at least once per size.
OURS_SUBMITS = 1500


def make_record(i: int) -> dict[str, Any]:
    """A realistic complete response: 20 answers, a matrix, seconds per question."""
    answers: dict[str, Any] = {f"q{k}": (i + k) % 5 + 1 for k in range(20)}
    answers["tools"] = ["copilot", "chatgpt"]
    answers["matrix"] = {f"row{k}": (i * k) % 5 + 1 for k in range(6)}
    answers["comment"] = "Reviews take longer now that more code is generated."
    return {
        "response_id": str(uuid.uuid4()),
        "questionnaire_id": "ai-expectation-gap",
        "questionnaire_version": 1,
        "questionnaire_sha256": "0" * 64,
        "group": "exec" if i % 2 else "eng",
        "wave": "default",
        "status": "partial",
        "mode": "run",
        "started_at": "2026-11-24T10:00:00Z",
        "updated_at": "2026-11-24T10:05:00Z",
        "submitted_at": None,
        "answers": answers,
        "seconds": {f"q{k}": 3.5 for k in range(20)},
        "notes": {},
        "resume_key": None,
    }


def per_call(action: Callable[[int], None], repeat: int) -> float:
    """Mean seconds of ``repeat`` calls (a mean, so occasional journal folds count)."""
    times = []
    for i in range(repeat):
        start = time.perf_counter()
        action(i)
        times.append(time.perf_counter() - start)
    return statistics.fmean(times)


def bench(stored: int, repeat: int, work: Path) -> dict[str, float]:
    """Seconds per submit for each contender with ``stored`` responses already stored."""
    prefill = [make_record(i) for i in range(stored)]
    results: dict[str, float] = {}

    ours = ResponseStore(work / f"ours-{stored}.json")
    ours.insert_many(prefill)
    results["ours"] = per_call(lambda i: ours.submit(make_record(i)), OURS_SUBMITS)

    plain_path = work / f"tinydb-{stored}.json"
    plain = TinyDB(plain_path)
    plain.table("responses").insert_multiple(prefill)
    results["tinydb"] = per_call(lambda i: plain.table("responses").insert(make_record(i)), repeat)
    plain.close()

    locked_path = work / f"locked-{stored}.json"
    seed = TinyDB(locked_path)
    seed.table("responses").insert_multiple(prefill)
    seed.close()
    lock = FileLock(str(locked_path) + ".lock")

    def locked_submit(i: int) -> None:
        record = make_record(i)
        with lock:
            db = TinyDB(locked_path)
            db.table("responses").upsert(record, Query().response_id == record["response_id"])
            db.close()

    results["tinydb+lock"] = per_call(locked_submit, repeat)
    return results


def main() -> None:
    """Print the table: ms per submit and ratios ours / tinydb."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--big", action="store_true", help="also measure at 50k stored")
    parser.add_argument("--repeat", type=int, default=15, help="TinyDB submits per size")
    args = parser.parse_args()
    sizes = [0, 1_000, 10_000] + ([50_000] if args.big else [])
    print(
        f"{'stored':>7} {'ours ms':>9} {'tinydb ms':>10} {'tinydb+lock ms':>15} "
        f"{'ours/tinydb':>12} {'ours/locked':>12}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for stored in sizes:
            repeat = max(3, args.repeat // (1 + stored // 10_000))
            r = bench(stored, repeat, Path(tmp))
            print(
                f"{stored:>7} {r['ours'] * 1e3:>9.3f} {r['tinydb'] * 1e3:>10.2f} "
                f"{r['tinydb+lock'] * 1e3:>15.2f} {r['ours'] / r['tinydb']:>12.4f} "
                f"{r['ours'] / r['tinydb+lock']:>12.4f}",
                flush=True,
            )
    print("goal: ours/tinydb <= 0.1 at 10000 stored")


if __name__ == "__main__":
    main()
