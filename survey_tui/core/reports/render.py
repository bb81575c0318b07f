"""Render a report template in a Jinja2 sandbox; template mistakes become TemplateError."""

from __future__ import annotations

import traceback
from pathlib import Path
from typing import Any

from survey_tui.core.catalog import templates_dir
from survey_tui.core.errors import TemplateError
from survey_tui.core.reports import filters


def _template_line(error: BaseException) -> str | None:
    """``file:line`` of the innermost template frame in ``error``'s traceback.

    Jinja2 rewrites tracebacks so that template code appears with the template's file name
    and line, which is what a template author needs to see.
    """
    found = None
    for frame in traceback.extract_tb(error.__traceback__):
        if frame.filename.endswith((".j2", ".jinja", ".md", ".html", ".txt")):
            found = f"{frame.filename}:{frame.lineno}"
    return found


def make_environment(template_path: Path, minimum: int) -> Any:
    """A sandboxed environment that finds the user's folder first, then the shipped templates.

    ``minimum`` is the anonymity threshold the ``score`` and ``gap`` filters print in
    "suppressed (n < K)".
    """
    from jinja2 import FileSystemLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    folders = [str(template_path.resolve().parent), str(templates_dir())]
    env = SandboxedEnvironment(
        loader=FileSystemLoader(folders),
        undefined=StrictUndefined,
        autoescape=False,  # Markdown output; respondent text goes through the md filter
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(filters.FILTERS)

    def score(figures: dict[str, Any] | None, key: str = "score") -> str:
        return filters.score(figures, minimum, key)

    def gap(entry: dict[str, Any] | None, signed: bool = True) -> str:
        if entry is not None and entry.get("not_asked"):
            return filters.NOT_ASKED
        if entry is None or entry.get("suppressed") or entry.get("points") is None:
            return filters.suppressed_text(minimum)
        return filters.pts(entry["points"], signed=signed)

    env.filters["score"] = score
    env.filters["gap"] = gap
    return env


def render(template_path: str | Path, context: dict[str, Any]) -> str:
    """Render ``template_path`` with ``context``; errors name the template file and line."""
    import jinja2

    path = Path(template_path)
    if not path.is_file():
        raise TemplateError("no such template file", location=str(path))
    minimum = int(context.get("minimum", context.get("analysis", {}).get("min_group_size", 5)))
    env = make_environment(path, minimum)
    try:
        template = env.get_template(path.name)
        return str(template.render(context))
    except jinja2.TemplateSyntaxError as error:
        where = f"{error.filename or path}:{error.lineno}"
        raise TemplateError(f"syntax error: {error.message}", location=where) from None
    except jinja2.TemplateNotFound as error:
        where = _template_line(error) or str(path)
        raise TemplateError(f"template not found: {error.name}", location=where) from None
    except jinja2.TemplateError as error:  # undefined names, sandbox refusals, ...
        where = _template_line(error) or str(path)
        raise TemplateError(error.message or str(error), location=where) from None
    except (TypeError, ValueError, KeyError, AttributeError, ZeroDivisionError) as error:
        line = _template_line(error)
        if line is None:
            raise  # not from template code: a bug, not the user's template
        raise TemplateError(f"{type(error).__name__}: {error}", location=line) from None
