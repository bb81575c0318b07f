"""The 0-10 scale's choice list: one key per point, and "1 then 0" for 10."""

from __future__ import annotations

import time
from typing import Any, ClassVar

from survey_tui.core import texts
from survey_tui.frontends.tui.widgets.answers import ChoiceSet

# The whole hint line of a 0-10 scale in English (the widget shows it in the app's language).
TEN_HINT = texts.join(texts.KEYS_TEN, texts.KEYS_NEXT)


class TenPointSet(ChoiceSet):
    """Digits choose 0-9; ``1`` followed quickly by ``0`` chooses 10 (as one types "10").

    A lone ``0`` still chooses 0: only a ``0`` within ``TEN_WITHIN`` seconds of a ``1``
    means 10, so the keys read the way the number is written.
    """

    TEN_WITHIN: ClassVar[float] = 1.0

    def __init__(self, *labels: str, **kwargs: Any) -> None:
        digits = {str(point): point for point in range(10)}
        super().__init__(*labels, digits=digits, **kwargs)
        self._one_at: float | None = None

    def _digit(self, index: int) -> None:
        now = time.monotonic()
        if index == 0 and self._one_at is not None and now - self._one_at <= self.TEN_WITHIN:
            index = 10
        self._one_at = now if index == 1 else None
        self.choose(index)
