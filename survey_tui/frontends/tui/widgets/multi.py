"""Multi-choice answers: tick options with Space; an "Other" box below the last one."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.segment import Segment
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.strip import Strip
from textual.widgets import Input, Label, SelectionList

from survey_tui.core import texts
from survey_tui.core.answer_rules import count_rule
from survey_tui.core.answers import OTHER_MAX_LENGTH
from survey_tui.core.model import MultiChoiceQuestion
from survey_tui.frontends.tui.messages import NextRequested
from survey_tui.frontends.tui.widgets.answers import AnswerWidget
from survey_tui.frontends.tui.widgets.capped_input import CappedInput
from survey_tui.frontends.tui.words import words_of


class MultiChoiceAnswer(AnswerWidget):
    """Space toggles an option, Enter goes on; "Other" text below (Down from the last option
    reaches it, Up goes back to the options)."""

    HINT = (texts.KEYS_MOVE, texts.KEYS_TICK_UNTICK, texts.KEYS_NEXT)
    BINDINGS: ClassVar[list[BindingType]] = [Binding("up", "options", show=False)]

    @property
    def hint(self) -> str:
        # Say the limits up front, so the count rule is no surprise on Next.
        assert isinstance(self.question, MultiChoiceQuestion)
        other = texts.KEYS_PAST_LAST if self.question.other else None
        count = count_rule(self.question)
        if count is None:
            return self.hint_of(texts.KEYS_MOVE, texts.KEYS_TICK_UNTICK, other, texts.KEYS_NEXT)
        return self.hint_of(count, texts.KEYS_MOVE, texts.KEYS_TICK, other, texts.KEYS_NEXT)

    def compose(self) -> ComposeResult:
        assert isinstance(self.question, MultiChoiceQuestion)
        chosen = self.current if isinstance(self.current, list) else []
        yield MultiList(
            *[(Content(o.label), o.value, o.value in chosen) for o in self.question.options],
            id="choice",
        )
        if self.question.other:
            known = set(self.question.option_values())
            other = next((v for v in chosen if v not in known), "")
            w = words_of(self)
            yield CappedInput(
                value=other,
                placeholder=w(texts.OTHER_OPTIONAL),
                id="other",
                max_length=OTHER_MAX_LENGTH,
            )
            yield Label(w(texts.OTHER_RULE), classes="other-rule")

    def on_input_submitted(self) -> None:
        self.post_message(NextRequested())

    def action_options(self) -> None:
        """Up in the Other box: back to the last option."""
        options = self.query_one(MultiList)
        if not options.has_focus:
            options.focus()
            options.highlighted = options.option_count - 1

    def value(self) -> Any:
        values: list[str] = list(self.query_one(MultiList).selected)
        if self.question.other if isinstance(self.question, MultiChoiceQuestion) else False:
            text = self.query_one("#other", Input).value.strip()
            if text:
                values.append(text)
        return values or None


class MultiList(SelectionList[str]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "select", texts.TOGGLE, show=False),
        Binding("enter", "next", texts.NEXT, show=False),
    ]

    def action_next(self) -> None:
        self.post_message(NextRequested())

    def action_cursor_down(self) -> None:
        """Down from the last option goes to the Other box (where letters are typed), not
        round to the first option."""
        others = self.screen.query("#other")
        if self.highlighted == self.option_count - 1 and others:
            others.first().focus()
            return
        super().action_cursor_down()

    def render_line(self, y: int) -> Strip:
        # The X is drawn only on ticked options, so the choice is not shown by colour alone.
        strip = super().render_line(y)
        segments = list(strip)
        if len(segments) > 1 and segments[1].text == "X":
            option = (segments[1].style.meta if segments[1].style else {}).get("option")
            if option is not None:
                value = self.get_option_at_index(option).value
                if value not in self.selected:
                    segments[1] = Segment(" ", segments[1].style)
                    return Strip(segments, strip.cell_length)
        return strip
