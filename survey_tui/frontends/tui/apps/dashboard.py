"""``survey-tui dashboard``: the facilitator's live view as a Textual app."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar, Unpack

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from survey_tui.core import texts
from survey_tui.core.i18n import Words, words
from survey_tui.core.live import ChangeSource
from survey_tui.core.model import Questionnaire
from survey_tui.frontends.tui.screens.dashboard import DashboardOptions, DashboardScreen


class DashboardApp(App[None]):
    """One :class:`DashboardScreen` on one store; q quits."""

    CSS_PATH = "dashboard.tcss"
    TITLE = "survey-tui dashboard"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("q", "quit", texts.QUIT)]

    def __init__(
        self,
        questionnaire: Questionnaire,
        store: ChangeSource,
        **options: Unpack[DashboardOptions],
    ) -> None:
        super().__init__()
        self.questionnaire = questionnaire
        # The facilitator's words (English for now; the footer and screens read them here).
        self.words: Words = words(None)
        self.dashboard = DashboardScreen(questionnaire, store, **options)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        from survey_tui.frontends.tui.palette import system_commands

        return system_commands(super().get_system_commands(screen))

    def on_mount(self) -> None:
        self.push_screen(self.dashboard)
