"""``validate`` and ``run`` start fast: they never import the statistics or report stack.

scipy and numpy (the analysis), jinja2 and markdown-it (reports) cost most of a second to
import; a respondent waiting for the first question, or a questionnaire author checking a file
on every save, should not pay for them. Each check runs in a fresh interpreter, so what one test
imported cannot hide what another needs.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("scipy", "numpy", "jinja2", "markdown_it")
FLAGSHIP = "ai-expectation-gap"


def _heavy_after(code: str, tmp_path: Path) -> list[str]:
    probe = (
        "import json, sys\n"
        + code
        + f"\nprint(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return list(json.loads(done.stdout.strip().splitlines()[-1]))


def test_validate_imports_no_statistics_or_report_stack(tmp_path: Path) -> None:
    code = (
        "from click.testing import CliRunner\n"
        "from survey_tui.cli import main\n"
        f"r = CliRunner().invoke(main, ['validate', {FLAGSHIP!r}])\n"
        "assert r.exit_code in (0, 2), r.output\n"
    )
    assert _heavy_after(code, tmp_path) == []


def test_plain_run_imports_no_statistics_or_report_stack(tmp_path: Path) -> None:
    db = tmp_path / "r.json"
    # No answers on stdin: the run stops at the first question, having loaded all it needs.
    code = (
        "from click.testing import CliRunner\n"
        "from survey_tui.cli import main\n"
        f"r = CliRunner().invoke(main, ['--db', {str(db)!r}, 'run', {FLAGSHIP!r}, '--plain'],"
        " input='')\n"
        "assert 'Traceback' not in r.output, r.output\n"
    )
    assert _heavy_after(code, tmp_path) == []


@pytest.mark.slow
def test_tui_run_shows_a_question_without_the_statistics_or_report_stack(tmp_path: Path) -> None:
    db = tmp_path / "r.json"
    code = (
        "import asyncio\n"
        "from survey_tui.commands.common import load_questionnaire\n"
        "from survey_tui.core.store import ResponseStore\n"
        "from survey_tui.frontends.tui.apps.survey import SurveyApp\n"
        f"q = load_questionnaire({FLAGSHIP!r})\n"
        f"app = SurveyApp(q, ResponseStore({str(db)!r}))\n"
        "async def go():\n"
        "    async with app.run_test(size=(80, 24)) as pilot:\n"
        "        await pilot.press('enter')\n"
        "        await pilot.pause()\n"
        "asyncio.run(go())\n"
    )
    assert _heavy_after(code, tmp_path) == []
