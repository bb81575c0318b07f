"""The product's own words in the respondent's language: gettext catalogs made with Babel.

The catalogs are ``survey_tui/locale/<tag>.po`` (message ids: :mod:`survey_tui.core.texts`,
:mod:`survey_tui.core.answers`, the report templates' ``_()``); English is the source language,
so its words are the ids themselves and cost nothing to load. A built wheel also carries each
catalog compiled to ``<tag>.mo`` (``hatch_build.py``), read by the standard library's gettext
in about a millisecond; a source checkout has only the ``.po`` files, compiled in memory with
Babel on first use (docs/front-ends.md, "Languages").

A questionnaire language the product has no catalog for falls back along its prefix
(``de-CH`` -> ``de``), then to English: the questionnaire's own texts are still shown in the
chosen language.
"""

from __future__ import annotations

import gettext
import io
from collections.abc import Sequence
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Any

from survey_tui.core import texts
from survey_tui.core.texts import Text

SOURCE_LANGUAGE = "en"


def _locale_dir() -> Traversable:
    return files("survey_tui").joinpath("locale")


@cache
def catalog_languages() -> tuple[str, ...]:
    """The languages the product's words are shipped in (English first)."""
    found = {
        entry.name.rsplit(".", 1)[0]
        for entry in _locale_dir().iterdir()
        if entry.name.endswith((".po", ".mo"))
    }
    return (SOURCE_LANGUAGE, *sorted(found - {SOURCE_LANGUAGE}))


def _fold(tag: str) -> str:
    return tag.replace("_", "-").casefold()


def catalog_for(tag: str | None) -> str:
    """The shipped catalog that serves ``tag``: the tag, else its longest shipped prefix
    (``de-AT`` -> ``de``), else English."""
    if not tag:
        return SOURCE_LANGUAGE
    shipped = {_fold(name): name for name in catalog_languages()}
    parts = _fold(tag).split("-")
    for end in range(len(parts), 0, -1):
        found = shipped.get("-".join(parts[:end]))
        if found is not None:
            return found
    return SOURCE_LANGUAGE


@cache
def translations(language: str) -> gettext.NullTranslations:
    """The compiled catalog of a shipped ``language`` (English: the ids themselves)."""
    if language == SOURCE_LANGUAGE or language not in catalog_languages():
        return gettext.NullTranslations()
    compiled = _locale_dir().joinpath(f"{language}.mo")
    if compiled.is_file():
        with compiled.open("rb") as stream:
            return gettext.GNUTranslations(stream)
    return gettext.GNUTranslations(io.BytesIO(compile_po(language)))


def compile_po(language: str) -> bytes:
    """``<language>.po`` compiled to the bytes of a ``.mo`` file (Babel, imported here only:
    a built wheel never needs it)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with _locale_dir().joinpath(f"{language}.po").open("rb") as stream:
        catalog = read_po(stream, locale=language)
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


class Words:
    """The product's words in one language.

    ``words(text)`` shows a :class:`Text` (a constant of :mod:`texts`, or a message made with
    ``T_``) in this language; any other string is returned as it is, so an answer or an
    authored label that happens to read like a message id is never "translated".
    ``words.NEXT`` is ``words(texts.NEXT)`` (templates read the words that way), and
    ``gettext``/``ngettext`` serve Jinja2's i18n extension.
    """

    def __init__(self, language: str | None = None) -> None:
        #: The language asked for (a questionnaire's tag, e.g. ``de-CH``).
        self.language = language or SOURCE_LANGUAGE
        #: The catalog that serves it (``de``).
        self.catalog = catalog_for(language)
        self.translations = translations(self.catalog)

    def __call__(self, text: str) -> str:
        if not isinstance(text, Text):
            return text
        if text.plural is not None:
            shown = self.translations.ngettext(text.msgid, text.plural, text.n or 0)
        else:
            shown = self.translations.gettext(text.msgid)
        if text.values is None:
            return shown
        return shown.format(**{name: self(value) for name, value in text.values.items()})

    def __getattr__(self, name: str) -> str:
        value = getattr(texts, name, None)
        if not isinstance(value, Text):
            raise AttributeError(name)
        return self(value)

    def gettext(self, message: str) -> str:
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return self.translations.ngettext(singular, plural, count)

    def words_for_yes_no(self) -> tuple[set[str], set[str]]:
        """What counts as yes and as no at a prompt: this language's words and English."""
        yes = set(self(texts.PLAIN_YES_WORDS).casefold().split()) | {"y", "yes"}
        no = set(self(texts.PLAIN_NO_WORDS).casefold().split()) | {"n", "no"}
        return yes, no


@cache
def words(language: str | None = None) -> Words:
    """The (shared, immutable) :class:`Words` of ``language``."""
    return Words(language)


ENGLISH = Words(SOURCE_LANGUAGE)


def in_each(text: str, languages: Sequence[str], separator: str = " / ") -> str:
    """``text`` in each of ``languages``, each wording once ("Language / Sprache"): what a
    respondent reads before choosing their language."""
    shown: list[str] = []
    for language in languages:
        worded = words(language)(text)
        if worded not in shown:
            shown.append(worded)
    return separator.join(shown)


def declared(tag: str, languages: Sequence[str]) -> str | None:
    """The declared language that serves ``tag`` (``de-AT`` -> ``de``), or None."""
    from survey_tui.core.errors import SurveyError
    from survey_tui.core.languages import resolve_language

    try:
        return resolve_language(tag.strip(), languages)
    except SurveyError:
        return None


#: At most this many entries of an Accept-Language header are looked at.
ACCEPT_MAX = 20


def negotiate(accept: str, languages: Sequence[str]) -> str | None:
    """The declared language a browser's ``Accept-Language`` prefers (RFC 9110: by weight,
    then order; ``q=0`` refuses), or None when it names none of them."""
    wishes: list[tuple[float, int, str]] = []
    for index, part in enumerate(accept.split(",")[:ACCEPT_MAX]):
        tag, _, params = part.strip().partition(";")
        weight = 1.0
        name, _, value = params.strip().partition("=")
        if name.strip() == "q":
            try:
                weight = float(value)
            except ValueError:
                continue
        if tag and tag != "*" and weight > 0:
            wishes.append((-weight, index, tag))
    for _, _, tag in sorted(wishes):
        found = declared(tag, languages)
        if found is not None:
            return found
    return None


def jinja_callables(chosen: Words) -> dict[str, Any]:
    """``_``, ``gettext`` and ``ngettext`` for a template rendered in ``chosen``'s language."""
    return {"_": chosen.gettext, "gettext": chosen.gettext, "ngettext": chosen.ngettext}
