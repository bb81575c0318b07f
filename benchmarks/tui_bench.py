"""Respondent TUI speed against Textual's own floor, measured in the same run (issue 5).

1. Cold start: process start to the first question ready (headless), against a bare Textual
   app's process start to ready. Goal: ratio <= 1.25.
2. Pilot time per answered question, against Pilot's floor for the same key presses on an
   empty app. Goal: ratio <= 1.3.

Run by hand: ``.venv/bin/python benchmarks/tui_bench.py``.
"""

from __future__ import annotations

import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLAGSHIP = "ai-expectation-gap"
RUNS = 7


def child_survey(db: str) -> None:
    """Start the real app (as `survey-tui run` does), exit once the first question is up."""
    from survey_tui.commands.common import load_questionnaire
    from survey_tui.core.store import ResponseStore
    from survey_tui.tui.app import SurveyApp
    from survey_tui.tui.screens.survey import QuestionScreen

    app = SurveyApp(load_questionnaire(FLAGSHIP), ResponseStore(db), group="frontline")

    async def pilot(p) -> None:  # type: ignore[no-untyped-def]
        # As if the respondent accepted the consent and pressed Start (key presses would add
        # Pilot's own cost, which the bare app does not pay).
        app.start_session("frontline")
        while not isinstance(app.screen, QuestionScreen):
            await asyncio.sleep(0.001)
        await p.pause()  # the question is mounted and painted
        app.exit()

    app.run(headless=True, auto_pilot=pilot)


def child_bare() -> None:
    from textual.app import App, ComposeResult
    from textual.widgets import Label

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Label("ready")

    async def pilot(p) -> None:  # type: ignore[no-untyped-def]
        await p.pause()  # same wait as the survey's, for a fair floor
        p.app.exit()

    Bare().run(headless=True, auto_pilot=pilot)


def cold(kind: str, db: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, __file__, "--child", kind, db], check=True, cwd=ROOT)
    return time.perf_counter() - start


async def pilot_per_question(count: int, db: str) -> tuple[float, float]:
    from textual.app import App, ComposeResult
    from textual.widgets import Label

    from survey_tui.commands.common import load_questionnaire
    from survey_tui.core.store import ResponseStore
    from survey_tui.tui.app import SurveyApp

    app = SurveyApp(load_questionnaire(FLAGSHIP), ResponseStore(db), group="frontline")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("tab", "space", "ctrl+s")
        await pilot.press("1", "enter")  # usage: daily, then the likert items
        start = time.perf_counter()
        for _ in range(count):
            await pilot.press("4", "enter")
        survey = (time.perf_counter() - start) / count

    class Empty(App[None]):
        def compose(self) -> ComposeResult:
            yield Label("empty")

    async with Empty().run_test(size=(80, 24)) as pilot:
        start = time.perf_counter()
        for _ in range(count):
            await pilot.press("4", "enter")
        floor = (time.perf_counter() - start) / count
    return survey, floor


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "bench.json")
        cold("bare", db), cold("survey", db)  # warm the OS file cache once
        bare = statistics.median(cold("bare", db) for _ in range(RUNS))
        survey = statistics.median(cold("survey", db) for _ in range(RUNS))
        print(
            f"cold start: survey {survey * 1000:.0f} ms, bare Textual {bare * 1000:.0f} ms, "
            f"ratio {survey / bare:.2f} (goal <= 1.25)"
        )
        per_q, floor = asyncio.run(pilot_per_question(2, str(Path(tmp) / "pilot.json")))
        print(
            f"pilot per answered question: {per_q * 1000:.0f} ms, empty-app floor "
            f"{floor * 1000:.0f} ms, ratio {per_q / floor:.2f} (goal <= 1.3)"
        )


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "--child":
        child_survey(sys.argv[3]) if sys.argv[2] == "survey" else child_bare()
    else:
        main()
