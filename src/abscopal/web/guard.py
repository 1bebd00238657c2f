"""What every request passes before it reaches the explorer: the ``Host`` it names, the origin a
state-changing request comes from, and the security headers on every answer.

A browser page on another site can make the user's browser talk to a server on the loopback
address: directly, by a cross-origin "simple" ``POST`` (``text/plain`` needs no preflight), or by
DNS rebinding (the attacker's name resolves to 127.0.0.1, so the request is same-origin to the
browser but carries the attacker's ``Host``). The guard answers these the way the OWASP and
Fetch-metadata recommendations do: a ``Host`` outside the allowed names is refused (421); a
``POST`` must be ``application/json`` (which forces a CORS preflight that the server never
grants) and, when the browser says where it comes from (``Origin``, ``Sec-Fetch-Site``), must be
same-origin (403). Every response carries ``X-Content-Type-Options``, a
``Content-Security-Policy`` (scripts, styles and connections from the server itself only;
figures as ``data:`` images), ``X-Frame-Options`` and ``Referrer-Policy``.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Any
from urllib.parse import urlsplit

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")
ANY_HOST = "*"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
SECURITY_HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (
        b"content-security-policy",
        b"default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
        b"form-action 'self'; frame-ancestors 'none'",
    ),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
)


def host_name(authority: str) -> str | None:
    """The host of a ``Host`` header or origin authority without port, lower case; IPv6
    brackets removed (``[::1]:8050`` → ``::1``); None when it is not a host."""
    authority = authority.strip().lower()
    if not authority or any(character in authority for character in "/@?# \t"):
        return None
    if authority.startswith("["):
        closing = authority.find("]")
        rest = authority[closing + 1 :] if closing > 0 else None
        if rest is None or (rest and not (rest.startswith(":") and rest[1:].isdigit())):
            return None
        return authority[1:closing]
    name, _, port = authority.partition(":")
    if port and not port.isdigit():
        return None
    return name or None


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key == name:
            return value.decode("latin-1")
    return None


def _refusal(status: int, message: str) -> tuple[int, bytes]:
    return status, json.dumps({"field": "request", "message": message}).encode()


class RequestGuard:
    """ASGI middleware: refuses foreign hosts and cross-origin writes, adds security headers.

    ``allowed_hosts`` are host names or addresses without port; ``"*"`` allows any ``Host``
    (for a server bound to every interface under a name the server cannot know)."""

    def __init__(self, app: ASGIApp, allowed_hosts: Iterable[str] = LOOPBACK_NAMES) -> None:
        self.app = app
        self.allowed_hosts = frozenset(name.strip("[]").lower() for name in allowed_hosts)

    def _check(self, scope: Scope) -> tuple[int, bytes] | None:
        host = _header(scope, b"host")
        name = host_name(host) if host is not None else None
        if name is None:
            return _refusal(400, "the request has no valid Host header")
        if ANY_HOST not in self.allowed_hosts and name not in self.allowed_hosts:
            return _refusal(
                421,
                f"this server answers only to {', '.join(sorted(self.allowed_hosts))}; "
                "start it with --allowed-host NAME to add a name",
            )
        if scope.get("method", "GET") in SAFE_METHODS:
            return None
        content_type = (_header(scope, b"content-type") or "").split(";")[0].strip().lower()
        if content_type != "application/json":
            return _refusal(415, "send the request body as application/json")
        fetch_site = _header(scope, b"sec-fetch-site")
        if fetch_site is not None and fetch_site.lower() not in ("same-origin", "none"):
            return _refusal(403, "requests from another site are refused")
        origin = _header(scope, b"origin")
        if origin is not None and urlsplit(origin).netloc.lower() != host.strip().lower():
            return _refusal(403, "requests from another origin are refused")
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refusal = self._check(scope)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {key.lower() for key, _ in message.get("headers", ())}
                extra = [(key, value) for key, value in SECURITY_HEADERS if key not in present]
                message["headers"] = list(message.get("headers", ())) + extra
            await send(message)

        if refusal is None:
            await self.app(scope, receive, send_with_headers)
            return
        status, body = refusal
        await send_with_headers(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
