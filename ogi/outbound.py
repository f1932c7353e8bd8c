"""One policy for every request the project makes on its own (robots.txt, `ogi sources check`,
webhooks; the crawl's middleware uses `refusal` too): http(s) only, every redirect checked again
at its hop, and no private, loopback, link-local or reserved address — by IP literal or by what
a hostname resolves to — unless that exact host:port was named by the operator."""

from __future__ import annotations

import ipaddress
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Mapping
from urllib.parse import urljoin, urlsplit

MAX_REDIRECTS = 5


class OutboundRefused(Exception):
    """A URL outside the policy (scheme, address, or a redirect off its origin)."""


@dataclass(frozen=True)
class Policy:
    explicit: frozenset[str] = frozenset()  # host:port the operator named: allowed even when private
    same_origin: bool = False  # redirects must stay on the first URL's scheme://host:port (robots.txt)


@dataclass(frozen=True)
class Answer:
    status: int
    url: str  # after redirects
    headers: Mapping[str, str] = field(default_factory=dict)
    body: bytes = b""


def host_port(url: str) -> str:
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return f"{(parts.hostname or '').lower()}:{port}"


def _same_origin(url: str, origin: str) -> bool:
    """Same host and port — or the same host reached by its other scheme's default port
    (http://x/robots.txt → https://x/robots.txt)."""
    a, b = urlsplit(url), urlsplit(origin)
    if host_port(url) == host_port(origin):
        return True
    return (a.hostname or "").lower() == (b.hostname or "").lower() and a.port is None and b.port is None


def _private(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    return (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved or ip.is_unspecified
            or ip.is_multicast)


@lru_cache(maxsize=4096)
def _addresses(host: str) -> tuple[str, ...]:
    try:
        return tuple(sorted({info[4][0] for info in socket.getaddrinfo(host, None)}))
    except (socket.gaierror, UnicodeError, OSError):
        return ()


def private_address(host: str) -> str | None:
    """The private/loopback/link-local address `host` is or resolves to, or None."""
    host = host.strip("[]").lower()
    try:
        ip = ipaddress.ip_address(host)
        return str(ip) if _private(ip) else None
    except ValueError:
        pass
    for address in _addresses(host):
        try:
            if _private(ipaddress.ip_address(address.split("%")[0])):
                return address
        except ValueError:
            continue
    return None


def refusal(url: str, policy: Policy = Policy(), *, origin: str | None = None) -> str | None:
    """Why `url` may not be requested under the policy, or None."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return f"not an http(s) URL: {url[:100]}"
    if not parts.hostname:
        return f"no host in {url[:100]}"
    if origin is not None and policy.same_origin and not _same_origin(url, origin):
        return f"redirected off {host_port(origin)} to {host_port(url)}"
    if host_port(url) in policy.explicit or parts.netloc.lower() in policy.explicit:
        return None
    address = private_address(parts.hostname)
    if address is not None:
        return f"{parts.hostname} is a private or local address ({address})"
    return None


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None  # handled one hop at a time by `fetch`, each checked


_OPENER = urllib.request.build_opener(_NoRedirect)


def fetch(url: str, *, policy: Policy = Policy(), method: str = "GET", data: bytes | None = None,
          headers: Mapping[str, str] | None = None, timeout: float = 15.0, max_bytes: int = 1_000_000) -> Answer:
    """The answer to `url`, following up to MAX_REDIRECTS redirects, each hop checked by the
    policy; OutboundRefused when a hop is outside it. HTTP errors are answers (their status)."""
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        why = refusal(current, policy, origin=url)
        if why:
            raise OutboundRefused(why)
        request = urllib.request.Request(current, data=data, method=method, headers=dict(headers or {}))
        try:
            response = _OPENER.open(request, timeout=timeout)
        except urllib.error.HTTPError as exc:
            response = exc
        with response:
            status = response.status if hasattr(response, "status") else response.code
            location = response.headers.get("Location")
            if status in (301, 302, 303, 307, 308) and location:
                current = urljoin(current, location)
                if status == 303 or (status in (301, 302) and method == "POST"):
                    method, data = "GET", None
                continue
            body = response.read(max_bytes)
            return Answer(status, current, {k: v for k, v in response.headers.items()}, body)
    raise OutboundRefused(f"more than {MAX_REDIRECTS} redirects from {url[:100]}")
