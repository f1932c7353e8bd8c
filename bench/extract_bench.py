"""Extraction speed: files per second per core, per input format, in one process, then each
format beside its reference library in the same run (the ratios of issue 20).

    python bench/extract_bench.py [--repeat N] [--ratios html,pdf,ocr,jobs] [--only-ratios]

Runs `ogi.extract.extract_bytes` over the frozen fixtures (HTML pages, text seeds
if ../shared is present) several times and prints per-format figures. Speed targets
live here, not in unit tests.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ogi.extract import extract_bytes  # noqa: E402


def inputs() -> dict[str, list[Path]]:
    office = ROOT / "tests/fixtures/office"
    groups = {
        "html": sorted((ROOT / "tests/fixtures/html").glob("*.html")),
        "text": sorted((ROOT.parent / "shared/seeds").glob("*.txt")),
        "pdf": sorted(p for p in office.glob("*.pdf") if "_scan" not in p.name)
        + sorted((ROOT.parent / "shared/real-reports").glob("*.pdf")),
        "docx": sorted(office.glob("*.docx")),
        "doc": sorted(office.glob("*.doc")),
        "xlsx": sorted((ROOT / "tests/fixtures/sheets").glob("*.xlsx")),
        "scan": sorted(office.glob("*_scan.pdf")),  # OCR path
    }
    holdout = ROOT / "tests/fixtures/holdout"
    if holdout.is_dir():
        groups["html"] += sorted(holdout.glob("*.html"))
        groups["text"] += sorted(holdout.glob("*.txt"))
    return {k: v for k, v in groups.items() if v}


def ratios(which: list[str]) -> list[tuple[str, str, bool]]:
    """Each format's project-vs-reference bench (bench/extract_*.py, run in this process): their
    lines, then one summary row each: (work, figure, target met)."""
    import importlib

    sys.path.insert(0, str(ROOT / "bench"))
    rows = []
    for name in which:
        print(f"\n== bench/extract_{name}.py")
        got = importlib.import_module(f"extract_{name}").measure()
        if name == "html":
            rows.append(("HTML page → document", f"{got['ratio']:.2f}× BeautifulSoup(lxml) parse + cells "
                         f"({got['project_pages_s']:.0f} vs {got['reference_pages_s']:.0f} pages/s), target ≥ "
                         f"{got['target']}×", bool(got["meets_target"])))
        elif name == "pdf":
            rows.append(("PDF text layer → document", f"{got['project_pages_s']:.0f} pages/s, {got['ratio']:.2f}× "
                         f"pypdfium2 bare text ({got['pdfium_text_pages_s']:.0f}), targets ≥ {got['target_pages_s']:.0f} "
                         f"pages/s and ≥ {got['target_ratio']}×", bool(got["met"])))
        elif name == "ocr":
            rows.append(("OCR page (150 dpi)", f"{got['cpu_s_per_page']:.2f} s CPU a page, {got['ratio_cpu']:.2f}× "
                         f"rapidocr's own page call, target ≤ {got['target_s_per_page']} s", bool(got["meets_target"])))
        elif name == "jobs":
            rows.append(("ogi extract --jobs 2", f"{got['speedup_cpu_normalised']:.2f}× --jobs 1 (CPU-normalised), "
                         f"target ≥ {got['target']}×", got["speedup_cpu_normalised"] >= got["target"]))
    print("\n== summary (ratios measured in this run)")
    for work, figure, met in rows:
        print(f"{work:<28} {figure}  {'met' if met else 'NOT met'}")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--ratios", default="html,pdf,ocr,jobs",
                        help="project-vs-reference benches to run after the per-format table "
                             "(comma-separated: html,pdf,ocr,jobs; empty for none)")
    parser.add_argument("--only-ratios", action="store_true", help="skip the per-format table")
    args = parser.parse_args()
    if not args.only_ratios:
        table(args.repeat)
    which = [w.strip() for w in args.ratios.split(",") if w.strip()]
    if which:
        ratios(which)


def table(repeat_default: int) -> None:
    """Files and pages per second per core, per input format, through ogi.extract.extract_bytes."""
    # warm-up: imports, the division dataset, regex compilation
    extract_bytes((ROOT / "tests/fixtures/html/trs_2021_standard.html").read_bytes(), document_url="file:///warm")
    print(f"{'format':<6} {'files':>5} {'KB/file':>8} {'ms/file p50':>12} {'ms/file max':>12} {'files/s/core':>13}"
          f" {'pages/s/core':>13}")
    for fmt, paths in inputs().items():
        blobs = [(p.name, p.read_bytes()) for p in paths]
        pages = sum(_pages(data) for _, data in blobs) if fmt in ("pdf", "scan") else None
        per_file: list[float] = []
        # LibreOffice runs in a child process: count its CPU too (children's times)
        cpu_started = _cpu()
        repeat = 1 if fmt in ("doc", "scan") else repeat_default
        for _ in range(repeat):
            for name, data in blobs:
                t0 = time.perf_counter()
                extract_bytes(data, document_url=f"file:///{name}", filename=name)
                per_file.append((time.perf_counter() - t0) * 1000)
        cpu = _cpu() - cpu_started
        n = len(per_file)
        kb = sum(len(d) for _, d in blobs) / len(blobs) / 1024
        pages_s = f"{pages * repeat / cpu:>13.1f}" if pages else f"{'—':>13}"
        print(f"{fmt:<6} {len(blobs):>5} {kb:>8.1f} {statistics.median(per_file):>12.1f} {max(per_file):>12.1f} "
              f"{n / cpu:>13.1f} {pages_s}")


def _cpu() -> float:
    import os

    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def _pages(data: bytes) -> int:
    import pdfplumber
    import io

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return len(pdf.pages)


if __name__ == "__main__":
    main()
