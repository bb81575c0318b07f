"""Benchmark ``evidence git`` against the floor it cannot beat: ``git log -p`` alone.

Rework needs every patch, so reading a history can never be faster than git writing its
patches. Goal (issue 17): the whole of ``evidence git``'s reading (``rev-list``, one ``git
log -p --unified=0`` and following every line) takes at most 3x ``git log -p > /dev/null`` on
the same repository, timed in the same run.

Repositories:

- a generated one of 10,000 commits (``git fast-import``, seeded): 300 files of 100-400
  lines, 1-3 files edited per commit (lines replaced, inserted, deleted), a rename every 50
  commits, a side branch of 3 commits merged every 100, AI trailers on a fifth of the commits;
- this project's own history (a ``git clone`` of the repository the benchmark runs in).

Run: ``python benchmarks/evidence_bench.py [--commits N] [--repeat R]``; figures go in
docs/performance.md ("Evidence from git").
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from survey_tui.core.evidence.git import open_repository, read_weeks, weekly_rows  # noqa: E402

START = 1_704_067_200  # 2024-01-01T00:00:00Z
WORDS = [
    "alpha",
    "beta",
    "gamma",
    "delta",
    "epsilon",
    "zeta",
    "eta",
    "theta",
    "iota",
    "kappa",
    "lambda",
    "mu",
]


def _data(text: str) -> bytes:
    raw = text.encode()
    return b"data %d\n" % len(raw) + raw + b"\n"


class _Generator:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.counter = 0
        self.files: dict[str, list[str]] = {}
        self.time = START
        self.mark = 0

    def line(self) -> str:
        self.counter += 1
        return f"value_{self.counter} = {self.rng.choice(WORDS)}({self.counter % 97})\n"

    def edit(self, path: str) -> None:
        lines = self.files[path]
        for _ in range(self.rng.randint(1, 3)):
            at = self.rng.randrange(len(lines) + 1)
            kind = self.rng.random()
            if kind < 0.5 and lines:  # replace a few lines
                count = min(self.rng.randint(1, 4), len(lines) - min(at, len(lines) - 1))
                at = min(at, len(lines) - 1)
                lines[at : at + count] = [self.line() for _ in range(count)]
            elif kind < 0.8:  # insert
                lines[at:at] = [self.line() for _ in range(self.rng.randint(1, 8))]
            elif len(lines) > 20:  # delete
                del lines[at : at + self.rng.randint(1, 5)]

    def commit(self, branch: str, parent: int | None, merge: int | None, paths: list[str]) -> bytes:
        self.mark += 1
        self.time += self.rng.randint(600, 14_400)
        who = self.rng.randrange(12)
        name = "copilot-swe-agent[bot]" if who == 11 else f"Dev {who}"
        ident = f"{name} <dev{who}@example.com> {self.time} +0000"
        message = f"change {self.mark}\n"
        if self.rng.random() < 0.2:
            message += "\nCo-authored-by: Claude <noreply@anthropic.com>\n"
        out = [f"commit refs/heads/{branch}\nmark :{self.mark}\n".encode()]
        out.append(f"author {ident}\ncommitter {ident}\n".encode())
        out.append(_data(message))
        if parent is not None:
            out.append(f"from :{parent}\n".encode())
        if merge is not None:
            out.append(f"merge :{merge}\n".encode())
        for path in paths:
            content = "".join(self.files[path])
            out.append(f"M 100644 inline {path}\n".encode() + _data(content))
        return b"".join(out)

    def stream(self, commits: int) -> bytes:
        out = []
        self.files = {
            f"src/module_{i:03}.py": [self.line() for _ in range(self.rng.randint(100, 400))]
            for i in range(300)
        }
        out.append(self.commit("main", None, None, sorted(self.files)))
        main = self.mark
        made = 1
        while made < commits:
            if made % 100 == 99 and commits - made > 4:
                side_paths = self.rng.sample(sorted(self.files), 2)
                tip = main
                for _ in range(3):
                    for path in side_paths:
                        self.edit(path)
                    out.append(self.commit("side", tip, None, side_paths))
                    tip = self.mark
                out.append(self.commit("main", main, tip, side_paths))
                main = self.mark
                made += 4
                continue
            if made % 50 == 49:
                old = self.rng.choice(sorted(self.files))
                new = old.replace(".py", f"_r{made}.py")
                self.files[new] = self.files.pop(old)
                self.edit(new)
                out.append(self.commit("main", main, None, [new]) + f"D {old}\n".encode())
                main = self.mark
                made += 1
                continue
            paths = self.rng.sample(sorted(self.files), self.rng.randint(1, 3))
            for path in paths:
                self.edit(path)
            out.append(self.commit("main", main, None, paths))
            main = self.mark
            made += 1
        return b"\n".join(out) + b"\n"


def generate(target: Path, commits: int, seed: int = 17) -> None:
    subprocess.run(["git", "init", "-q", "-b", "main", str(target)], check=True)
    stream = _Generator(seed).stream(commits)
    subprocess.run(["git", "-C", str(target), "fast-import", "--quiet"], input=stream, check=True)
    subprocess.run(["git", "-C", str(target), "checkout", "-q", "main"], check=True)


def time_floor(repo: Path) -> float:
    started = time.perf_counter()
    subprocess.run(["git", "-C", str(repo), "log", "-p"], stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - started


def time_evidence(repo: Path) -> tuple[float, int, int]:
    started = time.perf_counter()
    history = open_repository(repo, None, None)
    weeks: dict[date, object] = {}
    read_weeks(history, weeks)  # type: ignore[arg-type]
    rows = weekly_rows(history.name, weeks)  # type: ignore[arg-type]
    return time.perf_counter() - started, history.total, len(rows)


def measure(label: str, repo: Path, repeat: int) -> None:
    floors, ours = [], []
    total = rows = 0
    for _ in range(repeat):
        floors.append(time_floor(repo))
        took, total, rows = time_evidence(repo)
        ours.append(took)
    floor, mine = statistics.median(floors), statistics.median(ours)
    print(
        f"{label}: {total} commits, {rows} weekly values; git log -p {floor:.2f} s, "
        f"evidence git {mine:.2f} s: {mine / floor:.2f}x the floor (goal <= 3x); "
        f"median of {repeat}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commits", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="evidence-bench-") as tmp:
        generated = Path(tmp) / "generated"
        started = time.perf_counter()
        generate(generated, args.commits)
        print(f"generated {args.commits} commits in {time.perf_counter() - started:.1f} s")
        measure("generated", generated, args.repeat)
        own = Path(tmp) / "own"
        subprocess.run(["git", "clone", "-q", str(ROOT), str(own)], check=True)
        measure("this project's history", own, args.repeat)


if __name__ == "__main__":
    main()
