"""A PDF page's characters, ruling lines and ruled tables, from pdfium (pypdfium2, Apache/BSD).

Characters are placed as pdfminer.six places them (from the origin, the advance width wide and
the font size high above the font's descent) and paths are classified as pdfminer classifies
them (lines, rectangles, curves), so that pdfplumber's table finder — ported here, same
tolerances, same order of work — finds the same grids and the same text in each cell, without
pdfminer's parsing of the whole page in Python. The algorithms are pdfplumber's (MIT, © Jeremy
Singer-Vine): edges snapped and joined, their intersections, the smallest cell at each
intersection, cells sharing corners gathered into tables; words from characters by the same
gaps (3 pt) and lines by the same clustering (3 pt).

Coordinates: points, origin at the top left of the page as shown (/Rotate applied).
"""

from __future__ import annotations

import ctypes
import itertools
import re
from bisect import bisect_left, bisect_right
from operator import itemgetter
from typing import Any, Callable, Iterable

# a character: (text, x0, x1, top, bottom, upright)
Char = tuple
TEXT, X0, X1, TOP, BOTTOM, UPRIGHT = range(6)
# an edge: [x0, top, x1, bottom] in a list of vertical or horizontal ones
SNAP = JOIN = INTERSECT = X_TOLERANCE = Y_TOLERANCE = 3
EDGE_MIN_PREFILTER, EDGE_MIN = 1, 3
LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}

_PATH_OBJECT, _FORM_OBJECT = 2, 5  # FPDF_PAGEOBJ_PATH, FPDF_PAGEOBJ_FORM
_MOVETO, _BEZIERTO = 2, 1  # FPDF_SEGMENT_*


class Page:
    def __init__(self, chars: list[Char], v_edges: list[list[float]], h_edges: list[list[float]],
                 width: float, height: float) -> None:
        self.chars = chars
        self.v_edges = v_edges  # vertical edges at least EDGE_MIN_PREFILTER long
        self.h_edges = h_edges
        self.width = width
        self.height = height
        self.bbox = (0.0, 0.0, width, height)
        self._middles: tuple[list[tuple], list[float]] | None = None

    def middles(self) -> tuple[list[tuple], list[float]]:
        """(vertical middle, index, horizontal middle, character) of every character, by
        vertical middle, and the vertical middles alone (for bisection): worked out once."""
        if self._middles is None:
            mids = []
            for n, (_, x0, x1, top, bottom, _) in enumerate(self.chars):
                mids.append(((top + bottom) / 2, n, (x0 + x1) / 2, self.chars[n]))
            mids.sort()
            self._middles = (mids, [m[0] for m in mids])
        return self._middles


class _Api:
    """pdfium's functions with plain integer handles (no ctypes pointer objects per call)."""

    def __init__(self) -> None:
        import pypdfium2.raw as r

        v, i, f, d = ctypes.c_void_p, ctypes.c_int, ctypes.c_float, ctypes.c_double
        pf = ctypes.POINTER(f)

        def bind(fn: Any, res: Any, *args: Any) -> Callable:
            return ctypes.CFUNCTYPE(res, *args)(ctypes.cast(fn, v).value)

        self.count_chars = bind(r.FPDFText_CountChars, i, v)
        self.get_text = bind(r.FPDFText_GetText, i, v, i, i, v)
        self.get_unicode = bind(r.FPDFText_GetUnicode, ctypes.c_uint, v, i)
        self.text_object = bind(r.FPDFText_GetTextObject, v, v, i)
        # output pointers as plain addresses (ctypes.addressof): no conversion per call
        self.char_origin = bind(r.FPDFText_GetCharOrigin, i, v, i, v, v)
        self.char_matrix = bind(r.FPDFText_GetMatrix, i, v, i, v)
        self.char_font_size = bind(r.FPDFText_GetFontSize, d, v, i)
        self.object_font = bind(r.FPDFTextObj_GetFont, v, v)
        self.object_font_size = bind(r.FPDFTextObj_GetFontSize, i, v, v)
        self.font_descent = bind(r.FPDFFont_GetDescent, i, v, f, pf)
        self.glyph_width = bind(r.FPDFFont_GetGlyphWidth, i, v, ctypes.c_uint32, f, v)
        self.font_name = bind(r.FPDFFont_GetBaseFontName, ctypes.c_size_t, v, v, ctypes.c_size_t)
        self.count_objects = bind(r.FPDFPage_CountObjects, i, v)
        self.get_object = bind(r.FPDFPage_GetObject, v, v, i)
        self.object_type = bind(r.FPDFPageObj_GetType, i, v)
        self.object_matrix = bind(r.FPDFPageObj_GetMatrix, i, v, v)
        self.form_count = bind(r.FPDFFormObj_CountObjects, i, v)
        self.form_object = bind(r.FPDFFormObj_GetObject, v, v, ctypes.c_ulong)
        self.count_segments = bind(r.FPDFPath_CountSegments, i, v)
        self.segment = bind(r.FPDFPath_GetPathSegment, v, v, i)
        self.segment_point = bind(r.FPDFPathSegment_GetPoint, i, v, v, v)
        self.segment_type = bind(r.FPDFPathSegment_GetType, i, v)
        self.segment_close = bind(r.FPDFPathSegment_GetClose, i, v)
        self.rotation = bind(r.FPDFPage_GetRotation, i, v)
        self.matrix_type = r.FS_MATRIX


_API: _Api | None = None


def _api() -> _Api:
    global _API
    if _API is None:
        _API = _Api()
    return _API


def _handle(obj: Any) -> int:
    return ctypes.cast(obj, ctypes.c_void_p).value or 0


def load_page(pdf: Any, index: int, advances: dict | None = None) -> Page:
    """Page `index` of a pypdfium2 PdfDocument: its characters and its edges. `advances`, kept
    from page to page of one document, saves asking pdfium the same character widths again."""
    api = _api()
    page = pdf[index]
    try:
        left, bottom, right, top = page.get_mediabox()
        raw = _handle(page.raw)
        rotation = api.rotation(raw) % 4
        box = (left, bottom, right, top)
        width, height = (right - left, top - bottom) if rotation % 2 == 0 else (top - bottom, right - left)
        textpage = page.get_textpage()
        text_objects: dict[int, tuple] = {}
        try:
            chars = _page_chars(api, _handle(textpage.raw), box, rotation, {} if advances is None else advances,
                                text_objects)
        finally:
            textpage.close()
        v_edges, h_edges = _page_edges(api, raw, box, rotation, text_objects)
    finally:
        page.close()
    return Page(chars, v_edges, h_edges, width, height)


def _display(box: tuple[float, float, float, float], rotation: int) -> Callable[[float, float], tuple[float, float]]:
    """(x, y) of PDF user space → (x, top) on the page as shown: origin top left, /Rotate applied."""
    left, bottom, right, top = box
    if rotation == 0:
        return lambda x, y: (x - left, top - y)
    if rotation == 1:  # 90° clockwise
        return lambda x, y: (y - bottom, x - left)
    if rotation == 2:
        return lambda x, y: (right - x, y - bottom)
    return lambda x, y: (top - y, right - x)


def _turn(vx: float, vy: float, rotation: int) -> tuple[float, float]:
    """A direction of user space as shown on the rotated page (y up)."""
    return ((vx, vy), (vy, -vx), (-vx, -vy), (-vy, vx))[rotation]


def _page_chars(api: _Api, textpage: int, box: tuple[float, float, float, float], rotation: int,
                advances: dict, objects: dict[int, tuple]) -> list[Char]:
    """The page's characters; `objects` gets its text objects (handle → what their characters
    share)."""
    n = api.count_chars(textpage)
    if n <= 0:
        return []
    buf = ctypes.create_string_buffer((n + 1) * 2)
    got = api.get_text(textpage, 0, n, ctypes.addressof(buf))
    text = buf.raw[: max(0, got - 1) * 2].decode("utf-16-le", errors="replace")
    if len(text) != n:  # one character per index, always
        text = "".join(chr(api.get_unicode(textpage, i)) for i in range(n))
    to_display = _display(box, rotation)
    left, _, _, page_top = box
    ox, oy, w, fsize = ctypes.c_double(), ctypes.c_double(), ctypes.c_float(), ctypes.c_float()
    p_ox, p_oy, p_w, p_fsize = (ctypes.addressof(x) for x in (ox, oy, w, fsize))
    m = api.matrix_type()
    p_m = ctypes.addressof(m)
    char_origin, text_object = api.char_origin, api.text_object
    glyph_width, char_matrix, object_font, object_font_size = \
        api.glyph_width, api.char_matrix, api.object_font, api.object_font_size
    geometries: dict[tuple, tuple] = {}  # (font, size, matrix) → what its characters share, advances too
    out: list[Char] = []
    append = out.append
    last_obj = -1
    simple = upright = False
    font = 0
    a = b = c = d = size = descent = top_off = bottom_off = x_per_unit = 0.0
    advance: dict[str, float] = {}
    for i, ch in enumerate(text):
        obj = text_object(textpage, i)
        if obj != last_obj:
            if not obj:  # a space or a line break pdfium put in (generated: no text object), not on the page
                continue
            last_obj = obj
            info = objects.get(obj)
            if info is None:  # a new text object: its font, size and matrix (shared by many)
                char_matrix(textpage, i, p_m)
                font = (object_font(obj) or 0) if obj else 0
                if not obj or not object_font_size(obj, p_fsize):
                    fsize.value = api.char_font_size(textpage, i)
                key = (font, fsize.value, m.a, m.b, m.c, m.d)
                info = geometries.get(key)
                if info is None:
                    size = fsize.value
                    # advances in glyph units (per 1000 of the size) by font, for the document: a
                    # font is known by its handle and its name (a handle freed with its page and
                    # reused is another font's)
                    advance = advances.setdefault((font, _font_name(api, font)), {})
                    descent = _descent(api, font, size)
                    info = geometries[key] = _char_geometry(m, font, size, descent, rotation) + (
                        advance, m.d * (descent + size), m.d * descent, m.a * size / 1000)
                objects[obj] = info
            a, b, c, d, font, size, descent, upright, simple, advance, top_off, bottom_off, x_per_unit = info
        units = advance.get(ch)
        if units is None:
            if not glyph_width(font, ord(ch), 1000.0, p_w):
                w.value = 0.0
            units = advance[ch] = w.value
        char_origin(textpage, i, p_ox, p_oy)
        if simple and units >= 0:  # upright, unrotated, unskewed: the common case, done directly
            x0 = ox.value - left
            y = page_top - oy.value
            append((ch, x0, x0 + x_per_unit * units, y - top_off, y - bottom_off, upright))
            continue
        adv = units * size / 1000
        x, y = ox.value, oy.value
        if adv < 0:  # vertical writing: pdfminer's box is a square of the font size from the origin
            us, vs = (0.0, size), (0.0, size)
        else:
            us, vs = (0.0, adv), (descent, descent + size)
        xs = []
        ys = []
        for u in us:
            for v in vs:
                px, py = to_display(x + a * u + c * v, y + b * u + d * v)
                xs.append(px)
                ys.append(py)
        append((ch, min(xs), max(xs), min(ys), max(ys), upright))
    return out


def _font_name(api: _Api, font: int) -> bytes:
    if not font:
        return b""
    buf = ctypes.create_string_buffer(256)
    n = api.font_name(font, ctypes.addressof(buf), 256)
    return buf.raw[: max(0, min(n, 256) - 1)]


def _descent(api: _Api, font: int, size: float) -> float:
    descent = ctypes.c_float()
    if not font or not api.font_descent(font, size, ctypes.byref(descent)):
        return 0.0
    return descent.value


def _char_geometry(m: Any, font: int, size: float, descent: float, rotation: int) -> tuple:
    """What every character of one text object shares: its matrix, font, size and descent."""
    (a, b), (c, d) = _turn(m.a, m.b, rotation), _turn(m.c, m.d, rotation)
    upright = bool(0 < a * d and b * c <= 0)
    simple = rotation == 0 and m.b == 0 and m.c == 0 and m.a > 0 and m.d > 0
    return (m.a, m.b, m.c, m.d, font, size, descent, upright, simple)


def _page_edges(api: _Api, page: int, box: tuple[float, float, float, float], rotation: int,
                text_objects: Any = ()) -> tuple[list[list[float]], list[list[float]]]:
    """Every path of the page (inside form XObjects too) as pdfplumber's edges, the vertical and
    the horizontal ones at least EDGE_MIN_PREFILTER long. `text_objects`: objects known to be
    text, not looked at."""
    paths: list[list[tuple[str, Any]]] = []
    n = api.count_objects(page)
    get_object = api.get_object
    objects = [obj for obj in (get_object(page, i) for i in range(n)) if obj not in text_objects]
    _walk(api, objects, (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), _display(box, rotation), paths)
    v_edges: list[list[float]] = []
    h_edges: list[list[float]] = []
    for ops in paths:
        shape = "".join(op for op, _ in ops)
        if shape[:1] != "m":
            continue
        if shape.count("m") > 1:
            for sub in re.finditer(r"m[^m]+", shape):
                _paint(ops[sub.start():sub.end()], v_edges, h_edges)
        else:
            _paint(ops, v_edges, h_edges)
    return v_edges, h_edges


def _walk(api: _Api, objects: list, outer: tuple, to_display: Callable, paths: list) -> None:
    a0, b0, c0, d0, e0, f0 = outer
    m = api.matrix_type()
    p_m = ctypes.addressof(m)
    x, y = ctypes.c_float(), ctypes.c_float()
    p_x, p_y = ctypes.addressof(x), ctypes.addressof(y)
    object_type, object_matrix, count_segments = api.object_type, api.object_matrix, api.count_segments
    segment, segment_type, segment_point, segment_close = \
        api.segment, api.segment_type, api.segment_point, api.segment_close
    for obj in objects:
        kind = object_type(obj)
        if kind != _PATH_OBJECT and kind != _FORM_OBJECT:
            continue
        object_matrix(obj, p_m)
        a, b = m.a * a0 + m.b * c0, m.a * b0 + m.b * d0
        c, d = m.c * a0 + m.d * c0, m.c * b0 + m.d * d0
        e, f = m.e * a0 + m.f * c0 + e0, m.e * b0 + m.f * d0 + f0
        if kind == _FORM_OBJECT:
            k = api.form_count(obj)
            _walk(api, [api.form_object(obj, i) for i in range(k)], (a, b, c, d, e, f), to_display, paths)
            continue
        ops: list[tuple[str, Any]] = []
        curve = 0
        k = count_segments(obj)
        for i in range(k):
            seg = segment(obj, i)
            seg_type = segment_type(seg)
            if seg_type == _BEZIERTO:  # two control points and the end point: pdfminer keeps the end
                curve += 1
                if curve % 3:
                    continue
                op = "c"
            else:
                curve = 0
                op = "m" if seg_type == _MOVETO else "l"
            segment_point(seg, p_x, p_y)
            px, py = x.value, y.value
            ops.append((op, to_display(a * px + c * py + e, b * px + d * py + f)))
            # a closing changes nothing for a single segment ("ml" and "mlh" are the same line)
            if k != 2 and segment_close(seg):
                ops.append(("h", None))
        paths.append(ops)


def _paint(path: list[tuple[str, Any]], v_edges: list, h_edges: list) -> None:
    """One subpath as pdfminer.six classifies it (a line, a rectangle or a curve) → its edges, as
    pdfplumber makes them (a line whose ends differ in height counts as vertical)."""
    shape = "".join(op for op, _ in path)
    pts = [p if op != "h" else path[0][1] for op, p in path]
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"
        pts.pop()
    if shape in ("mlh", "ml"):
        (x0, y0), (x1, y1) = pts[0], pts[1]
        edge = [min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)]
        _add_edge(edge, "h" if y0 == y1 else "v", v_edges, h_edges)
        return
    if shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        if pts[0] == pts[4] and ((x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0)
                                 or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)):
            left, right, top, bottom = min(x0, x2), max(x0, x2), min(y0, y2), max(y0, y2)
            _add_edge([left, top, right, top], "h", v_edges, h_edges)
            _add_edge([left, bottom, right, bottom], "h", v_edges, h_edges)
            _add_edge([left, top, left, bottom], "v", v_edges, h_edges)
            _add_edge([right, top, right, bottom], "v", v_edges, h_edges)
            return
    for (ax, ay), (bx, by) in zip(pts, pts[1:]):  # a curve: an edge between each pair of its points
        if ax == bx or ay == by:
            _add_edge([min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)], "v" if ax == bx else "h",
                      v_edges, h_edges)


def _add_edge(edge: list[float], orientation: str, v_edges: list, h_edges: list) -> None:
    if orientation == "v":
        if edge[3] - edge[1] >= EDGE_MIN_PREFILTER:
            v_edges.append(edge)
    elif edge[2] - edge[0] >= EDGE_MIN_PREFILTER:
        h_edges.append(edge)


# --- clustering (pdfplumber.utils.clustering) ---------------------------------------------------

def _cluster_ids(values: Iterable[float], tolerance: float) -> dict[float, int]:
    ids: dict[float, int] = {}
    group = 0
    last = None
    for x in sorted(set(values)):
        if last is not None and not x <= last + tolerance:
            group += 1
        ids[x] = group
        last = x
    return ids


def _cluster(objs: list, keys: list[float], tolerance: float, preserve_order: bool = False) -> list[list]:
    """Objects grouped where their keys chain within `tolerance`: by group, objects in their order
    within it (or, with `preserve_order`, runs of one group in the objects' own order)."""
    if len(objs) < 2:
        return [list(objs)] if objs else []
    ids = _cluster_ids(keys, tolerance)
    tags = [ids[k] for k in keys]
    order = range(len(objs)) if preserve_order else sorted(range(len(objs)), key=tags.__getitem__)
    groups: list[list] = []
    last = None
    for i in order:
        tag = tags[i]
        if tag != last:
            groups.append([objs[i]])
            last = tag
        else:
            groups[-1].append(objs[i])
    return groups


# --- tables (pdfplumber.table, default settings: lines / lines) ---------------------------------

def _snap(edges: list[list[float]], at: int, other: int) -> list[list[float]]:
    """Edges within SNAP of one another along their position moved to the group's average."""
    out = []
    for group in _cluster(edges, [e[at] for e in edges], SNAP):
        if len(group) == 1:
            out.append(group[0])
            continue
        avg = sum([e[at] for e in group]) / len(group)
        for e in group:
            diff = avg - e[at]
            if diff:
                e = list(e)
                e[at] += diff
                e[other] += diff
            out.append(e)
    return out


def _join(edges: list[list[float]], lo: int, hi: int) -> list[list[float]]:
    """Edges on one line joined where they are within JOIN of one another."""
    edges = sorted(edges, key=lambda e: e[lo])
    joined = [edges[0]]
    for e in edges[1:]:
        last = joined[-1]
        if e[lo] <= last[hi] + JOIN:
            if e[hi] > last[hi]:
                joined[-1] = last = list(last)
                last[hi] = e[hi]
        else:
            joined.append(e)
    return joined


def _merged_edges(page: Page) -> tuple[list[list[float]], list[list[float]]]:
    v = _snap(page.v_edges, 0, 2)  # vertical: x0 (and x1) snapped
    h = _snap(page.h_edges, 1, 3)  # horizontal: top (and bottom) snapped
    v_out: list[list[float]] = []
    for _, group in itertools.groupby(sorted(v, key=lambda e: e[0]), key=lambda e: e[0]):
        v_out += _join(list(group), 1, 3)
    h_out: list[list[float]] = []
    for _, group in itertools.groupby(sorted(h, key=lambda e: e[1]), key=lambda e: e[1]):
        h_out += _join(list(group), 0, 2)
    return ([e for e in v_out if e[3] - e[1] >= EDGE_MIN], [e for e in h_out if e[2] - e[0] >= EDGE_MIN])


def _intersections(v_edges: list[list[float]], h_edges: list[list[float]]) -> dict[tuple[float, float], list[int]]:
    """Points where a vertical and a horizontal edge meet (within INTERSECT): for each, the
    vertical and the horizontal edges through it, as bit masks (edges with the same box are
    one edge, as pdfplumber compares them)."""
    ids: dict[tuple, int] = {}
    points: dict[tuple[float, float], list[int]] = {}
    hs = sorted(h_edges, key=lambda e: (e[1], e[0]))
    h_bits = [1 << ids.setdefault(("h",) + tuple(e), len(ids)) for e in hs]
    tops = [e[1] for e in hs]
    for v in sorted(v_edges, key=lambda e: (e[0], e[1])):
        vx, vtop, vbottom = v[0], v[1], v[3]
        v_bit = 1 << ids.setdefault(("v",) + tuple(v), len(ids))
        lo, hi = bisect_left(tops, vtop - INTERSECT), bisect_right(tops, vbottom + INTERSECT)
        for h, h_bit in zip(hs[lo:hi], h_bits[lo:hi]):
            htop = h[1]
            if vtop <= htop + INTERSECT and vbottom >= htop - INTERSECT and h[0] - INTERSECT <= vx <= h[2] + INTERSECT:
                point = points.get((vx, htop))
                if point is None:
                    points[(vx, htop)] = [v_bit, h_bit]
                else:
                    point[0] |= v_bit
                    point[1] |= h_bit
    return points


def _cells(points: dict[tuple[float, float], list[int]]) -> list[tuple[float, float, float, float]]:
    """At each intersection, the smallest cell whose four corners are joined by edges."""
    ordered = sorted(points)
    by_x: dict[float, list[tuple[float, float]]] = {}
    by_y: dict[float, list[tuple[float, float]]] = {}
    for p in ordered:  # each list in increasing y (by_x) or x (by_y), as `ordered` is
        by_x.setdefault(p[0], []).append(p)
        by_y.setdefault(p[1], []).append(p)
    at_x = {p: k for column in by_x.values() for k, p in enumerate(column)}
    at_y = {p: k for row in by_y.values() for k, p in enumerate(row)}
    cells = []
    for pt in ordered:
        v_here, h_here = points[pt]
        below = by_x[pt[0]][at_x[pt] + 1:]
        right = [p for p in by_y[pt[1]][at_y[pt] + 1:] if h_here & points[p][1]]
        if not below or not right:
            continue
        found = None
        for below_pt in below:
            v_below, h_below = points[below_pt]
            if not v_here & v_below:
                continue
            for right_pt in right:
                joined = points.get((right_pt[0], below_pt[1]))
                if joined is not None and joined[0] & points[right_pt][0] and joined[1] & h_below:
                    found = (pt[0], pt[1], right_pt[0], below_pt[1])
                    break
            if found:
                break
        if found:
            cells.append(found)
    return cells


def _tables(cells: list[tuple[float, float, float, float]]) -> list[list[tuple[float, float, float, float]]]:
    """Cells gathered into tables: cells sharing a corner belong together (pdfplumber gathers them
    pass after pass from the first cell left; the groups are the same), tables top to bottom."""
    by_corner: dict[tuple[float, float], list[int]] = {}
    for n, (x0, top, x1, bottom) in enumerate(cells):
        for p in ((x0, top), (x0, bottom), (x1, top), (x1, bottom)):
            at = by_corner.get(p)
            if at is None:
                by_corner[p] = [n]
            else:
                at.append(n)
    seen = [False] * len(cells)
    tables = []
    for start in range(len(cells)):
        if seen[start]:
            continue
        seen[start] = True
        stack = [start]
        table = []
        while stack:
            n = stack.pop()
            table.append(cells[n])
            x0, top, x1, bottom = cells[n]
            for p in ((x0, top), (x0, bottom), (x1, top), (x1, bottom)):
                for k in by_corner[p]:
                    if not seen[k]:
                        seen[k] = True
                        stack.append(k)
        if len(table) > 1:
            tables.append(table)
    tables.sort(key=lambda t: min((c[1], c[0]) for c in t))
    return tables


class TableRow:
    def __init__(self, cells: list[tuple[float, float, float, float] | None]) -> None:
        self.cells = cells
        present = [c for c in cells if c is not None]
        self.bbox = (min(c[0] for c in present), min(c[1] for c in present),
                     max(c[2] for c in present), max(c[3] for c in present))


class Table:
    def __init__(self, page: Page, cells: list[tuple[float, float, float, float]]) -> None:
        self.page = page
        self.cells = cells
        self.bbox = (min(c[0] for c in cells), min(c[1] for c in cells),
                     max(c[2] for c in cells), max(c[3] for c in cells))
        xs = sorted({c[0] for c in cells})
        self.rows = []
        for _, row_cells in itertools.groupby(sorted(cells, key=lambda c: (c[1], c[0])), key=lambda c: c[1]):
            at = {c[0]: c for c in row_cells}
            self.rows.append(TableRow([at.get(x) for x in xs]))

    def extract(self) -> list[list[str | None]]:
        """The text of each cell (None where no cell is): characters whose middle is in the cell,
        in the page's order."""
        mids, vs = self.page.middles()
        out = []
        for row in self.rows:
            rx0, rtop, rx1, rbottom = row.bbox
            in_row = [m for m in mids[bisect_left(vs, rtop):bisect_left(vs, rbottom)] if rx0 <= m[2] < rx1]
            in_row.sort(key=_BY_ORDER)  # back in the page's order
            texts: list[str | None] = []
            for cell in row.cells:
                if cell is None:
                    texts.append(None)
                    continue
                cx0, ctop, cx1, cbottom = cell
                inside = [m[3] for m in in_row if cx0 <= m[2] < cx1 and ctop <= m[0] < cbottom]
                texts.append(cell_text(inside) if inside else "")
            out.append(texts)
        return out


_BY_ORDER = itemgetter(1)


def find_tables(page: Page) -> list[Table]:
    """pdfplumber's `page.find_tables()` with its default settings (ruling lines both ways)."""
    if not page.v_edges or not page.h_edges:
        return []  # no grid without lines both ways: the page costs only its text
    v_edges, h_edges = _merged_edges(page)
    points = _intersections(v_edges, h_edges)
    return [Table(page, cells) for cells in _tables(_cells(points))]


# --- words and lines (pdfplumber.utils.text, layout=False) --------------------------------------

def _words(chars: list[Char]) -> list[tuple[str, float, float, float, float, list[Char]]]:
    """(text, x0, x1, top, bottom, chars) of each word: characters of a line no more than
    X_TOLERANCE apart, broken at spaces."""
    words: list[tuple[str, float, float, float, float, list[Char]]] = []
    if all(c[UPRIGHT] for c in chars):
        groups = [(True, chars)]
    else:
        groups = [(k, list(g)) for k, g in itertools.groupby(chars, key=lambda c: c[UPRIGHT])]
    for upright, group in groups:
        if upright:  # lines by their tops, characters left to right
            for line in _cluster(group, [c[TOP] for c in group], Y_TOLERANCE):
                words += _line_words(sorted(line, key=_BY_X0))
        else:  # rotated: lines by their left edges, characters top to bottom
            for line in _cluster(group, [c[X0] for c in group], X_TOLERANCE):
                words += _line_words(sorted(line, key=_BY_TOP_BOTTOM), upright=False)
    return words


def _line_words(line: list[Char], upright: bool = True) -> list[tuple[str, float, float, float, float, list[Char]]]:
    words = []
    current: list[Char] = []
    xt, yt = X_TOLERANCE, Y_TOLERANCE
    px0 = px1 = ptop = pbottom = 0.0
    for ch in line:
        text, x0, x1, top, bottom, _ = ch
        if text.isspace():
            if current:
                words.append(_word(current))
            current = []
            continue
        if current:
            if upright:
                new = x0 < px0 or x0 > px1 + xt or abs(top - ptop) > yt
            else:
                new = top < ptop or top > pbottom + yt or abs(x0 - px0) > xt
            if new:
                words.append(_word(current))
                current = []
        current.append(ch)
        px0, px1, ptop, pbottom = x0, x1, top, bottom
    if current:
        words.append(_word(current))
    return words


def _line_text(line: list[Char]) -> str:
    """The words of one upright line (characters left to right) joined by spaces: `_line_words`
    for text alone."""
    words: list[str] = []
    current: list[str] = []
    xt, yt = X_TOLERANCE, Y_TOLERANCE
    px0 = px1 = ptop = 0.0
    for text, x0, x1, top, _, _ in line:
        if text.isspace():
            if current:
                words.append("".join(current))
            current = []
            continue
        if current and (x0 < px0 or x0 > px1 + xt or abs(top - ptop) > yt):
            words.append("".join(current))
            current = []
        current.append(LIGATURES.get(text, text))
        px0, px1, ptop = x0, x1, top
    if current:
        words.append("".join(current))
    return " ".join(words)


_BY_X0 = itemgetter(X0)
_BY_TOP_BOTTOM = itemgetter(TOP, BOTTOM)


def _word(chars: list[Char]) -> tuple[str, float, float, float, float, list[Char]]:
    if len(chars) == 1:
        c = chars[0]
        return (LIGATURES.get(c[TEXT], c[TEXT]), c[X0], c[X1], c[TOP], c[BOTTOM], chars)
    return ("".join([LIGATURES.get(c[TEXT], c[TEXT]) for c in chars]), min([c[X0] for c in chars]),
            max([c[X1] for c in chars]), min([c[TOP] for c in chars]), max([c[BOTTOM] for c in chars]), chars)


def cell_text(chars: list[Char]) -> str:
    """pdfplumber's `extract_text` of a cell's characters: words joined by spaces, lines by "\n"."""
    if len(chars) == 1:  # one character: one word, or nothing if it is a space
        text = chars[0][TEXT]
        return "" if text.isspace() else LIGATURES.get(text, text)
    tops = [c[TOP] for c in chars]
    if max(tops) - min(tops) <= Y_TOLERANCE and all(c[UPRIGHT] for c in chars):
        return _line_text(sorted(chars, key=_BY_X0))  # one line
    words = _words(chars)
    lines = _cluster(words, [w[3] for w in words], Y_TOLERANCE)
    return "\n".join(" ".join([w[0] for w in line]) for line in lines)


def text_lines(chars: list[Char]) -> list[dict[str, Any]]:
    """pdfplumber's `extract_text_lines(layout=False, strip=True)`: each line's text and box."""
    out = []
    words = _words(chars)
    for line in _cluster(words, [w[3] for w in words], Y_TOLERANCE, preserve_order=True):
        out.append({"text": " ".join([w[0] for w in line]), "x0": min([w[1] for w in line]),
                    "x1": max([w[2] for w in line]), "top": min([w[3] for w in line]),
                    "bottom": max([w[4] for w in line])})
    return out


def outside(chars: list[Char], bbox: tuple[float, float, float, float]) -> list[Char]:
    """Characters not touching `bbox` (pdfplumber's `outside_bbox`)."""
    return outside_all(chars, [bbox])


def outside_all(chars: list[Char], boxes: list[tuple[float, float, float, float]]) -> list[Char]:
    """Characters touching none of `boxes` (pdfplumber's `outside_bbox`, one box after another)."""
    if not boxes:
        return chars
    top_all, bottom_all = min(b[1] for b in boxes), max(b[3] for b in boxes)
    out = []
    for c in chars:
        _, cx0, cx1, ctop, cbottom, _ = c
        if cbottom < top_all or ctop > bottom_all:
            out.append(c)  # above or below them all
            continue
        for x0, top, x1, bottom in boxes:
            if cbottom < top or ctop > bottom or cx1 < x0 or cx0 > x1:
                continue  # clear of this one
            width = min(cx1, x1) - max(cx0, x0)
            height = min(cbottom, bottom) - max(ctop, top)
            if width >= 0 and height >= 0 and width + height > 0:
                break  # touches it
        else:
            out.append(c)
    return out
