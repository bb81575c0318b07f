"""The response store (see :mod:`survey_tui.core.store.response_store`)."""

from __future__ import annotations

from survey_tui.core.store.common import FORMAT_VERSION, default_store_path, utc_now
from survey_tui.core.store.response_store import ResponseStore
from survey_tui.core.store.storage import AtomicOrjsonStorage

__all__ = [
    "FORMAT_VERSION",
    "AtomicOrjsonStorage",
    "ResponseStore",
    "default_store_path",
    "utc_now",
]
