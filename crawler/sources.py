"""Sources to crawl: a YAML file with a top-level `sources:` list, or bare URLs."""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable
from urllib.parse import urlparse

import yaml


class SourceError(ValueError):
    """A sources file or URL that cannot be used; the message says why."""


@dataclass(frozen=True)
class Source:
    name: str
    start_urls: tuple[str, ...]
    region: str | None = None
    cms: str | None = None
    allowed_domains: tuple[str, ...] = field(default_factory=tuple)
    # the harvest plan of this source: crontab lines "MIN HOUR DAY MONTH WEEKDAY mode" (mode
    # full or update), or () for the default yearly plan (scheduler.plan.DEFAULT_PLAN)
    schedule: tuple[str, ...] = field(default_factory=tuple)
    expected_agencies: tuple[str, ...] = field(default_factory=tuple)  # who should publish (coverage)
    time_limit: float | None = None  # seconds a crawl of this source may take
    # printed agency name -> the name it stands for (a renamed or merged county, an abbreviation)
    agency_aliases: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    verified: bool = True  # False: taken from elsewhere, start URL not yet seen answering (ogi sources check)
    notes: str | None = None

    @property
    def explicit_hosts(self) -> frozenset[str]:
        """host:port of every start URL: the only private/loopback hosts this source may reach."""
        return frozenset(urlparse(u).netloc.lower() for u in self.start_urls)

    def allows(self, url: str) -> bool:
        """Within the source: a start host, or a host under one of its allowed domains.

        Loopback and private addresses only when a start URL names exactly that host and port.
        """
        parsed = urlparse(url)
        if parsed.scheme not in ("http", "https") or not parsed.hostname:
            return False
        netloc, host = parsed.netloc.lower(), parsed.hostname.lower()
        if netloc in self.explicit_hosts:
            return True
        if is_private_host(host):
            return False
        domains = self.allowed_domains or tuple(urlparse(u).hostname or "" for u in self.start_urls)
        if not any(host == d or host.endswith("." + d) for d in domains if d):
            return False
        from ogi.outbound import private_address

        return private_address(host) is None  # a name inside the domains that resolves to a private address


def is_private_host(host: str) -> bool:
    if host in ("localhost", "localhost.localdomain") or host.endswith(".localhost"):
        return True
    try:
        ip = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved or ip.is_unspecified


def _source_name(url: str) -> str:
    parsed = urlparse(url)
    return parsed.netloc or url


def load_sources(specs: Iterable[str]) -> list[Source]:
    """Each spec is a YAML sources file or a bare http(s) URL."""
    sources: list[Source] = []
    for spec in specs:
        if re.match(r"^https?://", spec):
            sources.append(Source(name=_source_name(spec), start_urls=(spec,)))
            continue
        path = Path(spec)
        if not path.is_file():
            raise SourceError(f"{spec}: neither an http(s) URL nor a sources file")
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            raise SourceError(f"{spec}: not valid YAML: {exc}") from exc
        entries = data.get("sources") if isinstance(data, dict) else None
        if not isinstance(entries, list):
            raise SourceError(f"{spec}: expected a top-level 'sources:' list")
        for i, entry in enumerate(entries):
            if not isinstance(entry, dict) or not entry.get("name") or not entry.get("start_urls"):
                raise SourceError(f"{spec}: source #{i + 1} needs a name and start_urls")
            urls = entry["start_urls"]
            urls = (urls,) if isinstance(urls, str) else tuple(urls)
            bad = [u for u in urls if not re.match(r"^https?://", str(u))]
            if bad:
                raise SourceError(f"{spec}: source {entry['name']!r} has start URLs that are not http(s): {bad}")
            sources.append(Source(
                name=str(entry["name"]),
                start_urls=tuple(str(u) for u in urls),
                region=entry.get("region"),
                cms=entry.get("cms"),
                allowed_domains=tuple(entry.get("allowed_domains") or ()),
                schedule=_schedule(spec, entry),
                expected_agencies=tuple(str(a) for a in entry.get("expected_agencies") or ()),
                time_limit=float(entry["time_limit"]) if entry.get("time_limit") else None,
                agency_aliases=_aliases(spec, entry),
                verified=bool(entry.get("verified", True)),
                notes=entry.get("notes"),
            ))
    return sources


def _aliases(spec: str, entry: dict) -> tuple[tuple[str, str], ...]:
    raw = entry.get("agency_aliases") or {}
    if not isinstance(raw, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in raw.items()):
        raise SourceError(f"{spec}: source {entry['name']!r}: agency_aliases must map a printed name to the name "
                          "it stands for, e.g. {旧县人民政府: 新区人民政府}")
    return tuple(sorted(raw.items()))


def _schedule(spec: str, entry: dict) -> tuple[str, ...]:
    raw = entry.get("schedule") or ()
    lines = (raw,) if isinstance(raw, str) else tuple(str(x) for x in raw)
    for line in lines:
        parts = line.split()
        if len(parts) != 6 or parts[5] not in ("full", "update"):
            raise SourceError(f"{spec}: source {entry['name']!r}: schedule line {line!r} must be five crontab fields "
                              "and a mode (full or update), e.g. '0 3 * 2-4 mon update'")
    return lines
