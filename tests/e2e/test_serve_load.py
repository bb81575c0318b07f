"""Many respondents at once against one ``survey-tui serve`` (loopback, rate limit raised as
for the benchmark): every response lands in the store exactly once, none left unfinished."""

from __future__ import annotations

import asyncio
from pathlib import Path

from helpers.serving import ENGINEER_ANSWERS, answer_over_http, serving

from survey_tui.core.store import ResponseStore

RESPONDENTS = 120


def test_concurrent_respondents_each_store_one_response(tmp_path: Path) -> None:
    db = tmp_path / "responses.json"
    extra = ("--group", "eng", "--rate-limit", "100000")
    with serving(tmp_path, db, *extra) as (url, process, log):

        async def everyone() -> list[BaseException | list[float]]:
            respondents = [answer_over_http(url, timeout=120) for _ in range(RESPONDENTS)]
            return await asyncio.wait_for(
                asyncio.gather(*respondents, return_exceptions=True), timeout=300
            )

        outcomes = asyncio.run(everyone())
        failures = [o for o in outcomes if isinstance(o, BaseException)]
        assert not failures, f"{len(failures)} respondents failed, first: {failures[0]!r}"
        stored = ResponseStore(db).responses(status=None)
    assert process.returncode == 0, log.read_text()
    assert len(stored) == RESPONDENTS  # none lost, and no stray partial left behind
    assert len({r["response_id"] for r in stored}) == RESPONDENTS
    assert all(r["status"] == "complete" and r["mode"] == "serve" for r in stored)
    assert all(r["answers"] == ENGINEER_ANSWERS and r["group"] == "eng" for r in stored)
    assert f"Stopped. {RESPONDENTS} complete response(s)" in log.read_text()
