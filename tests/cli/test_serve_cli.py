"""``survey-tui serve``: every bad input exits 2 before anything starts; the plan it serves."""

from __future__ import annotations

import signal
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from survey_tui.cli import main
from survey_tui.commands.run import SERVE_PIN_ENV
from survey_tui.commands.serve import ServePlan, plan_serve
from survey_tui.core.loader import load
from survey_tui.core.store import ResponseStore
from survey_tui.serving import LiveCounts

SMALL = Path(__file__).parent.parent / "e2e" / "serve_small.yaml"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def serve(db: Path, *args: str, ref: str = str(SMALL), stdin: str | None = None) -> Result:
    return CliRunner().invoke(main, ["serve", ref, "--db", str(db), *args], input=stdin)


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> list[tuple[ServePlan, str | None]]:
    """What the server would have been started with (it cannot run under CliRunner)."""
    started: list[tuple[ServePlan, str | None]] = []

    def fake_run_server(plan: ServePlan) -> int:
        import os

        started.append((plan, os.environ.get(SERVE_PIN_ENV)))
        return 0

    monkeypatch.setattr("survey_tui.serving.run_server", fake_run_server)
    monkeypatch.delenv(SERVE_PIN_ENV, raising=False)
    return started


def test_bad_questionnaire_exits_2_with_its_location(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(SMALL.read_text().replace("type: likert", "type: likret"))
    db = tmp_path / "r.json"
    result = serve(db, "--port", str(free_port()), ref=str(bad))
    assert result.exit_code == 2
    assert f"{bad}:" in result.stderr and "likret" in result.stderr
    assert "Traceback" not in result.output
    assert not db.exists()


def test_missing_questionnaire_exits_2(tmp_path: Path) -> None:
    result = serve(tmp_path / "r.json", ref="no-such-questionnaire")
    assert result.exit_code == 2
    assert "no-such-questionnaire" in result.stderr


def test_unknown_group_exits_2_and_names_the_groups(tmp_path: Path) -> None:
    result = serve(tmp_path / "r.json", "--group", "board", "--port", str(free_port()))
    assert result.exit_code == 2
    assert "unknown group 'board'" in result.stderr and "exec, eng" in result.stderr


def test_busy_port_exits_2_with_a_clear_message(tmp_path: Path, served: list[Any]) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = serve(tmp_path / "r.json", "--port", str(port))
    assert result.exit_code == 2
    assert f"port {port} on 127.0.0.1 is already in use" in result.stderr
    assert served == []  # nothing started
    assert list(tmp_path.iterdir()) == []  # the store was not even opened


def test_unknown_host_exits_2(tmp_path: Path) -> None:
    result = serve(tmp_path / "r.json", "--host", "no-such-host.invalid", "--dry-run")
    assert result.exit_code == 2
    assert "cannot serve on host 'no-such-host.invalid'" in result.stderr


def test_store_in_a_missing_folder_exits_2(tmp_path: Path) -> None:
    result = serve(tmp_path / "nowhere" / "r.json", "--port", str(free_port()))
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--pin", "1"), "--pin only applies with --kiosk"),
        (("--kiosk", "--pin", ""), "must not be empty"),
    ],
)
def test_bad_kiosk_options_exit_2(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    result = serve(tmp_path / "r.json", *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_loopback_by_default_without_a_warning(tmp_path: Path) -> None:
    port = free_port()
    result = serve(tmp_path / "r.json", "--port", str(port), "--dry-run")
    assert result.exit_code == 0, result.output
    assert f"http://127.0.0.1:{port}/" in result.stdout
    assert "warning" not in result.stderr


def test_another_host_warns_about_plain_http_on_the_network(tmp_path: Path) -> None:
    result = serve(
        tmp_path / "r.json", "--host", "0.0.0.0", "--port", str(free_port()), "--dry-run"
    )
    assert result.exit_code == 0, result.output
    assert "warning: serving on 0.0.0.0" in result.stderr
    assert "plain HTTP" in result.stderr
    assert "http://0.0.0.0" not in result.stdout  # a wildcard is no address to give people


def test_plan_runs_the_respondent_app_in_serve_mode_on_absolute_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "q.yaml").write_text(SMALL.read_text())
    plan = plan_serve("q.yaml", port=free_port(), group="eng", wave="w2", db=Path("r.json"))
    assert plan.warning is None
    assert f"--db {tmp_path / 'r.json'} run {tmp_path / 'q.yaml'}" in plan.command
    assert "--mode serve" in plan.command and "--group eng" in plan.command
    assert "--wave w2" in plan.command and "--kiosk" not in plan.command


def test_kiosk_pin_is_asked_once_and_kept_off_the_command_line(
    tmp_path: Path, served: list[tuple[ServePlan, str | None]]
) -> None:
    port = free_port()
    result = serve(tmp_path / "r.json", "--kiosk", "--port", str(port), stdin="4321\n4321\n")
    assert result.exit_code == 0, result.output
    assert f"http://127.0.0.1:{port}/" in result.stdout
    assert "4321" not in result.output
    [(plan, pin)] = served
    assert plan.kiosk and "--kiosk" in plan.command
    assert pin == "4321" and "4321" not in plan.command


@pytest.fixture
def sigint_restored() -> Iterator[None]:
    # `run --mode serve` ignores SIGINT (the server stops its apps); keep pytest's handler.
    handler = signal.getsignal(signal.SIGINT)
    yield
    signal.signal(signal.SIGINT, handler)


@pytest.mark.usefixtures("sigint_restored")
@pytest.mark.parametrize("kiosk", [False, True])
def test_served_run_stores_mode_serve_and_never_resumes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kiosk: bool
) -> None:
    from survey_tui.tui.app import SurveyApp

    started: list[SurveyApp] = []
    monkeypatch.setattr(SurveyApp, "run", lambda self, *a, **k: started.append(self))
    # Every served app shares user and host: a terminal resume key would be the same for all.
    monkeypatch.setattr("survey_tui.core.session.terminal_resume_key", lambda: "ann@laptop")
    monkeypatch.setenv(SERVE_PIN_ENV, "2468")
    args = ["run", str(SMALL), "--db", str(tmp_path / "r.json"), "--group", "eng"]
    plain = CliRunner().invoke(main, args)
    result = CliRunner().invoke(main, [*args, "--mode", "serve", *(["--kiosk"] * kiosk)])
    assert plain.exit_code == 0 and result.exit_code == 0, result.output
    ordinary, served_app = started
    assert ordinary.mode == "run" and ordinary.resume_key == "ann@laptop"
    assert served_app.mode == "serve" and served_app.resume_key is None
    if kiosk:
        assert served_app._pin == "2468"  # type: ignore[attr-defined]


@pytest.mark.usefixtures("sigint_restored")
def test_served_kiosk_without_the_pin_in_the_environment_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(SERVE_PIN_ENV, raising=False)
    args = ["run", str(SMALL), "--db", str(tmp_path / "r.json"), "--mode", "serve", "--kiosk"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert SERVE_PIN_ENV in result.stderr


def test_live_counts_per_group_from_the_store(tmp_path: Path) -> None:
    q = load(SMALL)
    store = ResponseStore(tmp_path / "r.json")
    # A partial left over from before serving began: not someone answering now.
    old = ResponseStore(tmp_path / "elsewhere.json").start(q, group="exec", mode="run")
    old["updated_at"] = "2000-01-01T00:00:00Z"
    assert store.insert_many([old]) == (1, 0)
    counts = LiveCounts(q, "default", since="2001-01-01T00:00:00Z")
    first, counts.token = store.changes_since(None)
    counts.update(first)
    assert counts.line() == "complete: exec 0, eng 0"
    done = store.start(q, group="eng", mode="serve")
    store.start(q, group="eng", mode="serve")
    store.submit(done)
    store.start(q, group="eng", wave="other", mode="serve")  # another wave: not counted
    changed, counts.token = store.changes_since(counts.token)
    counts.update(changed)
    assert counts.line() == "complete: exec 0, eng 1 · in progress: eng 1"
    assert counts.complete_since_start() == 1
