"""50 respondents at once over textual-serve's websocket protocol (loopback only): every one
of them gets their own app process, and all 50 responses land in the one store."""

from __future__ import annotations

import asyncio
from pathlib import Path

import aiohttp
import pytest
from serve_helpers import ENGINEER_ANSWERS, FIXED_GROUP_STEPS, answer_over_websocket, serving

from survey_tui.core.store import ResponseStore

SESSIONS = 50

# About 40 s on 2 cores: 50 Python app processes start at once.
pytestmark = pytest.mark.slow


def test_fifty_concurrent_browser_sessions_each_store_one_response(tmp_path: Path) -> None:
    db = tmp_path / "responses.json"
    with serving(tmp_path, db, "--group", "eng") as (url, process, log):

        async def everyone() -> list[BaseException | None]:
            async with aiohttp.ClientSession() as http:
                sessions = [
                    answer_over_websocket(http, url, FIXED_GROUP_STEPS, timeout=90)
                    for _ in range(SESSIONS)
                ]
                return await asyncio.wait_for(
                    asyncio.gather(*sessions, return_exceptions=True), timeout=240
                )

        outcomes = asyncio.run(everyone())
        failures = [o for o in outcomes if o is not None]
        assert not failures, f"{len(failures)} sessions failed, first: {failures[0]}"
        stored = ResponseStore(db).responses(status=None)
    assert process.returncode == 0, log.read_text()
    assert len(stored) == SESSIONS  # none lost, and no stray partial left behind
    assert len({r["response_id"] for r in stored}) == SESSIONS
    assert all(r["status"] == "complete" and r["mode"] == "serve" for r in stored)
    assert all(r["answers"] == ENGINEER_ANSWERS and r["group"] == "eng" for r in stored)
    assert f"Stopped. {SESSIONS} complete response(s)" in log.read_text()
