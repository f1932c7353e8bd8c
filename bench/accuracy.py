"""Accuracy by input class: every frozen fixture with a hand-written expected JSON, extracted
and compared cell by cell. Prints the README's accuracy table.

    python bench/accuracy.py [--no-ocr] [--markdown] [--show-wrong]

A cell is *right* (the printed value), *null* (honest: not read, with a warning), or *wrong*.
Wrong cells are split by what a user sees: *wrong & verified* (an identity that holds confirms
it — the worst defect), *wrong & certain* (confidence 1, no failed identity over it), and wrong
but flagged (a failed identity or a confidence below 1). Not-reports: how many documents that
are not reports were recognised, and how many real reports were wrongly rejected.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.expectations import extracted, fixture_sources, input_class  # noqa: E402

@dataclass
class Tally:
    documents: int = 0
    cells: int = 0
    right: int = 0
    null: int = 0
    wrong_verified: int = 0
    wrong_certain: int = 0
    wrong_flagged: int = 0
    reports_rejected: int = 0
    not_reports: int = 0
    not_reports_recognised: int = 0
    seconds: float = 0.0
    wrong: list[str] = field(default_factory=list)


def measure(pairs: list[tuple[Path, Path]], *, ocr: bool) -> dict[str, Tally]:
    tallies: dict[str, Tally] = defaultdict(Tally)
    for expected_path, source in pairs:
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        klass = input_class(expected, source)
        if klass == "scan (OCR)" and not ocr:
            continue
        t = tallies[klass]
        started = time.perf_counter()
        doc = extracted(source, expected.get("source_url"))
        t.seconds += time.perf_counter() - started
        t.documents += 1
        if not expected.get("is_annual_report", True):
            t.not_reports += 1
            t.not_reports_recognised += not doc.is_annual_report
            continue
        if not doc.is_annual_report:
            t.reports_rejected += 1
        figures = expected.get("figures_on_page") or expected.get("figures") or {}
        failed = {cell for c in doc.checks if c.ok is False for cell in c.cells}
        for key, want in figures.items():
            t.cells += 1
            fig = doc.figures.get(key)
            got = None if fig is None else fig.value
            if got is None and want is None or (got is not None and want is not None and abs(got - want) < 1e-9):
                t.right += 1
            elif got is None:
                t.null += 1
            else:
                if fig.verified:
                    t.wrong_verified += 1
                elif fig.confidence >= 1 and key not in failed:
                    t.wrong_certain += 1
                else:
                    t.wrong_flagged += 1
                t.wrong.append(f"{source.relative_to(ROOT) if source.is_relative_to(ROOT) else source.name}: "
                               f"{key} = {got}, printed {want} (verified {fig.verified}, confidence {fig.confidence})")
    return dict(tallies)


def table(tallies: dict[str, Tally]) -> str:
    head = ("| input class | documents | cells | right | null | wrong & verified | wrong & certain | "
            "wrong, flagged | not-reports recognised | reports rejected |")
    lines = [head, "|" + "---|" * 10]
    total = Tally()
    for klass in sorted(tallies):
        t = tallies[klass]
        lines.append(_line(klass, t))
        for name in ("documents", "cells", "right", "null", "wrong_verified", "wrong_certain", "wrong_flagged",
                     "not_reports", "not_reports_recognised", "reports_rejected"):
            setattr(total, name, getattr(total, name) + getattr(t, name))
    lines.append(_line("**all**", total))
    return "\n".join(lines)


def _line(klass: str, t: Tally) -> str:
    share = f"{t.right} ({100 * t.right / t.cells:.1f}%)" if t.cells else "—"
    nr = f"{t.not_reports_recognised} of {t.not_reports}" if t.not_reports else "—"
    return (f"| {klass} | {t.documents} | {t.cells} | {share} | {t.null} | {t.wrong_verified} | {t.wrong_certain} | "
            f"{t.wrong_flagged} | {nr} | {t.reports_rejected} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-ocr", action="store_true", help="skip the scans (OCR takes seconds per page)")
    parser.add_argument("--show-wrong", action="store_true", help="list every wrong cell")
    args = parser.parse_args()
    tallies = measure(fixture_sources(), ocr=not args.no_ocr)
    print(table(tallies))
    if args.show_wrong:
        for klass, t in sorted(tallies.items()):
            for line in t.wrong:
                print(f"{klass}: {line}")


if __name__ == "__main__":
    main()
