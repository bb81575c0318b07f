"""The respondent's pages: welcome, the pages of questions (:mod:`survey_tui.frontends.web.questions`),
review, thank-you.

Each method takes what the request carried (the resume token, the posted form) and returns a
:class:`Reply`; the flow itself (next page, progress, conditions, checks, autosave, submit)
is asked of :mod:`survey_tui.core.flow`, :class:`survey_tui.core.session.Session` and
:func:`survey_tui.core.answers.check_answer`. Runs in the server's store thread.
"""

from __future__ import annotations

from survey_tui.core import flow, texts
from survey_tui.core.i18n import words
from survey_tui.core.session import length_summary
from survey_tui.core.texts import T_
from survey_tui.frontends.web.base import Asked, Form, Reply, Settings
from survey_tui.frontends.web.forms import BadForm
from survey_tui.frontends.web.questions import QuestionPages
from survey_tui.frontends.web.render import markdown_block

__all__ = ["Pages", "Reply", "Settings"]


#: The kiosk's thank-you page goes back to the welcome page after this long (its script).
KIOSK_RESTART_SECONDS = 8


class Pages(QuestionPages):
    # --- welcome and start -------------------------------------------------------------
    def welcome(
        self,
        token: str | None,
        csrf: str,
        *,
        back: bool = False,
        store: bool = True,
        asked: Asked | None = None,
    ) -> Reply:
        respondent = self.respondents.get(token, store=store)
        if respondent is not None and not back:
            page = flow.resume_page(respondent.session, self.per_page)
            return Reply(status=303, location=self._page_url(page) + "?resumed=1")
        session = respondent.session if respondent is not None else None
        chosen = session.group if session is not None else None
        language = self.language_for(session, asked)
        return self._welcome_page(
            csrf, language, chosen=chosen, consented=respondent is not None, back=back
        )

    def _welcome_page(
        self,
        csrf: str,
        language: str | None,
        *,
        chosen: str | None = None,
        consented: bool = False,
        consent_error: str | None = None,
        group_error: str | None = None,
        back: bool = False,
    ) -> Reply:
        q = self.respondents.shown(language)
        w = words(language)
        groups = []
        if self._fixed_group() is None:
            groups = [(g.id, g.label, g.description) for g in q.groups]
        consent_error = w(consent_error) if consent_error else None
        group_error = w(group_error) if group_error else None
        errors = [("consent", consent_error)] if consent_error else []
        errors += [(f"group-{self.q.group_ids[0]}", group_error)] if group_error else []
        return self._html(
            "welcome.html",
            status=422 if errors else 200,
            language=language,
            page_title=w(texts.START),
            description=markdown_block(q.description),
            consent=markdown_block(q.consent) if q.consent else None,
            length=w(length_summary(q, self._fixed_group())),
            groups=groups,
            chosen_group=chosen,
            interview=self.q.mode == "interview",
            consented=consented,
            consent_error=consent_error,
            group_error=group_error,
            errors=errors,
            csrf=csrf,
            chosen_language=language if self.q.languages else None,
            language_links=self._language_links(language, back),
        )

    def start(
        self, token: str | None, csrf: str, form: Form, *, asked: Asked | None = None
    ) -> Reply:
        if set(form) - {"csrf", "consent", "group", "lang"}:
            raise BadForm("unknown fields on the welcome form")
        posted = form.get("lang")
        if posted is not None and posted not in self.q.languages:
            raise BadForm("no such language")
        respondent = self.respondents.get(token)
        session = respondent.session if respondent is not None else None
        language = self.language_for(
            session, Asked(choice=posted, accept=(asked or Asked()).accept)
        )
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
                language,
                chosen=chosen,
                consented=consented,
                consent_error=consent_error,
                group_error=group_error,
            )
        assert group is not None
        reply = Reply(status=303)
        if respondent is None:
            respondent = self.respondents.start(group, language)
            reply.resume = respondent.token
        else:
            if respondent.session.language != language:
                self.respondents.set_language(respondent, language)
            if respondent.session.group != group:
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

    # --- review, submit, thanks --------------------------------------------------------
    def review(self, token: str | None, csrf: str, *, store: bool = True) -> Reply:
        respondent = self.respondents.get(token, store=store)
        if respondent is None:
            return Reply(status=303, location=self.respondents.after_submit(token))
        session = respondent.session
        if store:
            self.respondents.touch(respondent)
        language = self.language_for(session)
        w = words(language)
        items = []
        for item in flow.review_items(session):
            page = flow.page_of(session, item.question.id, self.per_page)
            items.append(
                {
                    "number": item.number,
                    "id": item.question.id,
                    "text": item.text,
                    "answer": w(item.answer),
                    "note": item.note,
                    "page": page.key if page else item.question.id,
                }
            )
        last = flow.last_page(session, self.per_page)
        return self._html(
            "review.html",
            language=language,
            page_title=w(texts.REVIEW_TITLE),
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
        language = self.language_for(respondent.session)
        self.respondents.submit(respondent)
        # The thank-you page in the respondent's language (the response is gone from memory).
        # (the default language needs no mark: a one-language survey's URL stays /thanks).
        other = language is not None and language != self.q.default_language
        location = f"/thanks?lang={language}" if other else "/thanks"
        return Reply(status=303, location=location, drop_resume=True)

    def thanks(self, asked: Asked | None = None) -> Reply:
        interview = self.q.mode == "interview"
        what = texts.THE_INTERVIEW if interview else texts.YOUR_RESPONSE
        language = self.language_for(asked=asked)
        w = words(language)
        return self._html(
            "thanks.html",
            language=language,
            page_title=w(texts.THANKS_TITLE),
            recorded=w(T_(texts.RECORDED, what=what)),
            kiosk=self.settings.kiosk,
            restart_after=KIOSK_RESTART_SECONDS if self.settings.kiosk else None,
        )
