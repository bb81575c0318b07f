"""The matrix question: one row per line, rated on a shared scale (arrows or digits)."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Label, Static

from survey_tui.core import texts
from survey_tui.core.model import DONT_KNOW, MatrixQuestion, Scale
from survey_tui.frontends.tui.messages import NextRequested
from survey_tui.frontends.tui.widgets.answers import (
    DONT_KNOW_KEY,
    AnswerWidget,
    ChoiceSet,
    dont_know_hint,
)


class MatrixAnswer(AnswerWidget):
    """One row per line; arrows or digits rate, Enter moves to the next row (then on)."""

    HINT = (texts.KEYS_MATRIX, texts.KEYS_ROWS, texts.KEYS_PAGE_NEXT)

    @property
    def hint(self) -> str:
        scale = self.questionnaire.scale_of(self.question)
        unsure = dont_know_hint(scale.dont_know if scale is not None else None)
        return self.hint_of(texts.KEYS_MATRIX, unsure, texts.KEYS_ROWS, texts.KEYS_PAGE_NEXT)

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
    """A matrix row. A digit (or Space/Enter on the point under ←→) rates it and moves to
    the next row; from the last row, on to the next question, unless a required matrix
    still has a row unrated (then to that row). Up/Down move between rows; a Down pressed
    right after a digit moved the focus here does not skip this row."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "choose_and_next", "Choose", show=False),
        Binding("space", "pick_and_next", "Choose", show=False),
        Binding("right", "next_button", show=False),
        Binding("left", "previous_button", show=False),
        Binding("down", "row(1)", show=False),
        Binding("up", "row(-1)", show=False),
    ]

    #: Focus came here by a rating of the row above (a Down now means "this row").
    arrived_by_rating = False

    def _rows(self) -> list[RowSet]:
        return list(self.screen.query(RowSet))

    def _focus_row(self, row: RowSet, *, by_rating: bool = False) -> None:
        for other in self._rows():
            other.arrived_by_rating = False
        row.arrived_by_rating = by_rating
        self.screen.set_focus(row)  # now, so a fast next digit rates that row

    def action_row(self, step: int) -> None:
        """Up/Down move between rows and stop at the first and last: leaving the grid by an
        arrow would send the next digit nowhere (Tab still reaches the buttons)."""
        if step > 0 and self.arrived_by_rating:
            self.arrived_by_rating = False  # the Down meant this row: it is here already
            return
        rows = self._rows()
        index = rows.index(self) + step
        if 0 <= index < len(rows):
            self._focus_row(rows[index])

    def action_next_button(self) -> None:
        self.arrived_by_rating = False
        super().action_next_button()

    def action_previous_button(self) -> None:
        self.arrived_by_rating = False
        super().action_previous_button()

    def action_choose_and_next(self) -> None:
        """Enter: the point moved to with ←→ (Enter alone on an unrated row skips it)."""
        if self.chooses_on_enter():
            assert self._selected is not None
            self.choose(self._selected)
        self._advance()

    def action_pick_and_next(self) -> None:
        """Space: the highlighted point, as RadioSet's Space does, then the next row."""
        if self._selected is not None:
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
        rows = self._rows()
        index = rows.index(self)
        if index + 1 < len(rows):
            self._focus_row(rows[index + 1], by_rating=True)
            return
        answer = self.screen.query_one(MatrixAnswer)
        unrated = [row for row in rows if row.pressed_index < 0]
        if unrated and answer.question.is_required:
            self._focus_row(unrated[0], by_rating=True)  # never past a row still to rate
        else:
            # The last row: go on; the screen checks that a required matrix is complete.
            self.post_message(NextRequested())
