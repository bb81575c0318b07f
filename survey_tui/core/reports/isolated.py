"""Render a user's report template in a child process, under a time and a memory limit.

A sandboxed template cannot reach Python internals, but it can still loop for ever
(``{% for i in range(99999) %}{% for j in range(99999) %}``) or grow a string until the machine
swaps. A child process can be stopped from outside whatever it is doing, on every platform and
from any thread (the TUI renders in worker threads, where a signal alarm cannot be set), and its
memory can be capped without touching the caller's.

The parent sends the template path, the context and the time limit (pickled: the context is the
parent's own data) on stdin; the child answers with JSON on stdout: ``{"text": ...}`` or
``{"error": ..., "location": ...}``. Inside the child a timer interrupts the render at the limit
so the error can name the template line it was on; should the child not answer, the parent kills
it a few seconds later. Run as ``python -m survey_tui.core.reports.isolated``.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import pickle
import subprocess
import sys
from pathlib import Path
from typing import Any, TypedDict

from survey_tui.core.errors import TemplateError
from survey_tui.core.reports.render import (
    TEMPLATE_SUFFIXES,
    RenderTimeout,
    render_here,
    template_error,
)

MEMORY_LIMIT = 1 << 30  # bytes of address space the child may use
# Seconds past the limit before the parent kills a child that has not answered: generous, as
# the child's own timer starts only once Python and Jinja2 are loaded, which takes seconds on a
# loaded machine; the kill is for a loop its timer cannot interrupt.
GRACE = 20.0


class _Rendered(TypedDict):
    """The child's answer when the template rendered."""

    text: str


class _Failed(TypedDict):
    """The child's answer when the template failed: the message and where."""

    error: str
    location: str | None


def _package_root() -> str:
    import survey_tui

    return str(Path(survey_tui.__file__).resolve().parent.parent)


def render_isolated(path: Path, context: dict[str, Any], timeout: float) -> str:
    """Render ``path`` in a child process; a ``TemplateError`` if it fails or runs too long."""
    payload = pickle.dumps(
        {"path": str(path), "context": context, "timeout": timeout},
        protocol=pickle.HIGHEST_PROTOCOL,
    )
    # The child imports this same survey_tui, whatever its own sys.path would find first.
    paths = [_package_root(), os.environ.get("PYTHONPATH", "")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in paths if p)}
    try:
        done = subprocess.run(
            # -P: the working folder is not put on sys.path, so a stray json.py (or jinja2/)
            # where the user runs the report cannot stand in for the real module.
            [sys.executable, "-P", "-m", "survey_tui.core.reports.isolated"],
            input=payload,
            capture_output=True,
            timeout=timeout + GRACE,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise template_error(f"stopped after {timeout:g} s (an endless loop?)", str(path)) from None
    return _answer(path, done)


def _answer(path: Path, done: subprocess.CompletedProcess[bytes]) -> str:
    try:
        answer = json.loads(done.stdout.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        answer = None
    if isinstance(answer, dict) and isinstance(answer.get("text"), str):
        return str(answer["text"])
    if isinstance(answer, dict) and isinstance(answer.get("error"), str):
        raise TemplateError(answer["error"], location=answer.get("location") or str(path))
    if done.returncode < 0:  # killed: the memory or CPU limit, or from outside
        raise template_error(
            f"the render was stopped (signal {-done.returncode}): too much memory or time?",
            str(path),
        )
    # Not the template's fault: a bug in survey-tui, which must not pass as a user error.
    raise RuntimeError(
        f"rendering {path} in a child process failed:\n{done.stderr.decode(errors='replace')}"
    )


def _limit_resources(timeout: float) -> None:
    """Cap the child's address space and CPU time (POSIX; elsewhere the parent's kill only)."""
    try:
        import resource
    except ImportError:
        return
    cpu = math.ceil(timeout + GRACE) + 1
    for kind, wanted in ((resource.RLIMIT_AS, MEMORY_LIMIT), (resource.RLIMIT_CPU, cpu)):
        soft, hard = resource.getrlimit(kind)
        if hard != resource.RLIM_INFINITY:
            wanted = min(wanted, hard)
        if soft == resource.RLIM_INFINITY or soft > wanted:
            with contextlib.suppress(ValueError, OSError):  # e.g. macOS refuses RLIMIT_AS
                resource.setrlimit(kind, (wanted, hard))


def _inside_template(frame: Any) -> bool:
    """Whether ``frame`` or a caller of it runs template code (Jinja2 names it after the file)."""
    while frame is not None:
        if frame.f_code.co_filename.lower().endswith(TEMPLATE_SUFFIXES):
            return True
        frame = frame.f_back
    return False


def _render_with_timer(path: Path, context: dict[str, Any], timeout: float) -> str:
    """``render_here``, interrupted by :class:`RenderTimeout` after ``timeout`` seconds."""
    import signal

    # The clock starts once the template is compiled (``loaded``): on a loaded machine the
    # imports and the compile alone can take seconds, and the limit is for the template's work.
    if not hasattr(signal, "setitimer"):
        return render_here(path, context)

    retries = 0

    def expired(_signum: int, frame: Any) -> None:
        # Raised between two pieces of output, the error would carry no template line: wait a
        # moment (at most ~0.5 s) for the render to be back inside the template's own code.
        nonlocal retries
        if retries < 250 and not _inside_template(frame):
            retries += 1
            signal.setitimer(signal.ITIMER_REAL, 0.002)
            return
        raise RenderTimeout(f"{timeout:g}")

    signal.signal(signal.SIGALRM, expired)
    try:
        return render_here(
            path, context, loaded=lambda: signal.setitimer(signal.ITIMER_REAL, timeout)
        )
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def main() -> None:
    """The child: read the request on stdin, render, answer on stdout."""
    request = pickle.loads(sys.stdin.buffer.read())
    timeout = float(request["timeout"])
    path = Path(request["path"])
    _limit_resources(timeout)
    answer: _Rendered | _Failed
    try:
        answer = {"text": _render_with_timer(path, request["context"], timeout)}
    except TemplateError as error:
        answer = {"error": error.message, "location": error.location}
    except RenderTimeout:  # the timer went off just as the render ended
        answer = {"error": f"template: stopped after {timeout:g} s", "location": str(path)}
    except MemoryError:
        answer = {"error": "template: ran out of memory", "location": str(path)}
    sys.stdout.buffer.write(json.dumps(answer, ensure_ascii=False).encode("utf-8"))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
