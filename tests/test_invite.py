"""The meeting invitation (iTIP): parsed back with icalendar, and accepted by a real
CalDAV server (Radicale, started on a free port for the test), where a reschedule
replaces the event rather than adding another."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from icalendar import Calendar

from exports.ical import meeting_uid
from minutes.documents import invite_bytes
from tests.test_export_digest import _free_port
from tests.test_export_meeting import Cme, build_cme
from tracker import agenda
from tracker.db import Database
from tracker.errors import NoOrganiser
from tracker.groups import update_group


def _event(data: bytes) -> tuple[Calendar, object]:
    cal = Calendar.from_ical(data)
    events = cal.walk("VEVENT")
    assert len(events) == 1
    return cal, events[0]


def test_the_invitation_asks_every_member_with_an_address(db: Database) -> None:
    cme = build_cme(db)
    agenda.add_item(db, cme.january, "Attendance hubs")
    agenda.add_item(db, cme.january, "A child's case", confidential=True)
    cal, event = _event(invite_bytes(db, cme.january))
    assert str(cal["METHOD"]) == "REQUEST"
    assert str(event["UID"]) == meeting_uid(cme.january, cme.group_id)
    assert str(event["ORGANIZER"]) == "mailto:cme@example.org"
    assert event["ORGANIZER"].params["CN"] == "South-East Children Missing Education Group"
    attendees = event.get("ATTENDEE")
    emails = sorted(str(a) for a in attendees)
    # the roster's members with an address (not the guests), each asked to reply
    assert emails == sorted(
        f"mailto:{p}@example.org"
        for p in (
            "mike.stoneman",
            "chris.owen",
            "brian.pope",
            "bryn.roberts",
            "gavin.thomas",
            "melissa.perry",
            "katy.daly",
        )
    )
    assert all(
        a.params["RSVP"] == "TRUE" and a.params["PARTSTAT"] == "NEEDS-ACTION" for a in attendees
    )
    assert event.decoded("DTSTART").isoformat() == "2025-01-29T10:00:00+00:00"
    assert str(event["LOCATION"]) == "Hampshire County Council, Winchester"
    assert "1. Attendance hubs" in str(event["DESCRIPTION"])
    assert "child" not in str(event["DESCRIPTION"])  # invitations travel: nothing confidential


def test_a_cancellation_says_cancel_with_a_higher_sequence(db: Database) -> None:
    cme = build_cme(db)
    _cal, first = _event(invite_bytes(db, cme.january))
    assert _event(invite_bytes(db, cme.january))[1]["SEQUENCE"] == first["SEQUENCE"]
    cal, cancelled = _event(invite_bytes(db, cme.january, cancel=True))
    assert str(cal["METHOD"]) == "CANCEL" and str(cancelled["STATUS"]) == "CANCELLED"
    assert str(cancelled["UID"]) == str(first["UID"])
    assert int(cancelled["SEQUENCE"]) > int(first["SEQUENCE"])
    update_group(db, cme.group_id, email="")
    with pytest.raises(NoOrganiser, match=r"South-East .* has no e-mail address") as refused:
        invite_bytes(db, cme.january)
    assert refused.value.group_id == cme.group_id


# -- a real CalDAV server ---------------------------------------------------------------


def _request(method: str, url: str, body: bytes | None = None, **headers: str) -> tuple[int, bytes]:
    req = urllib.request.Request(url, data=body, method=method, headers=headers)
    req.add_header("Authorization", "Basic Y2hyaXM6eA==")  # chris:x (any login is accepted)
    try:
        with urllib.request.urlopen(req, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


@pytest.fixture
def caldav(tmp_path: Path) -> Iterator[str]:
    """A Radicale server on a free port, storing in tmp_path; its calendar's URL."""
    port = _free_port()
    log = (tmp_path / "radicale.log").open("w")
    server = subprocess.Popen(
        [
            sys.executable, "-m", "radicale",
            "--server-hosts", f"127.0.0.1:{port}",
            "--auth-type", "none",
            "--rights-type", "authenticated",
            "--storage-filesystem-folder", str(tmp_path / "caldav"),
            "--logging-level", "warning",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):  # up to 10 s to start
            try:
                _request("OPTIONS", base + "/")
                break
            except OSError:
                if server.poll() is not None:
                    pytest.fail((tmp_path / "radicale.log").read_text())
                time.sleep(0.1)
        status, _ = _request("MKCALENDAR", f"{base}/chris/cme/")
        assert status == 201
        yield f"{base}/chris/cme/"
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


_QUERY = b"""<?xml version="1.0" encoding="utf-8"?>
<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
  <D:prop><D:getetag/><C:calendar-data/></D:prop>
  <C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT">
    <C:time-range start="%sT000000Z" end="%sT000000Z"/>
  </C:comp-filter></C:comp-filter></C:filter>
</C:calendar-query>"""


def _events_between(calendar: str, start: str, end: str) -> bytes:
    status, body = _request(
        "REPORT",
        calendar,
        _QUERY % (start.encode(), end.encode()),
        **{"Depth": "1", "Content-Type": "application/xml"},
    )
    assert status == 207, body
    return body


def test_a_caldav_server_accepts_the_invitation_and_its_cancellation(
    db: Database, caldav: str
) -> None:
    cme: Cme = build_cme(db)
    target = caldav + "meeting.ics"
    status, body = _request(
        "PUT", target, invite_bytes(db, cme.january), **{"Content-Type": "text/calendar"}
    )
    assert status == 201, body
    uid = meeting_uid(cme.january, cme.group_id).encode()
    assert uid in _events_between(caldav, "20250129", "20250130")
    status, body = _request(
        "PUT",
        target,
        invite_bytes(db, cme.january, cancel=True),
        **{"Content-Type": "text/calendar"},
    )
    assert status in (201, 204), body
    cancelled = _events_between(caldav, "20250129", "20250130")
    assert cancelled.count(b"BEGIN:VEVENT") == 1 and uid in cancelled
    assert b"SEQUENCE:1" in cancelled and b"STATUS:CANCELLED" in cancelled
    status, stored = _request("GET", target)
    assert status == 200
    _cal, event = _event(stored)
    assert len(event.get("ATTENDEE")) == 7
