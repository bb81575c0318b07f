"""The dashboard's CSV (key ``e``) and ``survey-tui export`` are one export: the same bytes for
the same store, also for answers that no longer fit an edited questionnaire, rows stored out of
order, and text a spreadsheet would run."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from click.testing import CliRunner
from helpers.dashboard import wait_until

from survey_tui.cli import main
from survey_tui.core.loader import load
from survey_tui.core.store import ResponseStore
from survey_tui.core.store.common import new_record
from survey_tui.frontends.tui.apps.dashboard import DashboardApp

HOSTILE = Path(__file__).resolve().parents[1] / "fixtures" / "data_exchange" / "hostile.yaml"


def records() -> list[dict[str, Any]]:
    q = load(HOSTILE)
    out = []
    # Stored newest first, several per day: the store's order is not the export's.
    for n in range(9, -1, -1):
        answers = {"rating": 1 + n % 5, "trend": "-1", "tool": "copilot", "delta": -n}
        if n % 3 == 0:
            answers |= {"tool": f'=HYPERLINK("x{n}")', "comment": f"@SUM({n})\rnext"}
        when = f"2026-11-{20 + n % 3}T{8 + n}:15:00Z"
        out.append(
            new_record(
                q,
                response_id=f"rid-{(n * 7) % 10}",
                group="executive" if n < 6 else "frontline",
                wave="default",
                status="complete",
                mode="run",
                started_at=when,
                updated_at=when,
                submitted_at=when,
                answers=answers,
                seconds={"rating": 30 + n},
            )
        )
    # Answered with an earlier text of this version: 9 is off today's 1..5 scale.
    out[0] = {**out[0], "questionnaire_sha256": "0" * 64}
    out[0]["answers"] = {**out[0]["answers"], "rating": 9}
    return out


async def test_dashboard_csv_is_byte_for_byte_the_export(tmp_path: Path) -> None:
    db = tmp_path / "r.json"
    ResponseStore(db).insert_many(records())
    cli_csv = tmp_path / "cli.csv"
    result = CliRunner().invoke(main, ["--db", str(db), "export", str(HOSTILE), "-o", str(cli_csv)])
    assert result.exit_code == 0, result.output

    out = tmp_path / "out"
    out.mkdir()
    app = DashboardApp(load(HOSTILE), ResponseStore(db), export_dir=out, poll_seconds=0.1)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.dashboard
        await wait_until(pilot, lambda: len(screen.complete) == 10)
        await pilot.press("e")
        await wait_until(pilot, lambda: screen.exported is not None)
        assert screen.exported is not None
        dashboard_csv = screen.exported[1]
    assert dashboard_csv.read_bytes() == cli_csv.read_bytes()
    text = cli_csv.read_text(encoding="utf-8")
    assert ",9," not in text and "'=HYPERLINK" in text and "T08:15" not in text
