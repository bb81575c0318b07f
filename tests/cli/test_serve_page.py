"""The page ``serve`` sends to browsers: nothing fetched from the internet (works offline), and
URLs that follow the address the browser used (phones on the LAN with --host 0.0.0.0)."""

from __future__ import annotations

import re
import socket
from pathlib import Path

from aiohttp.test_utils import TestClient, TestServer

from survey_tui.commands.serve import plan_serve
from survey_tui.serving import SurveyServer

SMALL = Path(__file__).parent.parent / "e2e" / "serve_small.yaml"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


async def page(tmp_path: Path, host_header: str) -> tuple[str, TestClient]:
    plan = plan_serve(str(SMALL), port=free_port(), db=tmp_path / "r.json")
    server = SurveyServer(plan)
    client = TestClient(TestServer(await server._make_app()))
    await client.start_server()
    response = await client.get("/", headers={"Host": host_header})
    assert response.status == 200
    return await response.text(), client


async def test_the_page_fetches_nothing_from_the_internet(tmp_path: Path) -> None:
    html, client = await page(tmp_path, "127.0.0.1:8123")
    try:
        fetched = re.findall(r'(?:href|src|url)\s*[=(]\s*"([^"]+)"', html)
        assert fetched, "the page links its script and styles"
        same_origin = ("http://127.0.0.1:8123/static/", "ws://127.0.0.1:8123/ws")
        assert all(u.startswith(same_origin) for u in fetched), fetched
        assert "googleapis" not in html
        font = next(u for u in fetched if u.endswith(".ttf"))
        # The bundled font is really served (the page falls back to it instead of Google's).
        response = await client.get(font.removeprefix("http://127.0.0.1:8123"))
        assert response.status == 200 and len(await response.read()) > 10_000
    finally:
        await client.close()


async def test_websocket_url_follows_the_address_the_browser_used(tmp_path: Path) -> None:
    html, client = await page(tmp_path, "192.168.1.20:8123")
    await client.close()
    assert 'data-session-websocket-url="ws://192.168.1.20:8123/ws"' in html
    assert "0.0.0.0" not in html


async def test_a_forged_host_header_is_not_echoed_into_the_page(tmp_path: Path) -> None:
    html, client = await page(tmp_path, 'x"><script>alert(1)</script>')
    await client.close()
    assert "<script>alert(1)" not in html
    assert "ws://127.0.0.1:" in html
