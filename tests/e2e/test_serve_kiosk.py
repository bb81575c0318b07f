"""``serve --kiosk``: one browser tab serves respondent after respondent; the facilitator PIN
(given once to serve, passed to the app outside its command line) is what closes it."""

from __future__ import annotations

import asyncio
from pathlib import Path

import aiohttp
from serve_helpers import ENGINEER_ANSWERS, FIXED_GROUP_STEPS, Respondent, serving

from survey_tui.core.store import ResponseStore

PIN = "8642"
ANSWER = FIXED_GROUP_STEPS[:-1]  # up to the submit; the kiosk thanks and starts over itself


def app_command_lines(db: Path) -> list[str]:
    """The command lines of the apps served on ``db`` (as ``ps`` would show them; other test
    runs may be serving at the same time)."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            args = cmdline.read_bytes().split(b"\0")
        except OSError:
            continue  # the process ended meanwhile
        if b"--mode" in args and str(db.resolve()).encode() in args and args[0] != b"/bin/sh":
            found.append(b" ".join(args).decode(errors="replace"))
    return found


def test_a_kiosk_tab_takes_two_respondents_and_closes_only_with_the_pin(tmp_path: Path) -> None:
    db = tmp_path / "responses.json"
    with serving(tmp_path, db, "--group", "eng", "--kiosk", "--pin", PIN) as (url, process, _):
        apps: list[str] = []

        async def two_respondents_then_leave() -> None:
            ws_url = url.replace("http", "ws") + "/ws"
            async with aiohttp.ClientSession() as http, http.ws_connect(ws_url) as ws:
                await ws.send_json(["resize", {"width": 100, "height": 30}])
                tab = Respondent(ws, timeout=60)
                await tab.wait_for("Ctrl+S to start")
                apps.extend(app_command_lines(db))
                await tab.keys(["\x13"])
                for respondent in range(2):
                    for text, keys in ANSWER[1 - respondent :]:
                        await tab.wait_for(text)
                        await asyncio.sleep(0.1)
                        await tab.keys(keys)
                    await tab.wait_for("restarts for the next person")
                    await tab.keys(["\r"])  # next respondent now
                await tab.wait_for("Ctrl+S to start")
                await asyncio.sleep(0.1)
                await tab.keys(["\x11"])  # Ctrl+Q: leaving asks for the PIN
                await tab.wait_for("Facilitator PIN")
                await asyncio.sleep(0.1)
                await tab.keys([*"1111", "\r"])
                await tab.wait_for("Wrong PIN")
                await tab.keys(["\x15", *PIN, "\r"])  # Ctrl+U clears, then the PIN
                await tab.closed()

        asyncio.run(two_respondents_then_leave())
        stored = ResponseStore(db).responses("serve-small")
    assert process.returncode == 0
    assert len(apps) == 1 and "--kiosk" in apps[0]
    assert PIN not in apps[0]  # the app's command line never shows the PIN
    assert len(stored) == 2 and len({r["response_id"] for r in stored}) == 2
    assert all(r["mode"] == "serve" and r["answers"] == ENGINEER_ANSWERS for r in stored)
