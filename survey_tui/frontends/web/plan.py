"""What ``serve`` will do, decided and checked before anything starts (by
``survey_tui.commands.serve.plan_serve``), and handed to :func:`..server.run_server`.

A module of its own, without aiohttp, so that the command line can build a plan (and
``serve --help`` can show its defaults) without loading the server.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from survey_tui.core.flow import PerPage
from survey_tui.core.model import Questionnaire

if TYPE_CHECKING:
    import ssl

#: Requests a second allowed per client address (bursts of 3x), unless ``--rate-limit``.
DEFAULT_RATE_LIMIT = 20.0


@dataclass(frozen=True)
class ServePlan:
    """What ``serve`` will do, decided and checked before anything starts."""

    questionnaire: Questionnaire
    questionnaire_path: Path
    store_path: Path
    host: str
    port: int
    url: str
    kiosk: bool
    group: str | None
    wave: str
    warning: str | None  # set when the server is reachable from other machines over HTTP
    per_page: PerPage = "question"
    rate_limit: float = DEFAULT_RATE_LIMIT
    ssl_context: ssl.SSLContext | None = None
    language: str | None = None  # --lang: every page in it, no choice offered
