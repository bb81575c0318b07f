"""The product's words for a widget: those of the respondent's language in the survey app."""

from __future__ import annotations

from typing import Any

from survey_tui.core.i18n import ENGLISH, Words


def words_of(node: Any) -> Words:
    """The :class:`Words` of the app ``node`` runs in (English in apps without a language)."""
    found = getattr(node.app, "words", None)
    return found if isinstance(found, Words) else ENGLISH
