"""Respondent TUI speed against Textual's own floor, measured in the same run (issue 5).

1. Cold start: process start to the first question ready (headless), against a bare Textual
   app's process start to ready. Goal: ratio <= 1.25.
   "Ready" is the same for both: the screen is mounted, then one ``pilot.pause()`` (Textual
   idle and a refresh, i.e. painted). The survey process does what ``survey-tui run
   ai-expectation-gap --group frontline`` does (click, loader, store, app); it then starts
   the session as the Start button would, without key presses (Pilot's own per-key cost is
   measured by the second figure), and waits for the first question.
   Runs alternate bare/survey so load from other processes hits both alike; medians.
2. Pilot time per answered question (a digit, then Enter), against Pilot's floor for the
   same key presses on an empty app. Goal: ratio <= 1.3. Rounds alternate survey/floor;
   medians over rounds.

Run by hand: ``.venv/bin/python benchmarks/tui_bench.py``; ``--floors`` prints reference
cold starts instead (bare app; bare app plus the loader, load and store; a minimal
one-question Textual app; the survey), to show how much of the ratio is not UI. On a
shared machine the absolute times swing; compare ratios, and repeat.
"""

from __future__ import annotations

import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import ClassVar

ROOT = Path(__file__).resolve().parent.parent
FLAGSHIP = "ai-expectation-gap"
RUNS = 9
QUESTIONS = 8  # answered per Pilot round (likert items of the flagship)
ROUNDS = 3


def child_survey(db: str) -> None:
    """Start the real app (as `survey-tui run` does), exit once the first question is up."""
    from survey_tui.commands.common import load_questionnaire
    from survey_tui.core.store import ResponseStore
    from survey_tui.frontends.tui.apps.survey import SurveyApp
    from survey_tui.frontends.tui.screens.question import QuestionScreen

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


def child_loader_only(db: str) -> None:
    """The bare app, plus what the survey must do before any UI: imports, load, store."""
    from survey_tui.commands.common import load_questionnaire
    from survey_tui.core.store import ResponseStore

    load_questionnaire(FLAGSHIP)
    ResponseStore(db)
    child_bare()


def child_minimal_question() -> None:
    """A minimal one-question Textual app: 5 labelled options, a Next button, a Footer."""
    from textual.app import App, ComposeResult
    from textual.widgets import Button, Footer, Label, RadioButton, RadioSet

    class OneQuestion(App[None]):
        def compose(self) -> ComposeResult:
            yield Label("How much do AI tools change your work?")
            yield RadioSet(*[RadioButton(f"{i}  Option {i}") for i in range(1, 6)])
            yield Button("Next")
            yield Footer()

    async def pilot(p) -> None:  # type: ignore[no-untyped-def]
        await p.pause()
        p.app.exit()

    OneQuestion().run(headless=True, auto_pilot=pilot)


def cold(kind: str, db: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, __file__, "--child", kind, db], check=True, cwd=ROOT)
    return time.perf_counter() - start


async def pilot_per_question(count: int, db: str) -> float:
    """Seconds per answered question under Pilot, on the flagship's likert items."""
    from survey_tui.commands.common import load_questionnaire
    from survey_tui.core.store import ResponseStore
    from survey_tui.frontends.tui.apps.survey import SurveyApp

    app = SurveyApp(load_questionnaire(FLAGSHIP), ResponseStore(db), group="frontline")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("tab", "space", "ctrl+s")
        await pilot.press("1", "enter")  # usage: daily, then the likert items
        start = time.perf_counter()
        for _ in range(count):
            await pilot.press("4", "enter")
        elapsed = (time.perf_counter() - start) / count
        assert app.session is not None and len(app.session.answers) == count + 1, "not answered"
    return elapsed


async def pilot_floor(count: int) -> float:
    """Seconds per digit + Enter under Pilot on an empty app."""
    from textual.app import App, ComposeResult
    from textual.widgets import Label

    class Empty(App[None]):
        def compose(self) -> ComposeResult:
            yield Label("empty")

    async with Empty().run_test(size=(80, 24)) as pilot:
        start = time.perf_counter()
        for _ in range(count):
            await pilot.press("4", "enter")
        return (time.perf_counter() - start) / count


async def pilot_minimal_question(count: int) -> float:
    """Seconds per digit + Enter on a minimal app whose Enter swaps in the next question."""
    from textual.app import App, ComposeResult
    from textual.binding import Binding, BindingType
    from textual.widgets import Footer, Label, RadioButton, RadioSet

    class Options(RadioSet):
        BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "app.next_question", "Next")]

        def on_key(self, event) -> None:  # type: ignore[no-untyped-def]
            if event.character and event.character in "12345":
                buttons = list(self.query(RadioButton))
                buttons[int(event.character) - 1].value = True

    class Minimal(App[None]):
        number = 1

        def compose(self) -> ComposeResult:
            yield Label("Question 1", id="text")
            yield Options(*[RadioButton(f"{i}  Option {i}") for i in range(1, 6)])
            yield Footer()

        async def action_next_question(self) -> None:
            self.number += 1
            self.query_one("#text", Label).update(f"Question {self.number}")
            new = Options(*[RadioButton(f"{i}  Option {i}") for i in range(1, 6)])
            old = self.query_one(Options)
            await self.mount(new, after=old)
            new.focus()
            await old.remove()

    async with Minimal().run_test(size=(80, 24)) as pilot:
        start = time.perf_counter()
        for _ in range(count):
            await pilot.press("4", "enter")
        elapsed = (time.perf_counter() - start) / count
        assert pilot.app.number == count + 1
        return elapsed


def floors() -> None:
    """Reference points: what the goals leave room for (``--floors``)."""
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "bench.json")
        kinds = ["bare", "loader", "minimal", "survey"]
        times: dict[str, list[float]] = {kind: [] for kind in kinds}
        for kind in kinds:
            cold(kind, db)  # warm the OS file cache
        for _ in range(RUNS):
            for kind in kinds:
                times[kind].append(cold(kind, db))
        bare = statistics.median(times["bare"])
        labels = {
            "bare": "bare Textual app",
            "loader": "bare app + loader, load(), store (no UI)",
            "minimal": "minimal one-question app (RadioSet, Button, Footer)",
            "survey": "survey-tui, first question ready",
        }
        for kind in kinds:
            median = statistics.median(times[kind])
            print(f"{labels[kind]:<54} {median * 1000:5.0f} ms  {median / bare:.2f}x")
        rounds: dict[str, list[float]] = {"floor": [], "minimal": [], "survey": []}
        for round_ in range(ROUNDS):
            rounds["floor"].append(asyncio.run(pilot_floor(QUESTIONS)))
            rounds["minimal"].append(asyncio.run(pilot_minimal_question(QUESTIONS)))
            pilot_db = str(Path(tmp) / f"pilot{round_}.json")
            rounds["survey"].append(asyncio.run(pilot_per_question(QUESTIONS, pilot_db)))
        floor = statistics.median(rounds["floor"])
        names = {
            "floor": "Pilot, digit + Enter on an empty app",
            "minimal": "Pilot, minimal app swapping in a 5-option question",
            "survey": "Pilot, survey-tui answered question",
        }
        for name, values in rounds.items():
            median = statistics.median(values)
            print(f"{names[name]:<54} {median * 1000:5.0f} ms  {median / floor:.2f}x")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "bench.json")
        cold("bare", db), cold("survey", db)  # warm the OS file cache once
        bares, surveys = [], []
        for _ in range(RUNS):  # alternating, so background load hits both alike
            bares.append(cold("bare", db))
            surveys.append(cold("survey", db))
        bare, survey = statistics.median(bares), statistics.median(surveys)
        print(
            f"cold start: survey {survey * 1000:.0f} ms, bare Textual {bare * 1000:.0f} ms, "
            f"ratio {survey / bare:.2f} (goal <= 1.25; medians of {RUNS})"
        )
        per_qs, floors = [], []
        for round_ in range(ROUNDS):
            pilot_db = str(Path(tmp) / f"pilot{round_}.json")
            per_qs.append(asyncio.run(pilot_per_question(QUESTIONS, pilot_db)))
            floors.append(asyncio.run(pilot_floor(QUESTIONS)))
        per_q, floor = statistics.median(per_qs), statistics.median(floors)
        print(
            f"pilot per answered question: {per_q * 1000:.0f} ms, empty-app floor "
            f"{floor * 1000:.0f} ms, ratio {per_q / floor:.2f} (goal <= 1.3; medians of "
            f"{ROUNDS} rounds of {QUESTIONS})"
        )


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "--child":
        kind, db = sys.argv[2], sys.argv[3]
        if kind == "survey":
            child_survey(db)
        elif kind == "loader":
            child_loader_only(db)
        elif kind == "minimal":
            child_minimal_question()
        else:
            child_bare()
    elif "--floors" in sys.argv:
        floors()
    else:
        main()
