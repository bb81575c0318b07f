"""The review of every answer before submitting."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Label, Static

from survey_tui.core import flow, texts
from survey_tui.core.session import Session
from survey_tui.core.texts import T_
from survey_tui.frontends.tui.messages import BackRequested, EditRequested, Submitted
from survey_tui.frontends.tui.widgets.footer import QuietFooter
from survey_tui.frontends.tui.words import words_of


class ReviewList(VerticalScroll, can_focus=False):
    """The answers on the review: Up/Down move from one to the next (not a scroll of the
    list with the focus left behind on the first)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
    ]

    def action_move(self, step: int) -> None:
        items = list(self.query(".review-item"))
        focused = self.screen.focused
        if not items:
            return
        index = items.index(focused) + step if focused in items else 0
        if 0 <= index < len(items):
            items[index].focus()  # focusing scrolls it into view
        elif index >= len(items):
            self.screen.query_one("#submit").focus()


class ReviewScreen(Screen[None]):
    """Every visible answer; Enter on one edits it; Submit stores the response."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "submit", texts.SUBMIT, priority=True),
        Binding("pageup,ctrl+b", "back", texts.BACK, priority=True),
    ]

    # on_mount focuses the first answer: "choose an answer to change it" must not start on
    # Submit, where an Enter meant to edit would submit instead.
    AUTO_FOCUS = ""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        s = self.session
        w = words_of(self)
        with Vertical(id="review"):
            yield Static(w(texts.REVIEW_TITLE), classes="title")
            yield Label(w(texts.KEYS_REVIEW), classes="help")
            with ReviewList(id="review-list"):
                for item in flow.review_items(s):
                    label = f"{item.number}. {item.text}\n   → {w(item.answer)}"
                    if item.note:  # interviews: the interviewer's notes, first line
                        note = T_(texts.REVIEW_NOTE, note=item.note.splitlines()[0][:60])
                        label += f"\n   {w(note)}"
                    # Plain text: typed answers and notes may hold [brackets].
                    button_id = f"edit-{item.question.id}"
                    yield Button(Content(label), id=button_id, classes="review-item")
            yield Label("", id="error", classes="error")
            with Horizontal(id="nav"):
                yield Button(w(texts.BACK), id="back")
                yield Button(w(texts.SUBMIT), variant="success", id="submit")
        yield QuietFooter()

    def on_mount(self) -> None:
        items = self.query(".review-item")
        (items.first() if items else self.query_one("#submit")).focus()

    @on(Button.Pressed, ".review-item")
    def _edit(self, event: Button.Pressed) -> None:
        self.post_message(EditRequested((event.button.id or "").removeprefix("edit-")))

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        self.post_message(BackRequested(None))

    @on(Button.Pressed, "#submit")
    def action_submit(self) -> None:
        s = self.session
        problem = flow.first_problem(s)
        if problem is not None:
            self.query_one("#error", Label).update(words_of(self)(texts.STILL_NEEDED))
            self.post_message(EditRequested(problem[0].id))
            return
        s.submit()
        self.post_message(Submitted())
