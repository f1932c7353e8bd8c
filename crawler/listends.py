"""How each list (a 年报 column and its pages) was found to end — the evidence a crawl keeps so
an operator can tell a complete column from one cut short. No Scrapy import."""

from __future__ import annotations

from dataclasses import dataclass, field

MAX_PROBE_PAGES = 200  # pages asked for without any total known, per list

STATED = "stated total"
API = "API total"
PROBED = "probed to an empty page"
REPEAT = "probed to a page repeating earlier records"
NEXT = "followed 下一页 to the last page"
LIMIT = "page limit hit"
ONE_PAGE = "one page, no pagination"
PROBE_FAILED = "probe request failed"

_RANK = {"stated": 4, "api": 3, "next": 2, "probe": 1}


@dataclass
class ListState:
    """One list: its first page's URL, the pages fetched, the records seen on them."""

    url: str
    pages: int = 0
    records: set[str] = field(default_factory=set)
    evidence: str | None = None  # strongest pagination evidence seen: stated | api | next | probe
    probes: int = 0  # probe pages asked for
    probe_end: str | None = None  # PROBED or REPEAT once a probe added nothing
    limit_hit: bool = False
    probe_failed: bool = False

    def saw(self, evidence: str | None) -> None:
        if evidence and _RANK.get(evidence, 0) > _RANK.get(self.evidence or "", 0):
            self.evidence = evidence

    def add_records(self, urls: list[str]) -> int:
        """Record the candidate links of one page; how many were new to this list."""
        new = [u for u in urls if u not in self.records]
        self.records.update(new)
        return len(new)

    def may_probe(self) -> bool:
        if self.probe_end:
            return False
        if self.probes >= MAX_PROBE_PAGES:
            self.limit_hit = True
            return False
        self.probes += 1
        return True

    @property
    def end(self) -> str:
        if self.limit_hit:
            return LIMIT
        if self.evidence == "stated":
            return STATED
        if self.evidence == "api":
            return API
        if self.probe_end:
            return self.probe_end
        if self.probe_failed:
            return PROBE_FAILED
        if self.evidence == "next":
            return NEXT
        return ONE_PAGE

    def to_json(self) -> dict[str, object]:
        return {"list": self.url, "pages": self.pages, "records": len(self.records), "end": self.end}
