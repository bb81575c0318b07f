"""A git repository with a known history, built with the real ``git`` command, for evidence.

Every commit has a fixed date (10:00 UTC) and identity, so each weekly figure is known in
advance. The authors' names and addresses are distinctive strings that tests grep for in every
output: none may ever appear.

Timeline (W1 = the week of Monday 2026-09-07; "young" = added less than 21 days before):

W1  c1  09-07 Alice   a.txt a1..a10, b.txt b1..b4                                      +14
    c2  09-08 Alice   [Co-authored-by: Claude] a2,a3 -> x2,x3 (1 day: young)            -2 (2 young) +2
    f1  09-09 Alice   branch feature (from c2): new d.txt d1..d5                        +5
    c3  09-10 Bob (aider)  b.txt append b5,b6,b7                                        +3
W2  t1  09-15 Frank   branch topic (from c3): b.txt insert g1,g2 after b3               +2
W3  c4  09-22 copilot-swe-agent[bot]  b6 (12 days) -> z6, append z8                    -1 (1) +2
    c5  09-23 Carol   [Co-authored-by: a person] a.txt delete a9,a10 (16 days)          -2 (2)
    c6  09-24 Carol   git revert c5: a9,a10 back (added 09-24)                          +2
W4  c7  09-29 Alice   git mv a.txt c.txt; a1 (22 days) and x2 (exactly 21: not young)   -2 (0) +2
    c8  09-30 Bob     b.txt z6 (8 days) -> w6, delete b1 (23 days)                       -2 (1) +1
    c9  10-01 Dave    [Assisted-by: Cursor] c.txt x3 (23 days), a9 (7 days, via the rename) -2 (1) +2
W5  c10 10-05 Erin    b.txt append e1                                                   +1
    m1  10-06 Alice   merge feature (d.txt as on the branch)
    c11 10-07 Erin    d.txt d2 (added 09-09 on the branch: 28 days) -> e2               -1 (0) +1
W6  m2  10-13 Frank   [Co-Authored-By: Codex] merge topic: b.txt changed on both sides
    c12 10-14 Erin    b.txt w6 (14 days) -> e6                                          -1 (1) +1
W7  (no commits)
W8  c13 10-27 Erin    b.txt delete g1 (09-15 on topic: 42 days; merged 14 days before),
                      delete e1 (22 days), e6 (13 days) -> h6                           -3 (1) +1
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

PEOPLE = {
    "alice": ("Zyxwvut Alicequux", "alice.zyx.private@mailhost-secret.example"),
    "bob_aider": ("Bobquark Vexley (aider)", "bobquark.vexley@hidden-corp.example"),
    "bob": ("Bobquark Vexley", "bobquark.vexley@hidden-corp.example"),
    "bot": ("copilot-swe-agent[bot]", "198982749+Copilot@users.noreply.github.com"),
    "carol": ("Carolynne Qwertyson", "carolynne.q@hidden-corp.example"),
    "dave": ("Davorin Plimsoll", "davorin.p@hidden-corp.example"),
    "erin": ("Erinmore Xandervolt", "erinmore@hidden-corp.example"),
    "frank": ("Frankenberry Oolong", "frank.oolong@hidden-corp.example"),
}
#: Strings that must never appear in any output (names and addresses, and their parts).
SECRETS = (
    "Zyxwvut",
    "Alicequux",
    "mailhost-secret",
    "alice.zyx",
    "Bobquark",
    "Vexley",
    "hidden-corp",
    "Carolynne",
    "Qwertyson",
    "Davorin",
    "Plimsoll",
    "Erinmore",
    "Xandervolt",
    "Frankenberry",
    "Oolong",
    "Devin Smith",
    "people.example",
)

W = ["2026-09-07", "2026-09-14", "2026-09-21", "2026-09-28", "2026-10-05", "2026-10-12"]
W += ["2026-10-19", "2026-10-26"]

#: Every weekly figure of the history above.
EXPECTED: dict[str, dict[str, float]] = {
    "2026-09-07": dict(commits=4, merges=0, active_authors=2, ai_assisted_commits=2, reverts=0,
                       lines_added=24, lines_deleted=2, rework_pct=100.0),
    "2026-09-14": dict(commits=1, merges=0, active_authors=1, ai_assisted_commits=0, reverts=0,
                       lines_added=2, lines_deleted=0),
    "2026-09-21": dict(commits=3, merges=0, active_authors=1, ai_assisted_commits=1, reverts=1,
                       lines_added=4, lines_deleted=3, rework_pct=100.0),
    "2026-09-28": dict(commits=3, merges=0, active_authors=3, ai_assisted_commits=1, reverts=0,
                       lines_added=5, lines_deleted=6, rework_pct=100 * 2 / 6),
    "2026-10-05": dict(commits=3, merges=1, active_authors=2, ai_assisted_commits=0, reverts=0,
                       lines_added=2, lines_deleted=1, rework_pct=0.0),
    "2026-10-12": dict(commits=2, merges=1, active_authors=2, ai_assisted_commits=1, reverts=0,
                       lines_added=1, lines_deleted=1, rework_pct=100.0),
    "2026-10-19": dict(commits=0, merges=0, active_authors=0, ai_assisted_commits=0, reverts=0,
                       lines_added=0, lines_deleted=0),
    "2026-10-26": dict(commits=1, merges=0, active_authors=1, ai_assisted_commits=0, reverts=0,
                       lines_added=1, lines_deleted=3, rework_pct=100 / 3),
}  # fmt: skip


class Repo:
    def __init__(self, path: Path) -> None:
        self.path = path
        path.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str, when: str = "2026-09-07", who: str = "alice") -> str:
        name, email = PEOPLE[who]
        stamp = f"{when}T10:00:00+00:00"
        env = {
            **os.environ,
            "GIT_AUTHOR_DATE": stamp,
            "GIT_COMMITTER_DATE": stamp,
            "GIT_AUTHOR_NAME": name,
            "GIT_AUTHOR_EMAIL": email,
            "GIT_COMMITTER_NAME": name,
            "GIT_COMMITTER_EMAIL": email,
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_CONFIG_GLOBAL": os.devnull,
        }
        done = subprocess.run(
            ["git", "-c", "commit.gpgsign=false", *args],
            cwd=self.path,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        return done.stdout

    def write(self, name: str, lines: list[str]) -> None:
        (self.path / name).write_text("".join(f"{line}\n" for line in lines))

    def commit(self, when: str, who: str, message: str, *trailers: str) -> str:
        self.git("add", "-A", when=when, who=who)
        args = ["commit", "-q", "-m", message]
        if trailers:
            args += ["-m", "\n".join(trailers)]
        self.git(*args, when=when, who=who)
        return self.git("rev-parse", "HEAD").strip()


def build(path: Path) -> Repo:
    """The repository of the module docstring."""
    r = Repo(path)
    a = [f"a{i}" for i in range(1, 11)]
    r.write("a.txt", a)
    r.write("b.txt", ["b1", "b2", "b3", "b4"])
    r.commit("2026-09-07", "alice", "Start")
    a[1:3] = ["x2", "x3"]
    r.write("a.txt", a)
    r.commit("2026-09-08", "alice", "Rename two", "Co-authored-by: Claude <noreply@anthropic.com>")
    r.git("checkout", "-q", "-b", "feature")
    r.write("d.txt", [f"d{i}" for i in range(1, 6)])
    r.commit("2026-09-09", "alice", "Add d")
    r.git("checkout", "-q", "main")
    b = ["b1", "b2", "b3", "b4", "b5", "b6", "b7"]
    r.write("b.txt", b)
    r.commit("2026-09-10", "bob_aider", "Extend b")
    r.git("checkout", "-q", "-b", "topic")
    r.write("b.txt", ["b1", "b2", "b3", "g1", "g2", "b4", "b5", "b6", "b7"])
    r.commit("2026-09-15", "frank", "Topic lines")
    r.git("checkout", "-q", "main")
    b = ["b1", "b2", "b3", "b4", "b5", "z6", "b7", "z8"]
    r.write("b.txt", b)
    r.commit("2026-09-22", "bot", "Agent change")
    r.write("a.txt", a[:8])
    c5 = r.commit(
        "2026-09-23",
        "carol",
        "Drop two",
        "Co-authored-by: Devin Smith <devin.smith@people.example>",
    )
    r.git("revert", "--no-edit", c5, when="2026-09-24", who="carol")
    r.git("mv", "a.txt", "c.txt", when="2026-09-29")
    c = ["y1", "y2", *a[2:]]
    r.write("c.txt", c)
    r.commit("2026-09-29", "alice", "Move a to c")
    b = ["b2", "b3", "b4", "b5", "w6", "b7", "z8"]
    r.write("b.txt", b)
    r.commit("2026-09-30", "bob", "Tidy b")
    c[2], c[8] = "q3", "q9"
    r.write("c.txt", c)
    r.commit("2026-10-01", "dave", "Fix c", "Assisted-by: Cursor")
    r.write("b.txt", [*b, "e1"])
    r.commit("2026-10-05", "erin", "Append e1")
    r.git("merge", "-q", "--no-ff", "-m", "Merge feature", "feature", when="2026-10-06")
    r.write("d.txt", ["d1", "e2", "d3", "d4", "d5"])
    r.commit("2026-10-07", "erin", "Fix d2")
    r.git(
        "merge",
        "-q",
        "--no-ff",
        "-m",
        "Merge topic\n\nCo-Authored-By: Codex <noreply@openai.com>",
        "topic",
        when="2026-10-13",
        who="frank",
    )
    merged = (r.path / "b.txt").read_text().split()
    assert merged == ["b2", "b3", "g1", "g2", "b4", "b5", "w6", "b7", "z8", "e1"], merged
    merged[6] = "e6"
    r.write("b.txt", merged)
    r.commit("2026-10-14", "erin", "Fix w6")
    r.write("b.txt", ["b2", "b3", "g2", "b4", "b5", "h6", "b7", "z8"])
    r.commit("2026-10-27", "erin", "Trim b")
    return r
