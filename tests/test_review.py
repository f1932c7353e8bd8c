"""Review through the API (issue 19), on the audit's hand-made reports (tests/auditdata.py):
confirm and dismiss a failed check with a comment, correct a figure beside the printed one, tag
and note a report; a reader without a token (or with a wrong or removed one) cannot; search,
exports and aggregates see it (printed or corrected, and say which); it survives `ogi index`.

Hand-counted truth: 淅川县 2023 prints 本年新收 总计 58 in table 三 and "新收申请85件" in its text
(text_vs_table fails); the six reports print 13, 23 (西峡 2022, 2023), 5, 6 (镇平), 58 (淅川), 0 (社旗)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from ogi.settings import Settings
from ogi.users import add_user, catalog, remove_user
from ogi.web.app import create_app

NEW = "requests.new_received.total"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from auditdata import build

    settings = build(tmp_path_factory.mktemp("review"))
    with catalog(settings) as db:
        _, alice = add_user(db, "alice", "reviewer")
        _, carol = add_user(db, "carol", "admin")
        _, gone = add_user(db, "mallory", "reviewer")
        remove_user(db, "mallory")
    client = TestClient(create_app(settings))
    ids = {h["agency"][:2] + str(h["year"]): h["id"] for h in client.get("/api/search", params={"limit": 20}).json()["hits"]}
    return {"settings": settings, "client": client, "ids": ids,
            "alice": {"Authorization": f"Bearer {alice}"}, "carol": {"Authorization": f"Bearer {carol}"},
            "gone": {"Authorization": f"Bearer {gone}"}}


@pytest.fixture(scope="module")
def reviewed(site):
    """Every kind of review recorded once, by alice and carol, through the API."""
    c, ids = site["client"], site["ids"]
    xichuan, xixia, zhenping = ids["淅川2023"], ids["西峡2023"], ids["镇平2023"]
    targets = [t["target"] for t in c.get(f"/api/reports/{xixia}/review").json()["targets"]]
    carry = next(t for t in targets if t.startswith("check:cross_year_carry:"))
    in_force = next(t for t in targets if t.startswith("check:cross_year_in_force:"))
    answers = [
        c.post(f"/api/reports/{xixia}/verdicts", json={"target": carry, "verdict": "confirm",
                                                      "comment": "2022 printed 5, 2023 carried 4"}, headers=site["alice"]),
        c.post(f"/api/reports/{xixia}/verdicts", json={"target": in_force, "verdict": "confirm", "comment": "first look"},
               headers=site["alice"]),
        c.post(f"/api/reports/{xixia}/verdicts", json={"target": in_force, "verdict": "dismiss",
                                                      "comment": "two documents repealed were counted twice"},
               headers=site["carol"]),  # the latest verdict on a target counts; both are kept
        c.post(f"/api/reports/{xichuan}/verdicts", json={"target": f"check:text_vs_table:{NEW}", "verdict": "confirm",
                                                        "comment": "the text is right"}, headers=site["alice"]),
        c.post(f"/api/reports/{xichuan}/corrections", json={"figure": NEW, "value": 80, "comment": "first try"},
               headers=site["alice"]),
        c.post(f"/api/reports/{xichuan}/corrections", json={"figure": NEW, "value": "85", "comment": "正文：新收申请85件"},
               headers=site["alice"]),
        c.post(f"/api/reports/{zhenping}/tags", json={"tag": "抄袭"}, headers=site["alice"]),
        c.post(f"/api/reports/{zhenping}/tags", json={"tag": "待核实"}, headers=site["alice"]),
        c.post(f"/api/reports/{xichuan}/tags", json={"tag": "待核实"}, headers=site["carol"]),
        c.post(f"/api/reports/{zhenping}/notes", json={"text": "Same wording as 2022; asked the county office."},
               headers=site["alice"]),
    ]
    assert [a.status_code for a in answers] == [201] * len(answers), [a.text for a in answers]
    assert all(a.json()["who"] == ("carol" if i in (2, 8) else "alice") for i, a in enumerate(answers))
    removed = c.delete(f"/api/reports/{zhenping}/tags/待核实", headers=site["alice"])
    assert removed.status_code == 200
    return {"carry": carry, "in_force": in_force, **ids}


def test_a_reader_without_a_token_cannot(site) -> None:
    c, report = site["client"], site["ids"]["社旗2023"]
    attempts = [("post", f"/api/reports/{report}/tags", {"tag": "x"}),
                ("post", f"/api/reports/{report}/notes", {"text": "x"}),
                ("post", f"/api/reports/{report}/corrections", {"figure": NEW, "value": 1}),
                ("post", f"/api/reports/{report}/verdicts", {"target": "check:row_total:x", "verdict": "dismiss"}),
                ("delete", f"/api/reports/{report}/tags/x", None)]
    for method, url, body in attempts:
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "Bearer ogi_" + "0" * 16 + "_" + "x" * 43},
                        site["gone"], {"Authorization": "Basic YWxpY2U6eA=="}):
            response = getattr(c, method)(url, **({"json": body} if body else {}), headers=headers)
            assert response.status_code == 401, (url, headers, response.text)
    state = c.get(f"/api/reports/{report}/review").json()  # reading needs no token …
    assert state["verdicts"] == [] and state["corrections"] == {} and state["tags"] == [] and state["notes"] == []
    assert c.get(f"/api/reports/{report}").json()["review"]["tags"] == []  # … and nothing was recorded


def test_confirm_and_dismiss_with_comment(site, reviewed) -> None:
    c = site["client"]
    state = c.get(f"/api/reports/{reviewed['西峡2023']}/review").json()
    verdicts = {v["target"]: v for v in state["verdicts"]}
    assert verdicts[reviewed["carry"]]["verdict"] == "confirm" and verdicts[reviewed["carry"]]["who"] == "alice"
    assert verdicts[reviewed["carry"]]["comment"] == "2022 printed 5, 2023 carried 4"
    latest = verdicts[reviewed["in_force"]]
    assert (latest["verdict"], latest["who"]) == ("dismiss", "carol") and "T" in latest["at"]  # ISO time, UTC
    history = [v for v in state["history"]["verdicts"] if v["target"] == reviewed["in_force"]]
    assert [(v["verdict"], v["who"], v["comment"]) for v in history] == [
        ("confirm", "alice", "first look"), ("dismiss", "carol", "two documents repealed were counted twice")]
    # the failed checks stay failed: a verdict is beside them, never instead of them
    report = c.get(f"/api/reports/{reviewed['西峡2023']}").json()
    assert report["review"]["verdicts"] == state["verdicts"]


def test_correction_beside_the_printed_value(site, reviewed) -> None:
    c = site["client"]
    report = c.get(f"/api/reports/{reviewed['淅川2023']}").json()
    assert report["document"]["figures"][NEW]["value"] == 58  # the extracted value is never overwritten
    assert report["document"]["figures"][NEW]["raw"] == "58"  # nor the printed cell
    correction = report["review"]["corrections"][NEW]
    assert (correction["value"], correction["printed"], correction["who"]) == (85, 58, "alice")
    assert correction["comment"] == "正文：新收申请85件"
    assert [h["value"] for h in report["review"]["history"]["corrections"]] == [80, 85]  # history kept, latest wins
    with catalog(site["settings"]) as db:  # the catalog's document is unchanged too
        stored = [json.loads(r[0]) for r in db.execute("SELECT document FROM documents WHERE document LIKE ?",
                                                        ("%淅川县%",))]
    assert stored and all(d["figures"][NEW]["value"] == 58 for d in stored)


def test_tags_and_notes(site, reviewed) -> None:
    state = site["client"].get(f"/api/reports/{reviewed['镇平2023']}/review").json()
    assert state["tags"] == ["抄袭"]  # 待核实 was removed again
    assert state["notes"][0]["text"] == "Same wording as 2022; asked the county office."
    assert state["notes"][0]["who"] == "alice"


@pytest.mark.parametrize("endpoint, body, status", [
    ("verdicts", {"target": "check:row_total:nowhere", "verdict": "dismiss"}, 400),  # not a failure of this report
    ("verdicts", {"target": f"check:text_vs_table:{NEW}", "verdict": "maybe"}, 422),
    ("corrections", {"figure": "requests.no_such_key", "value": 3}, 400),
    ("corrections", {"figure": NEW, "value": "八十五"}, 400),
    ("corrections", {"figure": NEW, "value": "1e400"}, 400),
    ("tags", {"tag": "two words"}, 400),
    ("notes", {"text": "   "}, 400),
])
def test_bad_review_input_is_4xx(site, endpoint, body, status) -> None:
    c = site["client"]
    response = c.post(f"/api/reports/{site['ids']['淅川2023']}/{endpoint}", json=body, headers=site["alice"])
    assert response.status_code == status, response.text
    assert c.post(f"/api/reports/nope/{endpoint}", json=body, headers=site["alice"]).status_code in (404, 422)


def test_search_sees_review(site, reviewed) -> None:
    c = site["client"]
    tagged = c.get("/api/search", params={"filter": "tag = 抄袭"}).json()
    assert [h["id"] for h in tagged["hits"]] == [reviewed["镇平2023"]] and tagged["hits"][0]["tag"] == ["抄袭"]
    corrected = c.get("/api/search", params={"filter": "corrected = true", "facet": ["review", "tag"]}).json()
    assert [h["id"] for h in corrected["hits"]] == [reviewed["淅川2023"]]
    assert corrected["hits"][0]["reviewed"] is True and corrected["facets"]["review"] == {"confirmed": 1, "corrected": 1}
    assert c.get("/api/search", params={"filter": "reviewed = true"}).json()["total"] == 2  # 西峡 2023, 淅川 2023
    from ogi.indexer import open_backend
    from ogi.indexer.query import Query

    records = {r["id"]: r for r in open_backend(site["settings"]).iter_records(Query(), ["id", "checks_failed",
                                                                                        "unreviewed"])}
    xichuan = records[reviewed["淅川2023"]]  # text_vs_table confirmed; section5_empty not yet
    assert f"text_vs_table:{NEW}" in xichuan["checks_failed"] and xichuan["unreviewed"] == len(xichuan["checks_failed"]) - 1
    assert records[reviewed["西峡2023"]]["unreviewed"] == len(records[reviewed["西峡2023"]]["checks_failed"]) - 2
    queue = c.get("/api/search", params={"filter": "unreviewed > 0", "sort": "unreviewed:desc"}).json()
    assert {h["id"] for h in queue["hits"]} == {i for i, r in records.items() if r["unreviewed"]}
    page = c.get("/", params={"tag": "抄袭"}).text
    assert "抄袭" in page and "1</strong> reports" in page


def _csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


def test_exports_use_printed_or_corrected_and_say_which(site, reviewed) -> None:
    c = site["client"]
    printed = c.get("/api/figures", params={"output": "json"}).json()
    corrected = c.get("/api/figures", params={"output": "json", "values": "corrected"}).json()
    assert printed["values"] == "printed" and corrected["values"] == "corrected"
    by_id = lambda rows: {r["id"]: r for r in rows}  # noqa: E731
    p, k = by_id(printed["rows"]), by_id(corrected["rows"])
    assert p[reviewed["淅川2023"]][NEW] == 58 and k[reviewed["淅川2023"]][NEW] == 85
    assert k[reviewed["淅川2023"]]["corrected"] == NEW and k[reviewed["西峡2023"]]["corrected"] == ""
    assert sorted(r[NEW] for r in k.values()) == [0, 5, 6, 13, 23, 85]
    rows = _csv(c.get("/api/figures", params={"output": "csv", "values": "corrected"}).text)
    assert {r["values"] for r in rows} == {"corrected"} and len(rows) == 6
    assert next(r for r in rows if r["id"] == reviewed["淅川2023"])[NEW] == "85"
    assert "values" not in _csv(c.get("/api/figures", params={"output": "csv"}).text)[0]  # printed: as before
    assert c.get("/api/figures", params={"values": "edited"}).status_code == 422
    for output in ("csv", "json", "xlsx"):  # every format says which values it holds in a header too
        for values in ("printed", "corrected"):
            answer = c.get("/api/figures", params={"output": output, "values": values})
            assert answer.headers["x-ogi-values"] == values


def test_aggregates_use_printed_or_corrected_and_say_which(site, reviewed) -> None:
    c = site["client"]
    params = {"figure": NEW, "by": "year"}
    printed = c.get("/api/aggregate", params=params).json()
    corrected = c.get("/api/aggregate", params={**params, "values": "corrected"}).json()
    assert printed["values"] == "printed" and corrected["values"] == "corrected"
    sums = lambda body: {r["year"]: (r["count"], r["sum"]) for r in body["rows"]}  # noqa: E731
    assert sums(printed) == {2022: (2, 18.0), 2023: (4, 87.0)}  # 13 + 5; 23 + 6 + 58 + 0
    assert sums(corrected) == {2022: (2, 18.0), 2023: (4, 114.0)}  # 58 → 85
    only = c.get("/api/aggregate", params={**params, "values": "corrected", "county": "西峡县"}).json()
    assert sums(only) == {2022: (1, 13.0), 2023: (1, 23.0)}  # a correction outside the query changes nothing
    assert c.get("/api/aggregate", params=params).headers["x-ogi-values"] == "printed"
    answer = c.get("/api/aggregate", params={**params, "values": "corrected", "output": "csv"})
    assert answer.headers["x-ogi-values"] == "corrected" and "-corrected.csv" in answer.headers["content-disposition"]
    text = answer.text
    assert _csv(text)[1] == {"year": "2023", "reports": "4", "count": "4", "sum": "114.0", "mean": "28.5",
                             "values": "corrected"}


def test_a_correction_of_a_cell_not_read_adds_to_the_count(tmp_path: Path) -> None:
    """A figure the index has no value for: the corrected aggregate counts the report."""
    from auditdata import build
    from ogi import review
    from ogi.indexer import open_backend
    from ogi.figure_keys import union_keys
    from ogi.indexer.query import Query, build_aggregate

    settings = build(tmp_path)
    backend = open_backend(settings)
    record = next(r for r in backend.iter_records(Query()) if r["agency"].startswith("社旗"))
    key = "requests.carried_over.total"
    assert record.get("figures." + key) is not None
    missing = next(k for k in union_keys() if record.get("figures." + k) is None)
    agg = build_aggregate(missing, ["year"], Query())
    before = {r.group["year"]: (r.count, r.sum) for r in backend.aggregate(agg)}
    with catalog(settings) as db:
        review.record_correction(db, record["id"], missing, 7, "printed on the second page", "alice")
        after = {r.group["year"]: (r.count, r.sum) for r in review.corrected_aggregate(db, backend, agg,
                                                                                      backend.aggregate(agg))}
        review.record_correction(db, record["id"], missing, None, "withdrawn", "alice")
        withdrawn = {r.group["year"]: (r.count, r.sum) for r in review.corrected_aggregate(db, backend, agg,
                                                                                          backend.aggregate(agg))}
    assert after[2023] == (before[2023][0] + 1, before[2023][1] + 7) and withdrawn == before


def test_cli_export_and_aggregate_values(site, reviewed, capsys) -> None:
    from ogi.cli import main

    data_dir = str(site["settings"].data_dir)
    assert main(["export", "--format", "csv", "--values", "corrected", "--no-bom", "--data-dir", data_dir]) == 0
    rows = _csv(capsys.readouterr().out)
    assert {r["values"] for r in rows} == {"corrected"}
    assert next(r for r in rows if r["id"] == reviewed["淅川2023"])[NEW] == "85"
    assert main(["export", "--format", "jsonl", "--values", "corrected", "--data-dir", data_dir]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    one = next(r for r in lines if r["id"] == reviewed["淅川2023"])
    assert one["values"] == "corrected" and one["figures"][NEW]["value"] == 85 and one["figures"][NEW]["printed"] == 58
    assert main(["aggregate", NEW, "--by", "year", "--json", "--values", "corrected", "--data-dir", data_dir]) == 0
    body = json.loads(capsys.readouterr().out)
    assert body["values"] == "corrected" and [r["sum"] for r in body["rows"]] == [18.0, 114.0]
    assert main(["export", "--format", "csv", "--values", "corrected", "--documents", "--data-dir", data_dir]) == 2
    assert "per report" in capsys.readouterr().err


def test_report_page_shows_the_review(site, reviewed) -> None:
    page = site["client"].get(f"/reports/{reviewed['淅川2023']}").text
    assert 'id="review"' in page and "→ 85" in page and "正文：新收申请85件" in page and "待核实" in page
    assert "confirmed 确认" in page and 'data-endpoint="corrections"' in page and "/static/review.js" in page
    page = site["client"].get(f"/reports/{reviewed['西峡2023']}").text
    assert "dismissed 排除" in page and "two documents repealed were counted twice" in page


def test_review_survives_ogi_index_rebuild(site, reviewed, capsys) -> None:
    from ogi.cli import main

    data_dir = str(site["settings"].data_dir)
    assert main(["index", "--data-dir", data_dir]) == 0  # a full rebuild from the archive
    capsys.readouterr()
    client = TestClient(create_app(Settings.load(data_dir)))
    assert [h["id"] for h in client.get("/api/search", params={"filter": "tag = 抄袭"}).json()["hits"]] == \
        [reviewed["镇平2023"]]
    assert client.get("/api/search", params={"filter": "corrected = true"}).json()["total"] == 1
    assert client.get(f"/api/reports/{reviewed['淅川2023']}").json()["review"]["corrections"][NEW]["value"] == 85
    sums = {r["year"]: r["sum"] for r in client.get("/api/aggregate", params={
        "figure": NEW, "by": "year", "values": "corrected"}).json()["rows"]}
    assert sums == {2022: 18.0, 2023: 114.0}


def test_incremental_index_pushes_a_report_reviewed_since(tmp_path: Path) -> None:
    """The review is folded into the digest: `ogi index --changed` re-pushes only the reviewed report."""
    from auditdata import build
    from ogi import review
    from ogi.indexer import open_backend
    from ogi.indexer.query import Query, equals
    from ogi.indexer.service import index_archive

    settings = build(tmp_path)

    some = next(iter(open_backend(settings).iter_records(Query(), ["id"])))["id"]
    with catalog(settings) as db:
        review.add_tag(db, some, "later", "alice")  # no live refresh: only the catalog knows
    summary = index_archive(settings, full=False)
    assert (summary.indexed, summary.unchanged) == (1, 5)
    hits = open_backend(settings).search(Query(filter=equals("tag", "later"))).hits
    assert [h.record["id"] for h in hits] == [some]


def test_a_review_during_a_rebuild_does_not_wait_for_it(site, reviewed, monkeypatch) -> None:
    """While `ogi index` holds the index's write lock, a review is recorded and answered at once
    ("indexed": "pending"); the report's record is rewritten when the lock is free."""
    import fcntl
    import time

    from ogi.web import review_pages

    monkeypatch.setattr(review_pages, "REFRESH_WAIT", 0.5)
    c, report = site["client"], site["ids"]["西峡2022"]
    lock = open(site["settings"].index_dir / ".write.lock", "a+")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)  # as a rebuild in another process holds it
        started = time.monotonic()
        answer = c.post(f"/api/reports/{report}/tags", json={"tag": "pending"}, headers=site["alice"])
        assert answer.status_code == 201 and answer.json()["indexed"] == "pending"
        assert time.monotonic() - started < 5
        assert c.get(f"/api/reports/{report}/review").json()["tags"] == ["pending"]  # the catalog has it
    finally:
        fcntl.flock(lock, fcntl.LOCK_UN)
        lock.close()
    for _ in range(100):
        if c.get("/api/search", params={"filter": "tag = pending"}).json()["total"] == 1:
            break
        time.sleep(0.1)
    assert [h["id"] for h in c.get("/api/search", params={"filter": "tag = pending"}).json()["hits"]] == [report]


def test_cli_review_commands(tmp_path: Path, capsys) -> None:
    from auditdata import build
    from ogi.cli import main

    build(tmp_path)
    d = ["--data-dir", str(tmp_path)]
    assert main(["users", "add", "alice", *d]) == 0
    capsys.readouterr()
    assert main(["search", "淅川", "--json", *d]) == 0
    report = json.loads(capsys.readouterr().out)["hits"][0]["id"]
    assert main(["review", "show", report, *d]) == 0
    shown = capsys.readouterr().out
    assert f"check:text_vs_table:{NEW}\tnot reviewed" in shown
    target = f"check:text_vs_table:{NEW}"
    assert main(["review", "dismiss", report, target, "--by", "bob", *d]) == 2  # --by names a user
    assert "--by must name a user" in capsys.readouterr().err
    assert main(["review", "dismiss", report, "check:row_total:nowhere", "--by", "alice", *d]) == 2
    assert main(["review", "dismiss", report, target, "--by", "alice", "--comment", "table right", *d]) == 0
    assert main(["review", "correct", report, NEW, "85", "--by", "alice", "--comment", "text", *d]) == 0
    assert main(["review", "correct", report, NEW, "many", "--by", "alice", *d]) == 2
    assert main(["review", "tag", report, "核实", "--by", "alice", *d]) == 0
    assert main(["review", "note", report, "asked", "the", "office", "--by", "alice", *d]) == 0
    capsys.readouterr()
    assert main(["review", "show", report, "--json", *d]) == 0
    state = json.loads(capsys.readouterr().out)
    assert state["verdicts"][0]["verdict"] == "dismiss" and state["verdicts"][0]["who"] == "alice"
    assert state["corrections"][NEW]["value"] == 85 and state["corrections"][NEW]["printed"] == 58
    assert state["tags"] == ["核实"] and state["notes"][0]["text"] == "asked the office"
    assert main(["review", "untag", report, "核实", "--by", "alice", *d]) == 0
    assert main(["review", "untag", report, "核实", "--by", "alice", *d]) == 1
    assert main(["review", "show", "nope", *d]) == 1


def test_figures_page_printed_or_corrected(site, reviewed) -> None:
    c = site["client"]
    printed = c.get("/figures", params={"figure": NEW, "level": "county"}).text
    corrected = c.get("/figures", params={"figure": NEW, "level": "county", "values": "corrected"})
    assert corrected.status_code == 200 and "reviewers&#39; corrected values" in corrected.text
    assert "printed values" in printed
    assert "2023: 114.0" in corrected.text and "2023: 87.0" in printed  # the bar's title: the year's sum
    assert "values=corrected" in corrected.text  # the downloads carry the choice
    assert c.get("/figures", params={"figure": NEW, "values": "edited"}).status_code == 400


def test_printable_audit_report_shows_verdicts_and_corrections(site, reviewed) -> None:
    page = site["client"].get(f"/audit/reports/{reviewed['淅川2023']}").text
    assert "FAILED text_vs_table" in page and "Review: confirmed by alice" in page and "the text is right" in page
    assert f"{NEW} 58 → 85 (alice: 正文：新收申请85件)" in page
    page = site["client"].get(f"/audit/reports/{reviewed['西峡2023']}").text
    assert "Review: dismissed by carol" in page and page.count("Review: ") == 2  # two of its checks have a verdict
