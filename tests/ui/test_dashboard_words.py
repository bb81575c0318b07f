"""The facilitator's dashboard takes its words from the product's catalogs: with the app's
``words`` set to German, its title line, counts table and footer keys are German."""

from __future__ import annotations

import re
from pathlib import Path

from helpers.dashboard import add, screen_text, small, wait_until

from survey_tui.core.i18n import words
from survey_tui.core.store import ResponseStore
from survey_tui.frontends.tui.apps.dashboard import DashboardApp


async def test_dashboard_in_german(tmp_path: Path) -> None:
    q = small()
    store = ResponseStore(tmp_path / "r.json")
    for _ in range(5):
        add(store, q, "lead", 4)
    add(store, q, "eng", 2)
    add(store, q, "ops", 5, submit=False)
    app = DashboardApp(q, ResponseStore(tmp_path / "r.json"), poll_seconds=0.05)
    app.words = words("de")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.dashboard
        await wait_until(pilot, lambda: screen.tally is not None and screen.tally.complete == 6)
        shown = screen_text(app)
        # The title line: wave, count and state.
        assert re.search(r"\| Welle default \| 6 abgeschickt \| Zahlen verborgen", shown), shown
        # The counts' heads, each column as wide as its head.
        assert re.search(r"Gruppe\s+abgeschickt\s+in Arbeit", shown), shown
        assert re.search(r"lead\s+5\s+0", shown) and re.search(r"ops\s+0\s+1", shown), shown
        assert re.search(r"gesamt\s+6\s+1", shown) and "Zuletzt abgeschickt:" in shown
        assert "Zahlen verborgen, bis Sie sie aufdecken" in shown
        # The footer's keys.
        assert "Zahlen zeigen/verbergen" in shown and "Berichtsvorschau" in shown
        assert "Exportieren" in shown and "Beenden" in shown
        for english in ("submitted", "in progress", "figures hidden", "Report preview", "Quit"):
            assert english not in shown, english


async def test_revealed_gap_view_in_german(tmp_path: Path) -> None:
    q = small()
    store = ResponseStore(tmp_path / "r.json")
    for _ in range(5):
        add(store, q, "lead", 4)
        add(store, q, "eng", 2)
    for _ in range(2):
        add(store, q, "ops", 3)  # below min_group_size 5: waiting for 3 more
    app = DashboardApp(q, ResponseStore(tmp_path / "r.json"), poll_seconds=0.05)
    app.words = words("de")
    async with app.run_test(size=(100, 40)) as pilot:
        screen = app.dashboard
        await wait_until(pilot, lambda: screen.analysis is not None)
        await pilot.press("r")
        await wait_until(pilot, lambda: screen.revealed)
        shown = screen_text(app)
        assert re.search(r"Erwartungslücken-Index: \d+\.\d Punkte", shown), shown
        assert "Lücken sind lead minus eng" in shown, shown
        assert "ops n=2 (warten auf 3 weitere)" in shown, shown
        assert re.search(r"ops\s+warten auf 3 weitere", shown), shown
        for english in ("Expectation Gap Index", "waiting for", "Gaps are", "Submitted:"):
            assert english not in shown, english
        await pilot.press("r")  # hidden again: the counts table's time since the last submit
        await wait_until(pilot, lambda: not screen.revealed)
        shown = screen_text(app)
        assert re.search(r"Zuletzt abgeschickt: vor \d+ s", shown), shown
        assert re.search(r"ops\s+2\s+0\s+warten auf 3 weitere", shown), shown
        assert " s ago" not in shown and "waiting for" not in shown
