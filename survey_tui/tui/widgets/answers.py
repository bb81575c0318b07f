"""One answer widget per question type; each knows its value and how to show a stored one.

``value()`` returns the stored form of the answer (or raises AnswerError for unparsable
input, e.g. letters in a number field); validation of the value itself is
:func:`survey_tui.core.answers.check_answer`, the same as in ``--plain``.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.segment import Segment
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.strip import Strip
from textual.widgets import (
    Checkbox,
    Input,
    Label,
    RadioButton,
    RadioSet,
    SelectionList,
)

from survey_tui.core import texts
from survey_tui.core.answers import NUMBER_MAX_LENGTH, OTHER_MAX_LENGTH, parse_answer
from survey_tui.core.model import (
    DONT_KNOW,
    AnyQuestion,
    MultiChoiceQuestion,
    NumberQuestion,
    Questionnaire,
    SingleChoiceQuestion,
    TextQuestion,
)
from survey_tui.tui.messages import NextRequested
from survey_tui.tui.widgets.capped_input import CappedInput


class Mark(RadioButton):
    """A radio button whose dot is there only when chosen (not shown by colour alone)."""

    @property  # type: ignore[override]
    def BUTTON_INNER(self) -> str:
        return "●" if self.value else " "

    def get_content_height(self, container: Any, viewport: Any, width: int) -> int:
        # ToggleButton is always one line; with `text-wrap: wrap` (survey.tcss) a long option
        # label takes the lines it needs instead of being cut at 80 columns.
        if self.styles.text_wrap != "wrap" or width <= 0:
            return 1
        return max(1, len(self.render().wrap(width)))


class Tick(Checkbox):
    """A checkbox whose X is there only when ticked."""

    @property  # type: ignore[override]
    def BUTTON_INNER(self) -> str:
        return "X" if self.value else " "


class ChoiceSet(RadioSet):
    """A RadioSet where Enter chooses the highlighted option and goes on, digits choose."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "choose_and_next", "Choose", show=False)
    ]

    def __init__(
        self,
        *labels: str | Content,
        digits: dict[str, int] | None = None,
        dont_know: str | None = None,
        **kwargs: Any,
    ):
        # Content, not markup: an authored label may contain [brackets].
        buttons = [
            Mark(label if isinstance(label, Content) else Content(label)) for label in labels
        ]
        self.digits = dict(digits or {})
        if dont_know is not None:
            # "Don't know" is no point of the scale: last, set apart, on its own key.
            buttons.append(Mark(Content(dont_know), classes="dont-know"))
            self.digits[DONT_KNOW_KEY] = len(labels)
        super().__init__(*buttons, **kwargs)
        # RadioSet highlights its first option on mount; that highlight is not a choice, so
        # Enter only chooses it once the respondent has moved the highlight themselves.
        self.moved = False

    def action_next_button(self) -> None:
        self.moved = self.is_mounted and self._selected is not None
        super().action_next_button()

    def action_previous_button(self) -> None:
        self.moved = True
        super().action_previous_button()

    def chooses_on_enter(self) -> bool:
        """Whether Enter should press the highlighted option (it was moved to, not defaulted)."""
        return self._selected is not None and self.moved

    def action_choose_and_next(self) -> None:
        if self.chooses_on_enter():
            assert self._selected is not None
            self.choose(self._selected)
        # Unanswered: go on all the same, so the screen says the answer is required (or skips
        # an optional question) instead of Enter silently recording the first option.
        self.post_message(NextRequested())

    def choose(self, index: int) -> None:
        """Press option ``index`` now (RadioSet would only do so on its next message)."""
        buttons = list(self.query(RadioButton))
        if not 0 <= index < len(buttons):
            return
        new = buttons[index]
        with self.prevent(RadioButton.Changed):
            if self._pressed_button is not None and self._pressed_button is not new:
                self._pressed_button.value = False
            new.value = True
        self._pressed_button = new
        self._selected = index
        self.post_message(self.Changed(self, new))

    def on_key(self, event: Any) -> None:
        # Textual also calls a base class's on_key, so subclasses override _digit instead.
        if event.character in self.digits:
            event.stop()
            self._digit(self.digits[event.character])

    def _digit(self, index: int) -> None:
        self.choose(index)


#: The key that picks a scale's or a number's "don't know" choice (as typed in ``--plain``).
DONT_KNOW_KEY = "?"


def dont_know_hint(label: str | None) -> str:
    """The hint's part for a "don't know" choice ("" when there is none)."""
    return f" · {DONT_KNOW_KEY}: {label}" if label else ""


class AnswerWidget(Vertical):
    """Base: an input area for one question."""

    DEFAULT_CLASSES = "answer"
    HINT = "Enter: next"

    def __init__(self, questionnaire: Questionnaire, question: AnyQuestion, current: Any):
        super().__init__()
        self.questionnaire = questionnaire
        self.question = question
        self.current = current

    @property
    def hint(self) -> str:
        return self.HINT

    def value(self) -> Any:
        raise NotImplementedError

    def focus_first(self) -> None:
        for widget in self.query("RadioSet, Input, TextArea, SelectionList, Checkbox"):
            if widget.focusable:
                # Synchronously: keys typed as the screen appears must reach the field.
                self.screen.set_focus(widget)
                return


class ScaleAnswer(AnswerWidget):
    """Likert and NPS: labelled points, digits choose (0 is 10 on a 1-10 scale; on a 0-10
    scale 0 is 0 and "1 then 0" is 10)."""

    HINT = "↑↓ or a digit to choose · Enter: next"

    @property
    def hint(self) -> str:
        if self._zero_to_ten():
            from survey_tui.tui.widgets.nps import TEN_HINT

            hint = TEN_HINT
        else:
            hint = self.HINT
        scale = self.questionnaire.scale_of(self.question)
        if scale is None or not scale.dont_know:
            return hint
        choose, _, enter = hint.rpartition(" · ")
        return choose + dont_know_hint(scale.dont_know) + " · " + enter

    def _zero_to_ten(self) -> bool:
        scale = self.questionnaire.scale_of(self.question)
        return scale is not None and scale.min == 0 and scale.max == 10

    def compose(self) -> ComposeResult:
        scale = self.questionnaire.scale_of(self.question)
        assert scale is not None
        self.scale = scale
        labels = []
        for point in scale.values:
            label = scale.label_for(point)
            labels.append(f"{point}  {label}" if label else str(point))
        digits = {str(p % 10): i for i, p in enumerate(scale.values) if p <= 10}
        if scale.min == 0:
            digits = {str(p): i for i, p in enumerate(scale.values) if p <= 9}
        unsure = f"{DONT_KNOW_KEY}  {scale.dont_know}" if scale.dont_know else None
        if self._zero_to_ten():
            from survey_tui.tui.widgets.nps import TenPointSet

            choice: ChoiceSet = TenPointSet(*labels, dont_know=unsure, id="choice")
        else:
            choice = ChoiceSet(*labels, digits=digits, dont_know=unsure, id="choice")
        if scale.labels is None:
            choice.add_class("-horizontal")
        yield choice

    def on_mount(self) -> None:
        if self.current == DONT_KNOW and self.scale.dont_know:
            self.query_one(ChoiceSet).choose(len(self.scale.values))
        elif isinstance(self.current, int):
            self.query_one(ChoiceSet).choose(self.current - self.scale.min)

    def value(self) -> Any:
        index = self.query_one(ChoiceSet).pressed_index
        if index < 0:
            return None
        return DONT_KNOW if index == len(self.scale.values) else self.scale.values[index]


class SingleChoiceAnswer(AnswerWidget):
    """Options by arrows or digits; choosing "Other" moves the cursor into its text field."""

    HINT = "↑↓ or a digit to choose · Enter: next"

    def compose(self) -> ComposeResult:
        assert isinstance(self.question, SingleChoiceQuestion)
        labels = [f"{i}  {o.label}" for i, o in enumerate(self.question.options, 1)]
        if self.question.other:
            labels.append(f"{len(labels) + 1}  Other (type below)")
        digits = {str(i + 1): i for i in range(min(9, len(labels)))}
        yield ChoiceSet(*labels, digits=digits, id="choice")
        if self.question.other:
            yield CappedInput(
                placeholder="Your own answer", id="other", max_length=OTHER_MAX_LENGTH
            )

    def on_mount(self) -> None:
        assert isinstance(self.question, SingleChoiceQuestion)
        values = self.question.option_values()
        if isinstance(self.current, str):
            choice = self.query_one(ChoiceSet)
            if self.current in values:
                choice.choose(values.index(self.current))
            elif self.question.other:
                choice.choose(len(values))
                self.query_one("#other", Input).value = self.current

    def on_input_submitted(self) -> None:
        self.post_message(NextRequested())

    def _other_is_empty(self) -> bool:
        assert isinstance(self.question, SingleChoiceQuestion)
        chosen = self.query_one(ChoiceSet).pressed_index
        return (
            bool(self.question.other)
            and chosen == len(self.question.options)
            and not self.query_one("#other", Input).value.strip()
        )

    def on_radio_set_changed(self) -> None:
        # "Other" chosen (by digit, Enter or click): the cursor goes where the answer is typed.
        if self._other_is_empty():
            self.query_one("#other", Input).focus()

    def on_next_requested(self, event: NextRequested) -> None:
        if self._other_is_empty() and not self.query_one("#other", Input).has_focus:
            event.stop()  # Enter on "Other": first the text, not "needs an answer"
            self.query_one("#other", Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        # Typing an "Other" answer selects "Other", so the text is never lost.
        assert isinstance(self.question, SingleChoiceQuestion)
        if event.value.strip():
            self.query_one(ChoiceSet).choose(len(self.question.options))

    def value(self) -> Any:
        assert isinstance(self.question, SingleChoiceQuestion)
        index = self.query_one(ChoiceSet).pressed_index
        if index < 0:
            return None
        if index < len(self.question.options):
            return self.question.options[index].value
        text = self.query_one("#other", Input).value.strip()
        return text or None


class MultiChoiceAnswer(AnswerWidget):
    """Space toggles an option, Enter goes on; "Other" text below (Down from the last option
    reaches it, Up goes back to the options)."""

    HINT = "↑↓ to move · Space: tick or untick · Enter: next"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("up", "options", show=False)]

    @property
    def hint(self) -> str:
        # Say the limits up front, so the count rule is no surprise on Next.
        assert isinstance(self.question, MultiChoiceQuestion)
        low, high = self.question.min_selected, self.question.max_selected
        other = " · ↓ past the last: Other" if self.question.other else ""
        if low and high:
            count = f"Tick {low} to {high}" if low != high else f"Tick {low}"
        elif high:
            count = f"Tick up to {high}"
        elif low:
            count = f"Tick at least {low}"
        else:
            return f"↑↓ to move · Space: tick or untick{other} · Enter: next"
        return f"{count} · ↑↓ to move · Space: tick{other} · Enter: next"

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
            yield CappedInput(
                value=other, placeholder="Other (optional)", id="other", max_length=OTHER_MAX_LENGTH
            )
            yield Label(texts.OTHER_RULE, classes="other-rule")

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
        Binding("space", "select", "Toggle", show=False),
        Binding("enter", "next", "Next", show=False),
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


class NumberAnswer(AnswerWidget):
    """A number field; with ``dont_know``, a tick box below it that clears and disables the
    field (typing ``?`` in the field chooses it too)."""

    @property
    def hint(self) -> str:
        assert isinstance(self.question, NumberQuestion)
        q = self.question
        kind = "a whole number" if q.integer else "a number"
        unit = f" {q.unit}" if q.unit else ""
        what = f"Type {kind}{unit}"
        if q.min is not None and q.max is not None:
            what = f"Type {kind} from {q.min:g} to {q.max:g}{unit}"
        return what + dont_know_hint(q.dont_know) + " · Enter: next"

    def compose(self) -> ComposeResult:
        assert isinstance(self.question, NumberQuestion)
        unsure = self.current == DONT_KNOW and bool(self.question.dont_know)
        current = "" if self.current is None or unsure else str(self.current)
        with Horizontal(classes="number-row"):
            yield CappedInput(
                value=current,
                placeholder="number",
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
        return "PgDn or Ctrl+N: next · Tab: buttons" if self.question.multiline else self.HINT

    def compose(self) -> ComposeResult:
        assert isinstance(self.question, TextQuestion)
        current = self.current if isinstance(self.current, str) else ""
        if self.question.multiline:
            # Imported here: TextArea (and its document model) is only needed for multi-line.
            from survey_tui.tui.widgets.capped_text import CappedTextArea

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
        self.query_one("#counter", Label).update(
            f"{len(self._raw())} / {self.question.max_length} characters"
        )

    def value(self) -> Any:
        return parse_answer(self.question, self._raw())


WIDGETS: dict[str, type[AnswerWidget]] = {
    "likert": ScaleAnswer,
    "nps": ScaleAnswer,
    "single_choice": SingleChoiceAnswer,
    "multi_choice": MultiChoiceAnswer,
    "number": NumberAnswer,
    "text": TextAnswer,
}


def answer_widget(
    questionnaire: Questionnaire, question: AnyQuestion, current: Any
) -> AnswerWidget:
    """The widget for ``question``'s type, showing ``current`` (the stored answer, if any)."""
    if question.type == "matrix":
        # Its own module (it builds on ChoiceSet above), imported when a matrix is shown.
        from survey_tui.tui.widgets.matrix import MatrixAnswer

        return MatrixAnswer(questionnaire, question, current)
    return WIDGETS[question.type](questionnaire, question, current)
