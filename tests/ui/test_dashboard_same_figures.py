"""The dashboard shows the same figures as ``analyze``/``report`` for the same store.

docs/statistics.md: "a number means the same thing wherever it appears" and the bootstrap is
seeded; so the live view must use the analysis' own seed and resample count.
"""

from __future__ import annotations

from pathlib import Path

from helpers.dashboard import add, screen_text, small, wait_until

from survey_tui.core.analysis import analyze
from survey_tui.core.store import ResponseStore
from survey_tui.frontends.tui.apps.dashboard import DashboardApp

# Varied answers, so a bootstrap interval depends on the seed and the number of resamples.
WAVES = {
    "w1": {"lead": [3, 4, 5, 4, 5, 2], "eng": [1, 2, 2, 3, 1, 2], "ops": [3, 3, 4, 5, 2]},
    "w2": {"lead": [4, 5, 5, 3, 4], "eng": [2, 3, 1, 1, 2, 4], "ops": [2, 4]},
}


async def test_dashboard_figures_equal_analyze_for_every_wave_choice(tmp_path: Path) -> None:
    db = tmp_path / "r.json"
    q = small()
    store = ResponseStore(db)
    for wave, groups in WAVES.items():
        for group, values in groups.items():
            for value in values:
                add(store, q, group, value, wave=wave)
    records = store.responses(q.id, status=None)
    app = DashboardApp(q, ResponseStore(db), poll_seconds=0.1)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = app.dashboard
        await wait_until(pilot, lambda: screen.analysis is not None)
        expected = analyze(q, records)
        assert screen.analysis == expected
        await pilot.press("r")
        shown = screen_text(app)
        for entry in expected["constructs"]:
            low, high = entry["gap"]["ci95"]
            assert f"95% CI {low:+.1f} to {high:+.1f}" in shown
        for wave in ("w1", "w2"):
            await pilot.press("w")
            await wait_until(
                pilot, lambda w=wave: screen.analysis is not None and screen.analysis["wave"] == w
            )
            assert screen.analysis == analyze(q, records, wave=wave)
