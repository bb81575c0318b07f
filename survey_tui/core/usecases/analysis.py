"""The gap analysis of stored responses, with the feedback log beside it.

``analyze`` (table and JSON), every report and the TUI's previews call :func:`analyze_stored`,
so the feedback log's section, the default baseline wave and the pooling of versions are the
same wherever a figure appears.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from survey_tui.core.analysis import analyze
from survey_tui.core.analysis.dataset import ALL_WAVES, previous_wave
from survey_tui.core.analysis.types import StoredAnalysis
from survey_tui.core.analysis.types_extras import LogSection
from survey_tui.core.feedback.entries import stored_entries
from survey_tui.core.feedback.figures import log_section
from survey_tui.core.model import Questionnaire
from survey_tui.core.record import Record
from survey_tui.core.store import ResponseStore

#: ``baseline_wave`` that asks for no comparison at all.
NO_BASELINE = "none"


def analysis_log(
    q: Questionnaire, path: Path | None, since: date | None = None, until: date | None = None
) -> LogSection | None:
    """The analysis' ``log`` section for ``q`` (None when it has no feedback log), from the
    store at ``path`` (None or no file: no entries yet)."""

    if q.feedback_log is None:
        return None
    entries = stored_entries(ResponseStore(path), q.id) if path and path.exists() else []
    return log_section(q, entries, since=since, until=until)


def default_baseline(records: list[Record], wave: str | None, given: str | None) -> str | None:
    """The baseline wave of a report: ``given``; by default the wave submitted before the
    reported one; :data:`NO_BASELINE`: no comparison."""

    if given == NO_BASELINE:
        return None
    if given is not None or wave == ALL_WAVES:
        return given
    return previous_wave(records, wave)


def analyze_stored(
    q: Questionnaire,
    path: Path | None,
    records: list[Record],
    *,
    wave: str | None = None,
    baseline_wave: str | None = None,
    log_since: date | None = None,
    log_until: date | None = None,
) -> StoredAnalysis:
    """The analysis of ``records`` (read from the store at ``path``) with its ``log``."""

    result = analyze(q, records, wave=wave, baseline_wave=baseline_wave)
    return {**result, "log": analysis_log(q, path, log_since, log_until)}
