"""The web form in German: the start page offers each declared language in its own name
(links, and the browser's Accept-Language picks the first page's language), every page of a
German respondent is in German with ``<html lang="de">``, errors too; ``--lang`` fixes it and
offers no choice; the record stores ``language``."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from helpers.catalogs import english_only_words, words_in
from helpers.web import Browser, fields_for, form_client

from survey_tui.core.loader import load
from survey_tui.core.store import ResponseStore

BILINGUAL = Path(__file__).parents[1] / "fixtures" / "languages" / "every_type.yaml"
SHOWN_ATTRIBUTES = ("aria-label", "title", "placeholder", "data-counter-text", "alt")

# A German respondent's answers (typed texts in German too, so any English word is ours).
ANSWERS: dict[str, Any] = {
    "impact": 4,
    "recommend": 8,
    "tool": "copilot",
    "tasks": ["code", "docs"],
    "hours": 5,
    "grid": {"code": 4, "review": "dont_know"},
    "comment": "Weiter so",
}


class Shown(HTMLParser):
    """What a person reads on a page (and a screen reader says): text and labelling
    attributes, without the style sheet and script."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if name in SHOWN_ATTRIBUTES and value:
                self.parts.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def shown(html: str) -> str:
    parser = Shown()
    parser.feed(html)
    return " ".join(parser.parts)


def german_texts() -> list[str]:
    q = load(BILINGUAL).in_language("de")
    found = [q.title, q.description or "", q.consent or ""]
    found += [g.label for g in q.groups]
    found += [s.title or "" for s in q.sections]
    for question in q.questions():
        found.append(question.model_dump_json())
    found += [str(scale.model_dump()) for scale in q.scales.values()]
    found += [str(v) for v in ANSWERS.values()]
    return found


SHOWN_KEYS = {"title", "description", "consent", "label", "labels", "text", "help", "probes"}
SHOWN_KEYS |= {"dont_know", "unit", "short", "topic"}


def shown_texts(data: Any, shown: bool = False) -> list[str]:
    """The strings a respondent reads in a model dump (values of its text fields only, not
    its ids or keys)."""
    if isinstance(data, str):
        return [data] if shown else []
    if isinstance(data, dict):
        return [t for key, value in data.items() for t in shown_texts(value, key in SHOWN_KEYS)]
    if isinstance(data, list | tuple):
        return [t for value in data for t in shown_texts(value, shown)]
    return []


def html_lang(html: str) -> str:
    found = re.search(r'<html lang="([^"]+)">', html)
    assert found, html[:200]
    return found.group(1)


async def test_the_start_page_offers_each_language_in_its_own_name(tmp_path: Path) -> None:
    q = load(BILINGUAL)
    client, _ = await form_client(q, ResponseStore(tmp_path / "r.json"))
    try:
        browser = Browser(client)
        await browser.get("/")
        assert html_lang(browser.html) == "en"
        assert 'hreflang="de"' in browser.html and ">Deutsch</a>" in browser.html
        assert ">English</a>" in browser.html
        await browser.get("/?lang=de")
        assert html_lang(browser.html) == "de"
        assert "Arbeiten mit KI" in browser.html and "Starten" in browser.html
        # A browser that prefers German gets German first.
        response = await client.get("/", headers={"Accept-Language": "de-CH, en;q=0.5"})
        assert html_lang(await response.text()) == "de"
    finally:
        await client.close()


async def test_a_german_respondent_meets_no_english_word(tmp_path: Path) -> None:
    q = load(BILINGUAL)
    english = english_only_words("de", *german_texts())
    store = ResponseStore(tmp_path / "r.json")
    client, _ = await form_client(q, store, rate_limit=1000.0)
    try:
        browser = Browser(client)
        await browser.get("/?lang=de")
        pages = [browser.html]
        await browser.post([("group", "eng")])  # no consent: refused, in German
        assert browser.status == 422
        pages.append(browser.html)
        assert "Bitte kreuzen Sie" in shown(browser.html)
        await browser.post([("consent", "yes"), ("group", "eng")])
        de = q.in_language("de")
        for _ in range(20):
            if not browser.path.startswith("/page/"):
                break
            pages.append(browser.html)
            ids = re.findall(r'data-qid="([a-z0-9_]+)"(?![^>]*\bhidden\b)', browser.html)
            if "tasks" in ids and len(pages) < 9:  # one refusal on the way: German too
                await browser.post([("action", "next")])
                assert browser.status == 422
                assert "Diese Frage braucht eine Antwort." in shown(browser.html)
                pages.append(browser.html)
            fields = [f for qid in ids for f in fields_for(de.question(qid), ANSWERS[qid])]  # type: ignore[arg-type]
            await browser.post([*fields, ("action", "next")])
        assert browser.path == "/review", browser.html[:2000]
        pages.append(browser.html)
        assert "Ihre Antworten prüfen" in shown(browser.html)
        await browser.post(action="/submit")
        assert browser.path.startswith("/thanks")
        pages.append(browser.html)
        assert "Vielen Dank!" in shown(browser.html)
    finally:
        await client.close()
    for html in pages:
        assert html_lang(html) == "de"
        assert words_in(shown(html)) & english == set(), shown(html)
    assert any("Frage 1 von" in shown(html) for html in pages)
    [record] = store.responses("bilingual")
    assert record["language"] == "de"
    assert record["answers"]["tool"] == "copilot"


async def test_a_fixed_language_offers_no_choice(tmp_path: Path) -> None:
    q = load(BILINGUAL)
    client, _ = await form_client(q, ResponseStore(tmp_path / "r.json"), language="de")
    try:
        browser = Browser(client)
        response = await client.get("/", headers={"Accept-Language": "en"})
        html = await response.text()
        assert html_lang(html) == "de" and "hreflang" not in html
        await browser.get("/?lang=en")  # a link cannot override --lang either
        assert html_lang(browser.html) == "de"
    finally:
        await client.close()


async def test_the_log_form_follows_the_language(tmp_path: Path) -> None:
    q = load(BILINGUAL)
    english = english_only_words("de", *german_texts(), "Code schreiben", "Geholfen")
    client, _ = await form_client(q, ResponseStore(tmp_path / "r.json"), language="de")
    try:
        browser = Browser(client)
        await browser.get("/log")
        assert browser.status == 200
        assert html_lang(browser.html) == "de"
        assert "Ein KI-Ereignis erfassen" in shown(browser.html)
        assert words_in(shown(browser.html)) & english == set(), shown(browser.html)
        await browser.post([("group", "eng"), ("minutes", "5")], action="/log")
        assert browser.status == 422  # no workflow, tool or outcome: refused, in German
        assert words_in(shown(browser.html)) & english == set(), shown(browser.html)
    finally:
        await client.close()


async def test_the_german_flagship_in_the_web_form(tmp_path: Path) -> None:
    """The shipped flagship, answered in German page by page: no English word of ours."""
    from helpers.web import sample_answer

    from survey_tui.core.catalog import resolve_questionnaire

    q = load(resolve_questionnaire("ai-expectation-gap"))
    german = q.in_language("de")
    answers = {question.id: sample_answer(german, question) for question in german.questions()}
    for question in german.questions():  # typed answers in German too
        value = answers[question.id]
        if question.type == "text":
            answers[question.id] = "Gute Antwort"
        elif question.type == "single_choice" and value not in question.option_values():  # type: ignore[union-attr]
            answers[question.id] = "Eigenes Werkzeug"
        elif question.type == "multi_choice":
            known = question.option_values()  # type: ignore[union-attr]
            answers[question.id] = [v if v in known else "Etwas anderes" for v in value]
    # The questionnaire's own German texts and the typed answers are not ours.
    allowed = [*shown_texts(german.model_dump()), "Gute Antwort Eigenes Werkzeug Etwas anderes"]
    english = english_only_words("de", *allowed)
    store = ResponseStore(tmp_path / "r.json")
    client, _ = await form_client(q, store, rate_limit=1000.0, language="de")
    try:
        browser = Browser(client)
        await browser.get("/")
        pages = [browser.html]
        await browser.post([("consent", "yes"), ("group", "frontline")])
        for _ in range(80):
            if not browser.path.startswith("/page/"):
                break
            pages.append(browser.html)
            ids = re.findall(r'data-qid="([a-z0-9_]+)"(?![^>]*\bhidden\b)', browser.html)
            fields = [f for qid in ids for f in fields_for(german.question(qid), answers[qid])]  # type: ignore[arg-type]
            await browser.post([*fields, ("action", "next")])
        assert browser.path == "/review", browser.html[:2000]
        pages.append(browser.html)
        await browser.post(action="/submit")
        pages.append(browser.html)
    finally:
        await client.close()
    assert len(pages) > 20
    for html in pages:
        assert html_lang(html) == "de"
        assert words_in(shown(html)) & english == set(), shown(html)
    [record] = store.responses(q.id)
    assert record["language"] == "de"
