"""`ogi extract --data-dir D --jobs N`: the speed-up of two worker processes over one, on copies of
one demo-sized archive, in the same run (issue 20: >= 1.8x on 2 cores).

    python bench/extract_jobs.py [--copies 24] [--rounds 2]

The archive is synthetic captures: every HTML report fixture (tests/fixtures/html) captured
`--copies` times, each copy a different body (a comment added), plus the text-layer PDF and DOCX
fixtures a few times: a few hundred files, about what `ogi demo` harvests. Each round extracts a
fresh copy of it with --jobs 1 and then with --jobs 2 (`ogi.pipeline.extract_in_processes`), and
checks that both wrote the same documents.

The machine is shared, so besides the wall-clock speed-up this prints the CPU time each run took
(this process and its workers) and a CPU-normalised speed-up: the one-process run's CPU time over
max(the parent's CPU time, the parent's and workers' CPU time / 2) of the two-process run, i.e.
what two idle cores would give if nothing else ran (both runs start warm: imports and the
division table loaded before either); the cores each run actually got (CPU / wall) say how
much the other load took.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ogi.archive import Archive  # noqa: E402
from ogi.pipeline import extract_in_processes  # noqa: E402

HTML = ROOT / "tests" / "fixtures" / "html"
OFFICE = ROOT / "tests" / "fixtures" / "office"
TARGET = 1.8
BASE = "http://bench.example/"


def build_archive(path: Path, copies: int) -> int:
    """Synthetic captures into a new archive at `path`; the number of files."""
    files: list[tuple[str, bytes, str]] = []
    for k in range(copies):
        for page in sorted(HTML.glob("*.html")):
            body = page.read_bytes() + f"\n<!-- copy {k} -->\n".encode()
            files.append((f"{BASE}{k}/{page.name}", body, "text/html"))
    for k in range(max(1, copies // 4)):
        for name in ("blank_cells_2021.pdf", "format_2019_city.pdf", "blank_cells_2021.docx"):
            body = (OFFICE / name).read_bytes() + f"\n%copy {k}\n".encode() if name.endswith(".pdf") \
                else (OFFICE / name).read_bytes()
            if name.endswith(".docx") and k:
                continue  # a zip cannot take bytes appended and stay the same document: once
            files.append((f"{BASE}{k}/{name}", body, "application/octet-stream"))
    with Archive(path) as archive:
        for url, body, content_type in files:
            stored = archive.record(source="bench", url=url, body=body, kind="page",
                                    headers={"Content-Type": content_type})
            archive.mark_report(url=url, source="bench", title=None, kind="page", parent_url=None,
                                sha256=stored.sha256)
    return len(files)


def _cpu() -> tuple[float, float]:
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime


def _documents(path: Path) -> list[tuple[Any, ...]]:
    with Archive(path) as archive:
        rows = archive.db.execute("SELECT url, sha256, document, error FROM documents ORDER BY rowid").fetchall()
    out = []
    for url, sha, doc, error in rows:
        data = json.loads(doc) if doc else None
        out.append((url, sha, data, error))
    return out


def run(base: Path, jobs: int) -> dict[str, Any]:
    work = Path(tempfile.mkdtemp(prefix=f"ogi-jobs{jobs}-"))
    shutil.rmtree(work)
    shutil.copytree(base, work)
    try:
        self0, kids0 = _cpu()
        t0 = time.perf_counter()
        summary = extract_in_processes(work, jobs=jobs)
        wall = time.perf_counter() - t0
        self1, kids1 = _cpu()
        return {"jobs": jobs, "wall": wall, "parent_cpu": self1 - self0, "workers_cpu": kids1 - kids0,
                "extracted": summary.extracted, "failed": summary.failed, "documents": _documents(work)}
    finally:
        shutil.rmtree(work, ignore_errors=True)


def measure(copies: int = 24, rounds: int = 2, quiet: bool = False) -> dict[str, Any]:
    """Extract the same archive with --jobs 1 and --jobs 2, `rounds` times each; the figures."""
    say = (lambda *a: None) if quiet else print
    from ogi.pipeline import _warm_worker

    _warm_worker()  # imports and the division table: paid before either run, not by the first
    base = Path(tempfile.mkdtemp(prefix="ogi-jobs-base-"))
    try:
        files = build_archive(base, copies)
        say(f"archive: {files} synthetic captures (HTML fixtures x {copies}, PDF and DOCX fixtures); "
            f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.1f} at the start")
        results: dict[int, list[dict[str, Any]]] = {1: [], 2: []}
        for _ in range(rounds):
            for jobs in (1, 2):
                results[jobs].append(run(base, jobs))
    finally:
        shutil.rmtree(base, ignore_errors=True)
    same = all(r["documents"] == results[1][0]["documents"] for rs in results.values() for r in rs)
    best = {jobs: min(rs, key=lambda r: r["wall"]) for jobs, rs in results.items()}
    one, two = best[1], best[2]
    cpu_one = one["parent_cpu"] + one["workers_cpu"]
    speedup = one["wall"] / two["wall"]
    cpu_two = two["parent_cpu"] + two["workers_cpu"]
    normalised = cpu_one / max(two["parent_cpu"], cpu_two / 2, 1e-9)
    out = {
        "files": files, "extracted": one["extracted"], "failed": one["failed"], "same_documents": same,
        "wall_jobs1": one["wall"], "wall_jobs2": two["wall"], "speedup": speedup,
        "cpu_jobs1": cpu_one, "parent_cpu_jobs2": two["parent_cpu"], "workers_cpu_jobs2": two["workers_cpu"],
        "cores_jobs1": cpu_one / one["wall"], "cores_jobs2": (two["parent_cpu"] + two["workers_cpu"]) / two["wall"],
        "speedup_cpu_normalised": normalised, "target": TARGET, "load_after": os.getloadavg()[0],
    }
    say(f"{'':<10} {'wall s':>8} {'files/s':>8} {'CPU s':>8} {'cores got':>10}")
    for jobs, r in best.items():
        cpu = r["parent_cpu"] + r["workers_cpu"]
        say(f"--jobs {jobs:<3} {r['wall']:>8.1f} {files / r['wall']:>8.1f} {cpu:>8.1f} {cpu / r['wall']:>10.2f}"
            f"   (parent {r['parent_cpu']:.1f} s, workers {r['workers_cpu']:.1f} s)")
    say(f"same documents with --jobs 1 and 2: {'yes' if same else 'NO'}; extracted {one['extracted']}, "
        f"failed {one['failed']}")
    say(f"speed-up --jobs 2 / --jobs 1: wall {speedup:.2f}x; CPU-normalised {normalised:.2f}x "
        f"(CPU of --jobs 1 / max(parent, all CPU / 2) of --jobs 2: two idle cores); target >= {TARGET}x -> "
        f"wall {'MET' if speedup >= TARGET else 'MISSED'}, CPU-normalised {'MET' if normalised >= TARGET else 'MISSED'}"
        f"; load {out['load_after']:.1f} at the end")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=24, help="captures of each HTML fixture")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    out = measure(args.copies, args.rounds)
    sys.exit(0 if out["same_documents"] else 1)


if __name__ == "__main__":
    main()
