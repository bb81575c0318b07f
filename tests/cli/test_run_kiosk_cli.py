"""``survey-tui run --kiosk``: option checks and the PIN asked once before the app starts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from survey_tui.cli import main
from survey_tui.frontends.tui.apps.kiosk import KioskApp

ONE = Path(__file__).parent.parent / "ui" / "kiosk_one.yaml"


def invoke(db: Path, *args: str, stdin: str | None = None):
    return CliRunner().invoke(main, ["run", str(ONE), "--db", str(db), *args], input=stdin)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--pin", "1"), "--pin only applies with --kiosk"),
        (("--kiosk", "--plain", "--pin", "1"), "cannot be combined with --plain"),
        (("--kiosk", "--pin", ""), "must not be empty"),
        # Guessable in minutes: at least 4 digits (the prompt also waits after wrong tries).
        (("--kiosk", "--pin", "123"), "the facilitator PIN must be at least 4 digits (0-9)"),
        (("--kiosk", "--pin", "12a4"), "the facilitator PIN must be at least 4 digits (0-9)"),
        (("--wave", ""), "--wave must not be empty"),
        (("--plain", "--wave", " "), "--wave must not be empty"),
    ],
)
def test_bad_kiosk_options_exit_2_and_write_nothing(
    tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    db = tmp_path / "r.json"
    result = invoke(db, *args)
    assert result.exit_code == 2
    assert message in result.output
    assert not db.exists()


def test_pin_is_asked_with_confirmation_when_not_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[KioskApp] = []
    # The full-screen app cannot run under CliRunner; record what it was started with.
    monkeypatch.setattr(KioskApp, "run", lambda self, *a, **k: started.append(self))
    result = invoke(tmp_path / "r.json", "--kiosk", "--group", "b", stdin="12\n13\n9876\n9876\n")
    assert result.exit_code == 0, result.output
    assert "do not match" in result.output  # the mistyped confirmation is asked again
    assert "9876" not in result.output  # hidden input
    [app] = started
    assert app._pin == "9876" and app.mode == "kiosk" and app.resume_key is None
    assert app.fixed_group == "b"


def test_a_short_pin_typed_at_the_prompt_exits_2_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[KioskApp] = []
    monkeypatch.setattr(KioskApp, "run", lambda self, *a, **k: started.append(self))
    db = tmp_path / "r.json"
    result = invoke(db, "--kiosk", "--group", "b", stdin="12\n12\n")
    assert result.exit_code == 2
    assert "at least 4 digits" in result.output and not started
    assert not db.exists()


def test_kiosk_pin_without_a_terminal_exits_2_and_writes_nothing(tmp_path: Path) -> None:
    # A real process with stdin from /dev/null: getpass used to warn, read end-of-input and
    # click aborted with exit 1 (kept for bugs).
    db = tmp_path / "r.json"
    args = ["--db", str(db), "run", str(ONE), "--kiosk"]
    done = subprocess.run(
        [sys.executable, "-m", "survey_tui", *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2, done.stderr
    assert "no terminal to ask the facilitator PIN; pass --pin" in done.stderr
    assert "Aborted" not in done.stderr and "GetPassWarning" not in done.stderr
    assert not db.exists()
