"""Narrow (60x20) and wide (200x50) terminals: the hint and Back/Next stay on screen, and the
matrix points keep together (issue 18)."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from textual.geometry import Region

from survey_tui.core.loader import load
from survey_tui.core.store import ResponseStore
from survey_tui.frontends.tui.apps.survey import SurveyApp
from survey_tui.frontends.tui.widgets.matrix import RowSet

FLAGSHIP = Path(__file__).parents[2] / "questionnaires" / "ai_expectation_gap.yaml"
TYPES = Path(__file__).parents[1] / "snapshots" / "run_types.yaml"


def on_screen(app: SurveyApp, selector: str) -> bool:
    widget = app.screen.query_one(selector)
    screen = Region(0, 0, *app.size)
    region = widget.region
    return region.height > 0 and screen.contains_region(region)


@pytest.mark.parametrize("size", [(60, 20), (200, 50)])
@pytest.mark.parametrize("path", [FLAGSHIP, TYPES], ids=["flagship", "types"])
async def test_hint_and_buttons_stay_on_screen(
    tmp_path: Path, size: tuple[int, int], path: Path
) -> None:
    q = load(path)
    app = SurveyApp(q, ResponseStore(tmp_path / "r.json"))
    async with app.run_test(size=size) as pilot:
        app.start_session(q.group_ids[-1])
        await pilot.pause()
        for question in q.questions():
            if not question.asked_to(q.group_ids[-1]):
                continue
            app.show_question(question)
            await pilot.pause()
            for selector in ("#hint", "#next", "#back"):
                assert on_screen(app, selector), (question.id, selector, size)


async def test_matrix_points_do_not_spread_apart_on_a_wide_terminal(tmp_path: Path) -> None:
    q = load(TYPES)
    app = SurveyApp(q, ResponseStore(tmp_path / "r.json"))
    async with app.run_test(size=(200, 50)) as pilot:
        app.start_session("a")
        app.show_question(q.question("matrix"))
        await pilot.pause()
        row = app.screen.query(RowSet).first()
        starts = [button.region.x for button in row.query("RadioButton")]
        assert max(b - a for a, b in itertools.pairwise(starts)) <= 8
