"""`ogi demo`: the whole system on one laptop, no server, no internet.

Serves the bundled imitation portals (TRS WCM, Hanweb, Guangdong gkmlpt, a plain static
site: HTML, PDF, DOCX and DOC reports in both table formats) on 127.0.0.1, harvests them
into a fresh data directory exactly as a real harvest runs (crawl process, archive,
extraction, embedded index, run history), then serves the web app and prints its URL.
"""

from __future__ import annotations

import contextlib
import json
import socket
import tempfile
import threading
import time
from pathlib import Path
from typing import Callable, Iterator

import yaml

from ogi.demo.portals.server import FAMILIES, load_expected, portal_dir, serve_many
from ogi.settings import Settings

DEMO_CRAWL = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "OGI_RETRY_BACKOFF_BASE": 0.05}


@contextlib.contextmanager
def demo_portals() -> Iterator[dict[str, str]]:
    """The bundled portals, each on its own loopback port: {family: start URL}."""
    with serve_many(list(FAMILIES)) as sites:
        yield {family: sites[family].url(load_expected(family)["home_path"]) for family in FAMILIES}


def write_sources(path: Path, start_urls: dict[str, str]) -> Path:
    entries = []
    for family, url in start_urls.items():
        expected = load_expected(family)
        agencies = sorted({r["agency"] for r in expected["reports"] if r.get("agency")})
        entries.append({"name": f"demo-{family}", "start_urls": [url], "region": expected.get("region"),
                        "expected_agencies": agencies})
    path.write_text(yaml.safe_dump({"sources": entries}, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def prepare(data_dir: Path, start_urls: dict[str, str], say: Callable[[str], None] = print) -> Settings:
    """Harvest the portals into `data_dir` (crawl, archive, extract, index)."""
    from ogi.crawler.sources import load_sources
    from ogi.scheduler.harvest import harvest

    data_dir.mkdir(parents=True, exist_ok=True)
    sources_file = write_sources(data_dir / "demo-sources.yaml", start_urls)
    settings = Settings.load(data_dir, env={"OGI_SOURCES": str(sources_file)})
    started = time.perf_counter()
    result = harvest(settings, load_sources([str(sources_file)]), trigger="demo", mode="full",
                     crawl_settings=DEMO_CRAWL, time_limit=600)
    for run in result.runs:
        say(f"  {run.source}: {run.status}, {run.pages} pages, {run.reports_found} reports")
    say(f"  extracted {result.extracted} documents ({result.extraction_failed} could not be read), "
        f"indexed {result.indexed} reports, in {time.perf_counter() - started:.0f} s")
    for message in result.messages[:5]:
        say(f"  note: {message[:200]}")
    return settings


def listen(host: str, port: int) -> socket.socket:
    """A listening socket on host:port, or SystemExit saying the port is taken."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise SystemExit(f"ogi demo: cannot listen on {host}:{port} ({exc.strerror or exc}); "
                         f"is another server using it? Give another --port. Nothing was harvested.") from None
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def run_demo(port: int = 8000, data_dir: str | None = None, host: str = "127.0.0.1",
             ready: Callable[[str], None] | None = None) -> None:
    """Serve the portals, harvest them, serve the web app until interrupted."""
    import uvicorn

    from ogi.web.app import create_app

    if data_dir and Path(data_dir).exists() and any(Path(data_dir).iterdir()):
        raise SystemExit(f"ogi demo: {data_dir} is not empty; give a new --data-dir (the demo starts fresh)")
    # the web app's port is taken before the harvest, so a busy port fails at once and leaves
    # nothing behind; uvicorn then serves on this very socket
    listener = listen(host, port)
    target = Path(data_dir) if data_dir else Path(tempfile.mkdtemp(prefix="ogi-demo-"))
    print(f"OGI Archive demo — data directory {target}", flush=True)
    with demo_portals() as start_urls:
        for family, url in start_urls.items():
            print(f"  portal {family:<7} {url}", flush=True)
        print("harvesting (crawl → archive → extract → index) …", flush=True)
        settings = prepare(target, start_urls)
        app = create_app(settings)
        server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning"))
        url = f"http://{host}:{port}/"
        thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
        thread.start()
        while not server.started and thread.is_alive():
            time.sleep(0.05)
        if not thread.is_alive():
            raise SystemExit(f"ogi demo: the web app could not start on {host}:{port}")
        print(f"\nOGI Archive is ready: {url}   (try {url}?q=行政复议 ; Ctrl-C stops)", flush=True)
        if ready:
            ready(url)
        try:
            while thread.is_alive():
                thread.join(0.5)
        except KeyboardInterrupt:
            server.should_exit = True
            thread.join(10)
    print(json.dumps({"data_dir": str(target)}), flush=True)


__all__ = ["run_demo", "prepare", "demo_portals", "portal_dir"]
