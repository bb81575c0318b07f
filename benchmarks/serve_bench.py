"""``survey-tui serve`` under load: 200 browser sessions at once, against one session alone.

Each session speaks textual-serve's websocket protocol as the page does (tests/e2e/
serve_helpers.py): its own app process, welcome, three questions, review, submit, the app
closes. Measured in the same run against the same server:

- floor: one session alone, connect to websocket closed (median of 3);
- load: N sessions started together; wall time until all are stored, and per response.

Prints time per stored response under load vs the floor (below 1 means the server answers
more respondents per second together than one after another), the slowest session, and
checks that exactly N complete responses with distinct ids were stored.

Run by hand: ``.venv/bin/python benchmarks/serve_bench.py [--sessions 200]``.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "e2e"))

import aiohttp  # noqa: E402
from serve_helpers import FIXED_GROUP_STEPS, answer_over_websocket, serving  # noqa: E402

from survey_tui.core.store import ResponseStore  # noqa: E402


async def one_session(http: aiohttp.ClientSession, url: str, delay: float = 0.0) -> float:
    await asyncio.sleep(delay)
    start = time.perf_counter()
    await answer_over_websocket(http, url, FIXED_GROUP_STEPS, timeout=300)
    return time.perf_counter() - start


async def measure(
    url: str, sessions: int, ramp: float, pid: int
) -> tuple[list[float], list[float], float, float]:
    """(floor runs, each loaded session's time, loaded wall time, server CPU s under load)."""
    connector = aiohttp.TCPConnector(limit=0)  # no client-side cap on parallel sockets
    async with aiohttp.ClientSession(connector=connector) as http:
        floor = [await one_session(http, url) for _ in range(3)]
        children_gone(pid)
        cpu_before = cpu_seconds(pid)
        start = time.perf_counter()
        delays = [ramp * i / sessions for i in range(sessions)]
        loaded = await asyncio.gather(*[one_session(http, url, d) for d in delays])
        wall = time.perf_counter() - start
        children_gone(pid)
        return floor, loaded, wall, cpu_seconds(pid) - cpu_before


def cpu_seconds(pid: int) -> float:
    """CPU time of a process and of its children it has waited for (/proc/PID/stat)."""
    import os

    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    utime, stime, cutime, cstime = (int(f) for f in fields[11:15])
    return (utime + stime + cutime + cstime) / os.sysconf("SC_CLK_TCK")


def children_gone(pid: int, timeout: float = 60.0) -> None:
    """Wait until ``pid`` has no child processes left (their CPU time is then counted)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        kids = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        if not kids:
            return
        time.sleep(0.1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=200)
    parser.add_argument(
        "--ramp",
        type=float,
        default=40.0,
        help="spread the arrivals evenly over this many seconds (0: all at once)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "responses.json"
        with serving(Path(tmp), db, "--group", "eng") as (url, process, log):
            try:
                floor_runs, loaded, wall, cpu = asyncio.run(
                    measure(url, args.sessions, args.ramp, process.pid)
                )
            except AssertionError:
                print(log.read_text(errors="replace")[-5000:])
                raise
        stored = ResponseStore(db).responses("serve-small")
    expected = args.sessions + len(floor_runs)
    ids = {r["response_id"] for r in stored}
    floor = statistics.median(floor_runs)
    per_response = wall / args.sessions
    print(f"floor: one session alone {floor:.2f} s (median of {len(floor_runs)})")
    print(
        f"load: {args.sessions} sessions arriving over {args.ramp:g} s, all stored in {wall:.1f} s: "
        f"{per_response:.3f} s per stored response, ratio {per_response / floor:.2f} vs floor"
    )
    print(
        f"      session time median {statistics.median(loaded):.1f} s, "
        f"slowest {max(loaded):.1f} s ({max(loaded) / floor:.1f}x the floor)"
    )
    print(
        f"server CPU under load: {cpu:.1f} s (serve process and its app processes): "
        f"{args.sessions / cpu:.3f} respondents per CPU-second"
    )
    print(f"stored: {len(stored)} complete, {len(ids)} distinct ids (expected {expected})")
    if len(stored) != expected or len(ids) != expected:
        sys.exit("responses were lost or duplicated")


if __name__ == "__main__":
    main()
