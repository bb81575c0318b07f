"""What one analysis covers: one wave (or every wave, on request) of one questionnaire.

docs/statistics.md, "One wave per analysis": without a wave named, the most recent wave (the
one whose latest submit is latest); with a baseline and no wave, the most recent other wave;
``all`` pools every wave and cannot have a baseline.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from survey_tui.core.errors import DataError
from survey_tui.core.model import Questionnaire

Record = dict[str, Any]

#: The wave name that pools every wave (a wave may not be called this).
ALL_WAVES = "all"


@dataclass(frozen=True)
class Coverage:
    """The waves an analysis covers: ``wave`` (a name, ``"all"`` or None when nothing has
    been submitted), the waves pooled, and the baseline wave."""

    wave: str | None
    waves: list[str]
    baseline: str | None


def _latest_submit(responses: list[Record]) -> dict[str, str]:
    latest: dict[str, str] = {}
    for record in responses:
        if record.get("status") != "complete":
            continue
        wave = str(record.get("wave", "default"))
        when = str(record.get("submitted_at") or "")
        if when >= latest.get(wave, ""):
            latest[wave] = when
    return latest


def choose_waves(responses: list[Record], wave: str | None, baseline: str | None) -> Coverage:
    """The coverage for ``--wave``/``--baseline-wave`` (DataError for an impossible choice)."""
    latest = _latest_submit(responses)
    known = sorted({str(r.get("wave", "default")) for r in responses})
    if wave == ALL_WAVES:
        if baseline is not None:
            raise DataError([], "--wave all pools every wave: it cannot have a --baseline-wave")
        return Coverage(ALL_WAVES, sorted(latest), None)
    for name in (wave, baseline):
        if name is not None and name not in known:
            listed = ", ".join(known) or "none"
            raise DataError([], f"unknown wave {name!r} (waves in the store: {listed})")
    if wave is None:
        candidates = {w: t for w, t in latest.items() if w != baseline}
        if candidates:
            wave = max(candidates, key=lambda w: (candidates[w], w))
    if wave is not None and wave == baseline:
        raise DataError([], f"--wave and --baseline-wave both name {wave!r}: name two waves")
    return Coverage(wave, [wave] if wave is not None else [], baseline)


def previous_wave(responses: list[Record], wave: str | None) -> str | None:
    """The wave submitted before ``wave`` (None: the most recent wave), by latest submission:
    what ``report`` compares with when not told. None when there is no earlier wave."""
    latest = _latest_submit(responses)
    if wave is None and latest:
        wave = max(latest, key=lambda w: (latest[w], w))
    if wave is None or wave not in latest:
        return None
    earlier = {w: t for w, t in latest.items() if (t, w) < (latest[wave], wave)}
    return max(earlier, key=lambda w: (earlier[w], w)) if earlier else None


@dataclass
class Dataset:
    """The complete responses of the covered waves, by group in questionnaire order."""

    answers: dict[str, list[dict[str, Any]]]
    partial: dict[str, int]
    waves: dict[str, list[str]] = field(default_factory=dict)  # each respondent's wave
    # Each respondent's language: the record's, else the default language ("" without any).
    languages: dict[str, list[str]] = field(default_factory=dict)
    _columns: dict[tuple[str, str], list[Any]] = field(default_factory=dict)

    def column(self, group: str, question_id: str) -> list[Any]:
        """Every respondent's answer to one question (None when absent), read once."""
        key = (group, question_id)
        found = self._columns.get(key)
        if found is None:
            found = self._columns[key] = [a.get(question_id) for a in self.answers[group]]
        return found

    @classmethod
    def build(
        cls, questionnaire: Questionnaire, responses: list[Record], waves: list[str] | None
    ) -> Dataset:
        """Select the records of ``waves`` (None: every wave) of the questionnaire's groups."""
        answers: dict[str, list[dict[str, Any]]] = {g: [] for g in questionnaire.group_ids}
        wave_of: dict[str, list[str]] = {g: [] for g in questionnaire.group_ids}
        language_of: dict[str, list[str]] = {g: [] for g in questionnaire.group_ids}
        default = questionnaire.default_language or ""
        partial = dict.fromkeys(questionnaire.group_ids, 0)
        wanted = set(waves) if waves is not None else None
        for record in responses:
            group = record.get("group")
            if not isinstance(group, str) or group not in answers:
                continue  # a group this version of the questionnaire does not have
            if wanted is not None and str(record.get("wave", "default")) not in wanted:
                continue
            if record.get("status") == "complete":
                given = record.get("answers")
                answers[group].append(given if isinstance(given, dict) else {})
                wave_of[group].append(str(record.get("wave", "default")))
                language = record.get("language")
                language_of[group].append(language if isinstance(language, str) else default)
            else:
                partial[group] += 1
        return cls(answers, partial, wave_of, language_of)


def pool_versions(
    questionnaire: Questionnaire, responses: list[Record]
) -> tuple[list[Record], list[str]]:
    """Every version's responses, with the answers that cannot be pooled left out.

    An item is pooled across versions when it is unchanged. The store keeps only the current
    file, so a change is recognised by its evidence: another version's answer that is not a
    valid answer to the current question (another type, or outside the current scale or
    options). Such an item counts only the current version's answers and is listed in the
    result (``version_changed``). A change that leaves every old answer valid (a reworded
    item) cannot be seen here: docs/statistics.md says to bump the question id for that.
    """
    from survey_tui.core.answers import check_answer

    others = [r for r in responses if r.get("questionnaire_version") != questionnaire.version]
    if not others:
        return responses, []
    changed: list[str] = []
    for question in questionnaire.questions():
        for record in others:
            answers = record.get("answers")
            value = answers.get(question.id) if isinstance(answers, dict) else None
            if value is not None and check_answer(questionnaire, question, value) is not None:
                changed.append(question.id)
                break
    if not changed:
        return responses, []
    dropped = set(changed)
    pooled = [
        r
        if r.get("questionnaire_version") == questionnaire.version
        else {
            **r,
            "answers": {k: v for k, v in (r.get("answers") or {}).items() if k not in dropped},
        }
        for r in responses
    ]
    return pooled, changed
