"""What keeps strangers out of the web form: host and origin checks, the anti-forgery token,
a per-client rate limit, strict response headers, and logs without tracebacks.

- Host: only an IP address, ``localhost`` or this machine's own name is served, so a web page
  elsewhere cannot reach the form through a domain name of its own (DNS rebinding).
- Origin: every POST must come from a page of this very server (same scheme, host and port
  as the request); a missing Origin falls back to the Referer; neither: refused.
- Anti-forgery token: a random cookie, and in every form an HMAC of it under a secret made
  when the server starts (signed double submit); a page from before a restart has expired.
- Rate limit: a token bucket per client address.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import logging
import secrets
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from urllib.parse import urlsplit

LOG = logging.getLogger("survey_tui.frontends.web")

CSRF_COOKIE = "st_form"
RESUME_COOKIE = "st_resume"

#: Sent with every response (pages, static files, errors).
HEADERS = {
    # No inline script or style anywhere: the form's script and styles are files of ours.
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; "
        "object-src 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    # same-origin, not no-referrer: with no-referrer browsers send "Origin: null" on the
    # form's own posts, and the origin check needs the real one. Other sites get nothing.
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


@cache
def own_names() -> frozenset[str]:
    """Names this machine answers to (besides IP addresses and localhost)."""
    names = {"localhost"}
    for name in (socket.gethostname(), socket.getfqdn()):
        if name:
            names.add(name.lower())
            names.add(name.lower().split(".")[0] + ".local")
    return frozenset(names)


@lru_cache(maxsize=256)  # the same few Host headers again and again
def host_allowed(host_header: str) -> bool:
    """Whether a ``Host`` header names this server (an IP literal or one of its own names)."""
    host = host_header.strip().lower()
    if not host or len(host) > 255:
        return False
    if host.startswith("["):  # [IPv6]:port
        literal, _, _ = host[1:].partition("]")
        return _is_ip(literal.split("%")[0])
    name, _, port = host.partition(":")
    if port and not port.isdigit():
        return False
    return _is_ip(name) or name.rstrip(".") in own_names()


def _is_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def same_origin(scheme: str, host_header: str, origin: str | None, referer: str | None) -> bool:
    """Whether a POST comes from a page of this server (Origin, else Referer)."""
    expected = f"{scheme}://{host_header}".lower()
    if origin is not None:
        return origin.lower() == expected
    if referer:
        parts = urlsplit(referer)
        return f"{parts.scheme}://{parts.netloc}".lower() == expected
    return False


class Signer:
    """The anti-forgery token of a form: HMAC-SHA256 of the browser's random cookie."""

    CACHED = 4096  # a browser sends the same cookie with every request: sign it once

    def __init__(self, secret: bytes | None = None) -> None:
        self.secret = secret or secrets.token_bytes(32)
        self._signed: dict[str, str] = {}

    @staticmethod
    def new_cookie() -> str:
        return secrets.token_urlsafe(24)

    def token(self, cookie: str) -> str:
        signed = self._signed.get(cookie)
        if signed is None:
            signed = hmac.new(self.secret, cookie.encode(), hashlib.sha256).hexdigest()
            if len(self._signed) >= self.CACHED:
                self._signed.clear()
            self._signed[cookie] = signed
        return signed

    def valid(self, cookie: str | None, token: str | None) -> bool:
        if not cookie or not token or len(cookie) > 100 or len(token) != 64:
            return False
        return hmac.compare_digest(self.token(cookie), token)


@dataclass
class RateLimiter:
    """A token bucket per client: ``rate`` requests a second, bursts up to ``burst``."""

    rate: float
    burst: float
    clock: Callable[[], float] = time.monotonic
    buckets: dict[str, tuple[float, float]] = field(default_factory=dict)  # tokens, when
    MAX_CLIENTS = 10_000

    def allow(self, client: str) -> bool:
        now = self.clock()
        tokens, then = self.buckets.get(client, (self.burst, now))
        tokens = min(self.burst, tokens + (now - then) * self.rate)
        if len(self.buckets) >= self.MAX_CLIENTS and client not in self.buckets:
            self._forget_idle(now)
        if tokens < 1:
            self.buckets[client] = (tokens, now)
            return False
        self.buckets[client] = (tokens - 1, now)
        return True

    def _forget_idle(self, now: float) -> None:
        """Drop the buckets that have filled up again (their clients are quiet)."""
        full = (self.burst - 1) / self.rate if self.rate > 0 else 0
        self.buckets = {c: (t, w) for c, (t, w) in self.buckets.items() if now - w < full}


class OneLine(logging.Filter):
    """Server log records as one line each: an exception's type and message, no traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            message = f"{message}: {type(error).__name__}: {error}"
        record.msg = " ".join(message.split())[:300]  # a request's bytes may hold newlines
        record.args = ()
        record.exc_info = None
        record.exc_text = None
        record.stack_info = None
        return True


def quiet_logging() -> None:
    """Warnings and errors only, one line each, for the facilitator's terminal."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s  %(message)s", "%H:%M:%S"))
    handler.addFilter(OneLine())
    for name in ("aiohttp", "survey_tui.frontends.web", "asyncio"):
        logger = logging.getLogger(name)
        logger.handlers = [handler]
        logger.setLevel(logging.WARNING)
        logger.propagate = False
    logging.getLogger("aiohttp.access").setLevel(logging.CRITICAL)
