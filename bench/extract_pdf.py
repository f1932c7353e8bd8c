"""PDF (text layer) extraction speed beside pdfium's bare text, in one process (issue 20).

    python bench/extract_pdf.py [--repeat N]

Files: every text-layer PDF under tests/fixtures (not *_scan*) and ../shared/real-reports/*.pdf
when present. CPU time (time.process_time), one core: the machine is shared, so the ratio to
pypdfium2's bare text on the same files, measured in the same run, is the figure that travels.
Targets: >= 150 pages/s/core end to end through ogi.extract.extract_bytes and >= 0.3x pdfium.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_PAGES_S = 150.0
TARGET_RATIO = 0.3


def files() -> list[Path]:
    fixtures = ROOT / "tests" / "fixtures"
    found = sorted(p for p in fixtures.rglob("*.pdf") if "_scan" not in p.name)
    found += sorted((ROOT.parent / "shared" / "real-reports").glob("*.pdf"))
    return found


def _pages(data: bytes) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        return len(pdf)
    finally:
        pdf.close()


def _timed(fn, blobs: list[tuple[str, bytes]], repeat: int) -> float:
    fn(*blobs[0])  # warm-up: imports, caches
    started = time.process_time()
    for _ in range(repeat):
        for name, data in blobs:
            fn(name, data)
    return time.process_time() - started


def _project(name: str, data: bytes) -> None:
    from ogi.extract import extract_bytes

    extract_bytes(data, document_url=f"file:///{name}", filename=name)


def _pdfium_text(name: str, data: bytes) -> None:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    for page in pdf:
        textpage = page.get_textpage()
        textpage.get_text_range()
        textpage.close()
        page.close()
    pdf.close()


def _pdfplumber_tables(name: str, data: bytes) -> None:
    import io

    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_tables()


def measure(repeat: int = 5) -> dict:
    paths = files()
    blobs = [(p.name, p.read_bytes()) for p in paths]
    pages = sum(_pages(data) for _, data in blobs)
    project = pages * repeat / _timed(_project, blobs, repeat)
    pdfium = pages * repeat / _timed(_pdfium_text, blobs, repeat)
    plumber = pages * max(1, repeat // 5) / _timed(_pdfplumber_tables, blobs, max(1, repeat // 5))
    ratio = project / pdfium
    ok = project >= TARGET_PAGES_S and ratio >= TARGET_RATIO
    print(f"pdf (text layer): {len(blobs)} files, {pages} pages, repeat {repeat}, CPU time, one core")
    print(f"  project end to end (extract_bytes): {project:8.1f} pages/s")
    print(f"  pypdfium2 bare text (reference):    {pdfium:8.1f} pages/s")
    print(f"  pdfplumber extract_tables (context): {plumber:7.1f} pages/s")
    print(f"  ratio project / pdfium text: {ratio:.3f}x   targets: >= {TARGET_PAGES_S:.0f} pages/s and "
          f">= {TARGET_RATIO}x  -> {'met' if ok else 'NOT met'}")
    return {"files": len(blobs), "pages": pages, "project_pages_s": project, "pdfium_text_pages_s": pdfium,
            "pdfplumber_tables_pages_s": plumber, "ratio": ratio, "target_pages_s": TARGET_PAGES_S,
            "target_ratio": TARGET_RATIO, "met": ok}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    measure(parser.parse_args().repeat)


if __name__ == "__main__":
    main()
