"""The respondent's pages: welcome, the pages of questions (:mod:`survey_tui.web.questions`),
review, thank-you.

Each method takes what the request carried (the resume token, the posted form) and returns a
:class:`Reply`; the flow itself (next page, progress, conditions, checks, autosave, submit)
is asked of :mod:`survey_tui.core.flow`, :class:`survey_tui.core.session.Session` and
:func:`survey_tui.core.answers.check_answer`. Runs in the server's store thread.
"""

from __future__ import annotations

from survey_tui.core import flow, texts
from survey_tui.core.session import length_summary
from survey_tui.web.base import Form, Reply, Settings
from survey_tui.web.forms import BadForm
from survey_tui.web.questions import QuestionPages
from survey_tui.web.render import markdown_block

__all__ = ["Pages", "Reply", "Settings"]


#: The kiosk's thank-you page goes back to the welcome page after this long (its script).
KIOSK_RESTART_SECONDS = 8


class Pages(QuestionPages):
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
            interview=self.q.mode == "interview",
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
