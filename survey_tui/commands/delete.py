"""``survey-tui delete``: remove practice or mistaken responses from the store (asks first)."""

from __future__ import annotations

import click

from survey_tui.commands.common import db_option, load_questionnaire, stdin_is_terminal, store_path
from survey_tui.core.errors import StoreError, SurveyError


@click.command()
@click.argument("questionnaire")
@click.option("--wave", default=None, help="Remove every response of this wave.")
@click.option("--response", "response_id", default=None, help="Remove this one response (by id).")
@click.option(
    "--test", "practice", is_flag=True, help="Remove the practice responses (run --test)."
)
@click.option("--yes", is_flag=True, help="Do not ask first (scripts).")
@db_option
def delete(
    questionnaire: str,
    wave: str | None,
    response_id: str | None,
    practice: bool,
    yes: bool,
    db: str | None,
) -> None:
    """Remove responses to QUESTIONNAIRE: the practice ones, a wave, or one response.

    Give exactly one of --wave, --response or --test. It says what it would remove and asks
    first (--yes: no question). Any version, submitted or not. Copies made before (a store
    copied for merge, an export) still hold them.

    \b
    Example:
      survey-tui delete ai-expectation-gap --test
      survey-tui delete ai-expectation-gap --wave rehearsal --yes
    """
    from survey_tui.core.deletion import Selection, describe, select
    from survey_tui.core.store import ResponseStore

    selection = Selection(wave=wave, response_id=response_id, practice=practice)
    problem = selection.problem()
    if problem is not None:
        raise SurveyError(problem)
    q = load_questionnaire(questionnaire)
    path = store_path(db)
    if not path.exists():
        raise StoreError(f"no response store at {path}")
    store = ResponseStore(path)
    chosen = select(store.responses(q.id, status=None), q.id, selection)
    if not chosen:
        click.echo(f"no practice responses to {q.id!r} in {path}; nothing to delete")
        return
    what = f"{describe(chosen)} to {q.id!r} from {path}"
    if not yes:
        if not stdin_is_terminal():
            raise SurveyError(f"would delete {what}; no terminal to ask: add --yes")
        if not click.confirm(f"Delete {what}?", default=False):
            click.echo("Nothing was deleted.")
            return
    removed = store.delete([str(r["response_id"]) for r in chosen])
    click.echo(f"deleted {removed} {'response' if removed == 1 else 'responses'} from {path}")
