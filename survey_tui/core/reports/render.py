"""Render a report template in a Jinja2 sandbox; every template mistake becomes TemplateError.

Shipped templates (in ``catalog.templates_dir()``) render in this process: they only loop over
the analysis' finite lists, and the TUI renders them on every preview. Any other template is
the user's and renders in a child process under a time and a memory limit
(:mod:`survey_tui.core.reports.isolated`), so an endless loop or a runaway string stops the
render with a ``TemplateError`` instead of hanging or exhausting the machine. Both use the same
bounded sandbox (:mod:`survey_tui.core.reports.sandbox`). The rules are in docs/reports.md.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from survey_tui.core.catalog import templates_dir
from survey_tui.core.errors import TemplateError
from survey_tui.core.reports import filters

TIME_LIMIT_ENV = "SURVEY_TUI_TEMPLATE_TIMEOUT"
DEFAULT_TIME_LIMIT = 30.0  # seconds a user template may take to render
MAX_OUTPUT = 50_000_000  # characters of one rendered report (a large real report is < 1 MB)
TEMPLATE_SUFFIXES = (".j2", ".jinja")  # what a report template file name ends with


class RenderTimeout(Exception):
    """Raised inside the render when its time is up (the child's alarm), to locate the line."""


def template_error(message: str, where: str) -> TemplateError:
    """A ``TemplateError`` printed as ``FILE[:LINE]: template: message``."""
    return TemplateError(f"template: {message}", location=where)


def check_template_file(path: Path) -> None:
    """Refuse what cannot be a report template: a missing file, or one not named .j2/.jinja."""
    if not path.name.lower().endswith(TEMPLATE_SUFFIXES):
        raise template_error(
            "a report template must be a .j2 or .jinja file (rename it, e.g. report.md.j2)",
            str(path),
        )
    if not path.is_file():
        raise template_error("no such template file", str(path))


def is_shipped(path: Path) -> bool:
    """Whether ``path`` is one of the shipped (trusted) templates."""
    return path.resolve().parent == templates_dir().resolve()


def time_limit() -> float:
    """Seconds a user template may render: ``$SURVEY_TUI_TEMPLATE_TIMEOUT``, else 30."""
    raw = os.environ.get(TIME_LIMIT_ENV, "").strip()
    if not raw:
        return DEFAULT_TIME_LIMIT
    try:
        seconds = float(raw)
    except ValueError:
        seconds = -1.0
    if not 0 < seconds < 86_400:
        raise TemplateError(
            f"must be a number of seconds above 0, not {raw!r}", location=TIME_LIMIT_ENV
        )
    return seconds


def render(
    template_path: str | Path, context: dict[str, Any], *, timeout: float | None = None
) -> str:
    """Render ``template_path`` with ``context``; errors name the template file and line.

    A user template renders in a child process and is stopped after ``timeout`` seconds
    (default :func:`time_limit`); a shipped one renders here.
    """
    path = Path(template_path)
    check_template_file(path)
    if is_shipped(path):
        return render_here(path, context)
    from survey_tui.core.reports.isolated import render_isolated

    return render_isolated(path, context, time_limit() if timeout is None else timeout)


def _template_line(error: BaseException) -> str | None:
    """``file:line`` of the innermost template frame in ``error``'s traceback.

    Jinja2 rewrites tracebacks so that template code appears with the template's file name
    and line, which is what a template author needs to see.
    """
    found = None
    for frame in traceback.extract_tb(error.__traceback__):
        if frame.filename.lower().endswith(TEMPLATE_SUFFIXES):
            found = f"{frame.filename}:{frame.lineno}"
    return found


#: Jinja2's own filters whose arguments may be product messages (``_("%(x)s") | format(x=...)``).
_WORDING_BUILTINS = ("format", "join", "replace", "lower", "capitalize", "trim")


def translating(function: Callable[..., Any], shown: Callable[[str], str]) -> Callable[..., Any]:
    """``function`` as a template filter in a report's language: a product message
    (:class:`~survey_tui.core.texts.Text`) it is given or returns is shown by ``shown``
    (:class:`~survey_tui.core.i18n.Words`); anything else passes as it is. So the words the
    report's Python code chooses (filters, findings) keep one source, the catalogs, and an
    English report is the same text as without it."""

    def filtered(*args: Any, **kwargs: Any) -> Any:
        args = tuple(shown(a) if isinstance(a, str) else a for a in args)
        kwargs = {k: shown(v) if isinstance(v, str) else v for k, v in kwargs.items()}
        result = function(*args, **kwargs)
        return shown(result) if isinstance(result, str) else result

    filtered.__dict__.update(function.__dict__)  # keeps Jinja2's pass_environment marks
    return filtered


def _environment(path: Path, minimum: int, language: str | None = None) -> Any:
    """The bounded sandbox, finding the template's own folder first, then the shipped ones.

    ``minimum`` is the anonymity threshold the ``score`` and ``gap`` filters print in
    "suppressed (n < K)". ``_()``/``gettext``/``ngettext`` (Jinja2's i18n extension) give a
    template's own words in ``language`` from the product's catalogs (``report --lang``;
    English, the ids themselves, without one).
    """
    from survey_tui.core.i18n import jinja_callables, words
    from survey_tui.core.reports.sandbox import make_sandbox

    env = make_sandbox([path.resolve().parent, templates_dir()])
    chosen = words(language)
    # What the i18n extension's install_gettext_callables sets (``{% trans %}`` calls these).
    env.globals.update(jinja_callables(chosen))
    # A product message printed as it is (``{{ x.owner }}``) is shown in the language too.
    env.finalize = chosen

    def score(figures: Mapping[str, Any] | None, key: str = "score") -> str:
        return filters.score(figures, minimum, key)

    def gap(entry: Mapping[str, Any] | None, signed: bool = True) -> str:
        if entry is not None and entry.get("not_asked"):
            return filters.NOT_ASKED
        if entry is None or entry.get("suppressed") or entry.get("points") is None:
            return filters.suppressed_text(minimum)
        return filters.pts(entry["points"], signed=signed)

    mine: dict[str, Callable[..., Any]] = {**filters.FILTERS, "score": score, "gap": gap}
    mine.update({name: env.filters[name] for name in _WORDING_BUILTINS})
    env.filters.update({name: translating(f, chosen) for name, f in mine.items()})
    return env


def _generate(path: Path, context: dict[str, Any], loaded: Callable[[], object] | None) -> str:
    """The rendered text, stopped when it passes :data:`MAX_OUTPUT` characters."""
    minimum = int(context.get("minimum", context.get("analysis", {}).get("min_group_size", 5)))
    language = context.get("language")
    env = _environment(path, minimum, language if isinstance(language, str) else None)
    template = env.get_template(path.name)
    if loaded is not None:
        loaded()
    pieces, size = [], 0
    for piece in template.generate(context):
        size += len(piece)
        if size > MAX_OUTPUT:
            raise template_error(
                f"the report passed {MAX_OUTPUT:,} characters; stopped (an endless loop?)",
                str(path),
            )
        pieces.append(piece)
    return "".join(pieces)


def render_here(
    path: Path, context: dict[str, Any], loaded: Callable[[], object] | None = None
) -> str:
    """Render in this process; any failure of the template is a located ``TemplateError``.

    ``loaded`` is called once the template is compiled, just before it runs: the child process
    starts its clock there, so a loaded machine's slow compile never counts as the template's
    time and the alarm always finds it on one of its own lines.
    """
    import jinja2

    try:
        return _generate(path, context, loaded)
    except TemplateError:
        raise
    except jinja2.TemplateSyntaxError as error:
        where = f"{error.filename or path}:{error.lineno}"
        raise template_error(f"syntax error: {error.message}", where) from None
    except jinja2.TemplateNotFound as error:
        where = _template_line(error) or str(path)
        raise template_error(f"template not found: {error.name}", where) from None
    except jinja2.TemplateError as error:  # undefined names, sandbox refusals, ...
        where = _template_line(error) or str(path)
        raise template_error(error.message or str(error), where) from None
    except RenderTimeout as error:
        where = _template_line(error) or str(path)
        raise template_error(f"stopped after {error} s (an endless loop?)", where) from None
    except RecursionError as error:
        where = _template_line(error) or str(path)
        message = "nested too deeply: a macro that calls itself, or a template that extends "
        raise template_error(message + "or includes itself?", where) from None
    except MemoryError as error:
        where = _template_line(error) or str(path)
        raise template_error("ran out of memory (a string or list too large?)", where) from None
    except Exception as error:  # a Python error raised by the template's own code
        line = _template_line(error)
        if line is None and not isinstance(error, OverflowError):
            raise  # not from template code: a bug, not the user's template
        message = f"{type(error).__name__}: {error}"
        raise template_error(message, line or str(path)) from None
