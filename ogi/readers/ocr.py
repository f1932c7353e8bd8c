"""Images and scanned PDFs: table grids from the ruling lines, each cell read by OCR.

OCR of a whole page merges digits of narrow neighbouring columns into one box
("0 0 0 0 0 1 1" → "0000011"), so the cell grid is taken from the ruling lines
(long dark runs in the image) and every cell is read on its own with RapidOCR, whose
Chinese models ship inside its wheel (nothing is downloaded at run time). Text outside
the tables is read line by line. Every figure read this way carries a confidence
below 1 (at most OCR_CONFIDENCE_CAP, lower when the recogniser was less sure), and the
identity checks flag the misreads a wrong digit causes.
"""

from __future__ import annotations

import io
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Generator

from ogi.document import SourceFormat, Warning
from ogi.grid import Cell, Row
from ogi.readers.base import ExtractionError, ReaderOutput
from ogi.textutil import tidy_line

SCAN_DPI = 150
OCR_CONFIDENCE_CAP = 0.9
MAX_PAGES = 60
OCR_THREADS = int(os.environ.get("OGI_OCR_THREADS", "1"))  # onnxruntime threads per model
MAX_PIXELS = 40_000_000  # an A4 page at 600 dpi is 35 M; a declared size beyond this is refused unread
MIN_DESKEW = 0.3  # degrees: smaller tilts leave ruling lines long enough to be found
_DARK = 160  # grey level below which a pixel is ink
_LINE_CONTRAST = 40  # a ruling line is this much darker than the paper (faint photocopied lines too)
_MIN_LINE = 30  # pixels: longer than any stroke of a character at 150 dpi
_DIGIT_LOOKALIKES = str.maketrans({"O": "0", "o": "0", "D": "0", "l": "1", "I": "1", "|": "1", "，": ","})
_LOOKALIKE_NUMBER = re.compile(r"[-+]?[0-9OoDlI|][0-9OoDlI|,，]*(\.[0-9OoDlI|]+)?")
# scanner specks beside a digit read as punctuation: ".0", "6.", "·12"
_SPECKS = re.compile(r"^[.·,，'`:;。、_~°º˚\s]+|[.·,，'`:;。、_~°º˚\s]+$")


@lru_cache(maxsize=1)
def _engine() -> Any:
    """RapidOCR's models, loaded once per process, on OCR_THREADS threads each (one by default:
    a harvest runs a process per core, and a second thread spinning beside the first costs more
    CPU than it saves)."""
    try:
        from rapidocr import RapidOCR
    except ImportError as exc:  # pragma: no cover - a dependency of the project
        raise ExtractionError(f"OCR is not installed: {exc}") from exc
    return RapidOCR(params={"Global.log_level": "critical",
                            "EngineConfig.onnxruntime.intra_op_num_threads": OCR_THREADS,
                            "EngineConfig.onnxruntime.inter_op_num_threads": 1,
                            "EngineConfig.onnxruntime.enable_cpu_mem_arena": True})  # ~10 % faster here


def read_image_bytes(data: bytes) -> ReaderOutput:
    from PIL import Image, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(data))  # reads the header only: the size is known before decoding
        width, height = image.size
        if width * height > MAX_PIXELS:
            raise ExtractionError(f"image declares {width}×{height} pixels (limit {MAX_PIXELS / 1e6:.0f} M): not decoded")
        image.load()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise ExtractionError(f"broken or unknown image: {exc}") from exc
    return read_images([image], SourceFormat.IMAGE)


def read_scanned_pdf(data: bytes) -> ReaderOutput:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except Exception as exc:
        raise ExtractionError(f"broken PDF, cannot be rendered: {exc}") from exc
    images = []
    for i in range(min(len(pdf), MAX_PAGES)):
        page = pdf[i]
        width, height = page.get_size()  # points
        pixels = (width * SCAN_DPI / 72) * (height * SCAN_DPI / 72)
        if pixels > MAX_PIXELS:
            raise ExtractionError(f"page {i + 1} is {width:.0f}×{height:.0f} pt: {pixels / 1e6:.0f} M pixels at "
                                  f"{SCAN_DPI} dpi (limit {MAX_PIXELS / 1e6:.0f} M), not rendered")
        images.append(page.render(scale=SCAN_DPI / 72).to_pil())
    out = read_images(images, SourceFormat.PDF)
    out.warnings.insert(0, Warning("ocr", "the PDF has no text layer: its pages were read by OCR"))
    return out


def read_images(images: list[Any], fmt: SourceFormat) -> ReaderOutput:
    import numpy as np
    from PIL import Image

    rows: list[Row] = []
    warnings: list[Warning] = []
    for page_no, image in enumerate(images, start=1):
        image = image.convert("RGB")
        angle = skew_angle(np.asarray(image))
        if abs(angle) >= MIN_DESKEW:
            image = image.rotate(angle, resample=Image.BICUBIC, expand=True, fillcolor="white")
            warnings.append(Warning("deskewed", f"page {page_no} was rotated {angle:+.1f}° back upright"))
        rows.extend(_read_page(np.asarray(image), page_no))
    if not rows:
        raise ExtractionError("OCR found no text in the image(s)")
    title = next((r.text for r in rows[:3] if not r.is_table_row), None)
    if fmt is SourceFormat.IMAGE:
        warnings.append(Warning("ocr", "read by OCR: figures carry a confidence below 1"))
    return ReaderOutput(format=fmt, rows=rows, title=title, warnings=warnings)


def skew_angle(rgb: Any, *, limit: float = 5.0, step: float = 0.1) -> float:
    """Degrees to rotate a page (counter-clockwise, as PIL's rotate) to make it upright: the
    angle at which the ink's rows are sharpest — table rulings and text lines line up."""
    import numpy as np

    ink = rgb[::2, ::2].mean(axis=2) < _DARK  # half resolution is plenty for the angle
    ys, xs = np.nonzero(ink)
    if ys.size < 500:
        return 0.0
    if ys.size > 200_000:  # a dark page: a fixed sample of its ink
        keep = np.random.default_rng(0).choice(ys.size, 200_000, replace=False)
        ys, xs = ys[keep], xs[keep]
    xs_c = xs - xs.mean()
    best, best_score = 0.0, -1.0
    for angle in np.arange(-limit, limit + step / 2, step):
        shifted = np.round(ys + xs_c * np.tan(np.radians(angle))).astype(np.int64)
        counts = np.bincount(shifted - shifted.min())
        score = float((counts.astype(np.float64) ** 2).sum())
        if score > best_score:
            best, best_score = float(angle), score
    return round(-best, 2)


# --- ruling lines → cell grids ---------------------------------------------------------------


@dataclass
class _Table:
    top: int
    bottom: int
    ys: list[int]
    xs: list[int]


def _runs(mask: Any, axis: int, length: int) -> Any:
    """Pixels that belong to a run of at least `length` ink pixels along the axis: a morphological
    opening with a line `length` long (erode marks where a full run starts, dilate spreads the
    mark over the run; pixels outside the image are paper)."""
    import cv2
    import numpy as np

    kernel = np.ones((1, length) if axis == 1 else (length, 1), np.uint8)
    end = (length - 1, 0) if axis == 1 else (0, length - 1)
    starts = cv2.erode(mask.astype(np.uint8), kernel, anchor=(0, 0), borderType=cv2.BORDER_CONSTANT, borderValue=0)
    return cv2.dilate(starts, kernel, anchor=end, borderType=cv2.BORDER_CONSTANT, borderValue=0) > 0


_MAX_GAP = 20  # pixels: a gap in a worn or broken ruling line that is bridged
_MAX_ROW = 240  # pixels: the tallest table row (a cell of several lines of text)


def _repaired_lines(ink: Any, horiz: Any, vert: Any) -> tuple[Any, Any, Any]:
    """Ruling lines with their gaps bridged (worn photocopies, faint scans). A horizontal line is
    a pixel row whose long runs add up (text never does); its gaps up to _MAX_GAP are closed. A
    vertical line between two horizontal lines is a column of ruling ink (`_ruling_ink`: never
    text) over 40 % of the row's height, or over 15 % where the same line was found in two
    other rows of the table (a worn line keeps its place)."""
    import numpy as np

    h, w = ink.shape
    horiz, vert = horiz.copy(), vert.copy()
    ys = _centres(horiz.sum(axis=1), max(_MIN_LINE, w // 20))
    for y in ys:
        for yy in range(max(0, y - 2), min(h, y + 3)):
            horiz[yy] |= _dense_runs(ink[yy])
    bands = [(y0, y1) for y0, y1 in zip(ys, ys[1:]) if 12 <= y1 - y0 <= _MAX_ROW]
    ruling = _ruling_ink(ink, horiz)
    evidence = []
    for y0, y1 in bands:
        cover = ruling[y0 + 3: y1 - 2].mean(axis=0)
        evidence.append(np.maximum(cover, np.maximum(np.roll(cover, 1), np.roll(cover, -1))))
    strong = [cover >= 0.4 for cover in evidence]
    # a line found in one row continues in the others, however worn: there, a piece of it that
    # touches a horizontal line is enough (text in a cell is padded off the lines)
    # … of the same table: bands that follow each other without a gap
    table_of, t = [], 0
    for i, (y0, _) in enumerate(bands):  # a band with no vertical line (text between tables) ends one
        t += i > 0 and (y0 != bands[i - 1][1] or not strong[i].any() or not strong[i - 1].any())
        table_of.append(t)
    seen = {k: np.zeros(w, dtype=np.int32) for k in set(table_of)}
    for k, found in zip(table_of, strong):
        for a, b in _bands(np.flatnonzero(found)):
            seen[k][max(0, a - 2): b + 3] += 1
    for (y0, y1), cover, found, k in zip(bands, evidence, strong, table_of):
        found = found | ((seen[k] >= 2) & (cover >= 0.15))
        for a, b in _bands(np.flatnonzero(found)):
            x = (a + b) // 2
            vert[max(0, y0 - 2): y1 + 3, max(0, x - 1): x + 2] = True
    return horiz, vert, ruling


_PIECE = 20  # pixels: a thin upright piece at least this tall is a bit of a line, not a stroke of text


def _ruling_ink(ink: Any, horiz: Any) -> Any:
    """The ink of the ruling: every blob that meets a horizontal line (the grid is drawn in one
    piece; text in a cell is padded off it), and thin upright pieces taller than any character
    (a stretch of a worn line cut off at both ends)."""
    import cv2
    import numpy as np

    n, labels, stats, _ = cv2.connectedComponentsWithStats(ink.astype(np.uint8), connectivity=8)
    keep = np.zeros(n, dtype=bool)
    keep[np.unique(labels[_runs(horiz & ink, 1, 3 * _MIN_LINE)])] = True  # long: a cell's width, not a word
    keep |= (stats[:, cv2.CC_STAT_HEIGHT] >= _PIECE) & (stats[:, cv2.CC_STAT_WIDTH] <= 5)
    keep[0] = False
    return keep[labels]


def _dense_runs(row: Any) -> Any:
    """A pixel row's ruling line with its gaps (up to _MAX_GAP) bridged: runs of the closed row at
    least _MIN_LINE long and mostly ink — a line with gaps, not a row of text crossing glyphs."""
    closed = _closed(row[None, :], _MAX_GAP)[0]
    out = row & False
    for a, b in _bands(closed.nonzero()[0]):
        if b - a + 1 >= _MIN_LINE and row[a: b + 1].mean() >= 0.8:
            out[a: b + 1] = True
    return out


def _closed(mask: Any, gap: int) -> Any:
    """The mask with gaps of up to `gap` pixels between inked pixels of a row filled."""
    import numpy as np

    cs = np.cumsum(np.pad(mask.astype(np.int32), ((0, 0), (1, 0))), axis=1)
    idx = np.arange(mask.shape[1])
    left = cs[:, idx + 1] - cs[:, np.maximum(idx - gap, 0)]
    right = cs[:, np.minimum(idx + gap, mask.shape[1] - 1) + 1] - cs[:, idx]
    return mask | ((left > 0) & (right > 0))


def _bands(positions: Any, gap: int = 1) -> list[tuple[int, int]]:
    """(first, last) of each band of sorted positions, a band ending where the next position
    is more than `gap` away (gap 1: runs of consecutive positions)."""
    bands: list[tuple[int, int]] = []
    for p in positions:
        p = int(p)
        if bands and p - bands[-1][1] <= gap:
            bands[-1] = (bands[-1][0], p)
        else:
            bands.append((p, p))
    return bands


def _centres(profile: Any, threshold: int) -> list[int]:
    """Centres of the bands where profile >= threshold (a ruling line is a few pixels thick; a
    faint or blurred one may dip below the threshold for a pixel row and is still one line)."""
    import numpy as np

    return [(a + b) // 2 for a, b in _bands(np.flatnonzero(np.asarray(profile) >= threshold), gap=4)]


def _tables(horiz: Any, vert: Any) -> list[_Table]:
    h, w = horiz.shape
    ys = _centres(horiz.sum(axis=1), max(_MIN_LINE, w // 20))
    xs_all = _centres(vert.sum(axis=0), _MIN_LINE)
    tables: list[_Table] = []
    current: list[int] = []
    for y in ys:
        if current:
            band = vert[current[-1] + 2: y - 1, :]
            connected = band.size and bool((band.sum(axis=0) >= (y - current[-1] - 3) * 0.9).any())
            if not connected:
                if len(current) >= 2:
                    tables.append(_table_from(current, xs_all, vert))
                current = []
        current.append(y)
    if len(current) >= 2:
        tables.append(_table_from(current, xs_all, vert))
    return [t for t in tables if len(t.xs) >= 2]


def _table_from(ys: list[int], xs_all: list[int], vert: Any) -> _Table:
    top, bottom = ys[0], ys[-1]
    # a column boundary may run through a few rows only (tables of different widths stacked)
    xs = [x for x in xs_all if vert[top:bottom, max(0, x - 2): x + 3].any(axis=1).sum() >= _MIN_LINE]
    return _Table(top, bottom, ys, xs)


def _has_line(mask: Any, fixed: int, start: int, end: int, axis: int) -> bool:
    """Is there a ruling line at `fixed` between start and end (axis 0: horizontal line)?"""
    if end - start < 4:
        return True
    if axis == 0:
        band = mask[max(0, fixed - 3): fixed + 4, start + 2: end - 2]
        hits = band.any(axis=0)
    else:
        band = mask[start + 2: end - 2, max(0, fixed - 3): fixed + 4]
        hits = band.any(axis=1)
    return True if hits.size == 0 else bool(hits.mean() > 0.7)


def _read_page(rgb: Any, page_no: int) -> list[Row]:
    import numpy as np

    gray = rgb.mean(axis=2)
    paper = float(np.percentile(gray[::4, ::4], 75))  # white, or the grey of a scanned sheet
    ink = gray < min(215.0, paper - _LINE_CONTRAST) if paper > _DARK + _LINE_CONTRAST else gray < _DARK
    horiz, vert, ruling = _repaired_lines(ink, _runs(ink, 1, _MIN_LINE), _runs(ink, 0, _MIN_LINE))
    blank = rgb.copy()
    printed = gray < 215  # what a cell or a line of text counts as printed (specks, lines of text)
    printed_blank = printed.copy()
    text_ink = ink & ~ruling
    # every reading of the page (each cell, the text between the tables) is a generator asking for
    # recognitions and detections; _driven runs them together, so the recogniser gets them in
    # batches and the detector runs over one image per round
    tables: list[tuple[_Table, str, Any]] = []
    readings: dict[Any, Any] = {}
    for t_no, table in enumerate(_tables(horiz, vert), start=1):
        where = f"page {page_no} table {t_no}"
        grid = _table_grid(text_ink, horiz, vert, table)
        tables.append((table, where, grid))
        for (r0, c0), (y0, y1, x0, x1) in grid[1].items():
            readings[(t_no, r0, c0)] = _read_cell(rgb, printed, y0, y1, x0, x1)
        blank[table.top - 3: table.bottom + 4, :] = 255
        printed_blank[table.top - 3: table.bottom + 4, :] = False
    readings["text"] = _text_lines(blank, printed_blank)
    read = _driven(readings)
    placed: list[tuple[int, list[Row]]] = []
    for t_no, (table, where, grid) in enumerate(tables, start=1):
        texts = {o: read[(t_no, *o)] for o in grid[1]}
        placed.append((table.top, _table_rows(table, grid[0], texts, where)))
    for top, text in read["text"]:
        placed.append((top, [Row.of_text([text], f"page {page_no} line", is_table_row=False)]))
    placed.sort(key=lambda item: item[0])
    return [row for _, rows in placed for row in rows]


def _table_grid(text_ink: Any, horiz: Any, vert: Any, table: _Table
                ) -> tuple[dict[tuple[int, int], tuple[int, int]], dict[tuple[int, int], tuple[int, int, int, int]]]:
    """The table's cells: the origin (top-left cell) of every grid cell, and each origin's box
    (y0, y1, x0, x1) in the page."""
    ys, xs = table.ys, table.xs
    n_r, n_c = len(ys) - 1, len(xs) - 1
    parent = {(r, c): (r, c) for r in range(n_r) for c in range(n_c)}

    def find(a: tuple[int, int]) -> tuple[int, int]:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    def union(a: tuple[int, int], b: tuple[int, int]) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)  # the top-left cell is the origin

    for r in range(n_r):
        for c in range(n_c):
            if c + 1 < n_c and not _has_line(vert, xs[c + 1], ys[r], ys[r + 1], 1):
                union((r, c), (r, c + 1))
            if r + 1 < n_r and not _has_line(horiz, ys[r + 1], xs[c], xs[c + 1], 0):
                union((r, c), (r + 1, c))
    extent: dict[tuple[int, int], list[int]] = {}
    for (r, c) in parent:
        o = find((r, c))
        e = extent.setdefault(o, [r, c, r, c])
        e[2], e[3] = max(e[2], r), max(e[3], c)
    origin_of: dict[tuple[int, int], tuple[int, int]] = {}
    boxes: dict[tuple[int, int], tuple[int, int, int, int]] = {}
    for r0, c0, r1, c1 in (piece for e in extent.values() for piece in _unmerged(text_ink, ys, xs, *e)):
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                origin_of.setdefault((r, c), (r0, c0))
        boxes[(r0, c0)] = (ys[r0], ys[r1 + 1], xs[c0], xs[c1 + 1])
    return origin_of, boxes


def _table_rows(table: _Table, origin_of: dict[tuple[int, int], tuple[int, int]],
                texts: dict[tuple[int, int], tuple[str, float]], where: str) -> list[Row]:
    n_r, n_c = len(table.ys) - 1, len(table.xs) - 1
    rows = []
    for r in range(n_r):
        cells, scores = [], []
        for c in range(n_c):
            o = origin_of[(r, c)]
            text, score = texts[o]
            cells.append(Cell(text, o, row_copy=o[0] != r))
            if text and o[0] == r:
                scores.append(score)
        confidence = min([OCR_CONFIDENCE_CAP] + [round(s * OCR_CONFIDENCE_CAP, 3) for s in scores])
        rows.append(Row(tuple(cells), f"{where} row {r + 1}", confidence=confidence))
    return rows


def _unmerged(text_ink: Any, ys: list[int], xs: list[int], r0: int, c0: int, r1: int, c1: int
              ) -> list[tuple[int, int, int, int]]:
    """A region the ruling merged, cut again along missing lines that no text crosses and that
    have text on both sides: an edge lost on a worn scan leaves the two cells' contents apart,
    while the text of a real merged cell runs across the lines it spans or leaves the cells
    beside it empty. (A real merged label whose lines fall in separate rows is cut too: each
    row then holds a piece of it.)"""
    if r0 == r1 and c0 == c1:
        return [(r0, c0, r1, c1)]

    def inked(ra: int, ca: int, rb: int, cb: int) -> bool:
        return bool(text_ink[ys[ra] + 3: ys[rb + 1] - 2, xs[ca] + 3: xs[cb + 1] - 2].any())

    def cut(first: int, last: int, free: Any, has_text: Any) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        for k in range(first, last + 1):
            if spans and not (free(k) and has_text(*spans[-1]) and has_text(k, k)):
                spans[-1] = (spans[-1][0], k)
            else:
                spans.append((k, k))
        # a piece left without text belongs to the one before it
        out: list[tuple[int, int]] = []
        for a, b in spans:
            if out and not has_text(a, b):
                out[-1] = (out[-1][0], b)
            else:
                out.append((a, b))
        return out

    x0, x1 = xs[c0], xs[c1 + 1]
    pieces = []
    for ra, rb in cut(r0, r1, lambda r: not _crossed(text_ink[:, x0 + 3: x1 - 2].T, ys[r]),
                      lambda a, b: inked(a, c0, b, c1)):
        y0, y1 = ys[ra], ys[rb + 1]
        for ca, cb in cut(c0, c1, lambda c: not _crossed(text_ink[y0 + 3: y1 - 2], xs[c]),
                          lambda a, b: inked(ra, a, rb, b)):
            pieces.append((ra, ca, rb, cb))
    return pieces


def _crossed(ink: Any, at: int) -> bool:
    """Does text run across position `at` (a column of `ink`)? Only if some row of it has ink
    just before and just after the line's place: what is left of a worn line on the line itself
    is no text, and a cell's text keeps a few pixels off its lines."""
    before, after = ink[:, max(0, at - 6): max(0, at - 2)], ink[:, at + 3: at + 7]
    return bool((before.any(axis=1) & after.any(axis=1)).any())


_CLEAN_NUMBER = re.compile(r"[-+]?\d[\d,]*(\.\d+)?")


def _read_cell(rgb: Any, printed: Any, y0: int, y1: int, x0: int, x1: int) -> Reading:
    pad = 4
    if y1 - y0 <= 2 * pad or x1 - x0 <= 2 * pad:
        return "", 1.0
    crop = rgb[y0 + pad: y1 - pad, x0 + pad: x1 - pad]
    # blank unless something is printed: even a thin grey "1" leaves a dozen pixels below 215
    crop_ink = printed[y0 + pad: y1 - pad, x0 + pad: x1 - pad]  # = crop.mean(axis=2) < 215
    if int(crop_ink.sum()) < 10:
        return "", 1.0
    clean, text_ink = _despeckled(crop, _SPECK_DISTANCE, crop_ink)
    if not text_ink.any():
        return "", 1.0  # only specks of dust or toner: a blank cell
    text, score = yield from _recognised(clean, text_ink)
    if any(ch.isdigit() for ch in text) and not _CLEAN_NUMBER.fullmatch(text):
        # digits and something else: a speck close to a digit read as a character or a line of
        # its own ("4\n1" for a "1" with dust above it); without every small blob, a clean
        # number is the reading (a decimal point between digits was kept the first time)
        bare, bare_ink = _despeckled(crop, 0, crop_ink)
        if bare_ink.any():
            again, again_score = yield from _recognised(bare, bare_ink)
            if _CLEAN_NUMBER.fullmatch(again):
                return again, again_score * 0.9
    return text, score


def _recognised(crop: Any, text_ink: Any) -> Reading:
    """The text of a cleaned cell and the recogniser's lowest score."""
    lines = _split_lines(crop, text_ink)  # a label cell often holds two lines even in a row of ordinary height
    txts: list[str] = []
    scores: list[float] = []
    if lines:  # one line, or lines apart on blank pixel rows: recognise each directly
        for text, score in (yield _Rec(lines)):
            txts.append(text)
            scores.append(score)
    if not lines or (len(lines) > 1 and not any(t and t.strip() for t in txts)):
        [found] = yield _Det([crop])  # let the detector find the text
        txts, scores = [t for _, t, _ in found], [sc for _, _, sc in found]
    read = [tidy_line(t) for t in txts if t and t.strip()]
    text = "\n".join(t for t in (_SPECKS.sub("", t) for t in read) if t)
    score = min(scores) if scores else 0.0
    if text != "\n".join(read) and _LOOKALIKE_NUMBER.fullmatch(text):
        score *= 0.9  # a speck beside the digits, not a decimal point or a separator
    if not text:  # ink but nothing recognised (a lone thin "1"): again on the ink alone, enlarged
        text, score = yield from _read_small(crop)
    if _LOOKALIKE_NUMBER.fullmatch(text) and not text.isdigit():
        # a cell of digits where OCR saw letters: "O" is 0, "l"/"I"/"|" is 1 — trusted less
        text = text.translate(_DIGIT_LOOKALIKES)
        score *= 0.8
    return text, score


_SPECK_SIZE = 8  # pixels: a component no wider or taller than this …
_SPECK_DISTANCE = 7  # … and this far from any larger one is dust, not a dot of the text


def _despeckled(crop: Any, distance: int, ink: Any = None) -> tuple[Any, Any]:
    """The cell with scanner specks painted over, and the ink that is left. A speck is a small
    blob farther than `distance` from any larger one; a decimal point or the dot of "1." sits
    beside its digits and stays (distance 0: every small blob goes)."""
    import cv2
    import numpy as np

    if ink is None:
        ink = crop.mean(axis=2) < 215
    n, labels, stats, _ = cv2.connectedComponentsWithStats(ink.astype(np.uint8), connectivity=8)
    small = (stats[:, cv2.CC_STAT_WIDTH] <= _SPECK_SIZE) & (stats[:, cv2.CC_STAT_HEIGHT] <= _SPECK_SIZE)
    small[0] = False  # the background
    if not small.any():
        return crop, ink
    big = ink & ~small[labels]
    near = cv2.dilate(big.astype(np.uint8), np.ones((2 * distance + 1,) * 2, np.uint8)) > 0 if distance else big & False
    touching = np.bincount(labels[near], minlength=n) > 0
    specks = small & ~touching
    if not specks.any():
        return crop, ink
    dust = specks[labels]
    clean = crop.copy()
    clean[dust] = np.median(crop[~ink], axis=0) if (~ink).any() else 255
    return clean, ink & ~dust


def _split_lines(crop: Any, ink: Any, *, gap: int = 3, margin: int = 3, max_height: int = 30) -> list[Any]:
    """The printed lines of a cell (specks already gone), cut where more than `gap` whole pixel
    rows are blank — far cheaper than the text detector; [] when a band is too tall for one
    line of text (lines set tight: the detector decides)."""
    import numpy as np

    inked = np.flatnonzero(ink.any(axis=1))
    runs = [(a, b) for a, b in _bands(inked, gap) if int(ink[a: b + 1].sum()) >= 12]
    if not runs or any(b - a > max_height for a, b in runs):
        return []
    lines = []
    for a, b in runs:
        band = crop[max(0, a - margin): b + margin + 1]
        left, right = _text_extent(ink[a: b + 1])
        lines.append(_airy(band[:, max(0, left - 2 * margin): right + 2 * margin + 1]))
    return lines


_AIR = 5  # pixel rows of paper added above and below a long line
_LONG = 5  # … a line at least this many times wider than tall (words, not a number)


def _airy(line: Any) -> Any:
    """A long line with a little more paper above and below: the recogniser scales every line to
    48 pixels high, so its cost is the line's width after scaling — a quarter less this way, with
    the same characters read on the scan fixtures (a few full-/half-width punctuation marks
    differ). Short lines (numbers) are read exactly as cut: there the margin changes digits."""
    import cv2

    if line.shape[1] < _LONG * line.shape[0]:
        return line
    return cv2.copyMakeBorder(line, _AIR, _AIR, 0, 0, cv2.BORDER_REPLICATE)


def _text_extent(ink: Any, *, gap: int = 8, min_ink: int = 12) -> tuple[int, int]:
    """Leftmost and rightmost column of a line's text: groups of inked columns closer than
    `gap`, without groups too faint to be a character (scanner specks beside a digit)."""
    import numpy as np

    profile = ink.sum(axis=0)
    groups = _bands(np.flatnonzero(profile), gap)
    kept = [(a, b) for a, b in groups if int(profile[a: b + 1].sum()) >= min_ink] or groups
    return kept[0][0], kept[-1][1]


def _read_small(crop: Any) -> Reading:
    import numpy as np
    from PIL import Image

    ys, xs = np.nonzero(crop.mean(axis=2) < 215)
    if ys.size == 0:
        return "", 0.0
    m = 8
    tight = crop[max(0, ys.min() - m): ys.max() + m + 1, max(0, xs.min() - m): xs.max() + m + 1]
    canvas = np.full((tight.shape[0] + 2 * m, tight.shape[1] + 6 * m, 3), 255, dtype=np.uint8)
    canvas[m: m + tight.shape[0], 3 * m: 3 * m + tight.shape[1]] = tight
    big = np.asarray(Image.fromarray(canvas).resize((canvas.shape[1] * 2, canvas.shape[0] * 2)))
    [(text, score)] = yield _Rec([big])
    if not (text and text.strip()):
        return "?", 0.0  # something is printed that OCR cannot read: never taken for a blank cell
    return tidy_line(text), float(score) * 0.9


_LINE_GAP = 3  # a text line ends where more than this many … (as in a cell, _split_lines)
_LINE_TALL = 60  # pixels: a band of ink taller than this (or 1.6 times the page's usual line) is not one line


def _text_lines(rgb: Any, printed: Any = None) -> Generator[Any, Any, list[tuple[int, str]]]:
    """The page's text outside the tables, line by line: bands of ink between blank pixel rows,
    each read directly (cut where the line has a gap wider than twice its height, as the
    detector would box it); a band too tall for one line of text (lines set tight, a seal) is
    left to the detector."""
    import numpy as np

    clean, ink = _despeckled(rgb, _SPECK_DISTANCE, printed)
    inked = np.flatnonzero(ink.any(axis=1))
    bands = [(a, b) for a, b in _bands(inked, _LINE_GAP) if int(ink[a: b + 1].sum()) >= 12]
    if not bands:
        return []
    usual = float(np.median([b - a + 1 for a, b in bands]))
    pieces: list[tuple[int, Any]] = []  # (top, image of one piece of a line)
    tall: list[tuple[int, int, Any]] = []  # (top, left, image of a band for the detector)
    m = 3
    for a, b in bands:
        top, bottom = max(0, a - m), min(rgb.shape[0], b + m + 1)
        if b - a + 1 > _LINE_TALL or b - a + 1 > 1.6 * usual:
            cols = np.flatnonzero(ink[a: b + 1].any(axis=0))
            left, right = max(0, int(cols[0]) - 16), int(cols[-1]) + 17
            tall.append((max(0, a - 8), left, clean[max(0, a - 8): b + 9, left: right]))
            continue
        profile = ink[a: b + 1].sum(axis=0)
        groups = [(g0, g1) for g0, g1 in _bands(np.flatnonzero(profile), max(2 * (b - a + 1), 16))
                  if int(profile[g0: g1 + 1].sum()) >= 12]
        for g0, g1 in groups:
            pieces.append((a, _airy(clean[top: bottom, max(0, g0 - 2 * m): g1 + 2 * m + 1])))
    threshold = _engine().text_score
    read, found = yield (_Rec([im for _, im in pieces]), _Det([im for _, _, im in tall]))
    items = [(float(top), 0.0, text) for (top, _), (text, score) in zip(pieces, read)
             if text.strip() and score >= threshold]
    for (top, left, _), boxes in zip(tall, found):
        items += [(top + float(box[:, 1].min()), left + float(box[:, 0].min()), text)
                  for box, text, _ in boxes]
    items.sort(key=lambda i: (i[0], i[1]))
    lines: list[tuple[int, str]] = []
    for top, _, text in items:  # pieces on one visual line are joined left to right
        if lines and abs(lines[-1][0] - top) < 12:
            lines[-1] = (lines[-1][0], lines[-1][1] + text)
        else:
            lines.append((int(top), text))
    return [(top, tidy_line(text)) for top, text in lines if text.strip()]


# --- batched recognition and detection -------------------------------------------------------


@dataclass
class _Rec:
    """A request: each image read as one line of text → [(text, score)], one per image."""
    images: list[Any]


@dataclass
class _Det:
    """A request: the text lines the detector finds in each image, each line read → one list of
    [(box, text, score)] per image (box: 4 corner points in the image), lines the recogniser
    scores below its threshold left out."""
    images: list[Any]


Reading = Generator[Any, Any, tuple[str, float]]


def _driven(readings: dict[Any, Any]) -> dict[Any, Any]:
    """Run the readings (generators yielding a _Rec or _Det request, or a tuple of them, and
    getting the answer back) side by side: in each round, the images of every _Det request go
    through the detector in one call, then every image to recognise (the _Rec requests' images,
    the lines the detector found) through the recogniser in batches. A plain value instead of a
    generator is its own result."""
    import types

    results: dict[Any, Any] = {}
    pending: dict[Any, tuple[Any, Any]] = {}

    def step(key: Any, gen: Any, value: Any) -> None:
        try:
            pending[key] = (gen, gen.send(value))
        except StopIteration as stop:
            pending.pop(key, None)
            results[key] = stop.value

    for key, reading in readings.items():
        if isinstance(reading, types.GeneratorType):
            step(key, reading, None)
        else:
            results[key] = reading
    threshold = _engine().text_score
    while pending:
        requests = [(key, req) for key, (_, asked) in pending.items()
                    for req in (asked if isinstance(asked, tuple) else (asked,))]
        to_detect = [image for _, req in requests if isinstance(req, _Det) for image in req.images]
        found = iter(_detect(to_detect))
        lines: list[Any] = []
        plan = []
        for key, req in requests:
            if isinstance(req, _Rec):
                plan.append((key, req, len(req.images)))
                lines += req.images
            else:
                boxes = [next(found) for _ in req.images]
                plan.append((key, req, boxes))
                lines += [crop for per_image in boxes for _, crop in per_image]
        texts = iter(_recognise(lines))
        answers: dict[Any, list[Any]] = {}
        for key, req, what in plan:
            if isinstance(req, _Rec):
                answer: Any = [next(texts) for _ in range(what)]
            else:
                answer = []
                for per_image in what:
                    read = [(box, *next(texts)) for box, _ in per_image]
                    answer.append([(box, t, sc) for box, t, sc in read if t.strip() and sc >= threshold])
            answers.setdefault(key, []).append(answer)
        for key, (gen, asked) in list(pending.items()):
            step(key, gen, tuple(answers[key]) if isinstance(asked, tuple) else answers[key][0])
    return results


_REC_BATCH = 16
# a line is read at its own width (at least its height): rapidocr pads each line to 320 × 48, which
# made a one-digit cell cost as much as a line of text; the same readings on the scan fixtures
_REC_MIN_RATIO = 1.0


def _recognise(images: list[Any]) -> list[tuple[str, float]]:
    """Each image read as one line, as rapidocr's engine(image, use_det=False) reads it (the
    same resizing), in batches of images of similar width."""
    import numpy as np
    from rapidocr.utils.process_img import resize_image_within_bounds

    if not images:
        return []
    engine = _engine()
    rec = engine._load_rec_model()
    sized = [im.image if isinstance(im, _Presized) else
             resize_image_within_bounds(np.ascontiguousarray(im), engine.min_side_len, engine.max_side_len)[0]
             for im in images]
    ratios = [im.shape[1] / im.shape[0] for im in sized]
    order = sorted(range(len(sized)), key=lambda i: ratios[i])
    out: list[tuple[str, float]] = [("", 0.0)] * len(sized)
    batch: list[int] = []

    def run(batch: list[int]) -> None:
        widest = max([_REC_MIN_RATIO] + [ratios[i] for i in batch])
        norm = np.stack([rec.resize_norm_img(sized[i], widest) for i in batch]).astype(np.float32)
        read, _ = rec.postprocess_op(rec.session(norm), False, wh_ratio_list=[ratios[i] for i in batch],
                                     max_wh_ratio=widest)
        for i, (text, score) in zip(batch, read):
            out[i] = (text, float(score))

    for i in order:  # by width; a batch holds lines within 10 % of one width (each is padded to the widest)
        width = max(ratios[i], _REC_MIN_RATIO)
        if batch and (len(batch) >= _REC_BATCH or width > 1.1 * max(ratios[batch[0]], _REC_MIN_RATIO)):
            run(batch)
            batch = []
        batch.append(i)
    if batch:
        run(batch)
    return out


_MOSAIC_GAP = 32  # pixels of white between the images the detector reads in one call


def _detect(images: list[Any]) -> list[list[tuple[Any, Any]]]:
    """The text lines in each image as rapidocr's detector finds them: [(box, crop)] in reading
    order, each box as 4 corner points in its image. All the images go through the detector in
    one call, stacked on one white sheet at their own scale (text printed at 150 dpi is the
    size the detector reads a whole page at; rapidocr alone would enlarge a cell to 736 pixels)."""
    import copy

    import numpy as np
    from rapidocr.utils.process_img import get_rotate_crop_image

    if not images:
        return []
    images = [np.ascontiguousarray(im) for im in images]
    gap = max(_MOSAIC_GAP, max(im.shape[0] for im in images) // 2)  # wide enough for no box to reach across
    width = max(im.shape[1] for im in images) + 2 * gap
    tops, y = [], gap
    for im in images:
        tops.append(y)
        y += im.shape[0] + gap
    sheet = np.full((-(-y // 32) * 32, -(-width // 32) * 32, 3), 255, dtype=np.uint8)
    for im, top in zip(images, tops):
        sheet[top: top + im.shape[0], gap: gap + im.shape[1]] = im
    engine = _engine()
    det = engine._load_det_model()
    x = det.get_preprocess()
    seen = sheet
    if max(sheet.shape[:2]) > engine.max_side_len:  # a large image (a 600-dpi photo): shrunk as rapidocr would
        import cv2

        scale = engine.max_side_len / max(sheet.shape[:2])
        seen = cv2.resize(sheet, (max(32, round(sheet.shape[1] * scale / 32) * 32),
                                  max(32, round(sheet.shape[0] * scale / 32) * 32)))
    pred = det.session(x.permute(x.normalize(seen))[None].astype(np.float32))
    boxes, _ = det.postprocess_op(pred, sheet.shape[:2])  # boxes in the sheet's own pixels
    out: list[list[tuple[Any, Any]]] = [[] for _ in images]
    if len(boxes):
        for box in det.sorted_boxes(np.asarray(boxes, dtype=np.float32)):
            cy = float(box[:, 1].mean())
            k = max(i for i, top in enumerate(tops) if top - gap / 2 <= cy) if cy >= tops[0] - gap / 2 else 0
            im, top = images[k], tops[k]
            local = box - np.array([gap, top], dtype=np.float32)
            local[:, 0] = local[:, 0].clip(0, im.shape[1])
            local[:, 1] = local[:, 1].clip(0, im.shape[0])
            if (local[:, 0].max() - local[:, 0].min()) < 2 or (local[:, 1].max() - local[:, 1].min()) < 2:
                continue
            out[k].append((local, _Presized(get_rotate_crop_image(im, copy.deepcopy(local)))))
    return out


@dataclass
class _Presized:
    """A line the detector cut out of its image: recognised as it is."""
    image: Any
