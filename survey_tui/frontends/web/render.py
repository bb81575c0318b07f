"""Pages as HTML: Jinja2 templates shipped in this package, and the questionnaire's Markdown.

Autoescape is on for every template, so anything a respondent typed is shown as text. The
questionnaire's own Markdown (description, consent, help) goes through markdown-it with raw
HTML switched off: an author can write emphasis, lists and links, never a script.
"""

from __future__ import annotations

from functools import cache, lru_cache
from importlib.resources import files
from typing import Any

import jinja2
from markupsafe import Markup

from survey_tui.core.i18n import ENGLISH, Words, jinja_callables
from survey_tui.frontends.web.forms import NOTE_MAX_LENGTH

#: Headings in authored Markdown start at this level (the page's h1 and h2 come first).
HEADING_SHIFT = 2


@cache
def _markdown() -> Any:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.disable("image")  # an image would be fetched from elsewhere (the CSP blocks it anyway)

    def heading(tokens: Any, idx: int, options: Any, env: Any) -> str:
        token = tokens[idx]
        level = min(6, int(token.tag[1]) + HEADING_SHIFT)
        token.tag = f"h{level}"
        rendered: str = md.renderer.renderToken(tokens, idx, options, env)  # type: ignore[attr-defined]
        return rendered

    md.add_render_rule("heading_open", heading)
    md.add_render_rule("heading_close", heading)
    return md


@lru_cache(maxsize=512)  # the same few texts on every page: render each once
def markdown_block(source: str | None) -> Markup:
    """Authored Markdown as HTML blocks (paragraphs, lists); raw HTML is shown as text."""
    if not source:
        return Markup("")
    return Markup(_markdown().render(source))  # markdown-it escapes text; raw HTML is off


@lru_cache(maxsize=512)
def markdown_inline(source: str | None) -> Markup:
    """Authored Markdown within one line (help texts): emphasis, code and links only."""
    if not source:
        return Markup("")
    return Markup(_markdown().renderInline(source.strip()))


@cache
def environment(chosen: Words = ENGLISH) -> jinja2.Environment:
    """The templates in ``chosen``'s language: ``t.NAME`` is a message of
    :mod:`survey_tui.core.texts` in it, ``_()`` (Jinja2's i18n extension) its catalog. They
    are globals, so macros imported from another template see them too."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("survey_tui.frontends.web", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # shipped templates never change under a running server
        extensions=["jinja2.ext.i18n"],
    )
    env.filters["markdown"] = markdown_block
    env.globals["note_max"] = NOTE_MAX_LENGTH
    env.globals["t"] = chosen
    env.globals.update(jinja_callables(chosen))
    return env


def render(template: str, chosen: Words = ENGLISH, **context: Any) -> str:
    """``template`` in ``chosen``'s language."""
    return environment(chosen).get_template(template).render(**context)


@cache
def static_file(name: str) -> bytes:
    """A file of this package's ``static`` folder (read once; the server serves only these)."""
    return files("survey_tui.frontends.web").joinpath("static", name).read_bytes()
