"""Shared by the dashboard and home Pilot tests: a small questionnaire, writers, screen text."""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.console import Console
from textual.app import App
from textual.pilot import Pilot

from survey_tui.core.loader import load
from survey_tui.core.model import Questionnaire
from survey_tui.core.store import ResponseStore

SMALL = Path(__file__).parents[1] / "ui" / "dashboard_small.yaml"


def small() -> Questionnaire:
    """Three groups (lead, eng, ops), compare lead - eng, min_group_size 5."""
    return load(SMALL)


def answers(value: int) -> dict[str, Any]:
    """Every scored answer set to ``value`` (1-5): its score is (value - 1) * 25."""
    return {"speed": value, "quality": value, "flows": {"review": value, "docs": value}}


def add(
    store: ResponseStore,
    q: Questionnaire,
    group: str,
    value: int,
    *,
    submit: bool = True,
    wave: str = "default",
) -> dict[str, Any]:
    """One response of ``group`` answering ``value`` everywhere (left partial unless submit)."""
    record = store.start(q, group=group, wave=wave)
    record["answers"] = answers(value)
    if submit:
        return store.submit(record)
    store.save(record)
    return record


def screen_text(app: App[Any]) -> str:
    """Everything visible on the app's screen, as plain text (what a person would read)."""
    width, height = app.size
    console = Console(
        width=width, height=height, file=io.StringIO(), record=True, legacy_windows=False
    )
    console.print(app.screen._compositor.render_update(full=True))
    return console.export_text()


async def wait_until(pilot: Pilot[Any], condition: Callable[[], bool], timeout: float = 10) -> None:
    """Let the app run until ``condition()`` holds (it polls the store in the background)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            shown = [n.message for n in pilot.app._notifications]
            raise AssertionError(f"timed out; notifications: {shown}")
        await pilot.pause(0.05)
    await pilot.pause()  # and let the screen repaint what changed
