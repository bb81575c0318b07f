"""Test-wide setup: nothing a test runs writes into the real user data dir.

The machine token that resuming needs (survey_tui.core.owner), the feedback log's contributor
token and its remembered choices live in the platformdirs user data dir; XDG_DATA_HOME points
it at a fresh temporary folder for each test (set in ``os.environ`` so that subprocesses
inherit it too), so no test sees what another remembered.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _private_user_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("xdg-data")
    old = os.environ.get("XDG_DATA_HOME")
    os.environ["XDG_DATA_HOME"] = str(folder)
    yield folder
    if old is None:
        os.environ.pop("XDG_DATA_HOME", None)
    else:
        os.environ["XDG_DATA_HOME"] = old
