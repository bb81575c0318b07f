"""``survey-tui serve`` under load: 1,000 respondents arriving over 60 s, against one alone.

Each simulated respondent is an HTTP client that behaves like a browser (tests/helpers/
serving.py): its own cookies, fetches the welcome page, posts Start, posts each of the
three answers of ``tests/e2e/serve_small.yaml`` (``--group eng``) with the page's hidden
fields and follows the redirect to the next page, then submits. A *page time* is one GET, or
one POST with the GET of the page it redirects to, as a browser shows a page. Measured in
one run against one server (``--rate-limit`` raised: every client comes from loopback):

- alone: respondents one after another, nobody else on the server (median and p95 page time);
- load: N respondents arriving evenly over the ramp, each pausing ``--think`` seconds on
  every page; p95 page time, the server's CPU seconds (utime + stime from /proc) and peak RSS.

Goals (issue 15): every response stored exactly once; p95 page time under load <= 5x the
page time alone (median); server RSS < 300 MB; respondents per CPU-second >= 100x the
textual-serve figure recorded in docs/performance.md (0.64 at 50 sessions).

Run by hand: ``python benchmarks/serve_bench.py [--respondents 1000] [--ramp 60]``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # the helpers package

from helpers.serving import ENGINEER_ANSWERS, answer_over_http, serving  # noqa: E402

from survey_tui.core.store import ResponseStore  # noqa: E402

#: textual-serve, 50 sessions, measured before it was dropped (docs/performance.md).
TEXTUAL_SERVE_PER_CPU_SECOND = 0.64


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    utime, stime = int(fields[11]), int(fields[12])
    return (utime + stime) / os.sysconf("SC_CLK_TCK")


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


async def thinking_respondent(url: str, delay: float, think: float) -> list[float]:
    await asyncio.sleep(delay)
    return await answer_over_http(url, timeout=300, think=think)


async def measure(url: str, args: argparse.Namespace, pid: int) -> dict[str, object]:
    alone: list[float] = []
    for _ in range(args.alone):
        alone += await answer_over_http(url)
    cpu_before = cpu_seconds(pid)
    client_before = time.process_time()
    start = time.perf_counter()
    rng = random.Random(20261201)
    delays = sorted(rng.uniform(0, args.ramp) for _ in range(args.respondents))
    results = await asyncio.gather(
        *[thinking_respondent(url, d, args.think) for d in delays], return_exceptions=True
    )
    wall = time.perf_counter() - start
    cpu = cpu_seconds(pid) - cpu_before
    client_cpu = time.process_time() - client_before
    failures = [r for r in results if isinstance(r, BaseException)]
    loaded = [t for r in results if isinstance(r, list) for t in r]
    return {
        "alone": alone,
        "loaded": loaded,
        "wall": wall,
        "cpu": cpu,
        "failures": failures,
        "rss": peak_rss_mb(pid),
        "client_cpu": client_cpu,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondents", type=int, default=1000)
    parser.add_argument("--ramp", type=float, default=60.0, help="arrivals spread over (s)")
    parser.add_argument("--think", type=float, default=1.0, help="pause on each page (s)")
    parser.add_argument("--alone", type=int, default=20, help="respondents measured alone")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "responses.json"
        extra = ("--group", "eng", "--rate-limit", "100000")
        with serving(Path(tmp), db, *extra) as (url, process, log):
            try:
                found = asyncio.run(measure(url, args, process.pid))
            except AssertionError:
                print(log.read_text(errors="replace")[-5000:])
                raise
        stored = ResponseStore(db).responses("serve-small", status=None)
    alone, loaded = found["alone"], found["loaded"]
    assert isinstance(alone, list) and isinstance(loaded, list)
    failures = found["failures"]
    assert isinstance(failures, list)
    cpu, wall, rss = float(found["cpu"]), float(found["wall"]), float(found["rss"])  # type: ignore[arg-type]
    expected = args.alone + args.respondents
    complete = [r for r in stored if r["status"] == "complete"]
    ids = {r["response_id"] for r in complete}
    right = sum(1 for r in complete if r["answers"] == ENGINEER_ANSWERS)
    single, loaded_p95 = statistics.median(alone), p95(loaded)
    per_cpu = args.respondents / cpu if cpu > 0 else float("inf")
    print(
        f"alone: {args.alone} respondents one after another, {len(alone)} pages: "
        f"median {single * 1000:.1f} ms, p95 {p95(alone) * 1000:.1f} ms"
    )
    print(
        f"load: {args.respondents} respondents arriving over {args.ramp:g} s "
        f"(think {args.think:g} s a page), done in {wall:.1f} s, {len(loaded)} pages: "
        f"median {statistics.median(loaded) * 1000:.1f} ms, p95 {loaded_p95 * 1000:.1f} ms, "
        f"slowest {max(loaded) * 1000:.0f} ms"
    )
    print(f"p95 under load / median alone: {loaded_p95 / single:.2f}x (goal <= 5x)")
    print(f"server peak RSS: {rss:.0f} MB (goal < 300 MB)")
    print(f"the simulated browsers' own CPU under load: {found['client_cpu']:.2f} s")
    print(
        f"server CPU under load: {cpu:.2f} s: {per_cpu:.0f} respondents per CPU-second, "
        f"{per_cpu / TEXTUAL_SERVE_PER_CPU_SECOND:.0f}x textual-serve's "
        f"{TEXTUAL_SERVE_PER_CPU_SECOND} (goal >= 100x)"
    )
    print(
        f"stored: {len(complete)} complete with the right answers {right}, "
        f"{len(ids)} distinct ids, {len(stored) - len(complete)} unfinished "
        f"(expected {expected} complete, 0 unfinished); failed clients: {len(failures)}"
    )
    if failures:
        print(f"first failure: {failures[0]!r}")
    if len(complete) != expected or len(ids) != expected or right != expected or failures:
        sys.exit("responses were lost, duplicated or wrong")


if __name__ == "__main__":
    main()
