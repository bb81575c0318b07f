"""The report and CSV the dashboard previews and exports (the same as ``report`` / ``export``).

No Textual here: these run in worker threads, and every error a user can cause is a
``SurveyError`` the dashboard shows as a notification.
"""

from __future__ import annotations

from pathlib import Path

from survey_tui.core.errors import SurveyError
from survey_tui.core.model import Questionnaire
from survey_tui.core.record import Record


def report_markdown(
    questionnaire: Questionnaire, store: object, records: list[Record], wave: str | None
) -> str:
    """The shipped gap report of ``records`` (complete responses), made as ``survey-tui
    report`` makes it (core.usecases.report): the feedback log and delivery metrics come from
    ``store``'s file when it has one."""
    from survey_tui.core.usecases.report import ReportRequest, make_report

    path = getattr(store, "path", None)
    made = make_report(
        questionnaire, path if isinstance(path, Path) else None, records, ReportRequest(wave=wave)
    )
    return made.markdown


def export_files(
    questionnaire: Questionnaire,
    store: object,
    records: list[Record],
    wave: str | None,
    folder: Path,
    *,
    raw: list[Record] | None = None,
) -> tuple[Path, Path]:
    """Write ``<id>[-<wave>]-report.md`` and ``...-responses.csv`` into ``folder``.

    The report is made from ``records`` (the dashboard's shown figures); the CSV holds ``raw``
    (every submitted response, as ``survey-tui export``) when given, else ``records``.

    Both are computed before either is written, so a failing report writes nothing. An
    earlier export is never overwritten: the next free ``-2``, ``-3``... names are used.
    """
    from survey_tui.core.export import export_responses
    from survey_tui.core.store.storage import atomic_write_bytes

    if not folder.is_dir():
        raise SurveyError("the export folder does not exist", location=str(folder))
    stem = questionnaire.id + (f"-{_safe(wave)}" if wave else "")
    report = report_markdown(questionnaire, store, records, wave)
    # The one export of core: the same bytes as ``survey-tui export`` for these responses.
    table = export_responses(questionnaire, raw if raw is not None else records, fmt="csv").data
    report_path, csv_path = _free_names(folder, stem)
    try:
        atomic_write_bytes(report_path, report.encode("utf-8"))
        atomic_write_bytes(csv_path, table)
    except OSError as error:
        raise SurveyError(
            f"cannot write the export: {error.strerror or error}", location=str(folder)
        ) from None
    return report_path, csv_path


def _free_names(folder: Path, stem: str) -> tuple[Path, Path]:
    """The first ``stem[-N]-report.md`` / ``-responses.csv`` pair where neither file exists."""
    number = 1
    while True:
        name = stem if number == 1 else f"{stem}-{number}"
        pair = (folder / f"{name}-report.md", folder / f"{name}-responses.csv")
        if not pair[0].exists() and not pair[1].exists():
            return pair
        number += 1


def _safe(name: str) -> str:
    # Wave names are free text; keep file names portable.
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in name) or "wave"
