"""Who a group's agenda pack (and invitation, and a group's digests) goes to:
tracker.recipients, on SQLite and PostgreSQL; and the public or full pack sent."""

from __future__ import annotations

import email
from email.message import EmailMessage
from email.policy import default as default_policy
from pathlib import Path

from sqlalchemy import text

from exports.agenda import render_agenda, render_agenda_docx
from minutes.documents import agenda_pack
from tests.documents import assert_same_words, plain_from_docx
from tests.test_export_cli import _cli_runner
from tests.test_export_meeting import build_cme
from tracker import agenda, digests, queries
from tracker.db import Database
from tracker.groups import DocumentSettings, update_group
from tracker.recipients import NO_ADDRESS, group_recipients
from tracker.roster import PersonInput, edit_person


def test_active_members_with_a_usable_address_and_the_rest_named(db: Database) -> None:
    cme = build_cme(db)
    brian = cme.people["BP"]
    edit_person(db, cme.group_id, brian.id, PersonInput("Brian Pope", "BP", "Hants", None))
    with db.engine.begin() as conn:
        conn.execute(
            text("UPDATE people SET email = 'katy@example.org Bcc: all@example.org' "
                 "WHERE name = 'Katy Daly'")
        )  # fmt: skip
    found = group_recipients(db, cme.group_id)
    to = [p.initials for p in found.to]
    assert "JB" not in to and "DH" not in to  # guests, though Jake has an address
    assert to == sorted(to, key=lambda i: cme.people[i].name)
    assert set(to) == {"MS", "CO", "BR", "GT", "MP"}
    assert [p.initials for p in found.missing] == ["BP"]
    [(katy, why)] = found.unusable
    assert katy.initials == "KD" and "cannot be used" in why and "Bcc" in why
    # the digests of a whole group go to the same members
    everyone = {p.id for p in digests.digest_recipients(db, cme.group_id)}
    assert everyone == {p.id for p in (*found.to, *found.missing, katy)}


def test_cli_names_whom_the_pack_skips(tmp_path: Path) -> None:
    run, cme = _cli_runner(tmp_path, '[smtp]\nsender = "CME Group <cme@example.org>"\n')
    brian = cme.people["BP"]
    edit_person(cme.db, cme.group_id, brian.id, PersonInput("Brian Pope", "BP", "Hants", None))
    code, _out, err = run("agenda", "send", str(cme.january), "--out", "outbox")
    assert code == 0, err
    assert f"Not sent to BP (Brian Pope): {NO_ADDRESS}." in err
    assert len(list((tmp_path / "outbox").iterdir())) == 6


def _confidential_on_the_agenda(db: Database, cme_january: int, group_id: int) -> None:
    agenda.add_item(db, cme_january, "Safeguarding referral", confidential=True)
    agenda.add_item(db, cme_january, "Attendance hubs: next steps", owner="MP")


def test_the_public_pack_leaves_out_what_public_minutes_leave_out(db: Database) -> None:
    cme = build_cme(db)
    _confidential_on_the_agenda(db, cme.january, cme.group_id)
    full = render_agenda(agenda_pack(db, cme.january))
    public_pack = agenda_pack(db, cme.january, public=True)
    public = render_agenda(public_pack)
    for secret in ("Safeguarding referral", "Staffing", "Raise capacity concerns"):
        assert secret in full
        assert secret not in public
        assert secret not in plain_from_docx(render_agenda_docx(public_pack))
    # the draft minutes in the pack are the public minutes, people named as they name them
    from exports.markdown import render_minutes

    previous = render_minutes(
        queries.get_meeting(db, cme.november), public=True, senior_only=True
    ).split("\n", 2)[2]
    assert previous.replace("\n## ", "\n### ").strip() in public
    assert "### 2. Attendance hubs: next steps" in public  # numbered without a gap
    assert_same_words(public, render_agenda_docx(public_pack))
    update_group(db, cme.group_id, documents=DocumentSettings(withheld_line=True))
    withheld = render_agenda(agenda_pack(db, cme.january, public=True))
    assert "### 2. Item withheld\n\nThis item will be taken in confidence." in withheld
    assert "Safeguarding referral" not in withheld


def _bodies(folder: Path) -> list[str]:
    found = []
    for path in sorted(folder.iterdir()):
        msg = email.message_from_bytes(path.read_bytes(), policy=default_policy)
        assert isinstance(msg, EmailMessage)
        body = msg.get_body(("plain",))
        assert body is not None
        found.append(body.get_content())
    return found


def test_agenda_send_sends_the_public_pack_unless_full(tmp_path: Path) -> None:
    run, cme = _cli_runner(tmp_path, '[smtp]\nsender = "CME Group <cme@example.org>"\n')
    _confidential_on_the_agenda(cme.db, cme.january, cme.group_id)
    code, _out, err = run("agenda", "send", str(cme.january), "--out", "public")
    assert code == 0, err
    sent = _bodies(tmp_path / "public")
    assert len(sent) == 7
    assert not [b for b in sent if "Safeguarding" in b or "Staffing" in b]
    code, _out, err = run("agenda", "send", str(cme.january), "--out", "full", "--full")
    assert code == 0, err
    assert all("Safeguarding referral" in b and "Staffing" in b for b in _bodies(tmp_path / "full"))
    code, out, err = run("export", "agenda", str(cme.january))
    assert code == 0 and "Safeguarding referral" in out  # exported for the coordinator: full
    code, out, err = run("export", "agenda", str(cme.january), "--public")
    assert code == 0 and "Safeguarding" not in out and "Staffing" not in out
