"""Whole-process cost of ``survey-tui analyze --json`` vs ``json.load`` of the same store.

Run by hand: ``python benchmarks/analysis_bench.py [--n 50000] [--repeat 3]``. Builds a store
of N complete responses to the shipped ``ai_expectation_gap.yaml`` (random valid answers,
a planted executive/frontline gap), then times, interleaved in one run:

- ``analyze``: ``python -m survey_tui analyze Q --db STORE --json > /dev/null``;
- ``floor``: ``python -c "import json; json.load(open(STORE))"``.

Goal (issue 4): analyze <= 2x floor in wall time; peak memory <= 3x the store file's size.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from survey_tui.core.loader import load  # noqa: E402
from survey_tui.core.model import (  # noqa: E402
    LikertQuestion,
    MatrixQuestion,
    MultiChoiceQuestion,
    NpsQuestion,
    NumberQuestion,
    Questionnaire,
    SingleChoiceQuestion,
    TextQuestion,
)
from survey_tui.core.store import ResponseStore  # noqa: E402

QUESTIONNAIRE = ROOT / "questionnaires" / "ai_expectation_gap.yaml"

# Runs a command and prints its wall time and peak RSS (KiB) on the last line of stderr.
MEASURE = (
    "import resource, subprocess, sys, time;"
    "t = time.perf_counter();"
    "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True);"
    "w = time.perf_counter() - t;"
    "print(w, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)"
)


def answers_for(q: Questionnaire, group: str, rnd: random.Random) -> dict[str, Any]:
    """Random valid answers; executives lean optimistic so there is a gap to find."""
    lean = 1 if group == q.group_ids[0] else 0
    out: dict[str, Any] = {}
    for question in q.questions():
        if not question.asked_to(group):
            continue
        if isinstance(question, LikertQuestion | MatrixQuestion):
            scale = q.scale_of(question)
            assert scale is not None

            def pick(lo: int = scale.min, hi: int = scale.max) -> int:
                return min(hi, rnd.randint(lo, hi) + lean * rnd.randint(0, 1))

            if isinstance(question, MatrixQuestion):
                out[question.id] = {row.id: pick() for row in question.rows}
            else:
                out[question.id] = pick()
        elif isinstance(question, NpsQuestion):
            out[question.id] = rnd.randint(0, 10)
        elif isinstance(question, NumberQuestion):
            lo = question.min if question.min is not None else 0
            hi = question.max if question.max is not None else 240
            out[question.id] = rnd.randint(int(lo), int(hi))
        elif isinstance(question, SingleChoiceQuestion):
            out[question.id] = rnd.choice(question.option_values())
        elif isinstance(question, MultiChoiceQuestion):
            values = question.option_values()
            out[question.id] = rnd.sample(values, k=rnd.randint(1, min(3, len(values))))
        elif isinstance(question, TextQuestion) and rnd.random() < 0.2:
            out[question.id] = f"Comment {rnd.randint(0, 10**6)} about reviews taking longer."
    return out


def build_store(path: Path, n: int) -> Questionnaire:
    """A store of ``n`` complete responses, written in one insert."""
    q = load(QUESTIONNAIRE)
    rnd = random.Random(4)
    records = []
    for i in range(n):
        group = q.group_ids[i % len(q.group_ids)]
        records.append(
            {
                "response_id": str(uuid.uuid4()),
                "questionnaire_id": q.id,
                "questionnaire_version": q.version,
                "questionnaire_sha256": q.sha256,
                "group": group,
                "wave": "default",
                "status": "complete",
                "mode": "run",
                "started_at": "2026-11-24T10:00:00Z",
                "updated_at": "2026-11-24T10:05:00Z",
                "submitted_at": "2026-11-24T10:05:00Z",
                "answers": answers_for(q, group, rnd),
                "seconds": {},
                "notes": {},
                "resume_key": None,
            }
        )
    ResponseStore(path).insert_many(records)
    return q


def measure(command: list[str]) -> tuple[float, float]:
    """(wall seconds, peak RSS in bytes) of ``command`` as a whole process."""
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, *command], capture_output=True, text=True, check=True
    )
    wall, rss_kib = done.stderr.strip().splitlines()[-1].split()
    return float(wall), float(rss_kib) * 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "responses.json"
        start = time.perf_counter()
        build_store(store, args.n)
        size = store.stat().st_size
        print(
            f"store: {args.n} responses, {size / 1e6:.1f} MB, built in {time.perf_counter() - start:.1f}s"
        )
        analyze = [
            sys.executable,
            "-m",
            "survey_tui",
            "analyze",
            str(QUESTIONNAIRE),
            "--db",
            str(store),
            "--json",
        ]
        floor = [sys.executable, "-c", f"import json; json.load(open({str(store)!r}))"]
        ours: list[tuple[float, float]] = []
        base: list[tuple[float, float]] = []
        for _ in range(args.repeat):  # interleaved, so drift hits both alike
            base.append(measure(floor))
            ours.append(measure(analyze))
        ours_wall = statistics.median(w for w, _ in ours)
        base_wall = statistics.median(w for w, _ in base)
        peak = max(m for _, m in ours)
        print(f"floor (json.load):  {base_wall:.2f}s  peak {max(m for _, m in base) / 1e6:.0f} MB")
        print(f"analyze --json:     {ours_wall:.2f}s  peak {peak / 1e6:.0f} MB")
        print(f"time ratio:   {ours_wall / base_wall:.2f}x (goal <= 2x)")
        print(f"memory ratio: {peak / size:.2f}x store size (goal <= 3x)")


if __name__ == "__main__":
    main()
