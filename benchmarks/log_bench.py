"""Cost of the feedback log's analysis (``core.feedback.figures.log_section``) and its
differencing audit, on synthetic logs from dense to sparse.

Run by hand: ``python benchmarks/log_bench.py [--repeat 3]``. Each case is (contributors,
entries, weeks) over 8 workflows and 5 tools plus Other, min_group_size 5; people have
favourite workflows and tools, as real teams do. Prints the median time per case and how many
figures of shown rows the audit withheld.

Goal: under 2 s per analysis up to 2,000 entries on one core; sparse logs near the threshold
are the slow case (the audit's search is exact), bounded by its budget.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from survey_tui.core.feedback.figures import log_section  # noqa: E402
from survey_tui.core.loader import load_bytes  # noqa: E402

QUESTIONNAIRE = """
id: bench
title: Bench
version: 1
groups: [{id: frontline, label: Engineers}, {id: manager, label: Managers}]
sections: [{id: s, title: S, questions: [{id: t, type: text, text: T}]}]
feedback_log:
  workflows: [{id: w0, label: W0}, {id: w1, label: W1}, {id: w2, label: W2}, {id: w3, label: W3},
              {id: w4, label: W4}, {id: w5, label: W5}, {id: w6, label: W6}, {id: w7, label: W7}]
  tools: [A, B, C, D, E]
"""
CASES = [(10, 60, 4), (20, 200, 8), (30, 300, 13), (40, 800, 12), (80, 2000, 13)]


def synthetic(people: int, n: int, weeks: int, seed: int) -> list[dict[str, Any]]:
    rnd = random.Random(seed)
    start = date(2026, 9, 7)
    entries = []
    for i in range(n):
        who = rnd.randrange(people)
        taste = random.Random(who)
        workflow = rnd.choice(
            [f"w{taste.randrange(8)}", f"w{taste.randrange(8)}", f"w{rnd.randrange(8)}"]
        )
        tool = rnd.choice(["abcde"[taste.randrange(5)], "abcde"[rnd.randrange(5)], "Zed"])
        entries.append(
            {
                "entry_id": str(i),
                "questionnaire_id": "bench",
                "group": rnd.choice(["frontline", "manager"]),
                "date": (start + timedelta(days=rnd.randrange(weeks * 7))).isoformat(),
                "workflow": workflow,
                "tool": tool,
                "outcome": rnd.choice(["helped", "corrected", "abandoned"]),
                "minutes": rnd.randrange(60),
                "note": "",
                "contributor": f"c{who}",
            }
        )
    return entries


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    q = load_bytes(QUESTIONNAIRE.encode())
    for people, n, weeks in CASES:
        entries = synthetic(people, n, weeks, seed=people)
        times = []
        result: dict[str, Any] = {}
        for _ in range(args.repeat):
            began = time.perf_counter()
            result = log_section(q, entries) or {}
            times.append(time.perf_counter() - began)
        rows = result["by_workflow"] + result["by_tool"]
        held = sum(
            1
            for r in rows
            if not r["suppressed"]
            for k in ("outcomes", "minutes_saved", "minutes_lost")
            if r[k] is None
        )
        print(
            f"{people:3d} contributors {n:5d} entries {weeks:2d} weeks: "
            f"{statistics.median(times):6.2f} s, {held} figures of shown rows withheld"
        )


if __name__ == "__main__":
    main()
