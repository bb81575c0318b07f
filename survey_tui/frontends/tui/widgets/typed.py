"""Typed answers: a number (with its unit and "don't know" box) and free text."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Checkbox, Input, Label

from survey_tui.core import texts
from survey_tui.core.answer_rules import answer_rule
from survey_tui.core.answers import NUMBER_MAX_LENGTH, parse_answer
from survey_tui.core.model import DONT_KNOW, NumberQuestion, TextQuestion
from survey_tui.core.texts import T_
from survey_tui.frontends.tui.messages import NextRequested
from survey_tui.frontends.tui.widgets.answers import AnswerWidget, Tick, dont_know_hint
from survey_tui.frontends.tui.widgets.capped_input import CappedInput
from survey_tui.frontends.tui.words import words_of


class NumberAnswer(AnswerWidget):
    """A number field; with ``dont_know``, a tick box below it that clears and disables the
    field (typing ``?`` in the field chooses it too)."""

    @property
    def hint(self) -> str:
        assert isinstance(self.question, NumberQuestion)
        rule = answer_rule(self.question)
        return self.hint_of(rule, dont_know_hint(self.question.dont_know), texts.KEYS_NEXT)

    def compose(self) -> ComposeResult:
        assert isinstance(self.question, NumberQuestion)
        unsure = self.current == DONT_KNOW and bool(self.question.dont_know)
        current = "" if self.current is None or unsure else str(self.current)
        with Horizontal(classes="number-row"):
            yield CappedInput(
                value=current,
                placeholder=words_of(self)(texts.NUMBER_PLACEHOLDER),
                id="number",
                max_length=NUMBER_MAX_LENGTH,
                disabled=unsure,
            )
            if self.question.unit:
                yield Label(self.question.unit, classes="unit", markup=False)
        if self.question.dont_know:
            yield Tick(Content(self.question.dont_know), unsure, id="dont-know")

    def on_input_submitted(self) -> None:
        self.post_message(NextRequested())

    @on(Checkbox.Changed, "#dont-know")
    def _unsure(self, event: Checkbox.Changed) -> None:
        field = self.query_one("#number", Input)
        if event.value:
            field.value = ""
        field.disabled = event.value

    def value(self) -> Any:
        if self.query("#dont-know") and self.query_one("#dont-know", Checkbox).value:
            return DONT_KNOW
        return parse_answer(self.question, self.query_one("#number", Input).value)


class TextAnswer(AnswerWidget):
    """One line (Enter goes on) or a TextArea (Tab to the buttons); counter to max_length."""

    @property
    def hint(self) -> str:
        assert isinstance(self.question, TextQuestion)
        return self.hint_of(texts.KEYS_TEXT) if self.question.multiline else super().hint

    def compose(self) -> ComposeResult:
        assert isinstance(self.question, TextQuestion)
        current = self.current if isinstance(self.current, str) else ""
        if self.question.multiline:
            # Imported here: TextArea (and its document model) is only needed for multi-line.
            from survey_tui.frontends.tui.widgets.capped_text import CappedTextArea

            yield CappedTextArea(
                current,
                id="text",
                soft_wrap=True,
                tab_behavior="focus",
                max_length=self.question.max_length,
            )
        else:
            yield CappedInput(value=current, id="text", max_length=self.question.max_length)
        yield Label("", id="counter")

    def on_mount(self) -> None:
        self._count()

    def on_input_changed(self) -> None:
        self._count()

    def on_text_area_changed(self) -> None:
        self._count()

    def on_input_submitted(self) -> None:
        self.post_message(NextRequested())

    def _raw(self) -> str:
        widget = self.query_one("#text")
        # A TextArea has .text, an Input .value (TextArea is imported only when used).
        return widget.value if isinstance(widget, Input) else widget.text  # type: ignore[attr-defined]

    def _count(self) -> None:
        assert isinstance(self.question, TextQuestion)
        counted = T_(texts.CHARACTERS, count=len(self._raw()), limit=self.question.max_length)
        self.query_one("#counter", Label).update(words_of(self)(counted))

    def value(self) -> Any:
        return parse_answer(self.question, self._raw())
