"""Whether a stored value counts as an answer: the one rule for every place that asks.

No answer is ``None`` or an empty text, list (multi-choice) or map (matrix). Conditions,
required checks, progress, resuming, the review, the analysis' counts and the import's
required check all read it from here.
"""

from __future__ import annotations

from typing import Any


def is_answered(value: Any) -> bool:
    """Whether ``value`` (a stored answer, or None) is an answer."""
    return value is not None and value != "" and value != [] and value != {}
