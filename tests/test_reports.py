"""ogi.reports: captured files grouped into reports, best evidence chosen, disagreements named."""

from ogi.archive import SourceConfig
from ogi.reports import Entry, assemble


def _doc(url, title, year, figures=None, *, agency=None, table_format="2021", checks=(), fmt="html",
         is_report=True, reason=None, text=""):
    return {"id": url[-6:], "url": url, "document_url": url, "sha256": "0" * 64, "is_annual_report": is_report,
            "not_report_reason": reason, "title": title, "agency": agency, "agency_level": None, "region": {},
            "year": year, "published_at": None, "format": fmt,
            "table_format": table_format if figures else "none",
            "figures": {k: {"value": v, "raw": str(v), "note": None, "confidence": 1.0} for k, v in (figures or {}).items()},
            "checks": list(checks), "sections": [], "text": text, "warnings": [], "captured_at": "2024-02-01T00:00:00+00:00"}


def _entry(url, doc, *, kind="page", parent=None, sources=("s",), error=None):
    return Entry(url, kind, parent, "a" * 64, tuple(sources), None, doc, error)


T23 = "攸县人民政府2023年政府信息公开工作年度报告"
FIG = {"requests.new_received.total": 20, "requests.new_received.natural_person": 12}


def test_page_and_its_pdf_are_one_report():
    page = _entry("http://x/a.html", _doc("http://x/a.html", T23, 2023))  # body only links the PDF
    pdf = _entry("http://x/a.pdf", _doc("http://x/a.pdf", T23, 2023, FIG, fmt="pdf"), kind="attachment",
                 parent="http://x/a.html")
    result = assemble([page, pdf])
    assert len(result.reports) == 1
    report = result.reports[0]
    assert report["evidence_document"] == "http://x/a.pdf"
    assert report["url"] == "http://x/a.html"
    assert [d["role"] for d in report["documents"]] == ["page", "attachment"]
    assert report["figures"]["requests.new_received.total"]["value"] == 20
    assert report["documents_agree"] is None  # only one of them has tables


def test_disagreeing_cell_is_named_and_marked_uncertain():
    page = _entry("http://x/a.html", _doc("http://x/a.html", T23, 2023, FIG))
    docx = _entry("http://x/a.docx", _doc("http://x/a.docx", T23, 2023,
                                          {**FIG, "requests.new_received.natural_person": 13}, fmt="docx"),
                  kind="attachment", parent="http://x/a.html")
    [report] = assemble([page, docx]).reports
    assert report["documents_agree"] is False
    assert report["disagreements"] == [{"key": "requests.new_received.natural_person",
                                        "values": {"http://x/a.docx": 13, "http://x/a.html": 12}}]
    warning = next(w for w in report["warnings"] if w["code"] == "figures_disagree")
    assert "requests.new_received.natural_person" in warning["message"] and "13" in warning["message"]
    assert report["figures"]["requests.new_received.natural_person"]["confidence"] == 0.5
    assert report["figures"]["requests.new_received.total"]["confidence"] == 1.0


def test_evidence_prefers_the_document_whose_identities_hold():
    failed = [{"rule": "row_total", "scope": "x", "ok": False, "expected": 1, "actual": 2, "cells": []}]
    page = _entry("http://x/a.html", _doc("http://x/a.html", T23, 2023, FIG, checks=failed))
    pdf = _entry("http://x/a.pdf", _doc("http://x/a.pdf", T23, 2023, {"requests.new_received.total": 20}, fmt="pdf"),
                 kind="attachment", parent="http://x/a.html")
    [report] = assemble([page, pdf]).reports
    assert report["evidence_document"] == "http://x/a.pdf"


def test_a_page_listing_two_years_files_gives_two_reports():
    page = _entry("http://x/list.html", _doc("http://x/list.html", "攸县人民政府政府信息公开年度报告", None))
    a = _entry("http://x/2023.pdf", _doc("http://x/2023.pdf", T23, 2023, FIG), kind="attachment",
               parent="http://x/list.html")
    b = _entry("http://x/2022.pdf", _doc("http://x/2022.pdf", T23.replace("2023", "2022"), 2022, FIG),
               kind="attachment", parent="http://x/list.html")
    result = assemble([page, a, b])
    assert sorted(r["year"] for r in result.reports if r["year"]) == [2022, 2023]


def test_images_of_a_picture_report_are_documents_of_it_not_reports():
    page = _entry("http://x/p.html", _doc("http://x/p.html", T23, 2023, FIG, fmt="html"))
    images = [_entry(f"http://x/{i}.jpg", _doc(f"http://x/{i}.jpg", None, None, is_report=False,
                                                reason="an image of the 图片版 report http://x/p.html, read with it",
                                                fmt="image"), kind="attachment", parent="http://x/p.html")
              for i in range(3)]
    result = assemble([page, *images])
    assert len(result.reports) == 1 and result.not_reports == 0
    assert [d["role"] for d in result.reports[0]["documents"]] == ["page", "image", "image", "image"]


def test_same_report_on_two_sources_is_one_report_found_twice():
    title = "攸县卫生健康局2023年政府信息公开工作年度报告"
    county = _entry("http://county/b.html", _doc("http://county/b.html", title, 2023, FIG), sources=("county",))
    own = _entry("http://dept/b.html", _doc("http://dept/b.html", title, 2023, FIG), sources=("dept",))
    [report] = assemble([county, own]).reports
    assert report["sources"] == ["county", "dept"]
    assert len(report["documents"]) == 2 and report["documents_agree"] is True


def test_two_spellings_over_the_years_are_one_agency():
    a = _entry("http://x/23.html", _doc("http://x/23.html", T23, 2023, FIG, agency="攸县人民政府办公室"))
    b = _entry("http://x/22.html", _doc("http://x/22.html", "攸县2022年政府信息公开工作年度报告", 2022, FIG))
    result = assemble([a, b])
    assert len(result.reports) == 2 and len(result.agencies) == 1
    agency = next(iter(result.agencies.values()))
    assert agency.name == "攸县人民政府" and agency.years == {2022, 2023}
    assert "攸县人民政府办公室" in agency.to_json()["aliases"]


def test_township_placed_by_the_source_region_with_a_warning():
    title = "锦和镇人民政府2023年政府信息公开工作年度报告"
    entry = _entry("http://x/t.html", _doc("http://x/t.html", title, 2023, FIG), sources=("xw",))
    [report] = assemble([entry], {"xw": SourceConfig("xw", "广东省湛江市徐闻县")}).reports
    assert report["region"]["code"] == "440825110"
    assert any(w["code"] == "region_from_source" for w in report["warnings"])


def test_unreadable_attachment_is_named_on_its_report():
    page = _entry("http://x/a.html", _doc("http://x/a.html", T23, 2023))
    doc = _entry("http://x/a.doc", None, kind="attachment", parent="http://x/a.html", error="LibreOffice missing")
    [report] = assemble([page, doc]).reports
    assert any(w["code"] == "document_unreadable" and "a.doc" in w["message"] for w in report["warnings"])


def test_report_ids_are_stable_and_independent_of_file_urls():
    a = assemble([_entry("http://x/a.html", _doc("http://x/a.html", T23, 2023, FIG))]).reports[0]["id"]
    b = assemble([_entry("http://y/moved.html", _doc("http://y/moved.html", T23, 2023, FIG))]).reports[0]["id"]
    assert a == b


def test_verified_figures_and_share():
    ok = [{"rule": "row_total", "scope": "requests.new_received.*", "ok": True, "expected": 20, "actual": 20,
           "cells": ["requests.new_received.total", "requests.new_received.natural_person"]}]
    bad = [{"rule": "column_balance", "scope": "x", "ok": False, "expected": 1, "actual": 2,
            "cells": ["requests.new_received.natural_person"]}]
    figs = {**FIG, "requests.carried_over.total": 3}
    [report] = assemble([_entry("http://x/a.html", _doc("http://x/a.html", T23, 2023, figs, checks=ok + bad))]).reports
    f = report["figures"]
    assert f["requests.new_received.total"]["verified"] is True
    assert f["requests.new_received.natural_person"]["verified"] is False  # in a failed identity
    assert f["requests.carried_over.total"]["verified"] is False  # no identity confirms it
    assert report["figures_verified"] == 1 and report["verified_share"] == round(1 / 3, 4)


def test_a_disputed_figure_is_never_verified():
    ok = [{"rule": "row_total", "scope": "requests.new_received.*", "ok": True, "expected": 20, "actual": 20,
           "cells": ["requests.new_received.total", "requests.new_received.natural_person"]}]
    page = _entry("http://x/a.html", _doc("http://x/a.html", T23, 2023, FIG, checks=ok))
    docx = _entry("http://x/a.docx", _doc("http://x/a.docx", T23, 2023, {**FIG, "requests.new_received.total": 21},
                                          fmt="docx"), kind="attachment", parent="http://x/a.html")
    [report] = assemble([page, docx]).reports
    assert report["figures"]["requests.new_received.total"]["verified"] is False
    assert report["figures"]["requests.new_received.natural_person"]["verified"] is True
