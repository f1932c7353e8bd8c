"""Property-style: blank cells shuffled into random rows of the frozen HTML fixtures (good
reports read 100% right) — every figure is then the printed value or null, never a value that
moved to another column."""

from __future__ import annotations

import json
import random
import re

import pytest
from bs4 import BeautifulSoup

from ogi.extract import extract_bytes
from tests.conftest import FIXTURES

NUMBER = re.compile(r"^\s*[0-9０-９][0-9０-９,，.]*\s*$")
PAGES = [p for d in ("html", "holdout", "blind_figures") for p in sorted((FIXTURES / d).glob("*.html"))
         if json.loads(p.with_name(p.stem + ".expected.json").read_text(encoding="utf-8")).get("table_format") != "none"]
TAB_FIELD = re.compile(r"(?<=\t)([0-9]+)(?=\t|</p>|<br)")
# pages whose tables are pasted as text with runs of spaces between cells cannot print a blank
PAGES = [p for p in PAGES if b"<td" in p.read_bytes() or len(TAB_FIELD.findall(p.read_text(encoding="utf-8"))) > 20]


def _blanked(html: bytes, rng: random.Random, share: float) -> tuple[bytes, int]:
    if b"<td" not in html:
        return _blanked_tabs(html.decode("utf-8"), rng, share)
    soup = BeautifulSoup(html, "lxml")
    cells = [td for td in soup.find_all("td") if NUMBER.match(td.get_text()) and not td.find("td")]
    rows = sorted({id(td.find_parent("tr")) for td in cells})
    chosen_rows = set(rng.sample(rows, max(1, int(len(rows) * share))))
    n = 0
    for td in cells:
        if id(td.find_parent("tr")) in chosen_rows and rng.random() < 0.5:
            for child in list(td.contents):
                child.extract()
            td.append("\xa0" if rng.random() < 0.5 else "")
            n += 1
    return str(soup).encode("utf-8"), n


def _blanked_tabs(html: str, rng: random.Random, share: float) -> tuple[bytes, int]:
    """Tables pasted as tab-separated lines: a blank is an empty field between two tabs."""
    lines = html.split("\n")
    rows = [i for i, line in enumerate(lines) if len(TAB_FIELD.findall(line)) >= 2]
    chosen = set(rng.sample(rows, max(1, int(len(rows) * share)))) if rows else set()
    n = 0
    for i in sorted(chosen):
        def blank(m: re.Match) -> str:
            nonlocal n
            if rng.random() < 0.5:
                n += 1
                return ""
            return m.group(1)
        lines[i] = TAB_FIELD.sub(blank, lines[i])
    if not n and rows:  # every coin fell on "keep": blank one cell anyway
        i = rng.choice(rows)
        lines[i], n = TAB_FIELD.sub("", lines[i], count=1), 1
    return "\n".join(lines).encode("utf-8"), n


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
@pytest.mark.parametrize("seed", range(8))
def test_shuffled_blanks_never_move_a_value(page, seed):
    expected = json.loads(page.with_name(page.stem + ".expected.json").read_text(encoding="utf-8"))
    html, n = _blanked(page.read_bytes(), random.Random(f"{page.stem}/{seed}"), share=0.3)
    assert n > 0
    doc = extract_bytes(html, document_url=expected.get("source_url") or f"http://gov.example/{page.name}")
    wrong = [f"{k}: got {f.value}, printed {expected['figures'].get(k)}" for k, f in doc.figures.items()
             if f.value is not None and k in expected["figures"] and f.value != expected["figures"][k]]
    assert not wrong, "\n".join(wrong)
    read = sum(f.value is not None for f in doc.figures.values())
    assert read > 0.3 * len(expected["figures"])  # not vacuous: most cells are still read
