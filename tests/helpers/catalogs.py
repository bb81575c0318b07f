"""The product's message catalogs: what Babel extracts, and the shipped ``.po`` files.

Used by the catalog tests, and by maintainers after changing a message
(docs/front-ends.md, "Languages"):

    python -m tests.helpers.catalogs update    # messages.pot from the sources, then every .po merged
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
LOCALE = ROOT / "survey_tui" / "locale"
TEMPLATE = LOCALE / "messages.pot"

#: The markers of a message: texts.N_/T_/Tn_ in Python, _()/gettext/ngettext in templates
#: (the same as ``pybabel extract -k N_ -k T_ -k Tn_:1,2`` with Babel's default keywords).
KEYWORDS: dict[str, Any] = {
    "N_": None,
    "T_": None,
    "Tn_": (1, 2),
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
}
#: Where messages are: babel.cfg, the file ``pybabel extract -F`` reads too.
MAPPING = ROOT / "babel.cfg"

#: ``{name}`` (str.format) and ``%(name)s`` (Jinja2's gettext) placeholders.
PLACEHOLDER = re.compile(r"\{[a-z_0-9]*\}|%\([a-z_0-9]+\)[sd]")


def mapping() -> tuple[list[tuple[str, str]], dict[str, dict[str, str]]]:
    from babel.messages.frontend import parse_mapping_cfg

    with MAPPING.open(encoding="utf-8") as stream:
        method_map, options_map = parse_mapping_cfg(stream, filename=str(MAPPING))
    return method_map, options_map


def extracted() -> Any:
    """A Babel catalog of every message the sources mark."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir

    method_map, options_map = mapping()
    catalog = Catalog(project="survey-tui", domain="messages", charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
        str(ROOT),
        method_map=method_map,
        options_map=options_map,
        keywords=KEYWORDS,
        comment_tags=("Translators:",),
    ):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def shipped() -> dict[str, Any]:
    """Every shipped ``<tag>.po``, read with Babel."""
    from babel.messages.pofile import read_po

    found = {}
    for path in sorted(LOCALE.glob("*.po")):
        with path.open("rb") as stream:
            found[path.stem] = read_po(stream, locale=path.stem)
    return found


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def words_in(text: str) -> set[str]:
    """The words of ``text``, case-folded (placeholders and key names count as words)."""
    return {word.casefold() for word in WORD.findall(text)}


def english_only_words(language: str, *also_allowed: str) -> set[str]:
    """The words of the product's English messages that none of ``language``'s translations
    (nor ``also_allowed``, e.g. the questionnaire's own texts in it) uses: one of them on a
    screen meant for that language is an untranslated word of the product."""
    english: set[str] = set()
    translated: set[str] = set()
    for message in shipped()[language]:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in ids:
            english |= words_in(PLACEHOLDER.sub(" ", text))
        for text in strings:
            translated |= words_in(PLACEHOLDER.sub(" ", text))
    for text in also_allowed:
        translated |= words_in(text)
    return {word for word in english - translated if len(word) > 1}


def update() -> None:
    """Write messages.pot from the sources, then merge it into every shipped .po."""
    from babel.messages.pofile import read_po, write_po

    template = extracted()
    with TEMPLATE.open("wb") as stream:
        # No source locations: a line moving in the code must not rewrite every catalog.
        write_po(stream, template, width=100, omit_header=False, no_location=True)
    for path in sorted(LOCALE.glob("*.po")):
        with path.open("rb") as stream:
            catalog = read_po(stream, locale=path.stem)
        catalog.update(template, no_fuzzy_matching=True)
        with path.open("wb") as stream:
            write_po(stream, catalog, width=100, ignore_obsolete=True, no_location=True)


if __name__ == "__main__":
    if sys.argv[1:] != ["update"]:
        sys.exit(__doc__)
    update()
