"""OCR of scanned pages (150 dpi): seconds per page, beside rapidocr's own full-page call.

    python bench/extract_ocr.py [--repeat N]

Both sides run in this process over the same pages: the scan fixtures (tests/fixtures/
blind_scans, office/*_scan.pdf, office_holdout's 200-dpi scan and noisy page), each PDF page
rendered once at 150 dpi. The project side is `ogi.readers.ocr.read_images` on the rendered
pages (deskew, ruling lines → cell grid, every cell and the text between the tables read);
the reference is rapidocr's own call on each whole page (`RapidOCR()(page)`: detector,
direction classifier and recogniser, as a user of the library would call it), with the same
onnxruntime settings (OCR_THREADS, one thread by default). CPU time (time.process_time) is
the figure to compare on a shared machine; wall time is printed beside it.
Target (issue 20): ≤ 1.5 s of CPU per page.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET = 1.5  # seconds per 150-dpi page


def scan_files() -> list[Path]:
    fixtures = ROOT / "tests/fixtures"
    return (sorted((fixtures / "blind_scans").glob("*.pdf")) + sorted((fixtures / "office").glob("*_scan.pdf"))
            + sorted((fixtures / "office_holdout").glob("*_scan200.pdf"))
            + sorted((fixtures / "office_holdout").glob("*_noisy.png")))


def rendered(path: Path) -> list:
    """The file's pages as the reader sees them: PDF pages rendered at SCAN_DPI, images as they are."""
    import pypdfium2 as pdfium
    from PIL import Image

    from ogi.readers.ocr import SCAN_DPI

    if path.suffix.lower() != ".pdf":
        return [Image.open(path).convert("RGB")]
    pdf = pdfium.PdfDocument(path.read_bytes())
    return [pdf[i].render(scale=SCAN_DPI / 72).to_pil().convert("RGB") for i in range(len(pdf))]


def _timed(fn) -> tuple[float, float]:
    cpu, wall = time.process_time(), time.perf_counter()
    fn()
    return time.process_time() - cpu, time.perf_counter() - wall


def measure(repeat: int = 1) -> dict:
    import numpy as np
    from rapidocr import RapidOCR

    from ogi.document import SourceFormat
    from ogi.readers.ocr import OCR_THREADS, read_images

    files = {path.name: rendered(path) for path in scan_files()}
    reference = RapidOCR(params={"Global.log_level": "critical",
                                 "EngineConfig.onnxruntime.intra_op_num_threads": OCR_THREADS,
                                 "EngineConfig.onnxruntime.inter_op_num_threads": 1})
    # warm-up: both sides load their models (once per process) before anything is timed
    first = next(iter(files.values()))[:1]
    read_images(first, SourceFormat.IMAGE)
    reference(np.asarray(first[0]))

    per_file: dict[str, dict] = {}
    for name, pages in files.items():
        ours, ref = [], []
        for _ in range(repeat):
            ours.append(_timed(lambda: read_images(pages, SourceFormat.IMAGE)))
            ref.append(_timed(lambda: [reference(np.asarray(page)) for page in pages]))
        n = len(pages)
        row = {"pages": n,
               "cpu_s_per_page": statistics.median(c for c, _ in ours) / n,
               "wall_s_per_page": statistics.median(w for _, w in ours) / n,
               "ref_cpu_s_per_page": statistics.median(c for c, _ in ref) / n,
               "ref_wall_s_per_page": statistics.median(w for _, w in ref) / n}
        per_file[name] = row
        print(f"{name:<42} {n:>3} pages  project {row['cpu_s_per_page']:5.2f} s CPU "
              f"({row['wall_s_per_page']:5.2f} wall)"
              f"  rapidocr page {row['ref_cpu_s_per_page']:5.2f} s CPU ({row['ref_wall_s_per_page']:5.2f} wall)"
              f"  ratio {row['cpu_s_per_page'] / row['ref_cpu_s_per_page']:.2f}", flush=True)
    pages = sum(r["pages"] for r in per_file.values())

    def mean(key: str) -> float:
        return sum(r[key] * r["pages"] for r in per_file.values()) / pages

    result = {"pages": pages, "repeat": repeat, "threads": OCR_THREADS, "target_s_per_page": TARGET,
              "cpu_s_per_page": mean("cpu_s_per_page"), "wall_s_per_page": mean("wall_s_per_page"),
              "ref_cpu_s_per_page": mean("ref_cpu_s_per_page"), "ref_wall_s_per_page": mean("ref_wall_s_per_page"),
              "worst_file_cpu_s_per_page": max(r["cpu_s_per_page"] for r in per_file.values()),
              "files": per_file}
    result["ratio_cpu"] = result["cpu_s_per_page"] / result["ref_cpu_s_per_page"]
    result["meets_target"] = result["cpu_s_per_page"] <= TARGET
    print(f"\nOCR, {pages} pages × {repeat}, onnxruntime threads {OCR_THREADS}: "
          f"project {result['cpu_s_per_page']:.2f} s CPU per page ({result['wall_s_per_page']:.2f} s wall; "
          f"worst file {result['worst_file_cpu_s_per_page']:.2f}), rapidocr's own page call "
          f"{result['ref_cpu_s_per_page']:.2f} s CPU ({result['ref_wall_s_per_page']:.2f} s wall); "
          f"project / rapidocr = {result['ratio_cpu']:.2f}×; target ≤ {TARGET} s per page: "
          f"{'met' if result['meets_target'] else 'NOT met'}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    measure(args.repeat)


if __name__ == "__main__":
    main()
