"""What every page of the web form shares: the reply to a request, the settings of the
server, and the helpers of the page classes (drawing a template, URLs, refusals)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from survey_tui.core import flow, texts
from survey_tui.core.flow import Page, PerPage
from survey_tui.core.i18n import declared, negotiate, words
from survey_tui.core.model import AnyQuestion, Questionnaire
from survey_tui.frontends.web.render import render
from survey_tui.frontends.web.respondents import Respondents

Form = Any  # a MultiDict of the posted fields (aiohttp's, or any with get/getall/iter)


@dataclass
class Reply:
    """What to answer: a page (``html``), a redirect (``location``) or JSON (``data``)."""

    status: int = 200
    html: str | None = None
    location: str | None = None
    data: dict[str, Any] | None = None
    resume: str | None = None  # set this resume cookie
    drop_resume: bool = False


@dataclass(frozen=True)
class Settings:
    questionnaire: Questionnaire
    group: str | None  # fixed by --group (or the only group)
    kiosk: bool
    per_page: PerPage
    language: str | None = None  # fixed by --lang


@dataclass(frozen=True)
class Asked:
    """The language a request asks for: a ``?lang=`` choice (a link of the welcome page, or
    the start form's field), else the browser's ``Accept-Language``. Never stored: only the
    language a respondent starts in is, on their record."""

    choice: str | None = None
    accept: str | None = None


#: Bounds on what is read of a request's language wishes (a header can be long).
ASKED_MAX = 200


def asked_language(request: Any) -> Asked:
    """What ``request`` (an aiohttp request) asks for."""
    choice = request.query.get("lang")
    accept = request.headers.get("Accept-Language")
    return Asked(
        choice=choice[:ASKED_MAX] if isinstance(choice, str) else None,
        accept=accept[:ASKED_MAX] if isinstance(accept, str) else None,
    )


class PageBase:
    def __init__(self, settings: Settings, respondents: Respondents) -> None:
        self.settings = settings
        self.q = settings.questionnaire
        self.respondents = respondents
        self.per_page = settings.per_page

    # --- languages ---------------------------------------------------------------------
    def language_for(self, session: Any = None, asked: Asked | None = None) -> str | None:
        """The language of a page: --lang; else a respondent's own (the record's) unless
        ``asked`` chooses another on the welcome page; else what the request asks for;
        else the questionnaire's default (None: it declares no languages)."""
        languages = self.q.languages
        if not languages:
            return None
        if self.settings.language is not None:
            return self.settings.language
        if asked is not None and asked.choice:
            found = declared(asked.choice, languages)
            if found is not None:
                return found
        if session is not None and session.language in languages:
            return str(session.language)
        if asked is not None and asked.accept:
            found = negotiate(asked.accept, languages)
            if found is not None:
                return found
        return self.q.default_language

    def _html(
        self, template: str, status: int = 200, *, language: str | None = None, **context: Any
    ) -> Reply:
        context.setdefault("errors", [])
        context.setdefault("restart_after", None)
        chosen = words(language)
        shown = self.respondents.shown(language)
        context.setdefault("language_links", [])
        html = render(
            template,
            chosen,
            survey_title=shown.title,
            lang=language or chosen.catalog,
            **context,
        )
        return Reply(status=status, html=html)

    def _language_links(self, language: str | None, back: bool) -> list[dict[str, Any]]:
        """The welcome page's links to the declared languages, each named in itself."""
        if self.settings.language is not None or len(self.q.languages) < 2:
            return []
        suffix = "back=1&" if back else ""
        return [
            {"tag": tag, "name": name, "href": f"/?{suffix}lang={tag}", "current": tag == language}
            for tag, name in self.q.language_names().items()
        ]

    def _page_url(self, page: Page | None, back_to_review: bool = False) -> str:
        if page is None:
            return "/review"
        return f"/page/{page.key}" + ("?return=review" if back_to_review else "")

    def _problem_url(self, session: Any, question: AnyQuestion) -> str:
        """The page of a question that cannot be submitted yet, its message shown."""
        page = flow.page_of(session, question.id, self.per_page)
        if page is None:  # pragma: no cover - first_problem only names visible questions
            return "/review"
        return f"/page/{page.key}?return=review&check=1"

    def _can_choose_group(self) -> bool:
        return self.settings.group is None and len(self.q.group_ids) > 1

    def _fixed_group(self) -> str | None:
        return self.settings.group or (self.q.group_ids[0] if len(self.q.group_ids) == 1 else None)

    # --- refusals ------------------------------------------------------------------------
    def message(
        self,
        status: int,
        title: str,
        text: str,
        *,
        link: bool = True,
        asked: Asked | None = None,
        language: str | None = None,
    ) -> Reply:
        language = language or self.language_for(asked=asked)
        chosen = words(language)
        return self._html(
            "message.html",
            status=status,
            language=language,
            page_title=chosen(title),
            message=chosen(text),
            link=link,
        )

    def not_found(self, language: str | None = None) -> Reply:
        return self.message(404, texts.NOT_FOUND_TITLE, texts.NOT_FOUND, language=language)
