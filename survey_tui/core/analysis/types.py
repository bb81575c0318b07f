"""The shape of the analysis result (docs/interfaces.md, "Analysis"), as TypedDicts.

:func:`survey_tui.core.analysis.analyze` returns an :class:`Analysis`; ``analyze_stored`` adds
the feedback log (:class:`StoredAnalysis`). The result is plain JSON-able dicts: these types only
name their keys, so ``analyze --json`` prints exactly what the builders put in. A key marked
``NotRequired`` is there only sometimes (said on each); ``X | None`` is always there, possibly
null (a withheld figure is None, docs/statistics.md). The parts that are not gaps (scorecards,
distributions, comments, interviews, languages, the log) are in :mod:`.types_extras`.
"""

from __future__ import annotations

from typing import Literal, NotRequired, TypedDict

from survey_tui.core.analysis.types_extras import (
    CommentBlock,
    Distribution,
    Interviews,
    LogSection,
    Scorecard,
)
from survey_tui.core.model import ItemKind

#: Cliff's delta in words (docs/statistics.md).
Effect = Literal["negligible", "small", "medium", "large"]


class QuestionnaireHeader(TypedDict):
    """Which questionnaire was analysed; ``topic``: what reports say it is about, or None."""

    id: str
    version: int
    title: str
    topic: str | None


class GroupInfo(TypedDict):
    """One respondent group: complete responses analysed (``n``), partial ones, headcount."""

    n: int
    label: str
    suppressed: bool  # fewer than min_group_size complete responses
    partial: int
    headcount: int | None


class ItemFigures(TypedDict):
    """One group's figures on an item: scales have mean, score and favorable_pct, numbers
    mean, median, q1 and q3 (each None when withheld)."""

    n: int | None
    mean: float | None
    median: NotRequired[float | None]  # numbers
    q1: NotRequired[float | None]  # numbers
    q3: NotRequired[float | None]  # numbers
    score: NotRequired[float | None]  # scales (0-100)
    favorable_pct: NotRequired[float | None]  # scales
    dont_know_pct: float | None
    ci95: list[float] | None  # the group's own interval of its score (or mean)
    suppressed: bool
    asked: NotRequired[Literal[False]]  # only when the group is never asked the question


class ConstructFigures(TypedDict):
    """One group's figures on a construct: the mean of its item scores and favorable shares."""

    n: int | None
    score: float | None
    favorable_pct: float | None
    ci95: list[float] | None
    suppressed: bool
    asked: NotRequired[Literal[False]]  # only when the group is asked none of its items
    dont_know_pct: NotRequired[None]  # only with ``asked``


class Tested(TypedDict):
    """What every tested comparison has: its interval, p-values and the significance rule."""

    ci95: list[float] | None
    p_value: float | None
    p_adjusted: float | None  # Benjamini-Hochberg over the comparison's family
    significant: bool | None
    suppressed: bool
    not_confirmed: NotRequired[bool]  # published comparisons: only one of the two tests passes


class Gap(Tested):
    """The compared pair's gap (first minus second): points for scales, units for numbers."""

    points: NotRequired[float | None]  # scales
    favorable_points: NotRequired[float | None]  # scales
    units: NotRequired[float | None]  # numbers
    median_a: NotRequired[float | None]  # numbers
    median_b: NotRequired[float | None]  # numbers
    cliffs_delta: float | None
    effect: Effect | None
    small_sample: bool | None  # a group below 10: indicative only
    not_asked: NotRequired[list[str]]  # withheld because these groups are never asked it


class RestGap(Tested):
    """One group against the other published groups pooled (``vs_rest``)."""

    points: NotRequired[float | None]  # scales
    units: NotRequired[float | None]  # numbers


class GroupChange(TypedDict):
    """One group's score (or mean) in the baseline wave and now, None unless both published."""

    score_before: NotRequired[float | None]  # scales
    score_now: NotRequired[float | None]  # scales
    mean_before: NotRequired[float | None]  # numbers
    mean_now: NotRequired[float | None]  # numbers
    delta: float | None


class Change(TypedDict):
    """An item's or construct's gap in the baseline wave and now, and its change's interval."""

    points_before: NotRequired[float]  # scales
    points_now: NotRequired[float]  # scales
    units_before: NotRequired[float]  # numbers
    units_now: NotRequired[float]  # numbers
    delta: float
    ci95: list[float]
    significant: bool
    groups: dict[str, GroupChange]


class LanguageSlice(TypedDict):
    """One language's respondents in a group on an item: a score (scales) or a mean (numbers)."""

    n: int
    score: NotRequired[float | None]  # scales
    mean: NotRequired[float | None]  # numbers


class LanguageComparison(Tested):
    """One language slice against the other (``versus``: a tag) or the rest of its group."""

    language: str
    versus: str  # a language tag, or "rest"
    points: NotRequired[float | None]  # scales
    units: NotRequired[float | None]  # numbers
    cliffs_delta: float | None


class LanguageBlock(TypedDict):
    """A group's scores on an item by the language answered in (withheld: every figure None)."""

    suppressed: bool  # some language slice is below min_group_size
    languages: dict[str, LanguageSlice] | None
    comparisons: list[LanguageComparison] | None
    differs: bool | None  # some comparison is significant: "may be read differently"


class LanguageSummary(TypedDict):
    """The declared languages, responses per language and the items that may read differently."""

    declared: list[str]
    default: str | None
    responses: dict[str, int | None]  # None below min_group_size
    read_differently: list[str]  # item keys


class ScaleEnds(TypedDict):
    """The ends of an item's answer scale."""

    min: int
    max: int


class ItemEntry(TypedDict):
    """One item (a scale question, a matrix row or a number question) with every figure."""

    question: str  # the item key: a question id, or "matrix_id.row_id"
    construct: str | None  # None for numbers and awareness items
    kind: ItemKind
    label: str
    short: str | None  # the question's ``short``; None for matrix rows
    scale: NotRequired[ScaleEnds]  # scales
    unit: NotRequired[str | None]  # numbers
    direction: NotRequired[Literal["higher_is_better", "lower_is_better"]]  # numbers
    wording: NotRequired[dict[str, str]]  # only when the wording differs by group
    groups: dict[str, ItemFigures]
    gap: Gap | None  # None without a compare pair
    vs_rest: dict[str, RestGap]
    change: Change | None  # None without a baseline wave, or unless published in both
    by_language: NotRequired[dict[str, LanguageBlock]]  # groups answering in 2+ languages


class ConstructEntry(TypedDict):
    """One construct (a theme of items) with the same gap and change shapes as an item."""

    construct: str
    items: list[str]  # the item keys averaged
    groups: dict[str, ConstructFigures]
    gap: Gap | None
    vs_rest: dict[str, RestGap]
    change: Change | None


#: An item or a construct: what gap tables, headlines and filters take.
Entry = ItemEntry | ConstructEntry


class IndexChange(TypedDict):
    """The Expectation Gap Index in the baseline wave and now, and its change's interval."""

    before: float
    now: float
    delta: float
    ci95: list[float]
    significant: bool
    before_ci95: list[float] | None  # the baseline's own interval, as its own report prints it


class AnalysisHeader(TypedDict):
    """What an analysis covers: the questionnaire, the wave(s), the pair and the groups."""

    questionnaire: QuestionnaireHeader
    schema_version: int
    wave: str | None  # a wave name, "all", or None when nothing is submitted
    baseline_wave: str | None
    compare: list[str] | None  # the compared pair; None for a one-group questionnaire
    experience_group: str | None
    min_group_size: int
    groups: dict[str, GroupInfo]
    waves: NotRequired[list[str]]  # only with wave "all": the waves pooled


class Analysis(AnalysisHeader):
    """The whole result of ``analyze`` (``analyze --json`` prints it; templates read it)."""

    synthetic: bool  # some analysed record was made by ``survey-tui demo``
    withheld_waves: dict[str, list[str]]  # "all": wave slices left out per group; else {}
    languages: NotRequired[LanguageSummary]  # only for a questionnaire with languages
    version_changed: list[str]
    items: list[ItemEntry]
    constructs: list[ConstructEntry]
    expectation_gap_index: float | None
    expectation_gap_index_ci95: list[float] | None
    expectation_gap_index_change: IndexChange | None
    scorecards: list[Scorecard]
    distributions: list[Distribution]
    comments: list[CommentBlock]
    interviews: Interviews


class StoredAnalysis(Analysis):
    """The analysis of stored responses with the feedback log beside it (``analyze_stored``)."""

    log: LogSection | None  # None when the questionnaire has no feedback log
