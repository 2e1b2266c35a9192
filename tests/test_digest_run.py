"""A digest run survives one bad member: skipped and named, the others written or sent,
exit code 1 (partly done); what is logged is decided in tracker.digest_run."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select, text

from minutes.cli import main
from tests.test_export_digest import Server, smtp_server  # noqa: F401 - fixture
from tests.test_export_meeting import build_cme
from tracker.db import Database
from tracker.digest_run import cannot_deliver, is_logged
from tracker.kinds import Delivery
from tracker.models import DigestLog
from tracker.records import PersonRecord

BAD = "katy@example.org Bcc: everyone@example.org"


@pytest.fixture
def record(db: Database) -> Database:
    """The CME record, with Katy Daly's address as an older version may have stored it."""
    build_cme(db)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE people SET email = :e WHERE initials = 'KD'"), {"e": BAD})
    return db


@pytest.fixture
def run(record: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys):
    config = tmp_path / "config.toml"
    monkeypatch.setenv("MINUTES_CONFIG", str(config))
    monkeypatch.delenv("MINUTES_DATABASE_URL", raising=False)
    url = record.engine.url.render_as_string(hide_password=False)

    def _run(*args: str, smtp_port: int = 25) -> tuple[int, str, str]:
        config.write_text(
            f'[smtp]\nhost = "127.0.0.1"\nport = {smtp_port}\n'
            'sender = "CME Group <cme@example.org>"\n'
        )
        code = main(["--db", url, *args])
        out, err = capsys.readouterr()
        return code, out, err

    return _run


def _logged(db: Database) -> dict[int, str]:
    with db.read() as s:
        return {r.person_id: r.delivery for r in s.scalars(select(DigestLog))}


def _person_id(db: Database, initials: str) -> int:
    with db.engine.connect() as conn:
        return conn.execute(
            text("SELECT id FROM people WHERE initials = :i"), {"i": initials}
        ).scalar_one()


def test_written_digests_skip_the_member_whose_address_cannot_be_used(
    run, record: Database, tmp_path: Path
) -> None:
    out_dir = tmp_path / "digests"
    out_dir.mkdir()
    code, out, err = run("digest", "--out", str(out_dir), "--today", "5 Dec 2024")
    assert code == 1, err
    assert out == ""  # only data on standard output; the messages on standard error
    assert f'Skipped Katy Daly [KD]: the e-mail address "{BAD}" cannot be used' in err
    assert "Partly done: 1 digest not written" in err
    written = sorted(p.name for p in out_dir.iterdir())
    assert written and not any("-KD-" in name for name in written)
    assert err.count("Wrote ") == len(written)
    logged = _logged(record)
    assert _person_id(record, "KD") not in logged and len(logged) == len(written)
    assert set(logged.values()) == {"written"}


def test_sent_digests_skip_the_member_and_go_to_the_others(
    run,
    record: Database,
    smtp_server: Server,  # noqa: F811
) -> None:
    code, _out, err = run("digest", "--send", "--today", "5 Dec 2024", smtp_port=smtp_server.port)
    assert code == 1, err
    assert "Skipped Katy Daly [KD]" in err
    recipients = {to for _frm, tos in smtp_server.received.envelopes for to in tos}
    assert recipients and not any("katy" in r or "everyone" in r for r in recipients)
    assert f"Sent {len(recipients)} of {len(recipients)} digests." in err
    logged = _logged(record)
    assert set(logged.values()) == {"sent"} and len(logged) == len(recipients)


def test_a_run_with_nothing_wrong_exits_0_and_a_preview_logs_nothing(
    run, record: Database, tmp_path: Path
) -> None:
    code, out, err = run("digest", "--today", "5 Dec 2024")
    assert code == 0 and "Skipped" not in err and "# " in out  # a preview shows every digest
    assert _logged(record) == {}
    code, _out, err = run("digest", "--to", "BR", "--out", str(tmp_path), "--today", "5 Dec 2024")
    assert code == 0, err
    assert list(_logged(record).values()) == ["written"]


def _person(email: str | None) -> PersonRecord:
    return PersonRecord(1, "Ann Smith", "AS", None, email, None, False, True)


def test_who_can_be_delivered_to_and_what_is_logged() -> None:
    assert cannot_deliver(_person("ann@example.org"), Delivery.SENT) is None
    assert cannot_deliver(_person(None), Delivery.WRITTEN) is None  # a file without To
    assert cannot_deliver(_person(None), Delivery.SENT) == "no e-mail address on the roster"
    assert "cannot be used" in (cannot_deliver(_person(BAD), Delivery.WRITTEN) or "")
    assert cannot_deliver(_person(BAD), Delivery.PREVIEW) is None
    from datetime import date

    assert is_logged(Delivery.SENT, None) and is_logged(Delivery.WRITTEN, None)
    assert not is_logged(Delivery.PREVIEW, None)
    assert not is_logged(Delivery.SENT, date(2024, 12, 5))
