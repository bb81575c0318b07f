"""``survey-tui run``: a respondent answers a questionnaire (TUI or ``--plain``)."""

from __future__ import annotations

import sys
from typing import Any

import click

from survey_tui.commands.common import (
    ask_facilitator_pin,
    chosen_language,
    db_option,
    fold_store,
    lang_option,
    load_questionnaire,
    recording_wave_option,
    stdin_is_terminal,
    store_path,
)
from survey_tui.core.errors import SurveyError


@click.command("run")
@click.argument("questionnaire")
@click.option("--group", "group", default=None, help="Fix the respondent's group (by id).")
@recording_wave_option
@click.option("--plain", is_flag=True, help="Line-by-line prompts (screen readers, scripts).")
@click.option("--kiosk", is_flag=True, help="Start over after each submit; leaving needs a PIN.")
@click.option("--pin", "pin", default=None, help="Facilitator PIN for --kiosk (else asked).")
@click.option(
    "--idle-minutes",
    type=click.FloatRange(min=0.1),
    default=3.0,
    show_default=True,
    help="With --kiosk: start over after this long without a key (someone walked away).",
)
@click.option(
    "--test",
    "test",
    is_flag=True,
    help="A practice run: responses are marked, left out of analysis, reports, export and "
    "the dashboard, and removed by survey-tui delete --test.",
)
@lang_option
@db_option
def run(
    questionnaire: str,
    group: str | None,
    wave: str,
    plain: bool,
    kiosk: bool,
    pin: str | None,
    idle_minutes: float,
    test: bool,
    lang: str | None,
    db: str | None,
) -> None:
    """Answer QUESTIONNAIRE (a YAML path or a shipped id) in the terminal.

    \b
    Example:
      survey-tui run ai-expectation-gap --group frontline
      printf '4\\n5\\n' | survey-tui run my.yaml --group a --plain
      survey-tui run ai-expectation-gap --kiosk
      survey-tui run ai-expectation-gap --test    # rehearse on the real store
      survey-tui run ai-expectation-gap --lang de  # German, no language choice
    """
    if pin is not None and not kiosk:
        raise SurveyError("--pin only applies with --kiosk")
    if kiosk and plain:
        raise SurveyError("--kiosk cannot be combined with --plain")
    if kiosk and pin is not None:
        _check_pin(pin)
    if not wave.strip():
        raise SurveyError("--wave must not be empty")
    q = load_questionnaire(questionnaire)
    if group is not None and group not in q.group_ids:
        raise SurveyError(f"unknown group {group!r}; choose one of: {', '.join(q.group_ids)}")
    language = chosen_language(q, lang)
    from survey_tui.core.session import terminal_resume_key
    from survey_tui.core.store import ResponseStore

    store = ResponseStore(store_path(db))
    # A damaged or read-only store: exit 2 with its message before anyone answers, not a
    # traceback in the app or answers that cannot be kept.
    store.check(write=True)
    problem = None
    try:
        _answer(
            q,
            store,
            group,
            wave,
            plain,
            kiosk,
            pin,
            terminal_resume_key(),
            idle_minutes,
            test,
            language,
        )
    finally:
        problem = fold_store(store.path)
    if problem is not None:
        raise problem


def _answer(
    q: Any,
    store: Any,
    group: str | None,
    wave: str,
    plain: bool,
    kiosk: bool,
    pin: str | None,
    resume_key: str | None,
    idle_minutes: float = 3.0,
    test: bool = False,
    language: str | None = None,
) -> None:
    """Run the respondent's session: ``--plain``, kiosk, or the one-respondent app."""
    if plain:
        from survey_tui.frontends.plain import PlainRunner

        runner = PlainRunner(
            q, store, group=group, wave=wave, stdin=sys.stdin, stdout=sys.stdout, language=language
        )
        runner.resume_key = resume_key
        runner.test = test
        try:
            runner.run()
        except KeyboardInterrupt:
            # The runner said what was kept and how to go on; not click's bare "Aborted!".
            raise click.exceptions.Exit(130) from None
        return
    if kiosk:
        if pin is None:
            # Asked once, before the app starts; kept only in memory.
            pin = ask_facilitator_pin()
            _check_pin(pin)
        from survey_tui.frontends.tui.apps.kiosk import KioskApp

        _need_a_terminal()
        kiosk_app = KioskApp(
            q,
            store,
            pin=pin,
            group=group,
            wave=wave,
            idle_seconds=idle_minutes * 60,
            test=test,
            language=language,
        )
        kiosk_app.run()
        return
    _need_a_terminal()
    from survey_tui.frontends.tui.apps.survey import SurveyApp

    app = SurveyApp(
        q, store, group=group, wave=wave, resume_key=resume_key, test=test, language=language
    )
    app.run()


def _need_a_terminal() -> None:
    """A full-screen app on a pipe would wait for keys that never come: say what works."""
    if not stdin_is_terminal():
        raise SurveyError(
            "standard input is not a terminal; to answer line by line (a script, a pipe, "
            "a screen reader) add --plain, e.g. printf '4\\n' | survey-tui run QUESTIONNAIRE "
            "--plain"
        )


def _check_pin(pin: str) -> None:
    """A PIN too short to stop guessing is refused before anything starts (exit 2)."""
    from survey_tui.core.pin import pin_problem

    problem = pin_problem(pin)
    if problem is not None:
        raise SurveyError(problem)


def open_home(db: str | None) -> None:
    """``survey-tui`` with no arguments: pick a questionnaire; run, watch or report on it."""
    from survey_tui.frontends.tui.apps.home import run_home

    run_home(store_path(db))
