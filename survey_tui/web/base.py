"""What every page of the web form shares: the reply to a request, the settings of the
server, and the helpers of the page classes (drawing a template, URLs, refusals)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from survey_tui.core import flow, texts
from survey_tui.core.flow import Page, PerPage
from survey_tui.core.model import AnyQuestion, Questionnaire
from survey_tui.web.render import render
from survey_tui.web.respondents import Respondents

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
    lang: str = "en"


class PageBase:
    def __init__(self, settings: Settings, respondents: Respondents) -> None:
        self.settings = settings
        self.q = settings.questionnaire
        self.respondents = respondents
        self.per_page = settings.per_page

    def _html(self, template: str, status: int = 200, **context: Any) -> Reply:
        context.setdefault("errors", [])
        context.setdefault("restart_after", None)
        html = render(template, survey_title=self.q.title, lang=self.settings.lang, **context)
        return Reply(status=status, html=html)

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
    def message(self, status: int, title: str, text: str, *, link: bool = True) -> Reply:
        return self._html("message.html", status=status, page_title=title, message=text, link=link)

    def not_found(self) -> Reply:
        return self.message(404, texts.NOT_FOUND_TITLE, texts.NOT_FOUND)
