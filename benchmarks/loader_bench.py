"""Loader speed against floors measured in the same run.

Run by hand: ``.venv/bin/python benchmarks/loader_bench.py [QUESTIONNAIRE]``.

Prints, each as the median of several runs:

* the cold start of a bare Textual app (a subprocess that imports textual, runs an empty
  ``App`` headless and exits from ``on_mount``) - the floor every ``survey-tui run`` pays;
* a cold ``load()`` of the questionnaire in a fresh interpreter (imports included), and the
  interpreter start alone;
* a warm in-process ``load()``;
* the hostile inputs: the billion-laughs fixture and 100k nested brackets (goal: < 1 s each).

Goal: a cold load costs well under the Textual cold start (ratio < 1), so validating a file
is never the slow part of opening a survey.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLAGSHIP = ROOT / "questionnaires" / "ai_expectation_gap.yaml"

TEXTUAL_APP = """
from textual.app import App

class Bare(App):
    def on_mount(self) -> None:
        self.exit()

Bare().run(headless=True)
"""

COLD_LOAD = """
import sys
from survey_tui.core.loader import load
load(sys.argv[1])
"""


def generated_questionnaire(count: int = 30) -> str:
    """A 30-question file, for when no shipped questionnaire exists yet."""
    lines = [
        "id: bench",
        "title: Bench",
        "version: 1",
        "groups: [{id: executive, label: E}, {id: frontline, label: F}]",
        "scales: {agree5: {min: 1, max: 5, labels: [a, b, c, d, e]}}",
        "sections:",
        "  - id: s",
        "    title: S",
        "    questions:",
    ]
    for i in range(count):
        condition = f", show_if: 'q{i - 1} >= 3'" if i else ""
        lines.append(
            f"      - {{id: q{i}, type: likert, scale: agree5, "
            f"text: {{executive: 'Exec {i}', frontline: 'Eng {i}'}}{condition}}}"
        )
    return "\n".join(lines) + "\n"


def pick_questionnaire(argv: list[str], workdir: Path) -> Path:
    if len(argv) > 1:
        return Path(argv[1])
    if FLAGSHIP.exists():
        return FLAGSHIP
    shipped = sorted((ROOT / "questionnaires").glob("*.yaml"))
    if shipped:
        return shipped[0]
    path = workdir / "generated.yaml"
    path.write_text(generated_questionnaire())
    return path


def median_seconds(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def run_python(code: str, *args: str) -> None:
    subprocess.run([sys.executable, "-c", code, *args], check=True, cwd=ROOT)


def main(argv: list[str]) -> None:
    from survey_tui.core.errors import QuestionnaireError
    from survey_tui.core.loader import load, load_bytes

    with tempfile.TemporaryDirectory() as tmp:
        path = pick_questionnaire(argv, Path(tmp))
        questions = sum(1 for _ in load(path).questions())
        print(f"questionnaire: {path} ({questions} questions)")

        interpreter = median_seconds(lambda: run_python("pass"), 5)
        textual = median_seconds(lambda: run_python(TEXTUAL_APP), 5)
        cold = median_seconds(lambda: run_python(COLD_LOAD, str(path)), 5)
        warm = median_seconds(lambda: load(path), 20)

        def hostile(data: bytes) -> None:
            try:
                load_bytes(data, "hostile.yaml")
            except QuestionnaireError:
                return
            raise SystemExit("hostile input loaded")  # pragma: no cover

        bomb = (ROOT / "tests" / "fixtures" / "malformed" / "alias_bomb.yaml").read_bytes()
        brackets = b"x: " + b"[" * 100_000 + b"]" * 100_000
        bomb_s = median_seconds(lambda: hostile(bomb), 3)
        brackets_s = median_seconds(lambda: hostile(brackets), 3)

    print(f"python -c pass (floor)         {interpreter * 1000:8.1f} ms")
    print(f"bare Textual app, cold start   {textual * 1000:8.1f} ms")
    print(f"load(), cold (fresh python)    {cold * 1000:8.1f} ms")
    print(f"load(), warm (in process)      {warm * 1000:8.1f} ms")
    print(f"alias bomb refused             {bomb_s * 1000:8.1f} ms  (goal < 1000 ms)")
    print(f"100k nested brackets refused   {brackets_s * 1000:8.1f} ms  (goal < 1000 ms)")
    print(f"ratio cold load / Textual start       {cold / textual:6.2f}  (goal < 1)")
    print(
        "ratio (cold load - python) / (Textual - python) "
        f"{(cold - interpreter) / (textual - interpreter):6.2f}"
    )
    print(f"ratio warm load / Textual start       {warm / textual:6.3f}")


if __name__ == "__main__":
    main(sys.argv)
