"""A respondent's way through a questionnaire, page by page: one home for every front end.

A *page* is one question (``per_page="question"``, as in the TUI) or the visible questions of
one section (``per_page="section"``, the web form's option). This module decides which page
comes next or before, the progress line ("Question 4 of up to 18"), the review list and the
check before submit, on top of :class:`survey_tui.core.session.Session` (answers, conditions,
autosave). The TUI, ``--plain`` and the web form all ask it, so they agree on every step.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from survey_tui.core import texts
from survey_tui.core.answer_text import format_answer
from survey_tui.core.answered import is_answered
from survey_tui.core.answers import check_answer
from survey_tui.core.conditions import ConditionSyntaxError, parse
from survey_tui.core.model import AnyQuestion, Questionnaire, Section, condition_context
from survey_tui.core.session import Session
from survey_tui.core.texts import T_, Text

PerPage = Literal["question", "section"]
PER_PAGE: tuple[PerPage, ...] = ("question", "section")


@dataclass(frozen=True)
class Page:
    """One page: its key (a question id or a section id) and the questions shown on it now."""

    key: str
    section: Section | None
    questions: tuple[AnyQuestion, ...]


def _section_order(q: Questionnaire) -> dict[str, int]:
    return {s.id: i for i, s in enumerate(q.sections)}


def _question_order(q: Questionnaire) -> dict[str, int]:
    return {question.id: i for i, question in enumerate(q.questions())}


def pages(session: Session, per_page: PerPage = "question") -> list[Page]:
    """The pages the respondent sees given the answers so far, in order."""
    q = session.questionnaire
    visible = session.visible()
    if per_page == "question":
        return [Page(v.id, q.section_of(v.id), (v,)) for v in visible]
    result: list[Page] = []
    for section in q.sections:
        shown = tuple(v for v in visible if q.section_of(v.id) is section)
        if shown:
            result.append(Page(section.id, section, shown))
    return result


def _order_of(session: Session, key: str, per_page: PerPage) -> int | None:
    q = session.questionnaire
    order = _question_order(q) if per_page == "question" else _section_order(q)
    return order.get(key)


def _position(session: Session, page: Page, per_page: PerPage) -> int:
    found = _order_of(session, page.key, per_page)
    assert found is not None
    return found


def find_page(session: Session, key: str, per_page: PerPage = "question") -> Page | None:
    """The page ``key`` if it is shown now (None: unknown, or hidden by the answers)."""
    return next((p for p in pages(session, per_page) if p.key == key), None)


def page_of(session: Session, question_id: str, per_page: PerPage = "question") -> Page | None:
    """The page that shows ``question_id`` now (None when the question is hidden)."""
    return next(
        (p for p in pages(session, per_page) if any(x.id == question_id for x in p.questions)),
        None,
    )


def first_page(session: Session, per_page: PerPage = "question") -> Page | None:
    shown = pages(session, per_page)
    return shown[0] if shown else None


def next_page(session: Session, key: str, per_page: PerPage = "question") -> Page | None:
    """The first page shown after page ``key`` in file order (None: on to the review).

    Works when page ``key`` itself is hidden now (the answer on it changed the conditions).
    """
    here = _order_of(session, key, per_page)
    if here is None:
        return first_page(session, per_page)
    return next(
        (p for p in pages(session, per_page) if _position(session, p, per_page) > here), None
    )


def previous_page(session: Session, key: str, per_page: PerPage = "question") -> Page | None:
    """The last page shown before page ``key`` (None at the first page)."""
    here = _order_of(session, key, per_page)
    if here is None:
        return None
    before = [p for p in pages(session, per_page) if _position(session, p, per_page) < here]
    return before[-1] if before else None


def last_page(session: Session, per_page: PerPage = "question") -> Page | None:
    shown = pages(session, per_page)
    return shown[-1] if shown else None


def resume_page(session: Session, per_page: PerPage = "question") -> Page | None:
    """Where a returning respondent carries on (None: the review)."""
    question = session.resume_point()
    return None if question is None else page_of(session, question.id, per_page)


def section_candidates(session: Session, section: Section) -> list[AnyQuestion]:
    """Every question of ``section`` that this respondent's group can be asked, shown now or
    not: a section page carries them all, so that one whose condition turns true on this
    very page can appear (live with the page's script, else after the page is sent)."""
    return [x for x in section.questions if x.asked_to(session.group)]


# --- progress --------------------------------------------------------------------------


@dataclass(frozen=True)
class Progress:
    """Where a page stands: positions of its first and last question among the visible
    ones, how many are visible now, and how many could be (later conditions still open)."""

    first: int
    last: int
    total: int
    up_to: int
    answered: int

    def text(self) -> Text:
        """ "Question 4 of 18", "Question 4 of up to 19", "Questions 4-6 of up to 18"."""
        of = texts.PROGRESS_UP_TO if self.up_to > self.total else texts.PROGRESS_OF
        count = T_(of, total=max(self.up_to, self.total))
        if self.first == self.last:
            return T_(texts.PROGRESS_ONE, number=self.first, of=count)
        return T_(texts.PROGRESS_RANGE, first=self.first, last=self.last, of=count)


def progress(session: Session, page: Page) -> Progress:
    """The progress line of ``page``: exact up to this page, an upper bound after it."""
    visible = session.visible()
    ids = [v.id for v in visible]
    on_page = [ids.index(x.id) + 1 for x in page.questions if x.id in ids]
    first, last = (min(on_page), max(on_page)) if on_page else (0, 0)
    answered = sum(1 for v in visible if is_answered(session.answers.get(v.id)))
    up_to = len(visible) + len(_may_still_show(session, page, visible))
    return Progress(first, last, len(visible), up_to, answered)


@dataclass(frozen=True)
class Heading:
    """What stands above one question's answer in the terminal and in ``--plain``: the
    section's title, the progress line, the section's introduction (where the section starts
    for this respondent), the question as worded for their group, and its help (Markdown)."""

    section: str
    position: Text
    intro: str
    text: str
    help: str


def heading(session: Session, question: AnyQuestion) -> Heading:
    """The :class:`Heading` of ``question`` for this respondent, now."""
    section = session.questionnaire.section_of(question.id)
    page = page_of(session, question.id)
    return Heading(
        section=section.title if section else "",
        position=progress(session, page).text() if page is not None else Text(""),
        intro=(section_intro(session, page) if page is not None else None) or "",
        text=question.text_for(session.group),
        help=question.help or "",
    )


def _may_still_show(session: Session, page: Page, visible: list[AnyQuestion]) -> list[AnyQuestion]:
    """Questions on or after ``page``, hidden now, whose conditions are still open: they
    read a question of this page or a later one not answered yet, so an answer to come may
    show them."""
    q = session.questionnaire
    order = [x.id for x in q.questions()]
    shown = {v.id for v in visible}
    effective = {k: v for k, v in session.answers.items() if k in shown}
    context = condition_context(effective, session.group, session.wave)
    first = min((order.index(x.id) for x in page.questions), default=0)
    # Questions on this page or after it, not answered yet, may still get an answer.
    later = order[first:]
    pending = {i for i in later if not (i in shown and is_answered(session.answers.get(i)))}
    found = []
    for qid in later:
        question = q.question(qid)
        if question is None or qid in shown or not question.asked_to(session.group):
            continue
        section = q.section_of(qid)
        sources = [section.show_if if section else None, question.show_if]
        if all(_open(source, context, pending) for source in sources):
            found.append(question)
    return found


def _open(source: str | None, context: Mapping[str, Any], pending: set[str]) -> bool:
    """True when the condition is true, or unknown only for want of a pending answer."""
    if not source:
        return True
    try:
        condition = parse(source)
    except ConditionSyntaxError:  # pragma: no cover - the loader refuses these
        return False
    truth = condition.tree.evaluate(context)
    if truth is not None:
        return truth
    return any(name.name.split(".")[0] in pending for name in condition.names)


# --- review and submit -----------------------------------------------------------------


@dataclass(frozen=True)
class ReviewItem:
    """One line of the review: number, question, wording for the group, answer as text."""

    number: int
    question: AnyQuestion
    text: str
    answer: str
    note: str | None


def review_items(session: Session) -> list[ReviewItem]:
    """Every visible question with its answer, in order (what the review screen lists)."""
    q = session.questionnaire
    return [
        ReviewItem(
            number=index,
            question=question,
            text=question.text_for(session.group),
            answer=format_answer(q, question, session.answers.get(question.id)),
            note=session.notes.get(question.id),
        )
        for index, question in enumerate(session.visible(), 1)
    ]


def after_edit(session: Session) -> AnyQuestion | None:
    """Where a respondent goes after changing an answer from the review: the first question
    that still needs an answer (a changed answer can bring up a required follow-up), else
    back to the review (None). Every front end returns to the review this way."""
    problem = first_problem(session)
    return problem[0] if problem is not None else None


def section_intro(session: Session, page: Page) -> str | None:
    """The section's description, shown on the page where the section starts for this
    respondent ("These questions are optional"): a section page, or the first question of
    the section that is shown now."""
    section = page.section
    if section is None or not section.description:
        return None
    first = next(
        (v for v in session.visible() if session.questionnaire.section_of(v.id) is section), None
    )
    if first is None or first.id not in {x.id for x in page.questions}:
        return None
    return section.description


def first_problem(session: Session) -> tuple[AnyQuestion, str] | None:
    """The first visible question whose answer cannot be submitted, with the reason."""
    q = session.questionnaire
    for question in session.visible():
        message = check_answer(q, question, session.answers.get(question.id))
        if message is not None:
            return question, message
    return None
