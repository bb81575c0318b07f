"""The 90-day success plan (``report --plan FILE``): read and checked like a questionnaire.

Format (docs/data-exchange.md, "Success plan")::

    metrics:
      - id: time_to_resolution_hours     # a stored metric id
        name: Median P2 time to resolution
        definition: median hours from P2 incident opened to resolved, per week   # optional
        unit: hours
        direction: lower_is_better
        baseline: {value: 9.5, from: 2026-09-01, to: 2026-11-30}
        target: 8
        due: 2027-03-01
        owner: VP Engineering            # a role, not a person's name
        source: Jira export, P2 incidents

Every problem is ``FILE:LINE:COL: field: message`` (the questionnaire loader's YAML reader:
duplicate keys, tags and aliases refused), with "did you mean" for a misspelt key or id.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from survey_tui.core.errors import Problem, QuestionnaireError, suggest
from survey_tui.core.evidence.records import KNOWN_METRICS, METRIC_ID, metric_name
from survey_tui.core.yamlsource import Path as YamlPath
from survey_tui.core.yamlsource import SourceMap, YamlProblems, decode, read_yaml

DIRECTIONS = ("lower_is_better", "higher_is_better")
_KEYS = (
    "id",
    "name",
    "definition",
    "unit",
    "direction",
    "baseline",
    "target",
    "due",
    "owner",
    "source",
)
_REQUIRED = ("id", "direction", "baseline", "target", "due", "owner")
_BASELINE_KEYS = ("value", "from", "to")
MAX_TEXT = 300
MAX_METRICS = 20


class PlanError(QuestionnaireError):
    title = "Invalid success plan"


@dataclass(frozen=True)
class PlanMetric:
    id: str
    name: str
    definition: str
    unit: str
    lower_is_better: bool
    baseline_value: float | None
    baseline_from: date
    baseline_to: date
    target: float
    due: date
    owner: str
    source: str


@dataclass(frozen=True)
class Plan:
    file: str  # the file's name, never its folder (a report may travel)
    metrics: list[PlanMetric]


def load_plan(path: str | Path, stored: set[str] | None = None) -> Plan:
    """Read and check the plan at ``path``; ``stored``: metric ids in the store, so that a
    misspelt id is an error ("did you mean") instead of a metric without data."""
    file = str(path)
    try:
        data = Path(path).read_bytes()
    except IsADirectoryError:
        raise PlanError([Problem(file, None, None, "", "is a directory, not a file")]) from None
    except FileNotFoundError:
        raise PlanError([Problem(file, None, None, "", "no such file")]) from None
    except OSError as error:
        raise PlanError([Problem(file, None, None, "", f"cannot read: {error.strerror}")]) from None
    return parse_plan(data, file, stored)


def parse_plan(data: bytes, file: str, stored: set[str] | None = None) -> Plan:
    try:
        raw, source = read_yaml(decode(data, file), file)
    except YamlProblems as exc:
        raise PlanError(exc.problems) from None
    problems: list[Problem] = []
    metrics: list[PlanMetric] = []
    if not isinstance(raw, dict):
        problems.append(source.problem((), "the top level must be a mapping with `metrics:`"))
        raise PlanError(problems)
    for key in raw:
        if key != "metrics":
            message = "unknown key" + suggest(key, ["metrics"]) + "; a plan holds `metrics:`"
            problems.append(source.problem((key,), message, key=True))
    entries = raw.get("metrics")
    if not isinstance(entries, list) or not entries:
        problems.append(
            source.problem(
                ("metrics",), "a list of at least one metric (see docs/data-exchange.md)"
            )
        )
        raise PlanError(problems)
    if len(entries) > MAX_METRICS:
        problems.append(source.problem(("metrics",), f"at most {MAX_METRICS} metrics"))
    seen: dict[str, int] = {}
    for index, entry in enumerate(entries):
        checked = _metric(entry, ("metrics", index), source, problems, stored)
        if checked is None:
            continue
        if checked.id in seen:
            line = source.locate(("metrics", seen[checked.id], "id"))[0]
            problems.append(
                source.problem(
                    ("metrics", index, "id"), f"{checked.id!r} is already planned (line {line})"
                )
            )
            continue
        seen[checked.id] = index
        metrics.append(checked)
    if problems:
        raise PlanError(problems)
    return Plan(Path(file).name, metrics)


def _metric(
    entry: Any,
    at: YamlPath,
    source: SourceMap,
    problems: list[Problem],
    stored: set[str] | None,
) -> PlanMetric | None:
    if not isinstance(entry, dict):
        problems.append(source.problem(at, "expected a mapping (id, direction, baseline, ...)"))
        return None
    before = len(problems)
    for key in entry:
        if key not in _KEYS:
            message = "unknown key" + suggest(key, _KEYS) + f"; allowed: {', '.join(_KEYS)}"
            problems.append(source.problem((*at, key), message, key=True))
    for key in _REQUIRED:
        if key not in entry:
            problems.append(source.problem((*at, key), f"required: {_HELP[key]}"))
    metric = _metric_id(entry.get("id"), (*at, "id"), source, problems, stored)
    texts = {key: _text(entry, key, at, source, problems) for key in _TEXTS}
    direction = entry.get("direction")
    if "direction" in entry and direction not in DIRECTIONS:
        problems.append(
            source.problem(
                (*at, "direction"),
                f"{direction!r} is not a direction"
                + suggest(str(direction), DIRECTIONS)
                + f"; one of {', '.join(DIRECTIONS)}",
            )
        )
    baseline = _baseline(entry.get("baseline"), (*at, "baseline"), source, problems)
    target = _number(entry, "target", at, source, problems)
    due = _date(entry, "due", at, source, problems)
    if due is not None and baseline is not None and due <= baseline[2]:
        problems.append(
            source.problem((*at, "due"), f"{due} is not after the baseline's end ({baseline[2]})")
        )
    if len(problems) > before or metric is None or baseline is None:
        return None
    assert target is not None and due is not None
    known = KNOWN_METRICS.get(metric)
    return PlanMetric(
        id=metric,
        name=texts["name"] or metric_name(metric),
        definition=texts["definition"] or (known.definition if known else ""),
        unit=texts["unit"] or (known.unit if known else ""),
        lower_is_better=direction == "lower_is_better",
        baseline_value=baseline[0],
        baseline_from=baseline[1],
        baseline_to=baseline[2],
        target=target,
        due=due,
        owner=texts["owner"],
        source=texts["source"],
    )


_TEXTS = ("name", "definition", "unit", "owner", "source")
_HELP = {
    "id": "the metric's id, as stored (survey-tui evidence list)",
    "direction": "lower_is_better or higher_is_better",
    "baseline": "{value, from, to}: the value before, and the dates it was measured over",
    "target": "the value that counts as success",
    "due": "the date by which the target is to be met",
    "owner": "the role accountable for the metric, e.g. VP Engineering",
}


def _metric_id(
    value: Any, at: YamlPath, source: SourceMap, problems: list[Problem], stored: set[str] | None
) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not METRIC_ID.match(value):
        problems.append(
            source.problem(at, f"{value!r} is not a metric id: lower-case letters, digits and _")
        )
        return None
    if stored and value not in stored:
        hint = suggest(value, sorted(stored))
        if hint:
            problems.append(source.problem(at, f"no metric {value!r} is stored{hint}"))
            return None
    return value


def _text(
    entry: dict[str, Any], key: str, at: YamlPath, source: SourceMap, problems: list[Problem]
) -> str:
    value = entry.get(key)
    if value is None:
        return ""
    if not isinstance(value, str) or not value.strip():
        problems.append(source.problem((*at, key), "expected text"))
        return ""
    if len(value) > MAX_TEXT:
        problems.append(source.problem((*at, key), f"longer than {MAX_TEXT} characters"))
    return value.strip()


def _number(
    entry: dict[str, Any], key: str, at: YamlPath, source: SourceMap, problems: list[Problem]
) -> float | None:
    value = entry.get(key)
    if key not in entry:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        what = f" ({_HELP[key]})" if key in _HELP else ""
        problems.append(source.problem((*at, key), f"expected a number{what}"))
        return None
    return float(value)


def _date(
    entry: dict[str, Any], key: str, at: YamlPath, source: SourceMap, problems: list[Problem]
) -> date | None:
    if key not in entry:
        return None
    value = entry.get(key)
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        problems.append(source.problem((*at, key), f"{value!r} is not a date (YYYY-MM-DD)"))
        return None


def _baseline(
    value: Any, at: YamlPath, source: SourceMap, problems: list[Problem]
) -> tuple[float | None, date, date] | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        problems.append(source.problem(at, f"expected a mapping: {_HELP['baseline']}"))
        return None
    for key in value:
        if key not in _BASELINE_KEYS:
            message = "unknown key" + suggest(key, _BASELINE_KEYS) + "; allowed: value, from, to"
            problems.append(source.problem((*at, key), message, key=True))
    before = len(problems)
    for key in ("from", "to"):
        if key not in value:
            problems.append(source.problem((*at, key), "required: a date (YYYY-MM-DD)"))
    start = _date(value, "from", at, source, problems)
    end = _date(value, "to", at, source, problems)
    number = _number(value, "value", at, source, problems) if "value" in value else None
    if start is not None and end is not None and end < start:
        problems.append(source.problem((*at, "to"), f"{end} is before from ({start})"))
    if len(problems) > before or start is None or end is None:
        return None
    return number, start, end
