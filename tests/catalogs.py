"""The product's message catalogs: what Babel extracts, and the shipped ``.po`` files.

Used by the catalog tests, and by maintainers after changing a message
(docs/front-ends.md, "Languages"):

    python -m tests.catalogs update    # messages.pot from the sources, then every .po merged
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "survey_tui" / "locale"
TEMPLATE = LOCALE / "messages.pot"

#: The markers of a message: texts.N_/T_/Tn_ in Python, _()/gettext/ngettext in templates.
KEYWORDS: dict[str, Any] = {
    "N_": None,
    "T_": None,
    "Tn_": (1, 2),
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
}
#: Where messages are: the package's Python and web templates, the shipped report templates.
METHOD_MAP = [
    ("survey_tui/**.py", "python"),
    ("survey_tui/web/templates/**.html", "jinja2"),
    ("report_templates/**.j2", "jinja2"),
    ("report_templates/**.jinja", "jinja2"),
]
JINJA_OPTIONS = {"extensions": "jinja2.ext.i18n", "trim_blocks": "true", "lstrip_blocks": "true"}
OPTIONS_MAP = {pattern: JINJA_OPTIONS for pattern, method in METHOD_MAP if method == "jinja2"}

#: ``{name}`` (str.format) and ``%(name)s`` (Jinja2's newstyle gettext) placeholders.
PLACEHOLDER = re.compile(r"\{[a-z_0-9]*\}|%\([a-z_0-9]+\)[sd]")


def extracted() -> Any:
    """A Babel catalog of every message the sources mark."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir

    catalog = Catalog(project="survey-tui", domain="messages", charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
        str(ROOT),
        method_map=METHOD_MAP,
        options_map=OPTIONS_MAP,
        keywords=KEYWORDS,
        comment_tags=("Translators:",),
    ):
        catalog.add(
            message, None, [(filename, lineno)], auto_comments=comments, context=context
        )
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


def update() -> None:
    """Write messages.pot from the sources, then merge it into every shipped .po."""
    from babel.messages.pofile import read_po, write_po

    template = extracted()
    with TEMPLATE.open("wb") as stream:
        write_po(stream, template, width=100, omit_header=False, sort_output=False)
    for path in sorted(LOCALE.glob("*.po")):
        with path.open("rb") as stream:
            catalog = read_po(stream, locale=path.stem)
        catalog.update(template, no_fuzzy_matching=True)
        with path.open("wb") as stream:
            write_po(stream, catalog, width=100, ignore_obsolete=True)


if __name__ == "__main__":
    if sys.argv[1:] != ["update"]:
        sys.exit(__doc__)
    update()
