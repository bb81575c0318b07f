"""The product's message catalogs: every message the code marks is translated in every shipped
catalog, with the same placeholders; the template is current; a tag without a catalog of its
own falls back along its prefix (de-CH -> de), then to English."""

from __future__ import annotations

import pytest
from helpers.catalogs import TEMPLATE, extracted, placeholders, shipped

from survey_tui.core import texts
from survey_tui.core.i18n import catalog_for, catalog_languages, words


def _ids(catalog: object) -> set[object]:
    return {message.id for message in catalog if message.id}  # type: ignore[attr-defined]


def test_german_is_shipped() -> None:
    assert "de" in shipped()
    assert catalog_languages()[0] == "en"  # the source language, its words are the ids
    assert "de" in catalog_languages()


@pytest.mark.parametrize("language", sorted(shipped()))
def test_every_message_is_translated_in_every_catalog(language: str) -> None:
    catalog = shipped()[language]
    by_id = {message.id: message for message in catalog if message.id}
    missing = [m.id for m in extracted() if m.id and m.id not in by_id]
    assert missing == [], f"{language}.po lacks: {missing}"
    for message in by_id.values():
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings), f"{language}.po: {message.id!r} has no translation"
        assert not message.fuzzy, f"{language}.po: {message.id!r} is fuzzy (unchecked)"


@pytest.mark.parametrize("language", sorted(shipped()))
def test_placeholders_match_between_id_and_translation(language: str) -> None:
    for message in shipped()[language]:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = placeholders(ids[-1])
        for text in strings:
            # A singular may name its count in words ("eine Frage"): plural forms need not
            # carry {count}, every other placeholder they must.
            got = placeholders(text)
            assert [p for p in got if p != "{count}"] == [p for p in wanted if p != "{count}"], (
                f"{language}.po: {message.id!r} -> {text!r}"
            )


def test_the_template_is_current() -> None:
    """messages.pot holds exactly the messages the code marks (python -m tests.helpers.catalogs
    update rewrites it after a change)."""
    from babel.messages.pofile import read_po

    with TEMPLATE.open("rb") as stream:
        template = read_po(stream)
    assert _ids(template) == _ids(extracted())


def test_a_regional_tag_falls_back_to_its_language_then_english() -> None:
    assert catalog_for("de-CH") == "de"
    assert catalog_for("de_at") == "de"
    assert catalog_for("DE") == "de"
    assert catalog_for("fr") == "en"
    assert catalog_for(None) == "en"
    assert words("de-CH")(texts.NEXT) == "Weiter"
    assert words("de-CH").language == "de-CH"
    assert words("fr")(texts.NEXT) == "Next"


def test_messages_with_values_and_plurals_read_in_german() -> None:
    german = words("de")
    assert german(texts.length_text(1, 1, False)) == "1 Frage, etwa 1 Minute."
    assert german(texts.length_text(7, 2.5, True)) == "Bis zu 7 Fragen, etwa 2.5 Minuten."
    assert german(texts.T_(texts.PROGRESS_ONE, number=3, of=12)) == "Frage 3 von 12"
    # An authored text that reads like a message id stays as written.
    assert german("Next") == "Next"
