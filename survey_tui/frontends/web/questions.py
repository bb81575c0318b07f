"""A page of questions (one question, or one section): drawing it, what Next, Back and the
page's script do with what it sends. The flow comes from :mod:`survey_tui.core.flow` and
:class:`survey_tui.core.session.Session`; answers are checked by
:func:`survey_tui.core.answers.check_answer`. Runs in the server's store thread unless it only
reads a respondent in memory (``store=False``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from survey_tui.core import flow, texts
from survey_tui.core.answers import check_answer
from survey_tui.core.flow import Page
from survey_tui.core.i18n import words
from survey_tui.core.model import AnyQuestion
from survey_tui.frontends.web import forms, views
from survey_tui.frontends.web.base import Form, PageBase, Reply
from survey_tui.frontends.web.render import markdown_block, markdown_inline
from survey_tui.frontends.web.respondents import Respondent


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


class QuestionPages(PageBase):
    def _respondent_page(
        self, token: str | None, key: str, *, store: bool = True
    ) -> tuple[Respondent, Page] | Reply:
        """The respondent of ``token`` and their page ``key``; else the reply that sends the
        browser where it belongs (the start without a respondent, see :meth:`_find`)."""
        respondent = self.respondents.get(token, store=store)
        if respondent is None:
            return Reply(status=303, location="/")
        page, other = self._find(respondent, key)
        if page is None:
            assert other is not None
            return other
        return respondent, page

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
            return None, self.not_found(self.language_for(respondent.session))
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
        found = self._respondent_page(token, key, store=store)
        if isinstance(found, Reply):
            return found
        respondent, page = found
        state = PageState(
            back_to_review=query.get("return") == "review", resumed="resumed" in query
        )
        if state.resumed:
            state.notice = texts.RESUMED
        if "check" in query:
            session = respondent.session
            for question in page.questions:
                problem = check_answer(
                    session.questionnaire, question, session.answers.get(question.id)
                )
                if problem is not None:
                    state.errors[question.id] = problem
        respondent.shown_at = self.respondents.clock()
        if store:
            self.respondents.touch(respondent)
        return self._draw(respondent, page, csrf, state)

    def _draw(self, respondent: Respondent, page: Page, csrf: str, state: PageState) -> Reply:
        session = respondent.session
        # The respondent's language: the questionnaire's texts and the product's words in it.
        language = self.language_for(session)
        q = self.respondents.shown(language)
        w = words(language)
        visible = {x.id for x in page.questions}
        shown = state.shown if state.shown is not None else visible
        drawn = [
            views.question_view(
                q,
                question,
                session.group,
                session.answers.get(question.id),
                markdown=markdown_inline,
                error=state.errors.get(question.id),
                hidden=question.id not in shown,
                posted=state.posted,
                note=session.notes.get(question.id),
                words=w,
            )
            for question in self._candidates(respondent, page)
        ]
        progress = flow.progress(session, page)
        can_go_back = flow.previous_page(session, page.key, self.per_page) is not None
        title = page.section.title if page.section is not None else q.title
        errors = [(_target(v), v.error) for v in drawn if v.error]
        return self._html(
            "page.html",
            status=422 if errors else 200,
            language=language,
            page_title=w(progress.text()),
            heading=title or q.title,
            intro=markdown_block(flow.section_intro(session, page)),
            progress=w(progress.text()),
            progress_max=max(progress.up_to, progress.total, 1),
            progress_value=progress.answered,
            notice=w(state.notice) if state.notice else None,
            errors=errors,
            key=page.key,
            questions=drawn,
            shown=",".join(sorted(shown)),
            back_to_review=state.back_to_review,
            next_label=w(texts.NEXT),
            can_go_back=can_go_back or self._can_choose_group(),
            resumed=state.resumed and not self.settings.kiosk,
            csrf=csrf,
        )

    def answer(self, token: str | None, key: str, csrf: str, form: Form) -> Reply:
        found = self._respondent_page(token, key)
        if isinstance(found, Reply):
            return found
        respondent, page = found
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
        on_page = self._visible_after_post(session, candidates, read)
        # Questions this post brought up were not on the page the respondent saw: they are
        # shown with a notice, not refused as unanswered.
        shown = _shown(form)
        new = [x.id for x in on_page if x.id not in shown]
        errors = _page_errors(session, on_page, read, new)
        self._record(respondent, [x for x in on_page if x.id not in errors], read)
        back_to_review = form.get("return") == "review"
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
            still = flow.after_edit(session)
            if still is None:
                return Reply(status=303, location="/review")
            return Reply(status=303, location=self._problem_url(session, still))
        following = flow.next_page(session, page.key, self.per_page)
        return Reply(status=303, location=self._page_url(following))

    def _visible_after_post(
        self, session: Any, candidates: list[AnyQuestion], read: forms.Read
    ) -> list[AnyQuestion]:
        """The page's questions that show given the answers as posted (not yet stored)."""
        tentative = dict(session.answers)
        for qid, value in read.values.items():
            if value is None:
                tentative.pop(qid, None)
            else:
                tentative[qid] = value
        visible = {x.id for x in self.q.visible_questions(tentative, session.group, session.wave)}
        return [x for x in candidates if x.id in visible]

    def _record(
        self, respondent: Respondent, answered: list[AnyQuestion], read: forms.Read
    ) -> None:
        """Store the good answers, sharing the time spent on the page among them."""
        session = respondent.session
        now = self.respondents.clock()
        spent = now - respondent.shown_at if respondent.shown_at is not None else 0.0
        for question in answered:
            share = spent / len(answered)
            session.record_answer(question.id, read.values.get(question.id), share, save=False)
        session.save()
        self._notes(session, read)
        self.respondents.saved(respondent)
        respondent.shown_at = now

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
                "progress": words(self.language_for(session))(
                    flow.progress(session, now_page).text()
                ),
            }
        )


def _page_errors(
    session: Any, on_page: list[AnyQuestion], read: forms.Read, new: list[str]
) -> dict[str, str]:
    """The problem of each question on the page; a newly shown one left empty is none."""
    errors = {}
    for question in on_page:
        if question.id in new and read.values.get(question.id) is None:
            continue
        problem = read.problems.get(question.id)
        if problem is None:
            problem = check_answer(session.questionnaire, question, read.values.get(question.id))
        if problem is not None:
            errors[question.id] = problem
    return errors


def _shown(form: Form) -> set[str]:
    raw = form.get("shown") or ""
    return set(raw[:2000].split(",")) if isinstance(raw, str) else set()


def _target(view: views.QuestionView) -> str:
    """Where an error summary's link goes: the first field of the question."""
    if view.choices:
        return view.choices[0].id
    if view.rows:
        return view.rows[0].choices[0].id
    return f"f-{view.id}"
