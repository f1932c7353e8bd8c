"""Saved searches managed in the web app (issue 19): reviewers list, create, edit and delete them
with webhook and email recipients, over the API and on the /searches page; a reader without a
token cannot, and never sees a webhook or an address."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from ogi.scheduler import alerts
from ogi.users import add_user, catalog
from ogi.web.app import create_app
from tests import webdata


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    settings = webdata.build(tmp_path_factory.mktemp("saved") / "data")
    with catalog(settings) as db:
        _, token = add_user(db, "alice", "reviewer")
    return settings, TestClient(create_app(settings)), token


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_api_create_edit_list_delete(app) -> None:
    settings, client, token = app
    body = {"query": "", "filters": ["year = 2023"], "recipients": ["editor@newsroom.example"],
            "webhook": "https://hooks.example.org/ogi"}
    # a reader without a token, or with a wrong one, cannot
    assert client.put("/api/searches/年报2023", json=body).status_code == 401
    assert client.put("/api/searches/年报2023", json=body, headers=_auth("ogi_0000000000000000_" + "x" * 30)).status_code == 401
    assert client.put("/api/searches/年报2023", json=body, headers=_auth("wrong")).status_code == 401
    assert alerts.saved_search(settings, "年报2023") is None

    made = client.put("/api/searches/年报2023", json=body, headers=_auth(token))
    assert made.status_code == 200, made.text
    assert made.json()["recipients"] == ["editor@newsroom.example"] and made.json()["filters"] == ["year = 2023"]
    assert made.json()["feed"] == "/feeds/%E5%B9%B4%E6%8A%A52023.atom"

    # public reads: name, query, filters, feed; never the webhook or the addresses
    public = client.get("/api/searches").json()
    assert public == [{"name": "年报2023", "query": "", "filters": ["year = 2023"], "feed": made.json()["feed"],
                       "created_at": made.json()["created_at"]}]
    assert "editor@newsroom.example" not in client.get("/api/searches/年报2023").text
    assert "hooks.example.org" not in client.get("/searches").text
    full = client.get("/api/searches/年报2023", headers=_auth(token)).json()
    assert full["webhook"] == "https://hooks.example.org/ogi" and full["recipients"] == ["editor@newsroom.example"]

    # edit: replaced as a whole
    edited = client.put("/api/searches/年报2023", headers=_auth(token),
                        json={"query": "行政复议", "filters": ["year = 2023"], "recipients": ["a@x.example", "b@x.example"]})
    assert edited.status_code == 200 and edited.json()["id"] == made.json()["id"]
    saved = alerts.saved_search(settings, "年报2023")
    assert saved.query == "行政复议" and saved.recipients == ("a@x.example", "b@x.example") and saved.webhook is None

    # what cannot be saved says why
    for bad, why in (({"filters": ["year = abc"]}, "year"), ({"recipients": ["not an address"]}, "email address"),
                     ({"webhook": "http://169.254.169.254/latest"}, "webhook refused")):
        answer = client.put("/api/searches/bad", json=bad, headers=_auth(token))
        assert answer.status_code in (400, 422) and why in answer.text, answer.text
    assert alerts.saved_search(settings, "bad") is None

    assert client.delete("/api/searches/年报2023").status_code == 401
    assert client.delete("/api/searches/年报2023", headers=_auth(token)).status_code == 204
    assert client.delete("/api/searches/年报2023", headers=_auth(token)).status_code == 404
    assert client.get("/api/searches/年报2023").status_code == 404
    assert client.get("/feeds/年报2023.atom").status_code == 404


def _form(client: TestClient, path: str, **fields: str):
    return client.post(path, data=fields)


def test_page_saves_edits_and_deletes_with_a_reviewer_token(app) -> None:
    settings, client, token = app
    # prefilled from a search page's URL ("save as alert")
    page = client.get("/searches", params={"province": "河南省", "checks": "failed", "q": "复议"}).text
    assert 'province = &#34;河南省&#34;\nchecks_ok = false' in page and 'value="复议"' in page

    fields = {"name": "河南", "query": "", "filters": 'province = "河南省"', "webhook": "",
              "recipients": "editor@newsroom.example\nother@newsroom.example"}
    refused = _form(client, "/searches/save", **fields)
    assert refused.status_code == 401 and alerts.saved_search(settings, "河南") is None
    assert _form(client, "/searches/save", **fields, token="wrong").status_code == 401
    assert alerts.saved_search(settings, "河南") is None

    saved = _form(client, "/searches/save", **fields, token=token)
    assert saved.status_code == 200 and "Saved “河南” (alice)" in saved.text
    assert saved.headers["cache-control"] == "no-store"
    assert alerts.saved_search(settings, "河南").recipients == ("editor@newsroom.example", "other@newsroom.example")

    bad = _form(client, "/searches/save", **{**fields, "filters": "year = abc"}, token=token)
    assert bad.status_code == 400 and "year" in bad.text

    # the public list shows the search and its feed, not its addresses
    public = client.get("/searches").text
    assert "河南" in public and "/feeds/%E6%B2%B3%E5%8D%97.atom" in public and "editor@newsroom.example" not in public
    # a reviewer's view shows them, in forms that carry the token
    managed = _form(client, "/searches/manage", token=token)
    assert managed.status_code == 200 and "editor@newsroom.example" in managed.text
    assert len(re.findall(r'name="token" value="', managed.text)) >= 3  # edit, delete, new

    edited = _form(client, "/searches/save", name="河南", query="", filters='province = "河南省"\nyear = 2023',
                   webhook="", recipients="editor@newsroom.example", token=token)
    assert edited.status_code == 200
    saved_search = alerts.saved_search(settings, "河南")
    assert saved_search.filters == ('province = "河南省"', "year = 2023")
    assert saved_search.recipients == ("editor@newsroom.example",)

    assert _form(client, "/searches/delete", name="河南").status_code == 401
    assert alerts.saved_search(settings, "河南") is not None
    deleted = _form(client, "/searches/delete", name="河南", token=token)
    assert deleted.status_code == 200 and "Deleted “河南”" in deleted.text
    assert alerts.saved_search(settings, "河南") is None
