"""The Jinja2 environment report templates run in: a sandbox with bounds on what one step builds.

Jinja2's ``SandboxedEnvironment`` already refuses Python internals (attributes starting with
``_``, unsafe callables), sandboxes the field lookups of ``str.format``/``format_map`` and caps
``range()`` at 100,000 numbers. It does not bound what a single expression may allocate:
``'a' * 10**10``, ``[0] * 10**10``, ``'%0999999999d' % 1``, ``'{:999999999}'.format(1)``,
``10 ** 10 ** 10``, padding filters and methods (``center``, ``indent``, ``ljust``...),
``replace``/``join`` that multiply a string, ``lipsum(10**9)``. Those are refused here, before
anything is allocated, with a message a template author can act on.

What no per-expression bound can catch (an endless loop, a string doubled in a loop, output
that keeps growing) is stopped by the time and memory limits of the child process that renders
user templates (:mod:`survey_tui.core.reports.isolated`); see docs/reports.md.
"""

from __future__ import annotations

import operator
import re
import types
from collections.abc import Callable, Iterable
from functools import update_wrapper
from pathlib import Path
from typing import Any

from jinja2 import (
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateNotFound,
    pass_environment,
    pass_eval_context,
)
from jinja2.exceptions import SecurityError
from jinja2.filters import (
    do_batch,
    do_center,
    do_format,
    do_indent,
    do_replace,
    do_wordwrap,
    sync_do_join,
    sync_do_slice,
)
from jinja2.sandbox import SandboxedEnvironment, SandboxedFormatter
from jinja2.utils import generate_lorem_ipsum
from markupsafe import EscapeFormatter, Markup

# The only file names a report template (and anything it includes, imports or extends) may
# have: a report must never print an arbitrary file such as /etc/shadow.
TEMPLATE_SUFFIXES = (".j2", ".jinja")
MAX_RANGE = 100_000  # numbers in one range() (Jinja2's own cap)
MAX_TEXT = 10_000_000  # characters (or list items) one operation may build
MAX_WIDTH = 1_000  # a field width or precision in a format spec
MAX_EXPONENT_BITS = 100_000  # bits of an integer built by ``**``


def is_template_name(name: str) -> bool:
    """Whether ``name`` ends in one of :data:`TEMPLATE_SUFFIXES` (any case)."""
    return name.lower().endswith(TEMPLATE_SUFFIXES)


class ReportLoader(FileSystemLoader):
    """A ``FileSystemLoader`` that loads only ``.j2``/``.jinja`` files."""

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        if not is_template_name(template):
            raise TemplateNotFound(f"{template} (only .j2 and .jinja files are templates)")
        return super().get_source(environment, template)


def _refuse(message: str) -> SecurityError:
    return SecurityError(message)


def _check_size(size: int, what: str) -> None:
    if size > MAX_TEXT:
        raise _refuse(
            f"{what} would be {size:,} long; a report template may build at most "
            f"{MAX_TEXT:,} characters or items at once"
        )


def _check_spec(spec: str, what: str, *, printf: bool = False) -> None:
    """Refuse a format spec with a width or precision above :data:`MAX_WIDTH`, or (printf) a
    ``*`` width taken from the arguments; in a ``str.format`` spec ``*`` is a fill character."""
    if printf and "*" in spec:
        raise _refuse(f"{what} {spec!r}: a '*' width is not allowed in a report template")
    for digits in re.findall(r"\d+", re.sub(r"\([^)]*\)", "", spec)):
        if len(digits) > 6 or int(digits) > MAX_WIDTH:
            raise _refuse(
                f"{what} {spec!r}: widths and precisions above {MAX_WIDTH} "
                "are not allowed in a report template"
            )


# One printf-style conversion: %[(key)][flags][width][.precision][length]type
_PRINTF = re.compile(r"%(?:\([^)]*\))?[-#0 +]*[*\d]*(?:\.[*\d]*)?[hlL]?[a-zA-Z%]?")


def _check_printf(template: str) -> None:
    for match in _PRINTF.finditer(template):
        _check_spec(match.group(0), "format", printf=True)


def _sized(value: Any) -> int | None:
    return len(value) if isinstance(value, str | bytes | list | tuple) else None


def bounded_mul(left: Any, right: Any) -> Any:
    """``*``; a string or list repeated may not exceed :data:`MAX_TEXT`."""
    for seq, times in ((left, right), (right, left)):
        size = _sized(seq)
        if size is not None and isinstance(times, int):
            _check_size(size * max(times, 0), "a repeated string or list")
    return operator.mul(left, right)


def bounded_add(left: Any, right: Any) -> Any:
    """``+``; joined strings or lists may not exceed :data:`MAX_TEXT`."""
    a, b = _sized(left), _sized(right)
    if a is not None and b is not None:
        _check_size(a + b, "a joined string or list")
    return operator.add(left, right)


def bounded_mod(left: Any, right: Any) -> Any:
    """``%``: printf-style formatting with bounded widths (numbers: the remainder)."""
    if isinstance(left, str):
        _check_printf(left)
    return operator.mod(left, right)


def bounded_pow(left: Any, right: Any) -> Any:
    """``**``; an integer result may have at most :data:`MAX_EXPONENT_BITS` bits."""
    numbers = isinstance(left, int) and isinstance(right, int)
    if (
        numbers
        and right > 0
        and abs(left) > 1
        and abs(left).bit_length() * right > MAX_EXPONENT_BITS
    ):
        raise _refuse(f"{left} ** {right} is too large a number for a report template")
    return operator.pow(left, right)


def bounded_range(*args: int) -> range:
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise _refuse(
            f"range() of {len(numbers):,} numbers: a report template may loop "
            f"over at most {MAX_RANGE:,}"
        )
    return numbers


def _replace_size(text: str, old: str, new: str, count: int | None) -> int:
    hits = text.count(old) if old else len(text) + 1
    if count is not None and count >= 0:
        hits = min(hits, count)
    return len(text) + hits * max(len(new) - len(old), 0)


def _join_size(separator: str, items: list[Any]) -> int:
    return sum(len(str(i)) for i in items) + len(separator) * max(len(items) - 1, 0)


def _check_str_call(name: str, text: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Refuse a ``str`` method call whose result would exceed :data:`MAX_TEXT`."""
    given = [*args, *kwargs.values()]
    if name in ("ljust", "rjust", "center", "zfill") and given:
        if isinstance(given[0], int):
            _check_size(given[0], f"str.{name}()")
    elif name == "expandtabs":
        tab = given[0] if given and isinstance(given[0], int) else 8
        _check_size(len(text) * max(tab, 1), "str.expandtabs()")
    elif name == "replace" and len(given) >= 2:
        old, new = str(given[0]), str(given[1])
        count = given[2] if len(given) > 2 and isinstance(given[2], int) else None
        _check_size(_replace_size(text, old, new, count), "str.replace()")
    elif name == "translate" and given and isinstance(given[0], dict):
        longest = max((len(v) for v in given[0].values() if isinstance(v, str)), default=1)
        _check_size(len(text) * longest, "str.translate()")


class _BoundedFormatter(SandboxedFormatter):
    """``str.format`` in the sandbox, with bounded widths and precisions."""

    def format_field(self, value: Any, format_spec: str) -> Any:
        _check_spec(format_spec, "format spec")
        return super().format_field(value, format_spec)


class _BoundedEscapeFormatter(_BoundedFormatter, EscapeFormatter):
    pass


class ReportSandbox(SandboxedEnvironment):
    """The sandbox with the bounds above on operators, ``str`` methods, filters and globals."""

    intercepted_binops = frozenset({"*", "+", "%", "**"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.binop_table.update(
            {"*": bounded_mul, "+": bounded_add, "%": bounded_mod, "**": bounded_pow}
        )
        self.globals["range"] = bounded_range
        self.globals["lipsum"] = _lipsum
        self.filters.update(_BOUNDED_FILTERS)

    def call(self, context: Any, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        """Call ``obj`` from template code; ``str`` methods that pad or multiply are checked."""
        owner = getattr(obj, "__self__", None)
        if isinstance(obj, types.BuiltinMethodType | types.MethodType) and isinstance(owner, str):
            name = getattr(obj, "__name__", "")
            _check_str_call(name, owner, args, kwargs)
            if name == "join" and args:
                items = list(args[0])
                _check_size(_join_size(owner, items), "str.join()")
                args = (items, *args[1:])
        return super().call(context, obj, *args, **kwargs)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """``str.format``/``format_map`` through a formatter with bounded widths."""
        if not isinstance(value, types.MethodType | types.BuiltinMethodType) or (
            value.__name__ not in ("format", "format_map")
        ):
            return None
        text = value.__self__
        if not isinstance(text, str):
            return None
        formatter: _BoundedFormatter
        if isinstance(text, Markup):
            formatter = _BoundedEscapeFormatter(self, escape=text.escape)
        else:
            formatter = _BoundedFormatter(self)
        is_map = value.__name__ == "format_map"
        kind = type(text)

        def wrapper(*args: Any, **kwargs: Any) -> str:
            if is_map:
                if kwargs or len(args) != 1:
                    raise TypeError("format_map() takes exactly one argument")
                return kind(formatter.vformat(text, (), args[0]))
            return kind(formatter.vformat(text, args, kwargs))

        return update_wrapper(wrapper, value)


def _lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:
    if n > 100 or max > 1_000:
        raise _refuse("lipsum() of more than 100 paragraphs of 1,000 words is not allowed")
    return str(generate_lorem_ipsum(n=n, html=html, min=min, max=max))


def _center(value: Any, width: int = 80) -> Any:
    _check_size(width if isinstance(width, int) else 0, "center")
    return do_center(value, width)


def _indent(s: Any, width: int | str = 4, first: bool = False, blank: bool = False) -> Any:
    text = str(s)
    step = width if isinstance(width, int) else len(str(width))
    _check_size(len(text) + (text.count("\n") + 1) * max(step, 0), "indent")
    return do_indent(s, width, first, blank)


def _format(value: Any, *args: Any, **kwargs: Any) -> Any:
    _check_printf(str(value))
    return do_format(value, *args, **kwargs)


@pass_eval_context
def _replace(eval_ctx: Any, s: Any, old: str, new: str, count: int | None = None) -> Any:
    _check_size(_replace_size(str(s), str(old), str(new), count), "replace")
    return do_replace(eval_ctx, s, old, new, count)


@pass_eval_context
def _join(eval_ctx: Any, value: Iterable[Any], d: str = "", attribute: Any = None) -> Any:
    items = list(value)
    if attribute is None:
        _check_size(_join_size(str(d), items), "join")
    return sync_do_join(eval_ctx, items, d, attribute)


@pass_environment
def _wordwrap(
    environment: Any,
    s: Any,
    width: int = 79,
    break_long_words: bool = True,
    wrapstring: str | None = None,
    break_on_hyphens: bool = True,
) -> Any:
    text, joiner = str(s), str(wrapstring or "\n")
    _check_size(len(text) + (len(text) // max(width, 1) + 1) * len(joiner), "wordwrap")
    return do_wordwrap(environment, s, width, break_long_words, wrapstring, break_on_hyphens)


def _batch(value: Any, linecount: int, fill_with: Any = None) -> Any:
    _check_size(linecount, "batch")
    return do_batch(value, linecount, fill_with)


def _slice(value: Any, slices: int, fill_with: Any = None) -> Any:
    _check_size(slices, "slice")
    return sync_do_slice(value, slices, fill_with)


_BOUNDED_FILTERS: dict[str, Callable[..., Any]] = {
    "wordwrap": _wordwrap,
    "batch": _batch,
    "slice": _slice,
    "center": _center,
    "indent": _indent,
    "format": _format,
    "replace": _replace,
    "join": _join,
}


def make_sandbox(folders: list[Path]) -> ReportSandbox:
    """A :class:`ReportSandbox` loading templates from ``folders``, in order."""
    return ReportSandbox(
        loader=ReportLoader([str(f) for f in folders]),
        extensions=["jinja2.ext.i18n"],  # _() for a template's own words (report --lang)
        undefined=StrictUndefined,
        autoescape=False,  # Markdown output; respondent text goes through the md filter
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
