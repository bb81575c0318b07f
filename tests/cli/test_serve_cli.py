"""``survey-tui serve``: every bad input exits 2 before anything starts; the plan it serves."""

from __future__ import annotations

import socket
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from survey_tui.cli import main
from survey_tui.commands.serve import ServePlan

SMALL = Path(__file__).parent.parent / "e2e" / "serve_small.yaml"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def serve(db: Path, *args: str, ref: str = str(SMALL), stdin: str | None = None) -> Result:
    return CliRunner().invoke(main, ["serve", ref, "--db", str(db), *args], input=stdin)


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> list[ServePlan]:
    """What the server would have been started with (it cannot run under CliRunner)."""
    started: list[ServePlan] = []

    def fake_run_server(plan: ServePlan) -> int:
        started.append(plan)
        return 0

    monkeypatch.setattr("survey_tui.frontends.web.server.run_server", fake_run_server)
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
        (("--certfile", "c.pem"), "--certfile and --keyfile go together"),
        (("--keyfile", "k.pem"), "--certfile and --keyfile go together"),
        (("--certfile", "nope.pem", "--keyfile", "nope.key"), "nope.pem: no such file"),
        (("--rate-limit", "0"), "--rate-limit must be above 0"),
        (("--per-page", "chapter"), "'chapter' is not one of 'question', 'section'"),
        (("--pin", "1234"), "No such option '--pin'"),
    ],
)
def test_bad_options_exit_2(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    result = serve(tmp_path / "r.json", "--port", str(free_port()), *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert not (tmp_path / "r.json").exists()


def test_a_certificate_that_does_not_match_its_key_exits_2(tmp_path: Path) -> None:
    cert, _ = self_signed(tmp_path)
    _, other_key = self_signed(tmp_path / "other")
    result = serve(
        tmp_path / "r.json", "--certfile", str(cert), "--keyfile", str(other_key), "--dry-run"
    )
    assert result.exit_code == 2
    assert f"{cert}: cannot use it with {other_key} for TLS" in result.stderr


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A throwaway certificate for 127.0.0.1 (openssl, as a facilitator would make one)."""
    folder.mkdir(parents=True, exist_ok=True)
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


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


def test_tls_serves_https_without_the_plain_http_warning(
    tmp_path: Path, served: list[ServePlan]
) -> None:
    cert, key = self_signed(tmp_path)
    port = free_port()
    args = (
        "--host",
        "0.0.0.0",
        "--port",
        str(port),
        "--certfile",
        str(cert),
        "--keyfile",
        str(key),
    )
    result = serve(tmp_path / "r.json", *args)
    assert result.exit_code == 0, result.output
    assert f":{port}/" in result.stdout and "https://" in result.stdout
    assert "warning" not in result.stderr
    [plan] = served
    assert plan.ssl_context is not None


def test_plan_on_absolute_paths_with_the_options_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, served: list[ServePlan]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "q.yaml").write_text(SMALL.read_text())
    port = str(free_port())
    args = ["--group", "eng", "--wave", "w2", "--per-page", "section", "--rate-limit", "500"]
    result = serve(Path("r.json"), "--port", port, "--kiosk", *args, ref="q.yaml")
    assert result.exit_code == 0, result.output
    [plan] = served
    assert plan.store_path == tmp_path / "r.json"
    assert plan.questionnaire_path == tmp_path / "q.yaml"
    assert (plan.group, plan.wave, plan.per_page, plan.rate_limit) == ("eng", "w2", "section", 500)
    assert plan.kiosk and plan.warning is None and plan.ssl_context is None
    assert "Stopped. 0 complete response(s)" in result.stdout
