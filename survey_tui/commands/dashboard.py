"""``survey-tui dashboard``: the facilitator's live view of the responses and the gaps."""

from __future__ import annotations

from pathlib import Path

import click

from survey_tui.commands.common import (
    analysed_wave_option,
    db_option,
    load_questionnaire,
    store_path,
)
from survey_tui.core.errors import StoreError
from survey_tui.core.model import Questionnaire


@click.command()
@click.argument("questionnaire")
@analysed_wave_option("show", "; w cycles")
@db_option
def dashboard(questionnaire: str, wave: str | None, db: str | None) -> None:
    """Live counts per group while people answer; the gaps on the reveal (key r).

    Keys: r reveal/hide the figures, w next wave, p report preview, e export the report and
    a CSV into the current folder, q quit. Groups below the questionnaire's min_group_size
    show "waiting for N more" instead of figures.

    \b
    Example:
      survey-tui dashboard ai-expectation-gap --wave baseline
    """
    q = load_questionnaire(questionnaire)
    path = store_path(db)
    check_wave(q, path, wave)
    open_dashboard(q, path, wave)


def check_wave(q: Questionnaire, path: Path, wave: str | None) -> None:
    """Read the store once (a damaged one is refused here, not in the UI) and check ``wave``.

    A wave the store has never seen is refused once the store holds responses to ``q``; an
    empty (or not yet created) store is fine: the facilitator opens the dashboard before the
    first respondent starts, and the counts fill in as answers arrive.
    """
    from survey_tui.core.store import ResponseStore

    if not path.exists():
        return
    waves = ResponseStore(path).waves(q.id)
    if wave is not None and waves and wave not in waves:
        raise StoreError(
            f"no responses to {q.id!r} in wave {wave!r}; the store has waves: " + ", ".join(waves),
            location=str(path),
        )


def open_dashboard(q: Questionnaire, path: Path, wave: str | None) -> None:
    """Run the dashboard app on the store at ``path`` (exports go to the current folder)."""
    from survey_tui.core.store import ResponseStore
    from survey_tui.frontends.tui.apps.dashboard import DashboardApp

    DashboardApp(q, ResponseStore(path), wave=wave, export_dir=Path.cwd()).run()
