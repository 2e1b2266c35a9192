"""`minutes agenda send`: the agenda pack e-mailed to every member with an address,
through the digests' SMTP code and delivery log; each message parsed back with
Python's email package (no defects), its Word copy opened with python-docx."""

from __future__ import annotations

import email
from datetime import UTC, datetime
from email.message import EmailMessage
from email.policy import default as default_policy
from pathlib import Path

import pytest
from sqlalchemy import select

from minutes.agenda_mail import send_agenda
from minutes.cli import main
from tests.documents import open_docx
from tests.statements import counting
from tests.test_export_cli import _cli_runner
from tests.test_export_digest import Server, smtp_server  # noqa: F401 - fixture
from tests.test_export_meeting import Cme, build_cme
from tracker import digests
from tracker.config import Settings, SmtpSettings
from tracker.db import Database
from tracker.models import DigestLog
from tracker.roster import PersonInput, edit_person


def _parts(msg: EmailMessage) -> dict[str, EmailMessage]:
    return {part.get_content_type(): part for part in msg.walk()}


def _check(msg: EmailMessage) -> None:
    assert not msg.defects
    for part in msg.walk():
        assert not part.defects, (part.get_content_type(), part.defects)
    parts = _parts(msg)
    assert "## Open actions for review" in parts["text/plain"].get_content()
    html = parts["text/html"].get_content()
    assert "<h2>Open actions for review</h2>" in html and "<script" not in html
    invite = parts["text/calendar"]
    assert invite.get_param("method") == "REQUEST"
    assert "METHOD:REQUEST" in invite.get_content()
    docx = parts["application/vnd.openxmlformats-officedocument.wordprocessingml.document"]
    assert docx.get_filename().endswith(".docx")
    assert open_docx(docx.get_content()).paragraphs[0].style.name == "Title"


def test_agenda_pack_written_as_eml_files_and_logged(tmp_path: Path) -> None:
    run, cme = _cli_runner(tmp_path, '[smtp]\nsender = "CME Group <cme@example.org>"\n')
    code, out, err = run("agenda", "send", str(cme.january), "--out", "outbox")
    assert code == 0, err
    assert err.count("Wrote ") == 7 and out == ""
    files = sorted((tmp_path / "outbox").iterdir())
    assert len(files) == 7  # every member with an address; the guests are not members
    for path in files:
        msg = email.message_from_bytes(path.read_bytes(), policy=default_policy)
        assert isinstance(msg, EmailMessage)
        _check(msg)
        assert msg["Subject"] == "Agenda: South-East Children Missing Education Group, 29 Jan 2025"
    with cme.db.read() as s:
        rows = s.scalars(select(DigestLog)).all()
    assert {(r.document, r.meeting_id, r.delivery) for r in rows} == {
        ("agenda", cme.january, "written")
    }
    # an agenda pack is not a digest: "closed since your last digest" is unaffected
    assert digests.last_digests(cme.db, [r.person_id for r in rows]) == {}
    code, _out, err = run("agenda", "send", str(cme.january), "--out", "outbox")
    assert code == 2 and "already in" in err and "--force" in err


def test_agenda_pack_sent_over_smtp_with_failures_reported(
    tmp_path: Path,
    smtp_server: Server,  # noqa: F811
) -> None:
    config = (
        f'[smtp]\nhost = "127.0.0.1"\nport = {smtp_server.port}\n'
        'sender = "CME Group <cme@example.org>"\n'
    )
    run, cme = _cli_runner(tmp_path, config)
    katy = cme.people["KD"]
    edit_person(
        cme.db,
        cme.group_id,
        katy.id,
        PersonInput("Katy Daly", "KD", "Bracknell", "katy@reject.example.org"),
    )
    brian = cme.people["BP"]
    edit_person(cme.db, cme.group_id, brian.id, PersonInput("Brian Pope", "BP", "Hants", None))
    code, _out, err = run("agenda", "send", str(cme.january))
    assert code == 1
    assert "Not sent to KD (katy@reject.example.org): refused" in err
    assert "Not sent to BP (Brian Pope): no e-mail address on the roster." in err
    assert "Sent the agenda pack to 5 of 6 members." in err
    got = smtp_server.received.messages
    assert len(got) == 5
    for msg in got:
        _check(msg)
    with cme.db.read() as s:
        sent = s.scalars(select(DigestLog).where(DigestLog.document == "agenda")).all()
    assert len(sent) == 5 and all(r.delivery == "sent" for r in sent)


def test_one_unusable_address_does_not_stop_the_others(tmp_path: Path) -> None:
    from sqlalchemy import text

    run, cme = _cli_runner(tmp_path, '[smtp]\nsender = "CME Group <cme@example.org>"\n')
    # an address as an older version may have stored it
    with cme.db.engine.begin() as conn:
        conn.execute(
            text("UPDATE people SET email = 'katy@example.org Bcc: all@example.org' "
                 "WHERE name = 'Katy Daly'")
        )  # fmt: skip
    code, _out, err = run("agenda", "send", str(cme.january), "--out", "outbox")
    assert code == 1
    assert "Not sent to KD (katy@example.org Bcc: all@example.org)" in err
    assert len(list((tmp_path / "outbox").iterdir())) == 6


@pytest.fixture
def pack(db: Database) -> tuple[Database, Cme]:
    """The CME record on each database, with Katy Daly's address taken away."""
    cme = build_cme(db)
    edit_person(
        db, cme.group_id, cme.people["KD"].id, PersonInput("Katy Daly", "KD", "Bracknell", None)
    )
    return db, cme


def _agenda_log(db: Database) -> set[tuple[int, str, int | None]]:
    with db.read() as s:
        rows = s.scalars(select(DigestLog).where(DigestLog.document == "agenda")).all()
    return {(r.person_id, r.delivery, r.meeting_id) for r in rows}


def test_a_send_logs_every_recipient_in_one_transaction(
    pack: tuple[Database, Cme],
    smtp_server: Server,  # noqa: F811
) -> None:
    """What the export screen's Send runs: every delivery logged by one statement in one
    transaction, not a transaction per member."""
    db, cme = pack
    smtp = SmtpSettings(host="127.0.0.1", port=smtp_server.port, sender="CME <cme@example.org>")
    settings = Settings(database_url="unused", smtp=smtp)
    with counting(db) as count:
        outcome = send_agenda(db, settings, cme.january, datetime.now(UTC))
    assert len(outcome.sent) == 6 and len(smtp_server.received.messages) == 6
    assert len(count.transactions_inserting("digest_log")) == 1, count.seen
    assert _agenda_log(db) == {(p.id, "sent", cme.january) for p in outcome.sent}


def test_eml_files_written_are_logged_in_one_transaction(
    pack: tuple[Database, Cme], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db, cme = pack
    config = tmp_path / "config.toml"
    config.write_text('[smtp]\nsender = "CME Group <cme@example.org>"\n')
    monkeypatch.setenv("MINUTES_CONFIG", str(config))
    monkeypatch.delenv("MINUTES_DATABASE_URL", raising=False)
    url = db.engine.url.render_as_string(hide_password=False)
    out = tmp_path / "outbox"
    with counting() as count:  # every engine: the command opens its own
        code = main(["--db", url, "agenda", "send", str(cme.january), "--out", str(out)])
    assert code == 0
    assert len(count.transactions_inserting("digest_log")) == 1, count.seen
    logged = _agenda_log(db)
    assert len(logged) == 6 == len(list(out.iterdir()))
    assert {(d, m) for _p, d, m in logged} == {("written", cme.january)}
    assert cme.people["KD"].id not in {p for p, _d, _m in logged}
