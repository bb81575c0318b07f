"""``evidence git`` on a repository with a known history: every weekly figure, exactly."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest
from helpers.evidence_history import EXPECTED, SECRETS, Repo, build

from survey_tui.core.evidence.git import (
    WeekFigures,
    ai_assisted,
    open_repository,
    read_weeks,
    weekly_rows,
)


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("history") / "shop-api").path


def _figures(
    paths: list[Path], since: date | None = None, until: date | None = None, name: str = "shop"
) -> dict[str, dict[str, float]]:
    weeks: dict[date, WeekFigures] = {}
    for path in paths:
        read_weeks(open_repository(path, since, until), weeks)
    out: dict[str, dict[str, float]] = {}
    for row in weekly_rows(name, weeks, since, until):
        assert row["source"] == name and row["team"] == ""
        out.setdefault(row["week"], {})[row["metric"]] = row["value"]
    return out


def test_every_weekly_figure_matches_the_known_history(repo: Path) -> None:
    assert _figures([repo]) == EXPECTED


def test_units_and_the_default_source_is_the_folder_name(repo: Path) -> None:
    history = open_repository(repo / "", None, None)
    assert history.name == "shop-api" and history.total == 17
    weeks: dict[date, WeekFigures] = {}
    read_weeks(history, weeks)
    units = {r["metric"]: r["unit"] for r in weekly_rows(history.name, weeks)}
    assert units["rework_pct"] == "%" and units["active_authors"] == "authors"
    assert units["commits"] == "commits" and units["lines_added"] == "lines"


def test_a_range_reads_21_days_more_so_rework_is_the_same(repo: Path) -> None:
    """--since 2026-10-05 reads from 2026-09-14: the lines c13 removes are dated right (g1 on
    the topic branch, e1 by c10), while c1-c3's lines are unknown, hence old, as they are."""
    later = _figures([repo], since=date(2026, 10, 5))
    assert later == {week: EXPECTED[week] for week in EXPECTED if week >= "2026-10-05"}
    earlier = _figures([repo], until=date(2026, 10, 4))
    assert earlier == {week: EXPECTED[week] for week in EXPECTED if week <= "2026-09-28"}


def test_a_range_past_the_history_has_zero_weeks(repo: Path) -> None:
    figures = _figures([repo], since=date(2026, 11, 2), until=date(2026, 11, 15))
    assert figures == {
        week: dict(commits=0, merges=0, active_authors=0, ai_assisted_commits=0, reverts=0,
                   lines_added=0, lines_deleted=0)
        for week in ("2026-11-02", "2026-11-09")
    }  # fmt: skip


def test_repositories_under_one_name_add_up(repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(repo), str(clone)], check=True)
    both = _figures([repo, clone])
    for week, figures in EXPECTED.items():
        for metric, value in figures.items():
            # The same people in both: authors are counted once; counts double; shares stay.
            same = metric in ("active_authors", "rework_pct")
            assert both[week][metric] == (value if same else 2 * value), (week, metric)


def test_no_name_or_address_is_kept(repo: Path) -> None:
    weeks: dict[date, WeekFigures] = {}
    read_weeks(open_repository(repo, None, None), weeks)
    text = repr(weekly_rows("shop", weeks))
    for secret in SECRETS:
        assert secret not in text


@pytest.mark.parametrize(
    ("name", "email", "trailers", "expected"),
    [
        ("Ann", "ann@x.example", ["Claude <noreply@anthropic.com>"], True),
        ("Ann", "ann@x.example", ["GitHub Copilot <copilot@github.com>"], True),
        ("Ann", "ann@x.example", ["Codex <codex@openai.com>"], True),
        ("Ann", "ann@x.example", ["Cursor Agent <cursoragent@cursor.com>"], True),
        ("Ann", "ann@x.example", ["aider (openai/gpt-4o) <noreply@aider.chat>"], True),
        ("Ann", "ann@x.example", ["Gemini"], True),
        ("Ann (aider)", "ann@x.example", [], True),
        ("copilot-swe-agent[bot]", "198982749+Copilot@users.noreply.github.com", [], True),
        ("devin-ai-integration[bot]", "158243242+devin-ai-integration[bot]@users.noreply.github.com", [], True),
        ("Ann", "ann@x.example", ["Devin Smith <devin@people.example>"], False),
        ("Ann", "ann@x.example", ["Jules Martin <jules@people.example>"], False),
        ("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com", [], False),
        ("Ann", "ann@x.example", [], False),
    ],
)  # fmt: skip
def test_ai_assisted_is_a_lower_bound_of_named_tools(
    name: str, email: str, trailers: list[str], expected: bool
) -> None:
    assert ai_assisted(name, email, trailers) is expected


def test_nothing_the_repository_configures_is_run(tmp_path: Path) -> None:
    """A cloned repository's config could name programs for diffs (external diff, textconv);
    reading its history must run none of them."""
    repo = tmp_path / "hostile"
    built = build(repo)
    marker = tmp_path / "ran"
    built.git("config", "diff.external", f"sh -c 'touch {marker}'")
    built.git("config", "diff.evil.textconv", f"sh -c 'touch {marker}; cat \"$1\"' -")
    (repo / ".gitattributes").write_text("*.txt diff=evil\n")
    built.commit("2026-10-28", "erin", "Attributes")
    weeks: dict[date, WeekFigures] = {}
    read_weeks(open_repository(repo, None, None), weeks)
    assert not marker.exists()
    assert weeks[date(2026, 10, 26)].commits == 2
    # The same git command without the guards runs the textconv program: the test can fail.
    subprocess.run(["git", "-C", str(repo), "log", "-p", "-1", "HEAD~1"], capture_output=True)
    assert marker.exists()


def test_configuration_that_changes_git_output_changes_no_figure(tmp_path: Path) -> None:
    built = build(tmp_path / "configured")
    for key, value in (
        ("diff.noprefix", "true"),
        ("diff.mnemonicPrefix", "true"),
        ("diff.renames", "false"),
        ("color.ui", "always"),
        ("log.decorate", "full"),
        ("diff.context", "7"),
        ("core.quotePath", "true"),
    ):
        built.git("config", key, value)
    assert _figures([built.path]) == EXPECTED


def test_odd_file_names_keep_their_lines_through_a_rename(tmp_path: Path) -> None:
    r = Repo(tmp_path / "names")
    (r.path / "a b").mkdir()
    first, second = 'a b/naïve "q".txt', "c\td.txt"
    r.write(first, ["l1", "l2", "l3", "l4", "l5", "l6"])
    r.commit("2026-09-07", "alice", "Add")
    r.git("mv", first, second)
    r.write(second, ["m1", "l2", "l3", "l4", "l5", "l6"])
    r.commit("2026-09-08", "alice", "Move")
    r.write(second, ["m1", "m2", "l3", "l4", "l5", "l6"])
    r.commit("2026-09-09", "alice", "Edit")
    figures = _figures([r.path])["2026-09-07"]
    assert (figures["lines_added"], figures["lines_deleted"]) == (8, 2)
    assert figures["rework_pct"] == 100.0  # l2 was found in the renamed file: 1 day old
