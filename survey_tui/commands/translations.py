"""``translations export`` and ``translations import``: a CSV for translators and back into
the YAML (docs/questionnaires.md, "Translating a questionnaire")."""

from __future__ import annotations

from pathlib import Path

import click

from survey_tui.core.errors import Problem, SurveyError
from survey_tui.core.textsafety import escape_for_terminal

LANG_HELP = "The language to translate into: a tag declared in the questionnaire's languages."


@click.group()
def translations() -> None:
    """A CSV for translators (path,source,translation) and back into the questionnaire.

    Declare the language first (languages: [en, de]), export, fill in the translation
    column, import. The import keeps the file's comments and key order, and writes nothing
    when nothing changed.

    \b
    Examples:
      survey-tui translations export my_survey.yaml --lang de -o de.csv
      survey-tui translations import my_survey.yaml de.csv --lang de
    """


def _questionnaire_file(ref: str) -> Path:
    from survey_tui.core.catalog import resolve_questionnaire

    return resolve_questionnaire(ref)


@translations.command("export")
@click.argument("questionnaire")
@click.option("--lang", "lang", required=True, metavar="TAG", help=LANG_HELP)
@click.option("-o", "output", type=click.Path(), metavar="FILE", default=None, help="Output file.")
def export_command(questionnaire: str, lang: str, output: str | None) -> None:
    """Write one CSV row per shown text, with the translations already there.

    Cells a spreadsheet would run as a formula get a leading ' that import removes.

    Example: survey-tui translations export my_survey.yaml --lang de -o de.csv
    """
    from survey_tui.core.translations import export_csv

    text, rows, missing = export_csv(_questionnaire_file(questionnaire), lang)
    if output is None:
        click.echo(escape_for_terminal(text), nl=False)
    else:
        _write(Path(output), text)
    click.echo(f"{missing} of {rows} texts have no {lang} translation yet", err=True)


@translations.command("import")
@click.argument("questionnaire")
@click.argument("csv_file", metavar="CSV", type=click.Path(dir_okay=False, exists=True))
@click.option("--lang", "lang", required=True, metavar="TAG", help=LANG_HELP)
@click.option(
    "-o",
    "output",
    type=click.Path(dir_okay=False),
    metavar="OUT.yaml",
    default=None,
    help="Write the translated questionnaire here (default: in place).",
)
def import_command(questionnaire: str, csv_file: str, lang: str, output: str | None) -> None:
    """Write the CSV's translations into the questionnaire (all or nothing).

    Example: survey-tui translations import my_survey.yaml de.csv --lang de
    """
    from survey_tui.core.translations import import_csv

    source = _questionnaire_file(questionnaire)
    if output is None and not Path(questionnaire).expanduser().is_file():
        raise SurveyError(
            "is a shipped questionnaire: give -o OUT.yaml to write a translated copy",
            location=questionnaire,
        )
    try:
        data = Path(csv_file).read_bytes()
    except OSError as error:
        raise SurveyError(str(error.strerror), location=csv_file) from None
    result = import_csv(source, csv_file, data, lang)
    target = Path(output) if output else source
    if result.text is None:
        click.echo(f"{source}: no translation changed; nothing written")
        return
    _write(target, result.text)
    note = f"; {result.empty} texts still without a {lang} translation" if result.empty else ""
    click.echo(f"{target}: {result.changed} {lang} texts written{note}")


def _write(target: Path, text: str) -> None:
    from survey_tui.core.errors import DataError
    from survey_tui.core.store.storage import atomic_write_bytes

    if target.is_dir():
        raise DataError([Problem(str(target), None, None, "", "is a folder; give a file name")])
    try:
        atomic_write_bytes(target, text.encode("utf-8"))
    except OSError as error:
        raise SurveyError(
            f"cannot write: {error.strerror or error}", location=str(target)
        ) from None
