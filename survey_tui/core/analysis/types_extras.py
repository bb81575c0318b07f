"""The analysis result's parts that are not gaps, as TypedDicts (see :mod:`.types`).

Workflow scorecards, answer distributions, comments, interviews and the feedback log's section
(docs/interfaces.md, "Analysis"). As in :mod:`.types`, ``NotRequired`` marks a key that is
there only sometimes and ``X | None`` a key that is always there, possibly null.
"""

from __future__ import annotations

from typing import Literal, NotRequired, TypedDict

#: A workflow's class by the experience group's score (docs/statistics.md, "Workflow scorecard").
WorkflowClass = Literal["helps", "mixed", "friction"]


class ScorecardFigures(TypedDict):
    """One group's figures on a scorecard row (a matrix row)."""

    n: int | None
    score: float | None
    suppressed: bool


# One workflow (matrix row) of a scorecard. The functional form: "class" is a Python keyword.
ScorecardRow = TypedDict(
    "ScorecardRow",
    {
        "row": str,  # the matrix row id
        "key": str,  # the item key, "matrix_id.row_id"
        "label": str,
        "class": WorkflowClass | None,  # None when the experience group's score is withheld
        "not_used_pct": float | None,  # the experience group's don't-know share
        "groups": dict[str, ScorecardFigures],
        "gap_points": float | None,
    },
)


class Scorecard(TypedDict):
    """A matrix question's workflows, classified by the experience group's scores."""

    question: str
    label: str
    experience_group: str | None
    rows: list[ScorecardRow]
    helps: list[str]  # row keys, best first
    friction: list[str]  # row keys, worst first
    disagree_most: list[str]  # up to 3 row keys with a significant gap, widest first


class DistributionGroup(TypedDict):
    """One group's answer counts on a choice question (None when withheld or not asked)."""

    n: int | None
    counts: dict[str, int] | None  # exactly the keys of the distribution's options, in order
    suppressed: bool
    asked: NotRequired[Literal[False]]  # only when the group is never asked the question


class Distribution(TypedDict):
    """Answer counts per group of one choice question; free "Other" texts pooled."""

    question: str
    label: str
    type: Literal["single_choice", "multi_choice"]
    options: dict[str, str]  # value -> display label, "(other)" last when pooled
    groups: dict[str, DistributionGroup]


class CommentTheme(TypedDict):
    """A theme a text question declares: reports count its answers by these keywords."""

    id: str
    label: str
    keywords: list[str]


class CommentBlock(TypedDict):
    """One text question's answers, sorted, from the groups at or above min_group_size."""

    question: str
    label: str
    construct: str | None
    short: str | None
    quote: bool  # False: counted into themes, never quoted
    themes: list[CommentTheme] | None
    groups: dict[str, list[str]]
    wording: NotRequired[dict[str, str]]  # only when the wording differs by group


class InterviewTheme(TypedDict):
    """A theme of an interview guide: a construct, else a section, with its questions."""

    theme: str
    title: str | None  # the section title without a timing hint; None for a construct
    questions: list[str]


class InterviewNote(TypedDict):
    """The interviewers' notes on one question, per group at or above the threshold."""

    question: str
    label: str
    theme: str
    groups: dict[str, list[str]]


class Minutes(TypedDict):
    """The median minutes over the interviews of the groups not withheld."""

    n: int | None
    median: float | None
    suppressed: bool


class QuestionMinutes(Minutes):
    """The median minutes spent on one question."""

    question: str
    label: str


class InterviewMinutes(TypedDict):
    """The time interviews take: in total and per question."""

    total: Minutes
    questions: list[QuestionMinutes]


class Interviews(TypedDict):
    """Interview records (mode ``interview``, or with notes): counts, notes and durations."""

    n: dict[str, int]
    suppressed: dict[str, bool]  # fewer than min_group_size interviews: left out everywhere
    themes: list[InterviewTheme]
    notes: list[InterviewNote]
    minutes: InterviewMinutes


class OutcomeEntry(TypedDict):
    """One outcome a feedback log offers, with its words and whether it saves time."""

    value: str
    label: str
    saves: bool


class Spread(TypedDict):
    """Minutes of a log row: median, quartiles and total."""

    median: float
    q1: float
    q3: float
    total: float


class LogWeek(TypedDict):
    """One week (Monday's ISO date) of the feedback log; figures None when withheld."""

    week: str
    entries: int | None
    contributors: int | None
    minutes_saved: float | None
    minutes_lost: float | None
    suppressed: bool


class LogRow(TypedDict):
    """One workflow or tool of the feedback log; figures None when withheld."""

    key: str
    label: str
    entries: int | None
    contributors: int | None
    outcomes: dict[str, float] | None  # outcome value -> % of entries
    minutes_saved: Spread | None
    minutes_lost: Spread | None
    suppressed: bool


class LogGroup(TypedDict):
    """One group's feedback log entries and contributors; None when withheld."""

    entries: int | None
    contributors: int | None
    suppressed: bool


class LogSection(TypedDict):
    """The feedback log beside the survey (``log``; core.feedback.figures.log_section)."""

    matrix: str | None  # the matrix the log's workflows come from
    outcomes: list[OutcomeEntry]
    since: str | None  # ISO dates
    until: str | None
    entries: int
    contributors: int
    weeks: list[LogWeek]
    by_workflow: list[LogRow]
    by_tool: list[LogRow]  # other tools pooled under key "other"
    by_group: dict[str, LogGroup]
