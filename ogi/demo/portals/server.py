"""A small threaded HTTP server that plays the local imitation portals on 127.0.0.1.

Standard library only (``http.server``).  One ``PortalServer`` serves one portal directory::

    ogi/demo/portals/<family>/
        site/           files served by path (``/a/b.html`` -> ``site/a/b.html``)
        portal.json     optional: content-type overrides, default faults, Server header, ...
        handlers.py     optional: dynamic routes (JSON API, POST endpoints)
        data/           optional: data the handlers read (never served)
        expected.json   what a correct crawl must find (read by the tests, not by the server)

Use it from a test::

    from ogi.demo.portals.server import serve, portal_dir

    with serve(portal_dir("trs")) as site:
        url = site.url("/zfxxgk/zfxxgknb/index.html")   # or f"{site}/zfxxgk/..."
        ...
        assert site.requests_for("/robots.txt")

``serve`` yields the running ``PortalServer``: ``str(site)`` and ``site.base_url`` are the
base URL ("http://127.0.0.1:PORT"), ``site + "/path"`` gives a full URL string.  See
README.md beside this file for the portals, the fault switches and expected.json.

Run one by hand (for a browser or curl)::

    python ogi/demo/portals/server.py trs --port 8000
"""

from __future__ import annotations

import contextlib
import email.utils
import importlib.util
import json
import re
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

PORTALS_DIR = Path(__file__).resolve().parent
FAMILIES = ("trs", "hanweb", "gkmlpt", "static")

# Content types by extension.  HTML gets no charset: real portals mostly send a bare
# "text/html" and declare the charset (or not) in a <meta>.  portal.json may override per file.
CONTENT_TYPES = {
    ".html": "text/html",
    ".htm": "text/html",
    ".shtml": "text/html",
    ".js": "application/javascript",
    ".css": "text/css",
    ".json": "application/json",
    ".xml": "text/xml",
    ".txt": "text/plain",
    ".pdf": "application/pdf",
    ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xls": "application/vnd.ms-excel",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".wps": "application/kswps",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".ico": "image/x-icon",
    ".zip": "application/zip",
}
DEFAULT_CONTENT_TYPE = "application/octet-stream"
INDEX_NAMES = ("index.html", "index.htm", "index.shtml", "default.html")

# The request headers kept in the log (canonical spelling; absent ones are left out).
LOGGED_HEADERS = (
    "Host",
    "User-Agent",
    "Accept",
    "Accept-Language",
    "Accept-Encoding",
    "Referer",
    "Cookie",
    "Content-Type",
    "Content-Length",
    "If-None-Match",
    "If-Modified-Since",
    "Range",
    "X-Requested-With",
)

DEFAULT_LAST_MODIFIED = "2024-03-01T08:00:00Z"


# --------------------------------------------------------------------------- records


@dataclass
class RequestRecord:
    """One request as the server saw it (appended to ``PortalServer.requests``)."""

    method: str
    path: str  # percent-decoded path, no query
    query: str  # raw query string ("" when none)
    headers: dict[str, str]  # the LOGGED_HEADERS that were sent
    body: bytes = b""
    status: int | None = None  # status answered (None while in flight / connection lost)
    time: float = 0.0  # time.time() when the request line was read

    @property
    def target(self) -> str:
        """``path`` plus ``?query`` when there is one."""
        return self.path + ("?" + self.query if self.query else "")

    @property
    def params(self) -> dict[str, str]:
        """Query parameters (first value of each)."""
        return {k: v[0] for k, v in parse_qs(self.query, keep_blank_values=True).items()}

    @property
    def form(self) -> dict[str, str]:
        """Form fields of an urlencoded body (first value of each)."""
        text = self.body.decode("utf-8", "replace")
        return {k: v[0] for k, v in parse_qs(text, keep_blank_values=True).items()}

    def header(self, name: str, default: str | None = None) -> str | None:
        """A logged request header, by case-insensitive name."""
        for key, value in self.headers.items():
            if key.lower() == name.lower():
                return value
        return default


@dataclass
class HandlerRequest:
    """What a dynamic handler (``handlers.py``) receives."""

    method: str
    path: str
    query: str
    params: dict[str, str]  # query parameters, first value of each
    form: dict[str, str]  # urlencoded body fields, first value of each
    body: bytes
    headers: Message  # all request headers, case-insensitive ``get``
    match: dict[str, str]  # named groups of the route pattern
    base_url: str  # "http://127.0.0.1:PORT" of this server
    server: PortalServer

    @property
    def state(self) -> dict[str, Any]:
        return self.server.state


# A handler answers (status, headers, body); body may be str (sent as UTF-8) or bytes.
HandlerResult = tuple[int, Mapping[str, str], "bytes | str"]
Handler = Callable[[HandlerRequest], HandlerResult]


@dataclass
class _Route:
    methods: frozenset[str]
    pattern: re.Pattern[str]
    handler: Handler


@dataclass
class _Overlay:
    """Content put in place of (or beside) a site file by ``replace``."""

    data: bytes
    mtime: int
    content_type: str | None = None


@dataclass
class _Faults:
    fail: dict[str, list[int]] = field(default_factory=dict)  # key -> [remaining, status]
    hang: dict[str, float] = field(default_factory=dict)  # key -> seconds


# --------------------------------------------------------------------------- server


class PortalServer:
    """One imitation portal served on 127.0.0.1 (see the module docstring)."""

    def __init__(
        self,
        portal_dir: Path | str,
        *,
        faults: Mapping[str, Any] | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        self.portal_dir = Path(portal_dir).resolve()
        self.site_dir = self.portal_dir / "site"
        if not self.site_dir.is_dir():
            raise FileNotFoundError(f"{self.site_dir} is not a directory")
        self.name = self.portal_dir.name
        config_path = self.portal_dir / "portal.json"
        self.config: dict[str, Any] = (
            json.loads(config_path.read_text(encoding="utf-8")) if config_path.is_file() else {}
        )
        self.host = host
        self._port = port
        self.requests: list[RequestRecord] = []
        self.state: dict[str, Any] = {}  # free for handlers.py (and tests) to use
        self._lock = threading.RLock()
        self._stopping = threading.Event()
        self._overlays: dict[str, _Overlay] = {}
        self._deleted: set[str] = set()
        self._faults = _Faults()
        self._content_types: dict[str, str] = dict(self.config.get("content_types", {}))
        self._base_mtime = _parse_http_or_iso(
            self.config.get("last_modified", DEFAULT_LAST_MODIFIED)
        )
        self._last_overlay_mtime = self._base_mtime
        self._routes: list[_Route] = []
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._load_handlers()
        self.apply_faults(self.config.get("faults") or {})
        if faults:
            self.apply_faults(faults)

    # ---- lifecycle -------------------------------------------------------------------

    def start(self) -> PortalServer:
        if self._httpd is not None:
            return self
        httpd = _HTTPServer((self.host, self._port), _Handler)
        httpd.portal = self
        self._httpd = httpd
        self._stopping.clear()
        self._thread = threading.Thread(
            target=httpd.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"portal-{self.name}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        httpd, self._httpd = self._httpd, None
        if httpd is None:
            return
        self._stopping.set()  # wakes hanging requests
        httpd.shutdown()
        httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> PortalServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # ---- addresses -------------------------------------------------------------------

    @property
    def port(self) -> int:
        if self._httpd is None:
            raise RuntimeError("server not started")
        return self._httpd.server_address[1]

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def url(self, path: str = "/") -> str:
        """Full URL of a path on this server ("/x" -> "http://127.0.0.1:PORT/x")."""
        if not path.startswith("/"):
            path = "/" + path
        return self.base_url + path

    def __str__(self) -> str:
        return self.base_url

    def __repr__(self) -> str:
        where = self.base_url if self._httpd is not None else "stopped"
        return f"<PortalServer {self.name} {where}>"

    def __add__(self, other: str) -> str:
        return self.base_url + other

    # ---- the request log -------------------------------------------------------------

    def requests_for(self, path: str, method: str | None = None) -> list[RequestRecord]:
        """Logged requests for a path ("/a?b=1" matches path and query exactly)."""
        with self._lock:
            records = list(self.requests)
        key_has_query = "?" in path
        return [
            r
            for r in records
            if (r.target == path if key_has_query else r.path == path)
            and (method is None or r.method == method.upper())
        ]

    def count(self, path: str, method: str | None = None) -> int:
        return len(self.requests_for(path, method))

    def fetched_paths(self) -> set[str]:
        with self._lock:
            return {r.path for r in self.requests}

    def clear_requests(self) -> None:
        with self._lock:
            self.requests.clear()

    # ---- changing the site between crawls --------------------------------------------

    def replace(self, path: str, data: bytes | str, *, content_type: str | None = None) -> None:
        """Serve ``data`` at ``path`` from now on (a new page if there was none).

        ETag and Last-Modified change.  ``str`` data is encoded as UTF-8.
        """
        path = _norm(path)
        if isinstance(data, str):
            data = data.encode("utf-8")
        with self._lock:
            mtime = max(int(time.time()), self._last_overlay_mtime + 1)
            self._last_overlay_mtime = mtime
            self._overlays[path] = _Overlay(data, mtime, content_type)
            self._deleted.discard(path)

    def delete(self, path: str) -> None:
        """Answer 404 for ``path`` from now on (static file or dynamic route)."""
        path = _norm(path)
        with self._lock:
            self._deleted.add(path)
            self._overlays.pop(path, None)

    def restore(self, path: str) -> None:
        """Undo ``replace``/``delete`` of ``path``."""
        path = _norm(path)
        with self._lock:
            self._deleted.discard(path)
            self._overlays.pop(path, None)

    def read(self, path: str) -> bytes | None:
        """Current content of a static path (after replace/delete), None if absent."""
        found = self._lookup(_norm(path))
        return found[0] if found else None

    def files(self) -> list[str]:
        """Paths of all files under site/ (as served, e.g. "/index.html")."""
        return sorted(
            "/" + p.relative_to(self.site_dir).as_posix()
            for p in self.site_dir.rglob("*")
            if p.is_file()
        )

    # ---- faults ----------------------------------------------------------------------

    def fail(self, path: str, times: int = 1, status: int = 503) -> None:
        """Answer ``status`` (503) to the next ``times`` requests of ``path``, then normally.

        ``path`` without "?" matches any query; with "?" only that exact query.
        ``times=0`` removes the fault.
        """
        with self._lock:
            if times <= 0:
                self._faults.fail.pop(path, None)
            else:
                self._faults.fail[path] = [int(times), int(status)]

    def hang(self, path: str, seconds: float) -> None:
        """Wait ``seconds`` before answering ``path`` (every time; 0 removes the fault)."""
        with self._lock:
            if seconds <= 0:
                self._faults.hang.pop(path, None)
            else:
                self._faults.hang[path] = float(seconds)

    def clear_faults(self) -> None:
        with self._lock:
            self._faults = _Faults()

    def apply_faults(self, faults: Mapping[str, Any]) -> None:
        """Apply a faults mapping (the ``faults=`` of ``serve``; see README.md)."""
        known = {"fail", "hang", "delete", "replace"}
        unknown = set(faults) - known
        if unknown:
            raise ValueError(f"unknown fault kinds {sorted(unknown)}; known: {sorted(known)}")
        for path, spec in (faults.get("fail") or {}).items():
            if isinstance(spec, int):
                self.fail(path, spec)
            else:
                times, status = spec
                self.fail(path, times, status)
        for path, seconds in (faults.get("hang") or {}).items():
            self.hang(path, seconds)
        for path in faults.get("delete") or ():
            self.delete(path)
        for path, data in (faults.get("replace") or {}).items():
            self.replace(path, data)

    def pending_failures(self, path: str) -> int:
        with self._lock:
            spec = self._faults.fail.get(path)
            return spec[0] if spec else 0

    # ---- internals -------------------------------------------------------------------

    def _load_handlers(self) -> None:
        handlers_path = self.portal_dir / "handlers.py"
        if not handlers_path.is_file():
            return
        module_name = f"_portal_handlers_{self.name}_{id(self)}"
        spec = importlib.util.spec_from_file_location(module_name, handlers_path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        for method, pattern, handler in getattr(module, "ROUTES", ()):
            methods = (method,) if isinstance(method, str) else tuple(method)
            self._routes.append(
                _Route(frozenset(m.upper() for m in methods), re.compile(pattern), handler)
            )
        setup = getattr(module, "setup", None)
        if setup is not None:
            setup(self)

    def _take_fault(self, path: str, target: str) -> tuple[float, int | None]:
        """(seconds to hang, status to fail with or None) for this request."""
        with self._lock:
            hang = self._faults.hang.get(target, self._faults.hang.get(path, 0.0))
            status = None
            for key in (target, path):
                spec = self._faults.fail.get(key)
                if spec and spec[0] > 0:
                    spec[0] -= 1
                    status = spec[1]
                    if spec[0] == 0:
                        del self._faults.fail[key]
                    break
        return hang, status

    def _route_for(self, method: str, path: str) -> tuple[_Route, re.Match[str]] | None:
        method = "GET" if method == "HEAD" else method
        for route in self._routes:
            m = route.pattern.fullmatch(path)
            if m and (method in route.methods or "*" in route.methods):
                return route, m
        return None

    def _route_exists(self, path: str) -> bool:
        return any(r.pattern.fullmatch(path) for r in self._routes)

    def _lookup(self, path: str) -> tuple[bytes, int, str] | None:
        """(data, mtime, content_type) of a static path, honouring replace/delete."""
        with self._lock:
            if path in self._deleted:
                return None
            overlay = self._overlays.get(path)
        if overlay is not None:
            ctype = overlay.content_type or self._content_type(path)
            return overlay.data, overlay.mtime, ctype
        file = self._file(path)
        if file is None or not file.is_file():
            return None
        return file.read_bytes(), self._base_mtime, self._content_type(path)

    def _file(self, path: str) -> Path | None:
        parts = [p for p in path.split("/") if p]
        if any(p in (".", "..") or "\\" in p for p in parts):
            return None
        return self.site_dir.joinpath(*parts) if parts else self.site_dir

    def _content_type(self, path: str) -> str:
        if path in self._content_types:
            return self._content_types[path]
        name = path.rsplit("/", 1)[-1]
        ext = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
        return CONTENT_TYPES.get(ext, DEFAULT_CONTENT_TYPE)

    def _resolve_directory(self, path: str) -> tuple[str, str | None]:
        """(path to serve, redirect location or None) for directory-like paths."""
        if path.endswith("/"):
            for name in INDEX_NAMES:
                candidate = path + name
                with self._lock:
                    if candidate in self._overlays:
                        return candidate, None
                file = self._file(candidate)
                if file is not None and file.is_file():
                    return candidate, None
            return path, None
        with self._lock:
            if path in self._overlays:
                return path, None
        file = self._file(path)
        if file is not None and file.is_dir() and path != "/":
            return path, path + "/"
        return path, None


def _norm(path: str) -> str:
    return path if path.startswith("/") else "/" + path


def _parse_http_or_iso(value: str) -> int:
    from datetime import datetime

    try:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        dt = email.utils.parsedate_to_datetime(value)
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return int(dt.timestamp())


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    portal: PortalServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, TimeoutError)):
            return  # the client went away (e.g. it timed out on a hanging path)
        super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _HTTPServer
    _record: RequestRecord | None = None

    # no stderr noise
    def log_message(self, format: str, *args: Any) -> None:
        pass

    def version_string(self) -> str:
        return self.server.portal.config.get("server_header", "nginx")

    def send_response(self, code: int, message: str | None = None) -> None:
        if self._record is not None:
            self._record.status = code
        super().send_response(code, message)

    def do_GET(self) -> None:
        self._dispatch()

    def do_HEAD(self) -> None:
        self._dispatch()

    def do_POST(self) -> None:
        self._dispatch()

    def do_PUT(self) -> None:
        self._dispatch()

    def do_DELETE(self) -> None:
        self._dispatch()

    def do_OPTIONS(self) -> None:
        self._dispatch()

    # ---- dispatch --------------------------------------------------------------------

    def _dispatch(self) -> None:
        portal = self.server.portal
        split = urlsplit(self.path)
        path = unquote(split.path) or "/"
        query = split.query
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length > 0 else b""
        record = RequestRecord(
            method=self.command,
            path=path,
            query=query,
            headers={h: self.headers[h] for h in LOGGED_HEADERS if self.headers.get(h) is not None},
            body=body,
            time=time.time(),
        )
        self._record = record
        with portal._lock:
            portal.requests.append(record)

        target = path + ("?" + query if query else "")
        hang, fail_status = portal._take_fault(path, target)
        if hang and portal._stopping.wait(hang):  # True only when the server is stopping
            self.close_connection = True
            return
        if fail_status is not None:
            self._send_simple(fail_status, _status_page(fail_status))
            return

        with portal._lock:
            deleted = path in portal._deleted
        if deleted:
            self._send_simple(404, _status_page(404))
            return

        routed = portal._route_for(self.command, path)
        if routed is not None:
            route, match = routed
            self._run_handler(route, match, path, query, body)
            return
        if portal._route_exists(path):
            self._send_simple(405, _status_page(405))
            return
        self._serve_static(path, query)

    def _run_handler(
        self, route: _Route, match: re.Match[str], path: str, query: str, body: bytes
    ) -> None:
        portal = self.server.portal
        form: dict[str, str] = {}
        ctype = self.headers.get("Content-Type", "")
        if body and (not ctype or "urlencoded" in ctype):
            form = {
                k: v[0]
                for k, v in parse_qs(
                    body.decode("utf-8", "replace"), keep_blank_values=True
                ).items()
            }
        request = HandlerRequest(
            method=self.command,
            path=path,
            query=query,
            params={k: v[0] for k, v in parse_qs(query, keep_blank_values=True).items()},
            form=form,
            body=body,
            headers=self.headers,
            match={k: v for k, v in match.groupdict().items() if v is not None},
            base_url=portal.base_url,
            server=portal,
        )
        try:
            status, headers, payload = route.handler(request)
        except Exception:  # noqa: BLE001  a broken handler answers 500 instead of dropping the connection
            import traceback

            traceback.print_exc()
            self._send_simple(500, _status_page(500))
            return
        data = payload.encode("utf-8") if isinstance(payload, str) else bytes(payload)
        self.send_response(status)
        has_type = any(k.lower() == "content-type" for k in headers)
        if not has_type:
            self.send_header("Content-Type", "text/html")
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _serve_static(self, path: str, query: str) -> None:
        portal = self.server.portal
        if self.command not in ("GET", "HEAD"):
            self._send_simple(405, _status_page(405), extra={"Allow": "GET, HEAD"})
            return
        served_path, redirect = portal._resolve_directory(path)
        if redirect is not None:
            location = redirect + ("?" + query if query else "")
            self._send_simple(301, _status_page(301), extra={"Location": location})
            return
        found = portal._lookup(served_path)
        if found is None:
            self._send_simple(404, _status_page(404))
            return
        data, mtime, ctype = found
        validators_on = portal.config.get("validators", ["etag", "last-modified"])
        use_etag = "etag" in validators_on
        use_lm = "last-modified" in validators_on
        etag = f'"{mtime:x}-{len(data):x}"'
        last_modified = email.utils.formatdate(mtime, usegmt=True)
        validators = {}
        if use_etag:
            validators["ETag"] = etag
        if use_lm:
            validators["Last-Modified"] = last_modified

        if self._not_modified(etag if use_etag else None, mtime if use_lm else None):
            self.send_response(304)
            for key, value in validators.items():
                self.send_header(key, value)
            self.end_headers()
            return

        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        for key, value in validators.items():
            self.send_header(key, value)
        self.send_header("Accept-Ranges", "bytes")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _not_modified(self, etag: str | None, mtime: int | None) -> bool:
        inm = self.headers.get("If-None-Match")
        if inm is not None:  # takes precedence over If-Modified-Since (RFC 9110 13.2.2)
            if etag is None:
                return False
            tags = [t.strip() for t in inm.split(",")]
            bare = etag.removeprefix("W/")
            return "*" in tags or any(t.removeprefix("W/") == bare for t in tags)
        ims = self.headers.get("If-Modified-Since")
        if ims is not None and mtime is not None:
            try:
                since = email.utils.parsedate_to_datetime(ims).timestamp()
            except (TypeError, ValueError, IndexError):
                return False
            return mtime <= since
        return False

    def _send_simple(
        self, status: int, body: bytes, extra: Mapping[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def _status_page(status: int) -> bytes:
    titles = {
        301: "301 Moved Permanently",
        404: "404 Not Found",
        405: "405 Not Allowed",
        500: "500 Internal Server Error",
        502: "502 Bad Gateway",
        503: "503 Service Temporarily Unavailable",
        504: "504 Gateway Time-out",
    }
    title = titles.get(status, str(status))
    return (
        f"<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n"
        f"<center><h1>{title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
    ).encode("ascii")


# --------------------------------------------------------------------------- public API


def portal_dir(family: str) -> Path:
    """Directory of one of the portals shipped here ("trs", "hanweb", "gkmlpt", "static")."""
    path = PORTALS_DIR / family
    if not (path / "site").is_dir():
        raise FileNotFoundError(f"no portal {family!r} under {PORTALS_DIR}")
    return path


def load_expected(family_or_dir: str | Path) -> dict[str, Any]:
    """The portal's expected.json."""
    base = Path(family_or_dir) if isinstance(family_or_dir, Path) else portal_dir(family_or_dir)
    return json.loads((base / "expected.json").read_text(encoding="utf-8"))


@contextlib.contextmanager
def serve(
    portal_dir: Path | str,
    *,
    faults: Mapping[str, Any] | None = None,
    host: str = "127.0.0.1",
    port: int = 0,
) -> Iterator[PortalServer]:
    """Serve one portal directory; yields the running ``PortalServer``.

    ``str(server)`` / ``server.base_url`` is "http://127.0.0.1:PORT" (port 0: a free port).
    ``faults`` are applied on top of the portal's own (portal.json "faults"); see README.md.
    """
    server = PortalServer(portal_dir, faults=faults, host=host, port=port)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@contextlib.contextmanager
def serve_many(
    portals: Iterable[Path | str] | Mapping[str, Path | str],
    *,
    faults: Mapping[str, Mapping[str, Any]] | None = None,
) -> Iterator[dict[str, PortalServer]]:
    """Serve several portals at once, each on its own port.

    ``portals``: directories (or family names) or a mapping name -> directory.  Yields a
    dict name -> PortalServer (name = the mapping key, else the directory's name).
    ``faults``: mapping name -> faults for that portal.
    """
    if isinstance(portals, Mapping):
        items = [(name, Path(d)) for name, d in portals.items()]
    else:
        items = []
        for d in portals:
            path = Path(d) if (isinstance(d, Path) or "/" in str(d)) else portal_dir(str(d))
            items.append((path.name, path))
    faults = faults or {}
    with contextlib.ExitStack() as stack:
        servers = {
            name: stack.enter_context(serve(path, faults=faults.get(name))) for name, path in items
        }
        yield servers


def _main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="Serve one imitation portal on 127.0.0.1.")
    parser.add_argument("portal", help="family name (trs, hanweb, gkmlpt, static) or directory")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    directory = Path(args.portal) if "/" in args.portal else portal_dir(args.portal)
    with serve(directory, port=args.port) as server:
        print(f"{server.name}: {server.base_url}/  (Ctrl-C to stop)", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    raise SystemExit(_main())
