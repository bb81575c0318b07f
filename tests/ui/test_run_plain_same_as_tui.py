"""The same answers given in the TUI and through ``--plain`` are stored the same way."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from survey_tui.cli import main
from survey_tui.core.loader import load
from survey_tui.core.store import ResponseStore
from survey_tui.frontends.tui.apps.survey import SurveyApp
from survey_tui.frontends.tui.screens.thanks import ThankYouScreen

SMALL = Path(__file__).parent / "run_small.yaml"
STORED_FIELDS = ("questionnaire_id", "questionnaire_version", "questionnaire_sha256", "group")


async def test_plain_and_tui_store_the_same_response(tmp_path: Path) -> None:
    tui_db, plain_db = tmp_path / "tui.json", tmp_path / "plain.json"
    app = SurveyApp(load(SMALL), ResponseStore(tui_db), group="a")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "4", "enter", "4", "enter")
        await pilot.press("space", "down", "space", "enter", "5", "3", "7", "enter", "enter")
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ThankYouScreen)

    result = CliRunner().invoke(
        main,
        ["run", str(SMALL), "--plain", "--group", "a", "--db", str(plain_db)],
        input="4\n4\n1,2\n5\n3\n7\n\n\n",
    )
    assert result.exit_code == 0, result.output

    [from_tui] = ResponseStore(tui_db).responses("small")
    [from_plain] = ResponseStore(plain_db).responses("small")
    assert from_tui["answers"] == from_plain["answers"]
    assert from_tui["answers"]["tools"] == ["copilot", "chatgpt"]
    for field in STORED_FIELDS:
        assert from_tui[field] == from_plain[field]
    assert set(from_tui["seconds"]) == set(from_plain["seconds"]) == set(from_tui["answers"])


GUIDE = Path(__file__).parent / "interview_small.yaml"


async def test_plain_and_tui_store_the_same_interview(tmp_path: Path) -> None:
    tui_db, plain_db = tmp_path / "tui.json", tmp_path / "plain.json"
    app = SurveyApp(load(GUIDE), ResponseStore(tui_db))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", *"Payments", "pagedown")  # text: the answer is the note
        await pilot.press("4", "tab", *"hedged", "pagedown")
        await pilot.press("7", "pagedown")  # no note here
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ThankYouScreen)

    result = CliRunner().invoke(
        main,
        ["run", str(GUIDE), "--plain", "--db", str(plain_db)],
        input="Payments\n4\nhedged\n7\n\n\n",
    )
    assert result.exit_code == 0, result.output
    assert "- Since when [roughly]?" in result.output  # probes listed for the interviewer

    [from_tui] = ResponseStore(tui_db).responses("iv-small")
    [from_plain] = ResponseStore(plain_db).responses("iv-small")
    assert (
        from_tui["answers"] == from_plain["answers"] == {"role": "Payments", "trust": 4, "team": 7}
    )
    assert from_tui["notes"] == from_plain["notes"] == {"trust": "hedged"}
    assert from_tui["mode"] == from_plain["mode"] == "interview"
    assert set(from_tui["seconds"]) == set(from_plain["seconds"]) == {"role", "trust", "team"}
    for field in STORED_FIELDS:
        assert from_tui[field] == from_plain[field]
