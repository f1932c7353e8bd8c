"""Alert emails (issue 19): a saved search's new matches after a harvest go to its recipients as
one plain-text message, received here by a local SMTP server (aiosmtpd) on 127.0.0.1; a mail
server that cannot be reached is recorded as a failure, and the webhook and the alerts still go."""

from __future__ import annotations

import dataclasses
import email
import email.policy
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from ogi.archive import Archive
from ogi.scheduler import alerts
from ogi.settings import Settings
from tests import webdata
from tests.conftest import free_port

aiosmtpd = pytest.importorskip("aiosmtpd", reason="aiosmtpd is not installed (pip install -e '.[test]')")
from aiosmtpd.controller import Controller  # noqa: E402
from aiosmtpd.smtp import AuthResult, LoginPassword  # noqa: E402

# the four 2023 reports of tests/webdata.py (hand-counted)
REPORTS_2023 = {"长春市体育局2023年政府信息公开工作年度报告", "内乡县人民政府2023年政府信息公开工作年度报告",
                "徐闻县司法局2023年政府信息公开工作年度报告", "杭州市临安区人民政府2023年政府信息公开工作年度报告"}
EVERY_PAGE = {webdata.BASE + name for name in [*webdata.PAGES, "hostile.html"]}
RECIPIENTS = ["editor@newsroom.example", "研究员@大学.example"]


class Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], email.message.EmailMessage]] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        message = email.message_from_bytes(envelope.original_content or envelope.content, policy=email.policy.default)
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port(), enable_SMTPUTF8=True)
    controller.start()
    yield inbox, controller.port
    controller.stop()


class _Hook(BaseHTTPRequestHandler):
    received: list[dict] = []

    def do_POST(self) -> None:  # noqa: N802
        _Hook.received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def hook():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Hook)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _Hook.received = []
    yield f"127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def archive_dir(tmp_path_factory) -> Path:
    return webdata.build(tmp_path_factory.mktemp("email") / "data").data_dir


def _settings(data_dir: Path, tmp_path: Path, **changes) -> Settings:
    """A copy of the built data directory (each test starts with no saved searches)."""
    import shutil

    copy = tmp_path / "data"
    shutil.copytree(data_dir, copy)
    return dataclasses.replace(Settings.load(copy, env={}), public_url="https://ogi.example.org", **changes)


def test_new_matches_are_emailed_once_to_every_recipient(archive_dir, tmp_path, smtp_server) -> None:
    inbox, port = smtp_server
    settings = _settings(archive_dir, tmp_path, smtp_host="127.0.0.1", smtp_port=port, smtp_tls="none",
                         smtp_from="OGI Archive <alerts@ogi.example.org>")
    alerts.save_search(settings, "2023年报", "", ["year = 2023"], recipients="\n".join(RECIPIENTS))
    alerts.save_search(settings, "no mail", "", ["year = 2022"])  # no recipients: no message
    assert alerts.match_saved_searches(settings, EVERY_PAGE, run_ids=[7, 8]) == 4 + 3

    assert len(inbox.messages) == 1  # one message per search per run, to both recipients
    sender, rcpt, message = inbox.messages[0]
    assert sender == "alerts@ogi.example.org" and message["From"] == "OGI Archive <alerts@ogi.example.org>"
    assert rcpt == RECIPIENTS
    assert message["Subject"] == "[OGI Archive] 2023年报: 4 份新报告 new reports"
    assert message["To"] == ", ".join(RECIPIENTS)
    assert message.get_content_type() == "text/plain" and message.get_content_charset() == "utf-8"
    body = message.get_content()
    for title in REPORTS_2023:
        assert title in body
    assert body.count("In the archive: https://ogi.example.org/reports/") == 4
    assert "Original: http://www.gov.example/blank_cells_2021.html" in body
    assert "harvest run(s) 7, 8" in body
    assert "Atom feed: https://ogi.example.org/feeds/2023%E5%B9%B4%E6%8A%A5.atom" in body

    sent = alerts.emails(settings)
    assert [(e["search"], e["outcome"], e["reports"], e["recipients"], e["runs"]) for e in sent] == \
        [("2023年报", "ok", 4, RECIPIENTS, [7, 8])]
    feed = alerts.alerts(settings, "2023年报")
    assert {a["title"] for a in feed} == REPORTS_2023 and {a["emailed"] for a in feed} == {"ok"}
    assert {a["emailed"] for a in alerts.alerts(settings, "no mail")} == {None}


def test_an_unreachable_mail_server_is_recorded_and_the_webhook_still_goes(archive_dir, tmp_path, hook) -> None:
    settings = _settings(archive_dir, tmp_path, smtp_host="127.0.0.1", smtp_port=free_port(), smtp_tls="none",
                         webhook_hosts=(hook,))
    alerts.save_search(settings, "2023年报", "", ["year = 2023"], webhook=f"http://{hook}/hook",
                       recipients=RECIPIENTS[:1])
    alerts.save_search(settings, "2022", "", ["year = 2022"], recipients=RECIPIENTS[1:])
    assert alerts.match_saved_searches(settings, EVERY_PAGE, run_ids=[3]) == 4 + 3  # no alert lost

    assert len(_Hook.received) == 1 and {r["title"] for r in _Hook.received[0]["reports"]} == REPORTS_2023
    outcomes = {e["search"]: e["outcome"] for e in alerts.emails(settings)}
    assert set(outcomes) == {"2023年报", "2022"}
    assert all(o.startswith("error: ConnectionRefusedError") for o in outcomes.values()), outcomes
    feed = alerts.alerts(settings, "2023年报")
    assert len(feed) == 4 and {a["delivered"] for a in feed} == {"ok"}
    assert {a["emailed"] for a in feed} == {outcomes["2023年报"]}


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_starttls_is_never_skipped_and_login_is_used(archive_dir, tmp_path) -> None:
    """The default (starttls) refuses a server that does not offer it rather than send in clear;
    with a user and password the client logs in (here without TLS: OGI_SMTP_TLS=none)."""
    inbox = Inbox()
    logins: list[tuple[bytes, bytes]] = []

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.password == b"pa55 word"
        logins.append((auth_data.login, auth_data.password))
        return AuthResult(success=ok)

    controller = Controller(inbox, hostname="127.0.0.1", port=free_port(), authenticator=authenticator,
                            auth_required=True, auth_require_tls=False)
    controller.start()
    try:
        settings = _settings(archive_dir, tmp_path, smtp_host="127.0.0.1", smtp_port=controller.port)
        alerts.save_search(settings, "2023年报", "", ["year = 2023"], recipients=RECIPIENTS[:1])
        alerts.match_saved_searches(settings, EVERY_PAGE, run_ids=[1])
        (first,) = alerts.emails(settings)
        assert first["outcome"].startswith("error: SMTPNotSupportedError") and inbox.messages == []

        login = dataclasses.replace(settings, smtp_tls="none", smtp_user="ogi", smtp_password="pa55 word")
        with Archive.open(login) as archive:
            archive.db.execute("DELETE FROM alerts")  # the same matches are new again
        alerts.match_saved_searches(login, EVERY_PAGE, run_ids=[2])
        assert alerts.emails(login)[0]["outcome"] == "ok"
        assert logins == [(b"ogi", b"pa55 word")] and len(inbox.messages) == 1
    finally:
        controller.stop()


def test_without_a_mail_server_the_reason_is_recorded(archive_dir, tmp_path) -> None:
    settings = _settings(archive_dir, tmp_path)
    alerts.save_search(settings, "2023年报", "", ["year = 2023"], recipients=RECIPIENTS)
    assert alerts.match_saved_searches(settings, EVERY_PAGE, run_ids=[1]) == 4
    assert alerts.emails(settings)[0]["outcome"] == "not sent: no mail server configured (OGI_SMTP_HOST)"


def test_addresses_are_checked() -> None:
    assert alerts.email_addresses("a@b.example, c@d.example;A@B.example\ne@f.example") == \
        ("a@b.example", "c@d.example", "e@f.example")
    for bad in ("not-an-address", "a@b@c", "x@y\r\nBcc: z@w", "<a@b.example>", "a@b.example,"
                + ",".join(f"u{i}@x.example" for i in range(alerts.MAX_RECIPIENTS))):
        with pytest.raises(ValueError):
            alerts.email_addresses(bad)
