"""``survey-tui dashboard``: the facilitator's live view as a Textual app."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from survey_tui.core.live import ChangeSource
from survey_tui.core.model import Questionnaire
from survey_tui.frontends.tui.screens.dashboard import DashboardScreen


class DashboardApp(App[None]):
    """One :class:`DashboardScreen` on one store; q quits."""

    CSS_PATH = "dashboard.tcss"
    TITLE = "survey-tui dashboard"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("q", "quit", "Quit")]

    def __init__(
        self,
        questionnaire: Questionnaire,
        store: ChangeSource,
        *,
        wave: str | None = None,
        export_dir: Path | None = None,
        poll_seconds: float = 1.0,
    ) -> None:
        super().__init__()
        self.questionnaire = questionnaire
        self.dashboard = DashboardScreen(
            questionnaire,
            store,
            wave=wave,
            export_dir=export_dir,
            poll_seconds=poll_seconds,
        )

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        from survey_tui.frontends.tui.palette import system_commands

        return system_commands(super().get_system_commands(screen))

    def on_mount(self) -> None:
        self.push_screen(self.dashboard)
