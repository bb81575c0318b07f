"""The matrix question: one row per line, rated on a shared scale (arrows or digits)."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Label, Static

from survey_tui.core.model import DONT_KNOW, MatrixQuestion, Scale
from survey_tui.tui.messages import NextRequested
from survey_tui.tui.widgets.answers import (
    DONT_KNOW_KEY,
    AnswerWidget,
    ChoiceSet,
    dont_know_hint,
)


class MatrixAnswer(AnswerWidget):
    """One row per line; arrows or digits rate, Enter moves to the next row (then on)."""

    HINT = "←→ or a digit rates a row · ↑↓/Tab: other rows · PgDn: next"

    @property
    def hint(self) -> str:
        scale = self.questionnaire.scale_of(self.question)
        unsure = scale.dont_know if scale is not None else None
        rates, _, rest = self.HINT.partition(" · ")
        return rates + dont_know_hint(unsure) + " · " + rest

    def compose(self) -> ComposeResult:
        assert isinstance(self.question, MatrixQuestion)
        scale = self.questionnaire.scale_of(self.question)
        assert scale is not None
        self.scale: Scale = scale
        legend = ", ".join(f"{p}={scale.label_for(p)}" for p in scale.values if scale.label_for(p))
        if scale.dont_know:
            legend += (", " if legend else "") + f"{DONT_KNOW_KEY}={scale.dont_know}"
        unsure = DONT_KNOW_KEY if scale.dont_know else None
        if legend:
            yield Static(legend, classes="legend", markup=False)
        digits = {str(p % 10): i for i, p in enumerate(scale.values) if p <= 10}
        for row in self.question.rows:
            with Horizontal(classes="matrix-row"):
                yield Label(row.label, classes="row-label", markup=False)
                yield RowSet(
                    *[str(p) for p in scale.values],
                    digits=digits,
                    dont_know=unsure,
                    id=f"row-{row.id}",
                )

    def on_mount(self) -> None:
        if isinstance(self.current, dict):
            for row_id, point in self.current.items():
                for row_set in self.query(f"#row-{row_id}").results(RowSet):
                    if point == DONT_KNOW:
                        row_set.choose(len(self.scale.values))
                    elif isinstance(point, int):
                        row_set.choose(point - self.scale.min)

    def value(self) -> Any:
        assert isinstance(self.question, MatrixQuestion)
        result: dict[str, int | str] = {}
        points = self.scale.values
        for row in self.question.rows:
            index = self.query_one(f"#row-{row.id}", RowSet).pressed_index
            if index >= 0:
                result[row.id] = DONT_KNOW if index == len(points) else points[index]
        return result or None


class RowSet(ChoiceSet):
    """A matrix row: after choosing, Enter or a digit moves to the next row."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "choose_and_next", "Choose", show=False),
        Binding("right", "next_button", show=False),
        Binding("left", "previous_button", show=False),
        Binding("down", "row(1)", show=False),
        Binding("up", "row(-1)", show=False),
    ]

    def action_row(self, step: int) -> None:
        """Up/Down move between rows and stop at the first and last: leaving the grid by an
        arrow would send the next digit nowhere (Tab still reaches the buttons)."""
        rows = list(self.screen.query(RowSet))
        index = rows.index(self) + step
        if 0 <= index < len(rows):
            self.screen.set_focus(rows[index])

    def action_choose_and_next(self) -> None:
        if self.chooses_on_enter():
            assert self._selected is not None
            self.choose(self._selected)
        self._advance()

    def _digit(self, index: int) -> None:
        # Keys typed in a burst were all queued to the row focused when they arrived;
        # each one belongs to the row focused now.
        focused = self.screen.focused
        target = focused if isinstance(focused, RowSet) else self
        target.choose(index)
        target._advance()

    def _advance(self) -> None:
        rows = list(self.screen.query(RowSet))
        index = rows.index(self)
        if index + 1 < len(rows):
            self.screen.set_focus(rows[index + 1])  # now, so a fast next digit rates that row
        else:
            # The last row: go on; the screen checks that a required matrix is complete.
            self.post_message(NextRequested())
