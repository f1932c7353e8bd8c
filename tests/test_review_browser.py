"""Review in headless Chromium (issue 19), on the audit's hand-made reports: a reader without a
token submits the review form and is refused (401, nothing recorded); a reviewer enters her token
once (kept in localStorage, sent as a bearer header), confirms and dismisses failed checks with a
comment, corrects a figure (the table shows the printed value and the corrected one beside it),
tags and notes the report; the search page shows the tag and the correction."""

from __future__ import annotations


import pytest

from tests.browsing import chromium, needs_chromium, served

playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is a test dependency")
expect = playwright_api.expect  # waits through the locator engine (no eval: the app's CSP forbids it)
pytestmark = needs_chromium
NEW = "requests.new_received.total"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from auditdata import build
    from ogi.users import add_user, catalog
    from ogi.web.app import create_app

    settings = build(tmp_path_factory.mktemp("review-browser"))
    with catalog(settings) as db:
        _, token = add_user(db, "alice", "reviewer")
    app = create_app(settings)
    with served(app) as base:
        import httpx

        hits = httpx.get(base + "/api/search", params={"limit": 20}).json()["hits"]
        ids = {h["agency"][:2] + str(h["year"]): h["id"] for h in hits}
        yield {"base": base, "token": token, "ids": ids}


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:
        yield browser


@pytest.fixture()
def page(browser):
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert not errors, errors  # no script error (CSP: script-src 'self')


def _review(site, report_id: str) -> dict:
    import httpx

    return httpx.get(f"{site['base']}/api/reports/{report_id}/review").json()


def test_a_reader_without_a_token_cannot(page, site) -> None:
    report = site["ids"]["淅川2023"]
    page.goto(f"{site['base']}/reports/{report}")
    page.locator("#review-forms summary").click()
    assert "you can read, not record" in page.locator("#review-who").inner_text()
    page.select_option("#verdict-form select[name=verdict]", "dismiss")
    page.fill("#verdict-form input[name=comment]", "no token")
    page.click("#verdict-form button[type=submit]")
    expect(page.locator("#review-status")).to_contain_text("401")
    page.fill("#tag-form input[name=tag]", "anonymous")
    page.click("#tag-form button[type=submit]")
    expect(page.locator("#review-status")).to_contain_text("token is needed")
    state = _review(site, report)
    assert state["verdicts"] == [] and state["tags"] == []
    page.fill("#review-token", "ogi_0000000000000000_notavalidtokenatallnotatall")  # a wrong token
    page.click("#review-token-form button[type=submit]")
    expect(page.locator("#review-who")).to_contain_text("not valid")
    page.click("#tag-form button[type=submit]")
    expect(page.locator("#review-status")).to_contain_text("401")
    assert _review(site, report)["tags"] == []


def test_reviewer_confirms_dismisses_corrects_tags_and_notes(page, site) -> None:
    base, report = site["base"], site["ids"]["淅川2023"]
    page.goto(f"{base}/reports/{report}")
    page.locator("#review-forms summary").click()
    page.fill("#review-token", site["token"])
    page.click("#review-token-form button[type=submit]")
    expect(page.locator("#review-who")).to_contain_text("Recording as alice")
    assert page.evaluate("localStorage.getItem('ogi-token')") == site["token"]  # entered once, kept

    # confirm the text-vs-table failure, with a comment
    page.select_option("#verdict-form select[name=target]", f"check:text_vs_table:{NEW}")
    page.select_option("#verdict-form select[name=verdict]", "confirm")
    page.fill("#verdict-form input[name=comment]", "正文写85件，表格写58件")
    with page.expect_navigation():
        page.click("#verdict-form button[type=submit]")
    row = page.locator(f"tr[data-target='check:text_vs_table:{NEW}']")
    assert "confirmed" in row.inner_text() and "正文写85件" in row.inner_text() and "alice" in row.inner_text()

    # dismiss the section 五 warning (the form stays open: the token is remembered)
    assert page.locator("#review-forms").get_attribute("open") is not None
    page.select_option("#verdict-form select[name=target]", "check:section5_empty:sections.5")
    page.select_option("#verdict-form select[name=verdict]", "dismiss")
    page.fill("#verdict-form input[name=comment]", "无 is all there was to say")
    with page.expect_navigation():
        page.click("#verdict-form button[type=submit]")
    assert "dismissed" in page.locator("tr[data-target='check:section5_empty:sections.5']").inner_text()

    # correct 本年新收 总计: printed 58 stays, 85 beside it
    page.fill("#correction-form input[name=figure]", NEW)
    page.fill("#correction-form input[name=value]", "85")
    page.fill("#correction-form input[name=comment]", "the text says 85; the agency confirmed by phone")
    with page.expect_navigation():
        page.click("#correction-form button[type=submit]")
    cell = page.locator(f"td[data-key='{NEW}']").first
    assert "".join(cell.inner_text().split()) == "58→85"  # the printed value, the corrected one beside it
    assert cell.locator("ins.corrected").inner_text().strip() == "→ 85"
    correction = page.locator(f"table.corrections tr[data-figure='{NEW}']").inner_text()
    assert "58" in correction and "85" in correction and "confirmed by phone" in correction

    # tag and note
    page.fill("#tag-form input[name=tag]", "已核实")
    with page.expect_navigation():
        page.click("#tag-form button[type=submit]")
    page.fill("#note-form textarea[name=text]", "Called the county office on 3 March.")
    with page.expect_navigation():
        page.click("#note-form button[type=submit]")
    assert "已核实" in page.locator("p.tags").inner_text()
    assert "Called the county office" in page.locator("ul.notes").inner_text()

    state = _review(site, report)
    assert {v["target"]: v["verdict"] for v in state["verdicts"]} == {
        f"check:text_vs_table:{NEW}": "confirm", "check:section5_empty:sections.5": "dismiss"}
    assert state["corrections"][NEW]["value"] == 85 and state["corrections"][NEW]["printed"] == 58
    assert state["tags"] == ["已核实"] and all(v["who"] == "alice" for v in state["verdicts"])

    # the search page: the tag facet, and the hit says corrected
    page.goto(f"{base}/?q=淅川")
    hit = page.locator("li.hit").first
    assert "已更正 corrected" in hit.inner_text() and "已核实" in hit.inner_text()
    page.locator("section.facet[data-facet='tag'] a", has_text="已核实").click()
    page.wait_for_url("**tag=*")
    assert page.locator("li.hit").count() == 1

    # a tag removed by its ✕ (shown to a reviewer only)
    page.goto(f"{base}/reports/{report}")
    button = page.locator("button.untag[data-tag='已核实']")
    button.wait_for(state="visible")
    with page.expect_navigation():
        button.click()
    assert _review(site, report)["tags"] == []


def test_forgetting_the_token(page, site) -> None:
    report = site["ids"]["镇平2023"]
    page.goto(f"{site['base']}/reports/{report}")
    page.evaluate(f"localStorage.setItem('ogi-token', {site['token']!r})")
    page.reload()
    expect(page.locator("#review-who")).to_contain_text("alice")
    page.click("#review-forget")
    expect(page.locator("#review-who")).to_contain_text("not record")
    assert page.evaluate("localStorage.getItem('ogi-token')") is None
    page.fill("#note-form textarea[name=text]", "after forgetting")
    page.click("#note-form button[type=submit]")
    expect(page.locator("#review-status")).to_contain_text("401")
    assert _review(site, report)["notes"] == []
