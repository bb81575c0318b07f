"""One answer widget per question type; each knows its value and how to show a stored one.

``value()`` returns the stored form of the answer (or raises AnswerError for unparsable
input, e.g. letters in a number field); validation of the value itself is
:func:`survey_tui.core.answers.check_answer`, the same as in ``--plain``.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import (
    Checkbox,
    Input,
    RadioButton,
    RadioSet,
)

from survey_tui.core import texts
from survey_tui.core.answers import OTHER_MAX_LENGTH
from survey_tui.core.model import (
    DONT_KNOW,
    AnyQuestion,
    Questionnaire,
    SingleChoiceQuestion,
)
from survey_tui.core.texts import T_, Text, join
from survey_tui.frontends.tui.messages import NextRequested
from survey_tui.frontends.tui.widgets.capped_input import CappedInput
from survey_tui.frontends.tui.words import words_of


def _wrapped_height(button: RadioButton | Checkbox, width: int) -> int:
    """The lines a toggle button's label needs: ToggleButton is always one line, so with
    `text-wrap: wrap` (survey.tcss) a long label takes the lines it needs instead of being
    cut at 80 columns."""
    if button.styles.text_wrap != "wrap" or width <= 0:
        return 1
    return max(1, len(button.render().wrap(width)))


class Mark(RadioButton):
    """A radio button whose dot is there only when chosen (not shown by colour alone)."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]
        return "●" if self.value else " "

    def get_content_height(self, container: Any, viewport: Any, width: int) -> int:
        return _wrapped_height(self, width)


class Tick(Checkbox):
    """A checkbox whose X is there only when ticked (its label wraps like :class:`Mark`'s)."""

    def get_content_height(self, container: Any, viewport: Any, width: int) -> int:
        return _wrapped_height(self, width)

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]
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


def dont_know_hint(label: str | None) -> Text | None:
    """The hint's part for a "don't know" choice (None when there is none)."""
    return T_(texts.KEYS_DONT_KNOW, key=DONT_KNOW_KEY, label=label) if label else None


class AnswerWidget(Vertical):
    """Base: an input area for one question."""

    DEFAULT_CLASSES = "answer"
    HINT: tuple[Text, ...] = (texts.KEYS_NEXT,)

    def __init__(self, questionnaire: Questionnaire, question: AnyQuestion, current: Any):
        super().__init__()
        self.questionnaire = questionnaire
        self.question = question
        self.current = current

    @property
    def hint(self) -> str:
        """The keys for this answer, in the respondent's language."""
        return self.hint_of(*self.HINT)

    def hint_of(self, *parts: Text | None) -> str:
        # One line of parts: a rule's full stop ("Choose 1 to 3.") would read as an end.
        w = words_of(self)
        return join(*(w(part).removesuffix(".") for part in parts if part is not None))

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

    HINT = (texts.KEYS_CHOOSE, texts.KEYS_NEXT)

    @property
    def hint(self) -> str:
        choose = texts.KEYS_TEN if self._zero_to_ten() else texts.KEYS_CHOOSE
        scale = self.questionnaire.scale_of(self.question)
        unsure = dont_know_hint(scale.dont_know) if scale is not None else None
        return self.hint_of(choose, unsure, texts.KEYS_NEXT)

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
            from survey_tui.frontends.tui.widgets.nps import TenPointSet

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

    HINT = (texts.KEYS_CHOOSE, texts.KEYS_NEXT)

    def compose(self) -> ComposeResult:
        assert isinstance(self.question, SingleChoiceQuestion)
        w = words_of(self)
        labels = [f"{i}  {o.label}" for i, o in enumerate(self.question.options, 1)]
        if self.question.other:
            labels.append(f"{len(labels) + 1}  {w(texts.OTHER_TYPE_BELOW)}")
        digits = {str(i + 1): i for i in range(min(9, len(labels)))}
        yield ChoiceSet(*labels, digits=digits, id="choice")
        if self.question.other:
            yield CappedInput(
                placeholder=w(texts.OTHER_TEXT), id="other", max_length=OTHER_MAX_LENGTH
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


WIDGETS: dict[str, type[AnswerWidget]] = {
    "likert": ScaleAnswer,
    "nps": ScaleAnswer,
    "single_choice": SingleChoiceAnswer,
}


def answer_widget(
    questionnaire: Questionnaire, question: AnyQuestion, current: Any
) -> AnswerWidget:
    """The widget for ``question``'s type, showing ``current`` (the stored answer, if any)."""
    # The other types live in their own modules (they build on the classes above),
    # imported when such a question is shown.
    if question.type == "matrix":
        from survey_tui.frontends.tui.widgets.matrix import MatrixAnswer

        return MatrixAnswer(questionnaire, question, current)
    if question.type == "multi_choice":
        from survey_tui.frontends.tui.widgets.multi import MultiChoiceAnswer

        return MultiChoiceAnswer(questionnaire, question, current)
    if question.type in ("number", "text"):
        from survey_tui.frontends.tui.widgets.typed import NumberAnswer, TextAnswer

        typed = NumberAnswer if question.type == "number" else TextAnswer
        return typed(questionnaire, question, current)
    return WIDGETS[question.type](questionnaire, question, current)
