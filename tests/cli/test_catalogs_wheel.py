"""The message catalogs ship inside the wheel, and an installed (not editable) package finds
them: German words without the source checkout."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_an_installed_wheel_speaks_german(tmp_path: Path) -> None:
    built = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(built), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = built.glob("survey_tui-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "survey_tui/locale/de.po" in names
    assert "survey_tui/locale/de.mo" in names  # compiled by hatch_build.py
    assert "survey_tui/locale/messages.pot" in names
    target = tmp_path / "installed"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "-t", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    script = (
        "import survey_tui; from survey_tui.core.i18n import words; from survey_tui.core import"
        " texts; print(survey_tui.__file__); print(words('de-CH')(texts.NEXT_RESPONDENT));"
        " import sys; print('babel.messages.pofile' in sys.modules)"
    )
    shown = subprocess.run(
        [sys.executable, "-c", script],
        cwd=tmp_path,  # not the checkout: the package must come from the install
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.splitlines()
    assert shown[0].startswith(str(target))
    assert shown[1] == "Nächste Person"
    assert shown[2] == "False"  # read from the compiled .mo, no .po parsed
