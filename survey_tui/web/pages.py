"""The respondent's pages: welcome, one page per question (or section), review, thank-you.

Each method takes what the request carried (the resume token, the posted form) and returns a
:class:`Reply`; the flow itself (next page, progress, conditions, checks, autosave, submit)
is asked of :mod:`survey_tui.core.flow`, :class:`survey_tui.core.session.Session` and
:func:`survey_tui.core.answers.check_answer`. Runs in the server's store thread.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from survey_tui.core import flow, texts
from survey_tui.core.answers import check_answer
from survey_tui.core.flow import Page, PerPage
from survey_tui.core.model import AnyQuestion, Questionnaire
from survey_tui.core.session import length_summary
from survey_tui.web import forms
from survey_tui.web.forms import BadForm
from survey_tui.web.render import markdown_block, markdown_inline, render
from survey_tui.web.respondents import Respondent, Respondents

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


@dataclass
class PageState:
    """A page being drawn: errors per question, what was posted, a notice."""

    errors: dict[str, str] = field(default_factory=dict)
    posted: Mapping[str, Sequence[str]] | None = None
    notice: str | None = None
    shown: set[str] | None = None
    back_to_review: bool = False
    resumed: bool = False


def _posted(form: Form) -> dict[str, list[str]]:
    return {name: list(form.getall(name)) for name in set(form)}


class Pages:
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

    # --- welcome and start -------------------------------------------------------------
    def welcome(
        self, token: str | None, csrf: str, *, back: bool = False, store: bool = True
    ) -> Reply:
        respondent = self.respondents.get(token, store=store)
        if respondent is not None and not back:
            page = flow.resume_page(respondent.session, self.per_page)
            return Reply(status=303, location=self._page_url(page) + "?resumed=1")
        chosen = respondent.session.group if respondent is not None else None
        return self._welcome_page(csrf, chosen=chosen, consented=respondent is not None)

    def _welcome_page(
        self,
        csrf: str,
        *,
        chosen: str | None = None,
        consented: bool = False,
        consent_error: str | None = None,
        group_error: str | None = None,
    ) -> Reply:
        groups = []
        if self._fixed_group() is None:
            groups = [
                {
                    "id": g.id,
                    "label": g.label,
                    "description": g.description,
                    "checked": g.id == chosen,
                }
                for g in self.q.groups
            ]
        errors = [("consent", consent_error)] if consent_error else []
        errors += [(f"group-{self.q.group_ids[0]}", group_error)] if group_error else []
        return self._html(
            "welcome.html",
            status=422 if errors else 200,
            page_title=texts.START,
            description=markdown_block(self.q.description),
            consent=markdown_block(self.q.consent) if self.q.consent else None,
            length=length_summary(self.q, self._fixed_group()).capitalize(),
            groups=groups,
            consented=consented,
            consent_error=consent_error,
            group_error=group_error,
            errors=errors,
            csrf=csrf,
        )

    def start(self, token: str | None, csrf: str, form: Form) -> Reply:
        if set(form) - {"csrf", "consent", "group"}:
            raise BadForm("unknown fields on the welcome form")
        consented = form.get("consent") == "yes"
        group = self._fixed_group()
        chosen = form.get("group") or None
        if group is None and chosen is not None and chosen not in self.q.group_ids:
            raise BadForm(f"no group {chosen[:40]!r}")
        consent_error = texts.CONSENT_NEEDED if self.q.consent and not consented else None
        group = group or chosen
        group_error = texts.GROUP_NEEDED if group is None else None
        if consent_error or group_error:
            return self._welcome_page(
                csrf,
                chosen=chosen,
                consented=consented,
                consent_error=consent_error,
                group_error=group_error,
            )
        assert group is not None
        respondent = self.respondents.get(token)
        reply = Reply(status=303)
        if respondent is None:
            respondent = self.respondents.start(group)
            reply.resume = respondent.token
        elif respondent.session.group != group:
            # Back on the welcome page: the same response carries on in the new group.
            respondent.session.set_group(group)
            self.respondents.saved(respondent)
        reply.location = self._page_url(flow.first_page(respondent.session, self.per_page))
        return reply

    def restart(self, token: str | None) -> Reply:
        respondent = self.respondents.get(token)
        if respondent is not None:
            self.respondents.forget(respondent)
        return Reply(status=303, location="/", drop_resume=True)

    # --- a page of questions -----------------------------------------------------------
    def _find(self, respondent: Respondent, key: str) -> tuple[Page | None, Reply | None]:
        """The page ``key``, or a reply: 404 for no such page, else on to where it belongs."""
        page = flow.find_page(respondent.session, key, self.per_page)
        if page is not None:
            return page, None
        if self.per_page == "question":
            known = {x.id for x in self.q.questions()}
        else:
            known = {s.id for s in self.q.sections}
        if key not in known:
            return None, self.not_found()
        page = flow.next_page(respondent.session, key, self.per_page)
        return None, Reply(status=303, location=self._page_url(page))

    def _candidates(self, respondent: Respondent, page: Page) -> list[AnyQuestion]:
        if self.per_page == "section" and page.section is not None:
            return flow.section_candidates(respondent.session, page.section)
        return list(page.questions)

    def show(
        self,
        token: str | None,
        key: str,
        csrf: str,
        query: Mapping[str, str],
        *,
        store: bool = True,
    ) -> Reply:
        """A page of questions (``store=False``: drawn from memory, never touching the store)."""
        respondent = self.respondents.get(token, store=store)
        if respondent is None:
            return Reply(status=303, location="/")
        page, other = self._find(respondent, key)
        if page is None:
            assert other is not None
            return other
        state = PageState(
            back_to_review=query.get("return") == "review", resumed="resumed" in query
        )
        if state.resumed:
            state.notice = texts.RESUMED
        if "check" in query:
            session = respondent.session
            for question in page.questions:
                problem = check_answer(self.q, question, session.answers.get(question.id))
                if problem is not None:
                    state.errors[question.id] = problem
        respondent.shown_at = self.respondents.clock()
        if store:
            self.respondents.touch(respondent)
        return self._draw(respondent, page, csrf, state)

    def _draw(self, respondent: Respondent, page: Page, csrf: str, state: PageState) -> Reply:
        session = respondent.session
        visible = {x.id for x in page.questions}
        shown = state.shown if state.shown is not None else visible
        views = [
            forms.question_view(
                self.q,
                question,
                session.group,
                session.answers.get(question.id),
                markdown=markdown_inline,
                error=state.errors.get(question.id),
                hidden=question.id not in shown,
                posted=state.posted,
                note=session.notes.get(question.id),
            )
            for question in self._candidates(respondent, page)
        ]
        progress = flow.progress(session, page)
        can_go_back = flow.previous_page(session, page.key, self.per_page) is not None
        title = page.section.title if page.section is not None else self.q.title
        errors = [(_target(v), v.error) for v in views if v.error]
        return self._html(
            "page.html",
            status=422 if errors else 200,
            page_title=progress.text(),
            heading=title or self.q.title,
            progress=progress.text(),
            progress_max=max(progress.up_to, progress.total, 1),
            progress_value=progress.answered,
            notice=state.notice,
            errors=errors,
            key=page.key,
            questions=views,
            shown=",".join(sorted(shown)),
            back_to_review=state.back_to_review,
            next_label=texts.NEXT,
            can_go_back=can_go_back or self._can_choose_group(),
            resumed=state.resumed and not self.settings.kiosk,
            csrf=csrf,
        )

    def answer(self, token: str | None, key: str, csrf: str, form: Form) -> Reply:
        respondent = self.respondents.get(token)
        if respondent is None:
            return Reply(status=303, location="/")
        page, other = self._find(respondent, key)
        if page is None:
            assert other is not None
            return other
        candidates = self._candidates(respondent, page)
        read = forms.read_page(self.q, candidates, form)
        if form.get("action") == "back":
            return self._back(respondent, page, candidates, read)
        return self._next(respondent, page, candidates, read, csrf, form)

    def _back(
        self, respondent: Respondent, page: Page, candidates: list[AnyQuestion], read: forms.Read
    ) -> Reply:
        """Keep what is on the page without checking it (as the TUI does), then go back."""
        self._keep(respondent, candidates, read)
        previous = flow.previous_page(respondent.session, page.key, self.per_page)
        if previous is not None:
            return Reply(status=303, location=self._page_url(previous))
        if self._can_choose_group():
            return Reply(status=303, location="/?back=1")
        return Reply(status=303, location=self._page_url(page))

    def _keep(
        self, respondent: Respondent, candidates: list[AnyQuestion], read: forms.Read
    ) -> bool:
        """Store the answers on the page that could be read; True when any changed."""
        session = respondent.session
        changed = False
        for question in candidates:
            value = read.values.get(question.id)
            if value is not None and value != session.answers.get(question.id):
                session.record_answer(question.id, value, save=False)
                changed = True
        if changed:
            session.save()
        changed = self._notes(session, read) or changed
        if changed:
            self.respondents.saved(respondent)
        return changed

    @staticmethod
    def _notes(session: Any, read: forms.Read) -> bool:
        """An interviewer's changed notes (each saved by the session); True when any."""
        changed = False
        for qid, note in read.notes.items():
            if note.strip() != session.notes.get(qid, ""):
                session.set_note(qid, note)
                changed = True
        return changed

    def _next(
        self,
        respondent: Respondent,
        page: Page,
        candidates: list[AnyQuestion],
        read: forms.Read,
        csrf: str,
        form: Form,
    ) -> Reply:
        session = respondent.session
        tentative = dict(session.answers)
        for qid, value in read.values.items():
            if value is None:
                tentative.pop(qid, None)
            else:
                tentative[qid] = value
        visible = {x.id for x in self.q.visible_questions(tentative, session.group, session.wave)}
        on_page = [x for x in candidates if x.id in visible]
        errors = {}
        for question in on_page:
            problem = read.problems.get(question.id)
            if problem is None:
                problem = check_answer(self.q, question, read.values.get(question.id))
            if problem is not None:
                errors[question.id] = problem
        now = self.respondents.clock()
        spent = now - respondent.shown_at if respondent.shown_at is not None else 0.0
        answered = [x for x in on_page if x.id not in errors]
        for question in answered:
            share = spent / len(answered)
            session.record_answer(question.id, read.values.get(question.id), share, save=False)
        session.save()
        self._notes(session, read)
        self.respondents.saved(respondent)
        respondent.shown_at = now
        back_to_review = form.get("return") == "review"
        shown = _shown(form)
        new = [x.id for x in on_page if x.id not in shown]
        if errors or (self.per_page == "section" and new):
            redrawn = flow.find_page(session, page.key, self.per_page) or page
            state = PageState(
                errors=errors,
                posted=_posted(form) if errors else None,
                notice=texts.MORE_QUESTIONS if new and not errors else None,
                shown={x.id for x in on_page},
                back_to_review=back_to_review,
            )
            return self._draw(respondent, redrawn, csrf, state)
        if back_to_review:
            first = flow.first_problem(session)
            if first is None:
                return Reply(status=303, location="/review")
            return Reply(status=303, location=self._problem_url(session, first[0]))
        following = flow.next_page(session, page.key, self.per_page)
        return Reply(status=303, location=self._page_url(following))

    def autosave(self, token: str | None, key: str, form: Form) -> Reply:
        """The page's script: keep what is on screen, touch the response, say what shows."""
        respondent = self.respondents.get(token)
        if respondent is None:
            return Reply(status=409, data={"gone": True})
        page = flow.find_page(respondent.session, key, self.per_page)
        if page is None:
            return Reply(status=409, data={"gone": True})
        candidates = self._candidates(respondent, page)
        read = forms.read_page(self.q, candidates, form)
        if not self._keep(respondent, candidates, read):
            self.respondents.touch(respondent)
        session = respondent.session
        tentative = {**session.answers, **{k: v for k, v in read.values.items() if v is not None}}
        visible = {x.id for x in self.q.visible_questions(tentative, session.group, session.wave)}
        now_page = flow.find_page(session, key, self.per_page) or page
        return Reply(
            data={
                "visible": [x.id for x in candidates if x.id in visible],
                "progress": flow.progress(session, now_page).text(),
            }
        )

    # --- review, submit, thanks --------------------------------------------------------
    def review(self, token: str | None, csrf: str, *, store: bool = True) -> Reply:
        respondent = self.respondents.get(token, store=store)
        if respondent is None:
            return Reply(status=303, location=self.respondents.after_submit(token))
        session = respondent.session
        if store:
            self.respondents.touch(respondent)
        items = []
        for item in flow.review_items(session):
            page = flow.page_of(session, item.question.id, self.per_page)
            items.append(
                {
                    "number": item.number,
                    "id": item.question.id,
                    "text": item.text,
                    "answer": item.answer,
                    "note": item.note,
                    "page": page.key if page else item.question.id,
                }
            )
        last = flow.last_page(session, self.per_page)
        return self._html(
            "review.html",
            page_title=texts.REVIEW_TITLE,
            items=items,
            back_page=last.key if last else None,
            csrf=csrf,
        )

    def submit(self, token: str | None, form: Form) -> Reply:
        if set(form) - {"csrf"}:
            raise BadForm("unknown fields on the review form")
        respondent = self.respondents.get(token)
        if respondent is None:  # submitted a moment ago (a double click), or never started
            return Reply(status=303, location=self.respondents.after_submit(token))
        problem = flow.first_problem(respondent.session)
        if problem is not None:
            location = self._problem_url(respondent.session, problem[0])
            return Reply(status=303, location=location)
        self.respondents.submit(respondent)
        return Reply(status=303, location="/thanks", drop_resume=True)

    def thanks(self) -> Reply:
        interview = self.q.mode == "interview"
        what = texts.THE_INTERVIEW if interview else texts.YOUR_RESPONSE
        return self._html(
            "thanks.html",
            page_title=texts.THANKS_TITLE,
            recorded=texts.RECORDED.format(what=what),
            kiosk=self.settings.kiosk,
            restart_after=KIOSK_RESTART_SECONDS if self.settings.kiosk else None,
        )

    # --- refusals ------------------------------------------------------------------------
    def message(self, status: int, title: str, text: str, *, link: bool = True) -> Reply:
        return self._html("message.html", status=status, page_title=title, message=text, link=link)

    def not_found(self) -> Reply:
        return self.message(404, texts.NOT_FOUND_TITLE, texts.NOT_FOUND)


#: The kiosk's thank-you page goes back to the welcome page after this long (its script).
KIOSK_RESTART_SECONDS = 8


def _shown(form: Form) -> set[str]:
    raw = form.get("shown") or ""
    return set(raw[:2000].split(",")) if isinstance(raw, str) else set()


def _target(view: forms.QuestionView) -> str:
    """Where an error summary's link goes: the first field of the question."""
    if view.choices:
        return view.choices[0].id
    if view.rows:
        return view.rows[0].choices[0].id
    return f"f-{view.id}"
