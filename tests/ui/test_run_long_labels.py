"""At 80x24 a long option or matrix-row label wraps onto more lines: never cut off, so the
respondent always reads the whole of what they are rating."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Label, RadioButton

from survey_tui.core.loader import load
from survey_tui.core.store import ResponseStore
from survey_tui.frontends.tui.apps.survey import SurveyApp

FIXTURE = Path(__file__).parent / "run_long_labels.yaml"


async def test_long_labels_wrap_instead_of_being_cut(tmp_path: Path) -> None:
    app = SurveyApp(load(FIXTURE), ResponseStore(tmp_path / "r.json"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        long, short = app.screen.query(RadioButton)
        assert long.size.height >= 2 and short.size.height == 1
        assert long.size.width <= 80
        await pilot.press("1", "enter")
        labels = [label for label in app.screen.query(Label) if "row-label" in label.classes]
        assert labels[0].size.height >= 2 and labels[1].size.height == 1
        # The rating buttons stay on one line beside the label.
        assert all(b.size.height == 1 for b in app.screen.query(RadioButton))
