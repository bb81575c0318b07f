"""Once revealed, a group's figures refresh only after min_group_size new responses of it.

Issue 11: a group shown at n=5 that then gets a 6th response reveals the newcomer's answers
by comparing the two figures. The counts move one by one; the figures wait for 5 new ones.
"""

from __future__ import annotations

import re
from pathlib import Path

from helpers.dashboard import add, screen_text, small, wait_until

from survey_tui.core.store import ResponseStore
from survey_tui.frontends.tui.apps.dashboard import DashboardApp


def eng_figures(analysis: dict) -> tuple[int, float]:
    speed = next(i for i in analysis["items"] if i["question"] == "speed")
    return analysis["groups"]["eng"]["n"], speed["groups"]["eng"]["score"]


async def test_a_6th_response_does_not_refresh_the_figures_but_the_10th_does(
    tmp_path: Path,
) -> None:
    db = tmp_path / "r.json"
    q = small()
    store = ResponseStore(db)
    for _ in range(5):
        add(store, q, "lead", 4)
        add(store, q, "eng", 2)  # score 25
    app = DashboardApp(q, ResponseStore(db), poll_seconds=0.05)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = app.dashboard
        await wait_until(pilot, lambda: screen.analysis is not None)
        await pilot.press("r")
        revealed = screen.analysis
        assert revealed is not None and eng_figures(revealed) == (5, 25.0)
        gap_text = screen_text(app)

        add(store, q, "eng", 5)  # the 6th engineer, answering 5 everywhere (score 100)
        await wait_until(pilot, lambda: screen.tally is not None and screen.tally.complete == 11)
        polls = screen.polls
        await wait_until(pilot, lambda: screen.polls > polls + 2)  # polled since, settled
        shown = screen_text(app)
        assert "| 11 submitted |" in shown  # the count moves...
        assert screen.analysis is revealed  # ...the figures do not
        assert "Figures from 10 of 11 submitted responses" in shown
        # Every figure on screen is the same as at the reveal (only the title and hint differ).
        figures = re.compile(r"[-+]?\d+\.\d")
        assert figures.findall(gap_text) and figures.findall(shown) == figures.findall(gap_text)
        await pilot.press("r")  # hidden again: the counts table shows the 6th engineer
        assert re.search(r"eng\s+6\s+0", screen_text(app))
        await pilot.press("r")

        for _ in range(4):  # n = 10: five new engineers since the figures shown
            add(store, q, "eng", 5)
        await wait_until(pilot, lambda: screen.analysis is not revealed)
        assert screen.analysis is not None
        assert eng_figures(screen.analysis) == (10, 62.5)  # (5 x 25 + 5 x 100) / 10
        assert "Figures from" not in screen_text(app)


async def test_a_poll_that_started_before_the_reveal_is_not_shown_after_it(
    tmp_path: Path,
) -> None:
    from survey_tui.frontends.tui.screens.dashboard import _Polled

    db = tmp_path / "r.json"
    q = small()
    store = ResponseStore(db)
    for _ in range(5):
        add(store, q, "eng", 2)
    app = DashboardApp(q, ResponseStore(db), poll_seconds=60)  # polls only when told
    async with app.run_test(size=(100, 40)) as pilot:
        screen = app.dashboard
        await wait_until(pilot, lambda: screen.analysis is not None)
        await pilot.press("r")
        revealed, polls = screen.analysis, screen.polls
        assert screen.tally is not None
        # What a worker started before the reveal would deliver: figures from a set that
        # moved freely (here: one more response).
        late = _Polled(None, False, screen.tally, [], key=(None, frozenset()), analysis={})
        screen._polled(late)
        assert screen.analysis is revealed and screen.shown_set is not late.shown_set
        await wait_until(pilot, lambda: screen.polls > polls + 1)  # polled again instead
        assert screen.analysis is revealed
