"""``translations export`` and ``translations import``: a CSV for translators and back into
the YAML (docs/questionnaires.md, "Translating a questionnaire")."""

from __future__ import annotations

from pathlib import Path

import click

from survey_tui.commands.common import write_text_file
from survey_tui.core.errors import SurveyError
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
        write_text_file(Path(output), text, "translators' CSV")
    click.echo(f"{missing} of {rows} texts have no {lang} translation yet", err=True)


@translations.command("import")
@click.argument("questionnaire")
@click.argument("csv_file", metavar="CSV", type=click.Path(dir_okay=False, exists=True))
@click.option(
    "--lang",
    "lang",
    default=None,
    metavar="TAG",
    help=LANG_HELP + " Default: the one language declared besides the source, else the "
    "tag the CSV is named after (de.csv).",
)
@click.option(
    "-o",
    "output",
    type=click.Path(dir_okay=False),
    metavar="OUT.yaml",
    default=None,
    help="Write the translated questionnaire here (default: in place).",
)
def import_command(questionnaire: str, csv_file: str, lang: str | None, output: str | None) -> None:
    """Write the CSV's translations into the questionnaire (all or nothing).

    Example: survey-tui translations import my_survey.yaml de.csv
    """
    from survey_tui.core.translations import import_csv, import_language

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
    lang = import_language(source, csv_file, lang)
    result = import_csv(source, csv_file, data, lang)
    target = Path(output) if output else source
    if result.text is None:
        click.echo(f"{source}: no translation changed; nothing written")
        return
    write_text_file(target, result.text, "questionnaire")
    note = f"; {result.empty} texts still without a {lang} translation" if result.empty else ""
    click.echo(f"{target}: {result.changed} {lang} texts written{note}")
