"""A bounded loopback load on the web app: many clients, mixed requests, one server process.

    python bench/load.py [--reports 20000] [--clients 32] [--seconds 60] [--dir DIR] [--reuse] [--during-index]

1. Builds (or reuses) an archive of `--reports` reports: one real extracted report page varied
   per report (agency, region, year, figures), archived and stored as extracted documents, then
   indexed — the same catalog, documents and index a harvest leaves.
2. Starts `ogi serve` on 127.0.0.1 in its own process and runs `--clients` client threads for
   `--seconds`: searches (text, filters, facets), report pages, the search page, and the figures
   CSV export (about one request in eleven: `export` one province and year, `export-all` — one
   export in six — every report of the archive), as journalists and researchers would mix them.
3. Prints per request class: count, errors (any status ≥ 500, timeouts), p50 / p95 / max latency,
   the exports that finished (and their rows), the 503s the export answers when its slots are
   taken, and the server's peak RSS (and how much of it is anonymous, not the index's mapped files).
   With `--during-index`, after `--seconds` of steady load `ogi index` rebuilds the whole index
   (a new generation, in its own process), again until the load has run `--seconds` more
   beside rebuilds; the two phases are reported separately.

Targets (issue 17): 0 errors, p95 < 1 s for search and report pages, server RSS < 1 GB.
Exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ogi.archive import Archive, utcnow  # noqa: E402
from ogi.extract import EXTRACTOR_VERSION, extract_bytes  # noqa: E402

PAGE = ROOT / "tests" / "fixtures" / "html" / "trs_2021_standard.html"
COUNTIES = [("河南省", "南阳市", "内乡县"), ("湖南省", "株洲市", "攸县"), ("江苏省", "淮安市", "洪泽区"),
            ("广东省", "湛江市", "徐闻县"), ("吉林省", "长春市", "双阳区"), ("浙江省", "杭州市", "临安区"),
            ("山东省", "临沂市", "沂水县"), ("陕西省", "延安市", "子长市")]
DEPARTMENTS = ["人民政府", "教育局", "财政局", "卫生健康委员会", "住房和城乡建设局", "自然资源局", "司法局", "农业农村局"]


def build(data_dir: Path, n: int) -> None:
    """n reports as the pipeline would leave them (archived page, extracted document, index)."""
    base = extract_bytes(PAGE.read_bytes(), document_url="http://bench.example/base.html").to_dict()
    rng = random.Random(0)
    started = time.perf_counter()
    with Archive(data_dir) as archive:
        rows = []
        for i in range(n):
            province, city, county = COUNTIES[i % len(COUNTIES)]
            agency = f"{county}{DEPARTMENTS[(i // len(COUNTIES)) % len(DEPARTMENTS)]}{i // 64 or ''}"
            year = 2019 + i % 6
            url = f"http://bench.example/{i // 1000}/{i}.html"
            body = PAGE.read_bytes().replace("内乡县人民政府".encode(), agency.encode()) + f"<!-- {i} -->".encode()
            stored = archive.record(source="bench", url=url, body=body, headers={"Content-Type": "text/html"},
                                    kind="page")
            archive.mark_report(url=url, source="bench", title=None, kind="page", parent_url=None,
                                sha256=stored.sha256)
            doc = dict(base)
            doc.update(id=f"bench-{i}", url=url, document_url=url, sha256=stored.sha256, agency=agency,
                       title=f"{agency}{year}年政府信息公开工作年度报告", year=year,
                       region={**base["region"], "province": province, "city": city, "county": county})
            doc["figures"] = {k: ({**f, "value": (f["value"] or 0) + rng.randint(0, 5)} if f.get("value") is not None
                                  else f) for k, f in base["figures"].items()}
            rows.append((url, stored.sha256, utcnow(), json.dumps(doc, ensure_ascii=False), None, EXTRACTOR_VERSION))
            if len(rows) == 1000:
                archive.db.executemany("INSERT INTO documents (url, sha256, extracted_at, document, error,"
                                       " extractor_version) VALUES (?,?,?,?,?,?)", rows)
                rows.clear()
        archive.db.executemany("INSERT INTO documents (url, sha256, extracted_at, document, error, extractor_version)"
                               " VALUES (?,?,?,?,?,?)", rows)
    print(f"archive: {n} reports in {time.perf_counter() - started:.0f} s", flush=True)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "ogi.cli", "index", "--data-dir", str(data_dir)], check=True,
                   stdout=subprocess.DEVNULL)
    print(f"index: {time.perf_counter() - started:.0f} s", flush=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _rss(pid: int) -> tuple[int, int]:
    """(VmRSS, RssAnon) in bytes: all resident pages (the index's mapped files too), and the
    process's own memory only."""
    out = {"VmRSS:": 0, "RssAnon:": 0}
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                name = line.split(":", 1)[0] + ":"
                if name in out:
                    out[name] = int(line.split()[1]) * 1024
    except OSError:
        pass
    return out["VmRSS:"], out["RssAnon:"]


def _requests(n: int) -> list[tuple[str, str]]:
    """(class, path) mixes, weighted like real use."""
    texts = ["行政复议", "纠正", "年度报告", "依申请公开", "攸县", "教育局", "不予公开", "收费"]
    out = []
    for k in range(200):
        r = random.Random(k)
        q = r.choice(texts)
        out += [("search", f"/api/search?q={urllib.request.quote(q)}&limit=20"),
                ("search", f"/api/search?q={urllib.request.quote(q)}&filter=year%3E%3D2022&facet=province&facet=year"),
                ("search", "/api/search?filter=figures.requests.new_received.total%3E10&facet=agency_level"),
                ("page", f"/?q={urllib.request.quote(q)}"),
                ("report", f"/reports/bench-{r.randrange(n)}"),
                ("report", f"/api/reports/bench-{r.randrange(n)}")]
        if k % 2 == 0:  # the figures page's "every matching report" CSV: one province, one year
            out.append(("export", f"/api/figures?province={urllib.request.quote(r.choice(COUNTIES)[0])}&year=2023"))
        if k % 10 == 0:  # and now and then every report of the archive
            out.append(("export-all", "/api/figures"))
    return out


class Phase:
    """What the clients measured while one condition held (steady load, or an `ogi index` running)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.latencies: dict[str, list[float]] = {}
        self.errors: dict[str, int] = {}
        self.busy = 0  # exports answered 503 (slots taken)
        self.exports_finished: dict[str, int] = {}  # exports that sent their last row (not cut at the time limit)
        self.export_rows: dict[str, list[int]] = {}
        self.peak_rss = 0
        self.peak_anon = 0
        self.started = time.monotonic()
        self.seconds = 0.0
        self.notes: list[str] = []

    def report(self, clients: int) -> bool:
        ok = True
        print(f"\n{self.name}: {clients} clients, {self.seconds:.0f} s")
        print(f"{'class':<10} {'count':>6} {'errors':>6} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
        for klass in ("search", "page", "report", "export", "export-all"):
            times = sorted(self.latencies.get(klass, []))
            if not times and not self.errors.get(klass):
                continue
            p95 = times[math.ceil(0.95 * len(times)) - 1] if times else float("nan")  # nearest rank
            p50 = statistics.median(times) if times else float("nan")
            top = times[-1] if times else float("nan")
            print(f"{klass:<10} {len(times):>6} {self.errors.get(klass, 0):>6} {p50 * 1000:>8.0f} "
                  f"{p95 * 1000:>8.0f} {top * 1000:>8.0f}")
            if klass in ("search", "page", "report") and not p95 <= 1.0:
                ok = False
        finished = ", ".join(f"{k} {n} ({min(self.export_rows[k])}–{max(self.export_rows[k])} rows)"
                             for k, n in sorted(self.exports_finished.items())) or "none"
        print(f"exports finished: {finished}; answered 503 (slots taken): {self.busy}")
        print(f"server peak RSS {self.peak_rss / 2**20:.0f} MB (of it anonymous {self.peak_anon / 2**20:.0f} MB;"
              f" the rest is the index's mapped files)")
        for note in self.notes:
            print(note)
        if sum(self.errors.values()) or self.peak_rss >= 2**30:
            ok = False
        return ok


def run(data_dir: Path, clients: int, seconds: float, during_index: bool, n: int) -> int:
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "ogi.cli", "serve", "--data-dir", str(data_dir),
                               "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/api/search?limit=0", timeout=5).read()
            break
        except (urllib.error.URLError, OSError):
            time.sleep(0.3)
    mix = _requests(n)
    phases = [Phase("steady load")]
    done = threading.Event()
    lock = threading.Lock()

    def client(k: int) -> None:
        rng = random.Random(k)
        while not done.is_set():
            klass, path = rng.choice(mix)
            phase = phases[-1]  # a request counts in the phase it started in
            started = time.perf_counter()
            status, body = 0, b""
            try:
                with urllib.request.urlopen(base + path, timeout=30) as answer:
                    body = answer.read()
                    status = answer.status
            except urllib.error.HTTPError as exc:
                status, body = exc.code, exc.read()[:200]
            except (urllib.error.URLError, OSError) as exc:
                status, body = -1, repr(exc)[:120].encode()
            took = time.perf_counter() - started
            with lock:
                if klass.startswith("export") and status == 503:
                    phase.busy += 1
                elif status >= 500 or status < 0:
                    phase.errors[klass] = phase.errors.get(klass, 0) + 1
                    why = f"{klass}: {status} {body[:120].decode('utf-8', 'replace')} after {took:.1f} s"
                    if len(phase.notes) < 10:
                        phase.notes.append(why)
                else:
                    phase.latencies.setdefault(klass, []).append(took)
                    if klass.startswith("export") and status == 200 and b"\n# cut:" not in body[-200:]:
                        phase.exports_finished[klass] = phase.exports_finished.get(klass, 0) + 1
                        phase.export_rows.setdefault(klass, []).append(body.count(b"\n") - 1)

    def watch() -> None:
        while not done.is_set():
            rss, anon = _rss(server.pid)
            phase = phases[-1]
            phase.peak_rss, phase.peak_anon = max(phase.peak_rss, rss), max(phase.peak_anon, anon)
            time.sleep(0.25)

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)] + [threading.Thread(target=watch)]
    for t in threads:
        t.start()
    time.sleep(seconds)
    if during_index:
        # partway through the load: `ogi index` rebuilds the whole index into a new generation in its
        # own process, again until the load has run `seconds` beside rebuilds (the last one finishes)
        with lock:
            phases[0].seconds = time.monotonic() - phases[0].started
            phases.append(Phase("during ogi index (full rebuild into a new generation, own process)"))
        phase = phases[-1]
        stop = time.monotonic() + seconds
        while True:
            began = time.monotonic()
            rebuild = subprocess.run([sys.executable, "-m", "ogi.cli", "index", "--data-dir", str(data_dir)],
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            took = time.monotonic() - began
            last = (rebuild.stdout.strip().splitlines() or [""])[-1][:160]
            phase.notes.append(f"ogi index: exit {rebuild.returncode} after {took:.0f} s ({last})")
            if rebuild.returncode != 0:
                phase.errors["ogi index"] = phase.errors.get("ogi index", 0) + 1
            if time.monotonic() >= stop:
                break
    done.set()
    phases[-1].seconds = time.monotonic() - phases[-1].started
    for t in threads:
        t.join()
    server.terminate()
    try:
        server.wait(10)
    except subprocess.TimeoutExpired:  # exports still streaming: graceful shutdown waits for them
        server.kill()
        server.wait()
    print(f"{n} reports, {clients} clients (mixed: searches, search pages, report pages, figures CSV exports)")
    ok = all([phase.report(clients) for phase in phases])
    print("\ntargets met" if ok else "\nTARGETS MISSED")
    return 0 if ok else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=20_000)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--dir", type=Path, default=None, help="archive directory (default: a temporary one)")
    parser.add_argument("--reuse", action="store_true", help="use the archive already in --dir")
    parser.add_argument("--during-index", action="store_true", help="rebuild the index while the load runs")
    args = parser.parse_args()
    data_dir = args.dir or Path(tempfile.mkdtemp(prefix="ogi-load-"))
    if not (args.reuse and (data_dir / "catalog.sqlite").exists()):
        build(data_dir, args.reports)
    return run(data_dir, args.clients, args.seconds, args.during_index, args.reports)


if __name__ == "__main__":
    sys.exit(main())
