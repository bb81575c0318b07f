"""NPS by keyboard alone: every digit chooses its point, and "1 then 0" chooses 10."""

from __future__ import annotations

from pathlib import Path

import pytest

from survey_tui.core.loader import load
from survey_tui.core.store import ResponseStore
from survey_tui.frontends.tui.apps.survey import SurveyApp
from survey_tui.frontends.tui.screens.question import QuestionScreen
from survey_tui.frontends.tui.widgets.answers import AnswerWidget
from survey_tui.frontends.tui.widgets.nps import TEN_HINT, TenPointSet

NPS = Path(__file__).parent / "nps_only.yaml"


async def test_nps_digits_zero_and_ten(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "r.json"
    app = SurveyApp(load(NPS), ResponseStore(db))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        assert isinstance(app.screen, QuestionScreen)
        # The help line says how to type 10.
        assert str(app.screen.query_one("#hint").render()) == TEN_HINT
        widget = app.screen.query_one(AnswerWidget)
        await pilot.press("0")
        assert widget.value() == 0  # a lone 0 is 0, not 10
        await pilot.press("7")
        assert widget.value() == 7
        await pilot.press("1", "0")
        assert widget.value() == 10
        await pilot.press("1")
        assert widget.value() == 1
        # A 0 long after the 1 is a new choice of 0 (no clock games: the window is shrunk).
        monkeypatch.setattr(TenPointSet, "TEN_WITHIN", 0.0)
        await pilot.press("0")
        assert widget.value() == 0
        monkeypatch.setattr(TenPointSet, "TEN_WITHIN", 1.0)
        await pilot.press("1", "0", "enter", "ctrl+s")

    [record] = ResponseStore(db).responses("nps-only")
    assert record["answers"] == {"nps": 10}
