"""Named reviewers and admins (issue 19): tokens shown once and stored hashed, who a bearer token
is (ogi.web.auth), OGI_ADMIN_TOKEN still an admin, the CLI, and the same on a PostgreSQL catalog."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi import Depends, FastAPI
from fastapi.testclient import TestClient

from ogi.catalog import Catalog
from ogi.settings import Settings
from ogi.users import UserError, add_user, catalog, list_users, remove_user, verify_token
from ogi.web.auth import Caller, require_admin, require_reviewer


def _settings(tmp_path: Path, **env: str) -> Settings:
    return Settings.load(tmp_path, env=env)


def test_token_shown_once_stored_hashed(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    with catalog(settings) as db:
        user, token = add_user(db, "alice", "reviewer")
        assert user.name == "alice" and user.role == "reviewer" and token.startswith("ogi_")
        row = db.execute("SELECT * FROM users WHERE name = 'alice'").fetchone()
        stored = " ".join(str(v) for v in row)
        secret = token.split("_", 2)[2]
        assert secret not in stored and token not in stored  # only the salted hash is kept
        assert row["token_hash"].startswith("scrypt$") and len(row["token_hash"].split("$")) == 6
        assert verify_token(db, token) == user
        assert verify_token(db, token[:-1] + ("x" if token[-1] != "x" else "y")) is None  # one character off
        assert verify_token(db, "ogi_" + "0" * 16 + "_" + secret) is None  # another id
        assert verify_token(db, "") is None and verify_token(db, "Bearer " + token) is None
        _, other = add_user(db, "bob", "admin")
        assert other != token and verify_token(db, other).role == "admin"  # type: ignore[union-attr]
        bob_hash = db.execute("SELECT token_hash FROM users WHERE name = 'bob'").fetchone()[0]
        assert bob_hash.split("$")[4] != row["token_hash"].split("$")[4]  # salts differ
        assert [u.name for u in list_users(db)] == ["alice", "bob"]
        assert remove_user(db, "alice") and verify_token(db, token) is None and not remove_user(db, "alice")


@pytest.mark.parametrize("name, role", [("alice", "owner"), ("", "reviewer"), ("a b", "reviewer"),
                                        ("../x", "reviewer"), ("x" * 65, "admin")])
def test_bad_names_and_roles(tmp_path: Path, name: str, role: str) -> None:
    with catalog(_settings(tmp_path)) as db:
        with pytest.raises(UserError):
            add_user(db, name, role)


def test_a_name_is_taken_once(tmp_path: Path) -> None:
    with catalog(_settings(tmp_path)) as db:
        add_user(db, "王五", "reviewer")
        with pytest.raises(UserError, match="exists"):
            add_user(db, "王五", "admin")


def _app(settings: Settings) -> TestClient:
    app = FastAPI()
    app.state.settings = settings

    @app.post("/review")
    def review(caller: Caller = Depends(require_reviewer)) -> dict[str, str]:
        return caller.to_json()

    @app.post("/admin")
    def admin(caller: Caller = Depends(require_admin)) -> dict[str, str]:
        return caller.to_json()

    return TestClient(app)


def test_dependencies_say_who_is_calling(tmp_path: Path) -> None:
    settings = _settings(tmp_path, OGI_ADMIN_TOKEN="operator-secret")
    with catalog(settings) as db:
        _, reviewer = add_user(db, "alice", "reviewer")
        _, admin = add_user(db, "carol", "admin")
    client = _app(settings)
    bearer = lambda t: {"Authorization": f"Bearer {t}"}  # noqa: E731
    assert client.post("/review").status_code == 401  # a reader without a token
    assert client.post("/review").headers["www-authenticate"] == "Bearer"
    assert client.post("/review", headers=bearer("wrong")).status_code == 401
    assert client.post("/review", headers={"Authorization": reviewer}).status_code == 401  # no scheme
    assert client.post("/review", headers=bearer(reviewer)).json() == {"name": "alice", "role": "reviewer"}
    assert client.post("/admin", headers=bearer(reviewer)).status_code == 403  # a reviewer is not an admin
    assert client.post("/admin", headers=bearer(admin)).json() == {"name": "carol", "role": "admin"}
    assert client.post("/review", headers=bearer(admin)).status_code == 200  # an admin may review
    assert client.post("/admin", headers=bearer("operator-secret")).json() == {"name": "admin", "role": "admin"}
    with catalog(settings) as db:
        remove_user(db, "alice")
    assert client.post("/review", headers=bearer(reviewer)).status_code == 401  # removed: at once


def test_admin_user_may_use_the_admin_endpoints(tmp_path: Path) -> None:
    from ogi.web.app import create_app

    settings = _settings(tmp_path)  # no OGI_ADMIN_TOKEN at all
    with catalog(settings) as db:
        _, reviewer = add_user(db, "alice", "reviewer")
        _, admin = add_user(db, "carol", "admin")
    client = TestClient(create_app(settings))
    assert client.post("/api/admin/reindex").status_code == 401
    assert client.post("/api/admin/reindex", headers={"Authorization": f"Bearer {reviewer}"}).status_code == 403
    assert client.post("/api/admin/crawl", params={"source": "x"},
                       headers={"Authorization": f"Bearer {admin}"}).status_code == 409  # allowed; no sources file
    # users managed by an admin through the API; the token is in the answer once, never listed
    made = client.post("/api/users", json={"name": "dave", "role": "reviewer"},
                       headers={"Authorization": f"Bearer {admin}"})
    assert made.status_code == 201 and made.json()["token"].startswith("ogi_")
    listed = client.get("/api/users", headers={"Authorization": f"Bearer {admin}"}).json()
    assert [u["name"] for u in listed] == ["alice", "carol", "dave"] and all("token" not in u for u in listed)
    assert client.get("/api/users", headers={"Authorization": f"Bearer {reviewer}"}).status_code == 403
    assert client.get("/api/users").status_code == 401
    assert client.get("/api/me", headers={"Authorization": f"Bearer {made.json()['token']}"}).json()["name"] == "dave"
    assert client.delete("/api/users/dave", headers={"Authorization": f"Bearer {admin}"}).status_code == 204
    assert client.get("/api/me", headers={"Authorization": f"Bearer {made.json()['token']}"}).status_code == 401


def test_cli_prints_the_token_once(tmp_path: Path, capsys) -> None:
    from ogi.cli import main

    assert main(["users", "add", "alice", "--role", "admin", "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr()
    token = out.out.strip()
    assert token.startswith("ogi_") and "shown only now" in out.err
    with catalog(_settings(tmp_path)) as db:
        assert verify_token(db, token).role == "admin"  # type: ignore[union-attr]
    assert main(["users", "add", "alice", "--data-dir", str(tmp_path)]) == 2
    assert "exists" in capsys.readouterr().err
    assert main(["users", "list", "--data-dir", str(tmp_path)]) == 0
    listed = capsys.readouterr().out
    assert listed.startswith("alice\tadmin\t") and token not in listed
    assert main(["users", "remove", "alice", "--data-dir", str(tmp_path)]) == 0
    assert main(["users", "remove", "alice", "--data-dir", str(tmp_path)]) == 1


def test_users_and_review_on_postgres(tmp_path: Path, pg_url: str) -> None:
    from ogi import review

    settings = Settings.load(tmp_path, env={"OGI_CATALOG_URL": pg_url})
    with catalog(settings) as db:
        _, token = add_user(db, "alice", "reviewer")
        assert verify_token(db, token).name == "alice"  # type: ignore[union-attr]
        review.record_verdict(db, "r1", "check:row_total:x", "confirm", "wrong sum", "alice")
        review.record_verdict(db, "r1", "check:row_total:x", "dismiss", "misread", "alice")
        review.record_correction(db, "r1", "requests.new_received.total", "12", "typo", "alice", printed=21)
        review.add_tag(db, "r1", "核实", "alice")
        review.add_tag(db, "r1", "核实", "alice")  # once
        review.add_note(db, "r1", "asked the agency", "alice")
    db = Catalog(pg_url)
    try:
        state = review.review_state(db, "r1")
    finally:
        db.close()
    assert state["verdicts"]["check:row_total:x"]["verdict"] == "dismiss" and len(state["verdict_history"]) == 2
    assert state["corrections"]["requests.new_received.total"]["value"] == 12
    assert [t["tag"] for t in state["tags"]] == ["核实"] and state["notes"][0]["text"] == "asked the agency"
