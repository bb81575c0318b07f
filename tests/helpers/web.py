"""Shared by the web form tests: a respondent's browser over HTTP (cookies, hidden fields, the
anti-forgery token, same-origin posts), valid sample answers for any questionnaire, the form
fields a browser sends for an answer, and the same answers given through core as the TUI does.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from aiohttp.test_utils import TestClient, TestServer

from survey_tui.core.model import (
    AnyQuestion,
    LikertQuestion,
    MatrixQuestion,
    MultiChoiceQuestion,
    NpsQuestion,
    NumberQuestion,
    Questionnaire,
    SingleChoiceQuestion,
    TextQuestion,
)
from survey_tui.core.session import Session
from survey_tui.core.store import ResponseStore
from survey_tui.frontends.web.app import FormServer, WebConfig, make_app

HERE = Path(__file__).parents[1] / "web"
ALL = HERE / "web_all.yaml"
SHIPPED = sorted((HERE.parent.parent / "questionnaires").glob("*.yaml"))

# What a record may differ in between two front ends: ids, times, the front end itself.
VOLATILE = ("response_id", "started_at", "updated_at", "submitted_at", "resume_key", "owner")


class Forms(HTMLParser):
    """The forms of a page: action and hidden fields of each."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, Any]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "form":
            self.forms.append({"action": a.get("action"), "hidden": []})
        elif tag == "input" and a.get("type") == "hidden" and self.forms:
            self.forms[-1]["hidden"].append((a["name"], a.get("value") or ""))


class Browser:
    """One respondent's browser: keeps its cookies, sends what a page's form would send."""

    def __init__(self, client: TestClient) -> None:
        self.client = client
        self.html = ""
        self.status = 0
        self.path = ""

    @property
    def origin(self) -> str:
        return str(self.client.make_url("/")).rstrip("/")

    async def _read(self, response: Any) -> Any:
        self.html = await response.text()
        self.status = response.status
        self.path = response.url.path_qs
        return response

    async def get(self, path: str) -> Any:
        return await self._read(await self.client.get(path))

    def form(self, action: str | None = None) -> dict[str, Any]:
        parser = Forms()
        parser.feed(self.html)
        for form in parser.forms:
            if action is None or form["action"] == action:
                return form
        raise AssertionError(f"no form {action!r} on {self.path}:\n{self.html[:2000]}")

    async def post(
        self,
        fields: Iterable[tuple[str, str]] = (),
        *,
        action: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> Any:
        """Submit the page's form (or the one posting to ``action``) with ``fields`` added
        to its hidden fields, from this page's origin, following the redirect."""
        form = self.form(action)
        data = [*form["hidden"], *fields]
        sent = {"Origin": self.origin, **(headers or {})}
        return await self._read(await self.client.post(form["action"], data=data, headers=sent))

    def title(self) -> str:
        found = re.search(r"<title>(.*?)</title>", self.html, re.S)
        return found.group(1) if found else ""


async def form_client(
    questionnaire: Questionnaire, store: ResponseStore, **config: Any
) -> tuple[TestClient, FormServer]:
    server = FormServer(WebConfig(questionnaire, **config), store)
    client = TestClient(TestServer(make_app(server)))
    await client.start_server()
    return client, server


# --- answers ---------------------------------------------------------------------------


def sample_answer(q: Questionnaire, question: AnyQuestion) -> Any:
    """A valid, deterministic answer to any question (choices pick the last option, so that
    'none'/'never'-style follow-ups show up; a few take an 'Other' text)."""
    if isinstance(question, LikertQuestion | NpsQuestion):
        scale = q.scale_of(question)
        assert scale is not None
        return scale.max - 1
    if isinstance(question, MatrixQuestion):
        scale = q.scale_of(question)
        assert scale is not None
        return {
            row.id: scale.min + i % (scale.max - scale.min + 1)
            for i, row in enumerate(question.rows)
        }
    if isinstance(question, SingleChoiceQuestion):
        if question.other and len(question.options) > 2:
            return "Another tool, <b>bold</b>"
        return question.options[-1].value
    if isinstance(question, MultiChoiceQuestion):
        count = question.max_selected or 2
        count = max(question.min_selected or 1, min(count, 2, len(question.options)))
        picked = [o.value for o in question.options[:count]]
        if question.other and (question.max_selected or 99) > count:
            picked.append("Something else")
        return picked
    if isinstance(question, NumberQuestion):
        low = question.min if question.min is not None else 0
        high = question.max if question.max is not None else low + 100
        middle = (low + high) / 2
        return int(middle) if question.integer or float(middle).is_integer() else middle
    assert isinstance(question, TextQuestion)
    text = f"About {question.id}: 'quoted' & <angled>\nsecond line"
    return text if question.multiline else text.replace("\n", " ")


def fields_for(question: AnyQuestion, value: Any) -> list[tuple[str, str]]:
    """What a browser sends for ``value`` on ``question``'s form controls."""
    name = f"q_{question.id}"
    if isinstance(question, MatrixQuestion):
        return [(f"{name}__{row}", str(point)) for row, point in value.items()]
    if isinstance(question, SingleChoiceQuestion):
        if value in question.option_values():
            return [(name, value)]
        return [(name, "__other__"), (f"{name}__other", value)]
    if isinstance(question, MultiChoiceQuestion):
        known = question.option_values()
        fields = [(name, v) for v in value if v in known]
        others = [v for v in value if v not in known]
        return [*fields, (f"{name}__other", others[0])] if others else fields
    if isinstance(question, TextQuestion):
        return [(name, value.replace("\n", "\r\n"))]  # as browsers send line breaks
    return [(name, str(value))]


def answer_through_core(
    q: Questionnaire, store: ResponseStore, group: str, answers: dict[str, Any], mode: str
) -> dict[str, Any]:
    """Answer as the TUI does (app.py and QuestionScreen): begin, record each visible
    question's answer and ask the session for the next one, then submit."""
    session = Session(q, store, group=group, mode=mode)
    session.begin()
    question = session.first()
    while question is not None:
        session.record_answer(question.id, answers.get(question.id), 1.0)
        question = session.next_after(question.id)
    return session.submit()


def comparable(record: dict[str, Any]) -> dict[str, Any]:
    """A record without what differs between front ends; seconds: which questions only."""
    kept = {k: v for k, v in record.items() if k not in VOLATILE and k != "_seq"}
    kept["seconds"] = sorted(kept.get("seconds") or {})
    return kept


async def walk(
    browser: Browser,
    q: Questionnaire,
    answers: dict[str, Any],
    *,
    group: str | None,
    consent: bool = True,
) -> list[str]:
    """Welcome -> every page -> review -> submit; returns the titles of the pages seen."""
    await browser.get("/")
    assert browser.status == 200, browser.html
    start: list[tuple[str, str]] = []
    if q.consent and consent:
        start.append(("consent", "yes"))
    if group is not None and len(q.group_ids) > 1:
        start.append(("group", group))
    await browser.post(start)
    titles = []
    for _ in range(200):
        if not browser.path.startswith("/page/"):
            break
        assert browser.status == 200, browser.html
        titles.append(browser.title())
        shown = re.findall(r'data-qid="([a-z0-9_]+)"(?![^>]*\bhidden\b)', browser.html)
        fields = [f for qid in shown for f in fields_for(q.question(qid), answers[qid])]  # type: ignore[arg-type]
        await browser.post([*fields, ("action", "next")])
    assert browser.path == "/review", (browser.path, browser.html[:3000])
    titles.append(browser.title())
    await browser.post(action="/submit")
    assert browser.path == "/thanks", browser.html
    return titles
