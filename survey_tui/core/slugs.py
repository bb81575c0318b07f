"""Option values made from labels: one rule for questionnaires, languages and the log."""

from __future__ import annotations

import re


def slugify(label: str) -> str:
    """Option value for a label: lower case, runs of non-alphanumerics to ``_``."""
    return re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_")
