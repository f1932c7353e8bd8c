"""HTML report page → document, beside BeautifulSoup(lxml) parse + every table cell's text.

    python bench/extract_html.py [--repeat N]

Both sides run in this process over the same pages (the HTML fixtures: tests/fixtures/html,
holdout and blind_figures), measured in CPU time (time.process_time), so the ratio holds on a
shared machine where absolute figures drift. The project side is the whole of
`ogi.extract.extract_bytes` on the page's bytes (charset, reader, standard tables, title,
agency, region, sections, checks); the reference is `BeautifulSoup(text, "lxml")` on the
decoded page and `get_text()` of every <td>/<th> — the least any reader of these pages built on
BeautifulSoup has to do. Target (issue 20): the project at ≥ 0.8× of the reference.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bs4 import BeautifulSoup  # noqa: E402

from ogi.decoding import decode  # noqa: E402
from ogi.extract import extract_bytes  # noqa: E402

TARGET = 0.8


def pages() -> list[Path]:
    found: list[Path] = []
    for folder in ("tests/fixtures/html", "tests/fixtures/holdout", "tests/fixtures/blind_figures"):
        found += sorted((ROOT / folder).glob("*.html"))
    return found


def _reference(text: str) -> int:
    soup = BeautifulSoup(text, "lxml")
    n = 0
    for cell in soup.find_all(("td", "th")):
        n += len(cell.get_text())
    return n


def _timed(sides: dict, repeat: int) -> dict[str, float]:
    """CPU seconds a pass of each side takes: the sides alternate, pass after pass, and each
    keeps its fastest pass, so a burst of other load on the machine weighs on neither."""
    best = {name: float("inf") for name in sides}
    for _ in range(max(1, repeat)):
        for name, (fn, items) in sides.items():
            t0 = time.process_time()
            for item in items:
                fn(item)
            best[name] = min(best[name], time.process_time() - t0)
    return best


def measure(repeat: int = 8) -> dict:
    """Pages/s of both sides and their ratio; prints one line per figure."""
    paths = pages()
    blobs = [(p.name, p.read_bytes()) for p in paths]
    texts = [decode(data).text for _, data in blobs]
    # warm-up: imports, the division dataset, compiled patterns
    for name, data in blobs:
        extract_bytes(data, document_url=f"file:///{name}", filename=name)
    for text in texts:
        _reference(text)

    def project(blob: tuple[str, bytes]) -> None:
        extract_bytes(blob[1], document_url=f"file:///{blob[0]}", filename=blob[0])

    best = _timed({"project": (project, blobs), "reference": (_reference, texts)}, repeat)
    project_s, reference_s = best["project"], best["reference"]
    n = len(blobs)
    result = {
        "pages": n,
        "kb_per_page": sum(len(d) for _, d in blobs) / n / 1024,
        "project_pages_s": n / project_s,
        "project_ms_per_page": project_s / n * 1000,
        "reference_pages_s": n / reference_s,
        "reference_ms_per_page": reference_s / n * 1000,
    }
    result["ratio"] = result["project_pages_s"] / result["reference_pages_s"]
    result["target"] = TARGET
    result["meets_target"] = result["ratio"] >= TARGET
    print(f"html pages: {n}, {result['kb_per_page']:.1f} KB a page on average (CPU time, one core)")
    print(f"project   (extract_bytes → Document)         : {result['project_pages_s']:7.1f} pages/s "
          f"({result['project_ms_per_page']:.1f} ms a page)")
    print(f"reference (BeautifulSoup(lxml) + cell texts) : {result['reference_pages_s']:7.1f} pages/s "
          f"({result['reference_ms_per_page']:.1f} ms a page)")
    print(f"ratio project/reference                      : {result['ratio']:7.2f}× "
          f"(target ≥ {TARGET}×: {'met' if result['meets_target'] else 'NOT met'})")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=8)
    args = parser.parse_args()
    measure(args.repeat)


if __name__ == "__main__":
    main()
