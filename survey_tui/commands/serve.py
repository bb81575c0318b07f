"""``survey-tui serve``: the questionnaire as an accessible HTML form for web browsers.

Everything the user can get wrong (questionnaire, group, host, busy port, store, TLS files) is
checked by :func:`plan_serve` before anything starts; :func:`serve` then prints the URL, a QR
code and live counts while :mod:`survey_tui.frontends.web.server` serves the form.
"""

from __future__ import annotations

import errno
import ipaddress
import socket
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from survey_tui.commands.common import (
    chosen_language,
    db_option,
    lang_option,
    recording_wave_option,
    store_path,
)
from survey_tui.core.catalog import resolve_questionnaire
from survey_tui.core.errors import SurveyError
from survey_tui.core.flow import PER_PAGE, PerPage
from survey_tui.core.loader import load
from survey_tui.core.model import Questionnaire
from survey_tui.frontends.web.plan import DEFAULT_RATE_LIMIT, ServePlan

if TYPE_CHECKING:
    import ssl

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


NETWORK_WARNING = (
    "warning: serving on {host}: anyone who can reach this machine on the network can open "
    "the survey, and answers travel unencrypted (plain HTTP). Use it only on a network you "
    "trust, or give --certfile and --keyfile."
)


def plan_serve(
    ref: str,
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    kiosk: bool = False,
    group: str | None = None,
    wave: str = "default",
    db: Path,
    per_page: PerPage = "question",
    rate_limit: float = DEFAULT_RATE_LIMIT,
    certfile: Path | None = None,
    keyfile: Path | None = None,
    lang: str | None = None,
) -> ServePlan:
    """Check every input and decide the URL; raises SurveyError."""
    path = resolve_questionnaire(ref).resolve()
    questionnaire = load(path)
    if group is not None and group not in questionnaire.group_ids:
        raise SurveyError(
            f"unknown group {group!r}; choose one of: {', '.join(questionnaire.group_ids)}"
        )
    if not wave.strip():
        raise SurveyError("--wave must not be empty")
    language = chosen_language(questionnaire, lang)
    if per_page not in PER_PAGE:
        raise SurveyError(f"--per-page must be one of: {', '.join(PER_PAGE)}")
    if not rate_limit > 0:
        raise SurveyError("--rate-limit must be above 0 (requests a second per client)")
    context = _tls(certfile, keyfile)
    # The network first: a busy port must not even open (create the lock of) the store.
    addresses = _resolve(host, port)
    _check_port_free(host, port, addresses)
    db = db.resolve()
    _check_store(db, questionnaire)
    loopback = all(ipaddress.ip_address(a[4][0].split("%")[0]).is_loopback for a in addresses)
    return ServePlan(
        questionnaire=questionnaire,
        questionnaire_path=path,
        store_path=db,
        host=host,
        port=port,
        url=_display_url(host, port, "https" if context else "http"),
        kiosk=kiosk,
        group=group,
        wave=wave,
        warning=None if loopback or context else NETWORK_WARNING.format(host=host),
        per_page=per_page,
        rate_limit=rate_limit,
        ssl_context=context,
        language=language,
    )


def _tls(certfile: Path | None, keyfile: Path | None) -> ssl.SSLContext | None:
    """The TLS context for --certfile/--keyfile (both or neither), checked now."""
    if certfile is None and keyfile is None:
        return None
    if certfile is None or keyfile is None:
        raise SurveyError("--certfile and --keyfile go together (give both, or neither)")
    import ssl

    for path in (certfile, keyfile):
        if not path.is_file():
            raise SurveyError(f"{path}: no such file")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    try:
        context.load_cert_chain(certfile, keyfile)
    except (ssl.SSLError, OSError) as error:
        reason = getattr(error, "reason", None) or getattr(error, "strerror", None) or error
        raise SurveyError(f"{certfile}: cannot use it with {keyfile} for TLS: {reason}") from None
    return context


def _check_store(db: Path, questionnaire: Questionnaire) -> None:
    """Fail now, not in every browser, if the store cannot be read (reading writes nothing)."""
    from survey_tui.core.store import ResponseStore

    if db.exists() or db.parent.is_dir():
        ResponseStore(db).responses(questionnaire.id, status=None, copy=False)
        return
    raise SurveyError(f"{db}: the folder for the store does not exist")


def _resolve(host: str, port: int) -> list[tuple[Any, ...]]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as error:
        raise SurveyError(f"cannot serve on host {host!r}: {error.strerror}") from None
    return list(infos)


def _check_port_free(host: str, port: int, addresses: list[tuple[Any, ...]]) -> None:
    """Bind each address the server will bind (with SO_REUSEADDR, as asyncio does)."""
    for family, kind, proto, _name, address in addresses:
        probe = socket.socket(family, kind, proto)
        try:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(address)
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                raise SurveyError(
                    f"port {port} on {host} is already in use; choose another with --port"
                ) from None
            if error.errno == errno.EACCES:
                raise SurveyError(
                    f"port {port} needs administrator rights; choose one above 1023 with --port"
                ) from None
            raise SurveyError(f"cannot serve on {host}:{port}: {error.strerror}") from None
        finally:
            probe.close()


def _display_url(host: str, port: int, scheme: str = "http") -> str:
    """The URL to give people: a wildcard host is replaced by this machine's LAN address."""
    shown = host
    if host in ("0.0.0.0", "::", ""):
        shown = _lan_address() or socket.gethostname()
    if ":" in shown:
        shown = f"[{shown}]"
    return f"{scheme}://{shown}:{port}/"


def _lan_address() -> str | None:
    # Connecting a UDP socket sends nothing; it only asks the kernel which local address
    # would route outwards (no network needed, so this works offline too).
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("192.0.2.1", 9))  # TEST-NET-1: never routed anywhere
        address: str = probe.getsockname()[0]
        return None if address.startswith("0.") else address
    except OSError:
        return None
    finally:
        probe.close()


def qr_text(url: str) -> str:
    """The URL as a QR code of Unicode half blocks, for phones in the room."""
    import io

    import segno

    out = io.StringIO()
    segno.make(url, error="m").terminal(out=out, compact=True)
    return out.getvalue()


@click.command("serve")
@click.argument("questionnaire")
@click.option("--host", default=DEFAULT_HOST, show_default=True, help="Address to listen on.")
@click.option(
    "--port", type=click.IntRange(1, 65535), default=DEFAULT_PORT, show_default=True, help="Port."
)
@click.option(
    "--kiosk",
    is_flag=True,
    help="One shared device: after each submit the next respondent starts fresh.",
)
@click.option("--group", "group", default=None, help="Fix every respondent's group (by id).")
@recording_wave_option
@click.option(
    "--per-page",
    type=click.Choice(PER_PAGE),
    default="question",
    show_default=True,
    help="One question per page, or one section per page.",
)
@click.option(
    "--certfile",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="TLS certificate (PEM): serve over HTTPS. Needs --keyfile.",
)
@click.option(
    "--keyfile",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The certificate's private key (PEM).",
)
@click.option(
    "--rate-limit",
    type=float,
    default=DEFAULT_RATE_LIMIT,
    show_default=True,
    help="Requests a second allowed per client address (bursts of 3x).",
)
@click.option("--dry-run", is_flag=True, help="Check everything and print the URL; serve nothing.")
@lang_option
@db_option
def serve(
    questionnaire: str,
    host: str,
    port: int,
    kiosk: bool,
    group: str | None,
    wave: str,
    per_page: PerPage,
    certfile: Path | None,
    keyfile: Path | None,
    rate_limit: float,
    dry_run: bool,
    lang: str | None,
    db: str | None,
) -> None:
    """Serve QUESTIONNAIRE as a web form: respondents answer on their own phones and laptops.

    Listens on 127.0.0.1 (this machine only) unless --host says otherwise; without
    --certfile/--keyfile answers go over plain HTTP, so only use another host on a network
    you trust.

    \b
    Example:
      survey-tui serve ai-expectation-gap --port 8123
      survey-tui serve ai-expectation-gap --host 0.0.0.0 --per-page section
      survey-tui serve ai-expectation-gap --lang de
    """
    plan = plan_serve(
        questionnaire,
        host=host,
        port=port,
        kiosk=kiosk,
        group=group,
        wave=wave,
        db=store_path(db),
        per_page=per_page,
        rate_limit=rate_limit,
        certfile=certfile,
        keyfile=keyfile,
        lang=lang,
    )
    if plan.warning:
        click.secho(plan.warning, fg="yellow", err=True)
    if dry_run:
        _say_would_serve(plan)
    else:
        _serve(plan)


def _say_would_serve(plan: ServePlan) -> None:
    """--dry-run: where the form (and the feedback log) would be, nothing started."""
    click.echo(f"Would serve {plan.questionnaire.title!r} on {plan.url}")
    if plan.questionnaire.feedback_log is not None:
        click.echo(f"Feedback log: {plan.url}log")


def _serve(plan: ServePlan) -> None:
    """Say where to open the form, serve it until Ctrl+C, then count what came in."""
    from survey_tui.commands.common import fold_store
    from survey_tui.frontends.web.server import run_server

    _announce(plan)
    try:
        complete = run_server(plan)
    finally:
        fold_store(plan.store_path)  # the store file alone now holds every response
    click.echo(f"\nStopped. {complete} complete response(s) stored while serving.")


def _announce(plan: ServePlan) -> None:
    """The form's URL and QR code, the feedback log's when there is one, and the store."""
    click.echo(f"Serving {plan.questionnaire.title!r} as a web form. Open:\n\n  {plan.url}\n")
    click.echo(qr_text(plan.url))
    if plan.questionnaire.feedback_log is not None:
        # The log is for every day between rounds: a link to bookmark or post in a channel.
        log_url = plan.url + "log"
        click.echo(
            f"Feedback log (bookmark it, or post its QR code in a channel):\n\n  {log_url}\n"
        )
        click.echo(qr_text(log_url))
    click.echo(f"Store: {plan.store_path}. Ctrl+C stops.")
