"""``evidence git``: weekly delivery figures from local git history (docs/data-exchange.md).

Per ISO week of the committer date (UTC): ``commits`` (merges included), ``merges``,
``active_authors`` (how many distinct authors; bots are not people and are not counted),
``ai_assisted_commits`` (a lower bound: only what the commit says, see :func:`ai_assisted`),
``reverts``, ``lines_added``, ``lines_deleted`` (commits that are no merge; a merge's changes
were counted on the commits it brings in) and ``rework_pct`` (of the lines the week's commits
removed, the share added less than 21 days before; no figure for a week that removed none).

Author names and e-mail addresses are read only to tell authors apart and AI tools from people;
they never leave this module: a :class:`WeekFigures` holds counts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from survey_tui.core.evidence import gitlog
from survey_tui.core.evidence.lines import REWORK_SECONDS, LineTracker
from survey_tui.core.evidence.records import MetricRow, metric_row

#: Metrics ``evidence git`` stores, with their units.
GIT_METRICS: dict[str, str] = {
    "commits": "commits",
    "merges": "commits",
    "active_authors": "authors",
    "ai_assisted_commits": "commits",
    "reverts": "commits",
    "lines_added": "lines",
    "lines_deleted": "lines",
    "rework_pct": "%",
}

# Names of AI coding tools as they appear in Co-authored-by / Assisted-by trailers, author
# names and bot accounts. Only distinctive names: a person called Devin or Jules is not a tool
# (those tools are recognised by their bot accounts instead).
_AI_WORDS = re.compile(
    r"\b(claude|anthropic|copilot|codex|openai|chatgpt|gpt-?[0-9o]|cursor|cursoragent|aider|"
    r"gemini|codeium|windsurf|tabnine|codewhisperer|amazon q|devin-ai|openhands|opendevin|"
    r"sweep-ai|qodo)\b",
    re.IGNORECASE,
)
# Addresses the tools sign with (a person at these companies has another address).
_AI_DOMAINS = ("noreply@anthropic.com", "cursoragent@cursor.com", "noreply@aider.chat")
# Bot accounts of AI agents (author name or e-mail), e.g. copilot-swe-agent[bot].
_AI_BOTS = re.compile(
    r"(copilot|claude|codex|cursor|devin|jules|gemini|openhands|sweep|codegen|amazon-q)"
    r"[a-z0-9-]*\[bot\]",
    re.IGNORECASE,
)


def ai_assisted(name: str, email: str, trailers: Iterable[str]) -> bool:
    """Whether a commit says an AI tool took part: a Co-authored-by or Assisted-by trailer
    naming a known tool, an author name ending in ``(aider)``, or an AI agent's bot account.

    A lower bound: most tools leave no trace unless configured to.
    """
    if name.rstrip().lower().endswith("(aider)"):
        return True
    if _AI_BOTS.search(name) or _AI_BOTS.search(email):
        return True
    for value in trailers:
        lowered = value.lower()
        if _AI_WORDS.search(value) or any(domain in lowered for domain in _AI_DOMAINS):
            return True
        if _AI_BOTS.search(value):
            return True
    return False


def is_bot(name: str, email: str) -> bool:
    return name.rstrip().endswith("[bot]") or "[bot]@" in email


def _author_key(name: str, email: str) -> str:
    """Who wrote a commit, to count distinct authors (held in memory only, never stored)."""
    email = email.strip().lower()
    if name.rstrip().lower().endswith("(aider)"):
        name = name.rstrip()[: -len("(aider)")]
    return email or name.strip().lower()


def is_revert(message: bytes) -> bool:
    return message.startswith(b'Revert "') or b"This reverts commit" in message


@dataclass
class WeekFigures:
    commits: int = 0
    merges: int = 0
    ai_assisted: int = 0
    reverts: int = 0
    lines_added: int = 0
    lines_deleted: int = 0
    reworked: int = 0
    authors: set[str] = field(default_factory=set)


@dataclass
class RepositoryHistory:
    """One repository, ready to read: its folder and how many commits the range holds."""

    path: Path
    top: Path
    since: date | None
    until: date | None
    graph: dict[str, list[str]]

    @property
    def total(self) -> int:
        return len(self.graph)

    @property
    def name(self) -> str:
        """The repository folder's name (never its path): the default ``source``."""
        name = self.top.name
        return name[: -len(".git")] if name.endswith(".git") and len(name) > 4 else name


def open_repository(path: Path, since: date | None, until: date | None) -> RepositoryHistory:
    """Check ``path`` is a repository and list the commits to read (the ``rev-list``)."""
    top = gitlog.check_repository(path)
    # Lines added up to 21 days before ``since`` can be reworked inside the range: read them.
    read_from = since - timedelta(seconds=REWORK_SECONDS) if since else None
    return RepositoryHistory(path, top, since, until, gitlog.commit_graph(path, read_from, until))


def read_weeks(
    repo: RepositoryHistory,
    weeks: dict[date, WeekFigures],
    progress: Callable[[int], None] | None = None,
) -> None:
    """Add ``repo``'s commits in its range to ``weeks`` (several repositories add up)."""
    children: dict[str, int] = {}
    for parents in repo.graph.values():
        for parent in parents:
            if parent in repo.graph:
                children[parent] = children.get(parent, 0) + 1
    tracker = LineTracker(children)
    start = _epoch(repo.since) if repo.since else None
    read_from = repo.since - timedelta(seconds=REWORK_SECONDS) if repo.since else None
    step = 0
    for commit in gitlog.history(repo.path, read_from, repo.until):
        counts = tracker.apply(commit)
        step += 1
        if progress is not None and step == 200:
            progress(step)
            step = 0
        if start is not None and commit.time < start:
            continue  # read only for the lines it added
        week = weeks.setdefault(gitlog.week_of(commit.time), WeekFigures())
        week.commits += 1
        week.merges += commit.is_merge
        if ai_assisted(commit.author_name, commit.author_email, commit.trailers):
            week.ai_assisted += 1
        week.reverts += is_revert(commit.message)
        if not is_bot(commit.author_name, commit.author_email):
            week.authors.add(_author_key(commit.author_name, commit.author_email))
        week.lines_added += counts.added
        week.lines_deleted += counts.removed
        week.reworked += counts.reworked
    if progress is not None and step:
        progress(step)


def _epoch(day: date) -> int:
    return int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp())


def weekly_rows(
    source: str,
    weeks: dict[date, WeekFigures],
    since: date | None = None,
    until: date | None = None,
) -> list[MetricRow]:
    """The stored records: every metric for every week from the first to the last (a week
    without commits has zero commits; it has no ``rework_pct``, as no line was removed)."""
    if not weeks and not (since and until):
        return []
    first = gitlog.week_of(_epoch(since)) if since else min(weeks)
    last = gitlog.week_of(_epoch(until)) if until else max(weeks)
    rows: list[MetricRow] = []
    week = first
    while week <= last:
        figures = weeks.get(week, WeekFigures())
        values: dict[str, float] = {
            "commits": figures.commits,
            "merges": figures.merges,
            "active_authors": len(figures.authors),
            "ai_assisted_commits": figures.ai_assisted,
            "reverts": figures.reverts,
            "lines_added": figures.lines_added,
            "lines_deleted": figures.lines_deleted,
        }
        if figures.lines_deleted:
            values["rework_pct"] = 100.0 * figures.reworked / figures.lines_deleted
        for metric, value in values.items():
            rows.append(metric_row(source, "", metric, week, value, GIT_METRICS[metric]))
        week += timedelta(days=7)
    return rows
