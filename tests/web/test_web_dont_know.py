"""'Don't know' in the web form: an extra radio after the scale (likert, each matrix row) and
a tick box for a number; stored as ``dont_know``, enough for a required question, absent
where the scale does not offer it, refused when forged for such a scale."""

from __future__ import annotations

import re
from pathlib import Path

from helpers.web import Browser, form_client

from survey_tui.core.loader import load
from survey_tui.core.store import ResponseStore

FIXTURE = Path(__file__).parents[1] / "fixtures" / "dont_know.yaml"


def radios(html: str, name: str) -> list[str]:
    return re.findall(rf'type="radio" id="[^"]+" name="{name}" value="([^"]+)"', html)


async def test_dont_know_is_offered_chosen_and_stored(tmp_path: Path) -> None:
    q = load(FIXTURE)
    store = ResponseStore(tmp_path / "r.json")
    client, _ = await form_client(q, store)
    browser = Browser(client)
    try:
        await browser.get("/")
        await browser.post([])
        assert browser.path == "/page/lik"
        assert radios(browser.html, "q_lik") == ["1", "2", "3", "4", "5", "dont_know"]
        assert (
            '<div class="choice dont-know">' in browser.html and "I don&#39;t know" in browser.html
        )
        await browser.post([("q_lik", "dont_know"), ("action", "next")])  # required: enough
        assert browser.path == "/page/grid"
        assert radios(browser.html, "q_grid__code")[-1] == "dont_know"
        assert radios(browser.html, "q_grid__tests")[-1] == "dont_know"
        assert "Not used for this" in browser.html
        await browser.post(
            [("q_grid__code", "dont_know"), ("q_grid__tests", "4"), ("action", "next")]
        )
        assert browser.path == "/page/hours"
        assert 'type="checkbox" id="f-hours-dk" name="q_hours__dk"' in browser.html
        assert "Not sure" in browser.html
        # Ticked after typing a number (no script to clear it): the tick box wins.
        await browser.post([("q_hours", "12"), ("q_hours__dk", "1"), ("action", "next")])
        assert browser.path == "/page/rating"
        assert radios(browser.html, "q_rating") == ["1", "2", "3", "4", "5"]
        assert "dont-know" not in browser.html
        await browser.post([("q_rating", "3"), ("action", "next")])
        assert browser.path == "/review"
        assert (
            "I don&#39;t know" in browser.html and "Writing code: Not used for this" in browser.html
        )
        assert "Not sure" in browser.html
        # Back on the number page, the stored choice shows ticked and the field empty.
        await browser.get("/page/hours?return=review")
        assert 'value="1" data-clears="f-hours" checked' in browser.html
        assert 'name="q_hours" value=""' in browser.html
        await browser.get("/review")
        await browser.post(action="/submit")
        assert browser.path == "/thanks"
    finally:
        await client.close()
    [record] = store.responses(q.id)
    assert record["answers"] == {
        "lik": "dont_know",
        "grid": {"code": "dont_know", "tests": 4},
        "hours": "dont_know",
        "rating": 3,
    }


async def test_dont_know_on_a_scale_without_it_is_refused(tmp_path: Path) -> None:
    q = load(FIXTURE)
    store = ResponseStore(tmp_path / "r.json")
    client, _ = await form_client(q, store)
    browser = Browser(client)
    try:
        await browser.get("/")
        await browser.post([])
        await browser.get("/page/rating")
        await browser.post([("q_rating", "dont_know"), ("action", "next")])
        assert browser.status == 400  # no page of ours sends it
    finally:
        await client.close()
    [partial] = store.responses(q.id, status=None)
    assert "rating" not in partial["answers"]
