"""The response store (see :mod:`survey_tui.core.store.response_store`)."""

from __future__ import annotations

from survey_tui.core.store.response_store import (
    FORMAT_VERSION,
    ResponseStore,
    default_store_path,
    utc_now,
)
from survey_tui.core.store.storage import AtomicOrjsonStorage

__all__ = [
    "FORMAT_VERSION",
    "AtomicOrjsonStorage",
    "ResponseStore",
    "default_store_path",
    "utc_now",
]
