"""Read a repository's history with the ``git`` command line: one ``git log`` for every commit.

``git log -p --unified=0`` (the patches, without context lines) gives, per commit, its header
(hash, parents, committer time, author, AI trailers, message) and each file's hunks: where
lines were removed and which lines were added. :mod:`survey_tui.core.evidence.lines` follows
the lines through these hunks; :mod:`survey_tui.core.evidence.git` turns the commits into
weekly figures. Nothing here goes to the network, and no command configured by the repository
(external diff, textconv, signature checks) is run.

The stream is parsed line by line as bytes: a commit header starts with ``\\x1eC `` (no patch
line can: patch lines start with a letter, ``+``, ``-``, ``@`` or ``\\``), the message ends at
the NUL that ``-z`` writes after it (git refuses NUL in a message), and each hunk header says
how many ``-`` and ``+`` lines follow, so file content never has to be told from git's own lines.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import IO

from survey_tui.core.errors import SurveyError

HEADER = b"\x1eC "
_FIELD = b"\x1f"
# %(trailers) unfolded, values only, for the two keys AI tools write; one line per commit.
_FORMAT = (
    "%x1eC %H %P%x1f%ct%x1f%aN%x1f%aE%x1f"
    "%(trailers:key=Co-authored-by,key=Assisted-by,valueonly,unfold,separator=%x1f)%n%B"
)
_HUNK = re.compile(rb"@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")
# What a user's or the repository's configuration may not change about the output, nor run.
_CONFIG = (
    "core.quotePath=false",
    "log.showSignature=false",
    "diff.renames=true",
    "i18n.logOutputEncoding=UTF-8",
    "log.mailmap=true",
)
_DIFF_OPTIONS = (
    "--no-color",
    "--no-ext-diff",
    "--no-textconv",
    "--no-relative",
    "--src-prefix=a/",
    "--dst-prefix=b/",
    "--full-index",
    "-M",
)


@dataclass(slots=True)
class Hunk:
    """``@@ -old_start,removed +...,len(added) @@``; ``old_start`` as git prints it (1-based,
    or the line after which lines are inserted when ``removed`` is 0)."""

    old_start: int
    removed: int
    added: list[bytes]


@dataclass(slots=True)
class FileDiff:
    """One file of a commit's patch (against its first parent)."""

    path: bytes  # the path after the commit
    old_path: bytes  # the path before it (differs on a rename)
    blob: bytes | None = None  # the file's blob after the commit, when git printed it
    deleted: bool = False
    binary: bool = False
    hunks: list[Hunk] = field(default_factory=list)


@dataclass(slots=True)
class Commit:
    sha: bytes
    parents: list[bytes]
    time: int  # committer time, seconds since the epoch (UTC)
    author_name: str
    author_email: str
    trailers: list[str]
    message: bytes
    files: list[FileDiff] = field(default_factory=list)

    @property
    def is_merge(self) -> bool:
        return len(self.parents) > 1


class GitError(SurveyError):
    title = "Git"


def git_executable() -> str:
    found = shutil.which("git")
    if found is None:
        raise GitError("the git command is not installed (evidence git reads history with it)")
    return found


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    # Never a prompt, a pager or a translated message; nothing from the user's terminal.
    env.update(GIT_TERMINAL_PROMPT="0", GIT_PAGER="cat", PAGER="cat", LC_ALL="C", LANGUAGE="")
    return env


def _git(repo: Path, *args: str) -> list[str]:
    command = [git_executable(), "-C", str(repo)]
    for setting in _CONFIG:
        command += ["-c", setting]
    return [*command, *args]


def _limits(since: date | None, until: date | None) -> list[str]:
    out = []
    if since is not None:
        out.append(f"--since={since.isoformat()}T00:00:00+0000")
    if until is not None:
        out.append(f"--until={until.isoformat()}T23:59:59+0000")
    return out


def _run(repo: Path, *args: str) -> str:
    try:
        done = subprocess.run(
            _git(repo, *args),
            capture_output=True,
            env=_environment(),
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except OSError as error:
        raise GitError(f"cannot run git: {error.strerror}", location=str(repo)) from None
    if done.returncode != 0:
        raise GitError(_git_message(done.stderr), location=str(repo))
    return done.stdout.decode("utf-8", "replace")


def _git_message(stderr: bytes) -> str:
    text = stderr.decode("utf-8", "replace").strip().splitlines()
    first = next((line for line in text if line.startswith(("fatal:", "error:"))), None)
    return f"git: {(first or (text[0] if text else 'failed')).strip()}"


def check_repository(repo: Path) -> Path:
    """The top folder of the repository at ``repo`` (a work tree or a bare repository)."""
    if not repo.exists():
        raise GitError("no such folder", location=str(repo))
    if not repo.is_dir():
        raise GitError("not a folder (give the repository's folder)", location=str(repo))
    inside = _run(repo, "rev-parse", "--is-bare-repository", "--absolute-git-dir").split("\n")
    if inside[0].strip() == "true":
        return Path(inside[1].strip())
    return Path(_run(repo, "rev-parse", "--show-toplevel").strip())


def has_commits(repo: Path) -> bool:
    done = subprocess.run(
        _git(repo, "rev-parse", "--verify", "--quiet", "HEAD^{commit}"),
        capture_output=True,
        env=_environment(),
        check=False,
        stdin=subprocess.DEVNULL,
    )
    return done.returncode == 0


def commit_graph(repo: Path, since: date | None, until: date | None) -> dict[str, list[str]]:
    """Every commit ``history`` will yield, with its parents (from ``git rev-list --parents``)."""
    if not has_commits(repo):
        return {}
    out = _run(repo, "rev-list", "--parents", *_limits(since, until), "HEAD")
    graph: dict[str, list[str]] = {}
    for line in out.splitlines():
        shas = line.split()
        if shas:
            graph[shas[0]] = shas[1:]
    return graph


def history(repo: Path, since: date | None, until: date | None) -> Iterator[Commit]:
    """The commits reachable from HEAD, parents before children, with their patches."""
    if not has_commits(repo):
        return
    command = _git(
        repo,
        "log",
        "-z",
        "-p",
        "--unified=0",
        *_DIFF_OPTIONS,
        "--diff-merges=first-parent",
        "--topo-order",
        "--reverse",
        f"--format={_FORMAT}",
        *_limits(since, until),
        "HEAD",
        "--",
    )
    try:
        process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            env=_environment(),
            bufsize=1 << 20,
        )
    except OSError as error:
        raise GitError(f"cannot run git: {error.strerror}", location=str(repo)) from None
    assert process.stdout is not None and process.stderr is not None
    try:
        yield from parse(process.stdout)
    finally:
        process.stdout.close()
        stderr = process.stderr.read()
        process.stderr.close()
        code = process.wait()
    if code != 0:
        raise GitError(_git_message(stderr), location=str(repo))


def parse(stream: IO[bytes]) -> Iterator[Commit]:
    """Commits from the output of ``git log -z -p --unified=0 --format=<_FORMAT>``."""
    commit: Commit | None = None
    current: FileDiff | None = None
    message: list[bytes] | None = None  # lines of the message while it is being read
    added: list[bytes] = []
    removing = adding = 0
    for line in stream:
        if removing or adding:
            first = line[:1]
            if first == b"-" and removing:
                removing -= 1
                continue
            if first == b"+" and adding:
                added.append(line[1:])
                adding -= 1
                continue
            if first == b"\\":
                continue  # "\ No newline at end of file"
            removing = adding = 0  # a hunk cut short: take what came
        if message is not None:
            if not line.startswith(b"\x00"):
                message.append(line)
                continue
            assert commit is not None
            commit.message = b"".join(message)
            message = None
            line = line[1:]
            if not line.startswith(HEADER):
                continue  # the patch follows
        if line.startswith(HEADER):
            if commit is not None:
                yield commit
            commit = _header(line)
            current = None
            message = []
        elif line.startswith(b"diff --git "):
            assert commit is not None
            path = _diff_path(line[11:].rstrip(b"\n"))
            current = FileDiff(path=path, old_path=path)
            commit.files.append(current)
        elif current is None:
            continue
        elif line.startswith(b"@@ "):
            match = _HUNK.match(line)
            if match is None:
                continue
            start, removed, _, count = match.groups()
            removing = 1 if removed is None else int(removed)
            adding = 1 if count is None else int(count)
            added = []
            current.hunks.append(Hunk(int(start), removing, added))
        else:
            _file_line(current, line)
    if commit is not None:
        if message is not None:
            commit.message = b"".join(message)
        yield commit


def _file_line(current: FileDiff, line: bytes) -> None:
    """A line of a file's extended header (before its hunks)."""
    if line.startswith(b"index "):
        blobs = line[6:].split(b" ", 1)[0].split(b"..")
        current.blob = blobs[1].strip() if len(blobs) == 2 else None
    elif line.startswith(b"rename from "):
        current.old_path = _unquote(line[12:].rstrip(b"\n"))
    elif line.startswith(b"rename to "):
        current.path = _unquote(line[10:].rstrip(b"\n"))
    elif line.startswith(b"deleted file mode"):
        current.deleted = True
    elif line.startswith((b"Binary files ", b"GIT binary patch")):
        current.binary = True


def _header(line: bytes) -> Commit:
    parts = line.rstrip(b"\n").split(_FIELD)
    shas = parts[0][len(HEADER) :].split()
    fields = [*parts[1:], b"", b"", b""]
    trailers = [t.decode("utf-8", "replace").strip() for t in parts[4:] if t.strip()]
    return Commit(
        sha=shas[0] if shas else b"",
        parents=shas[1:],
        time=int(fields[0] or 0),
        author_name=fields[1].decode("utf-8", "replace"),
        author_email=fields[2].decode("utf-8", "replace"),
        trailers=trailers,
        message=b"",
    )


def _diff_path(rest: bytes) -> bytes:
    """The path of ``diff --git a/P b/P`` (both the same: copies are not detected; a rename's
    paths come from its ``rename from/to`` lines)."""
    if rest.startswith(b'"'):
        first, _, _ = _split_quoted(rest)
        return first[2:]
    # Unquoted, "a/P b/P": P is half of what is left once the prefixes and the space are gone.
    size = (len(rest) - 5) // 2
    return rest[2 : 2 + size]


def _split_quoted(text: bytes) -> tuple[bytes, int, bytes]:
    """The first C-quoted string of ``text`` (unquoted), its end, and the rest."""
    out = bytearray()
    index = 1
    while index < len(text):
        char = text[index]
        if char == 0x22:  # closing quote
            return bytes(out), index + 1, text[index + 1 :]
        if char == 0x5C and index + 1 < len(text):  # backslash
            index += 1
            escape = text[index]
            if 0x30 <= escape <= 0x37:
                out.append(int(text[index : index + 3], 8))
                index += 3
                continue
            out.append(_ESCAPES.get(escape, escape))
        else:
            out.append(char)
        index += 1
    return bytes(out), index, b""


_ESCAPES = {ord("n"): 10, ord("t"): 9, ord("a"): 7, ord("b"): 8, ord("f"): 12, ord("r"): 13}
_ESCAPES[ord("v")] = 11


def _unquote(text: bytes) -> bytes:
    return _split_quoted(text)[0] if text.startswith(b'"') else text


def week_of(timestamp: int) -> date:
    """The Monday (UTC) of the ISO week holding ``timestamp``."""
    day = datetime.fromtimestamp(timestamp, UTC).date()
    return day - timedelta(days=day.weekday())
