"""A meeting invitation (iTIP, RFC 5546): one VEVENT that calendar clients add, move
or remove as the meeting changes.

- METHOD:REQUEST, the group as ORGANIZER, each member with an e-mail address as an
  ATTENDEE asked to reply (RSVP); the meeting's own UID, the one its group calendar
  uses, so the invite and the calendar are the same event.
- SEQUENCE is the meeting's stored sequence (Meeting.sequence). No path moves a
  meeting once scheduled, so it stays 0; whatever comes to move one must raise it, so
  that the invite sent again replaces the event instead of adding another.
- A cancellation is METHOD:CANCEL with STATUS:CANCELLED, one SEQUENCE higher.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from icalendar import Calendar, Event, vCalAddress

from exports.ical import PRODID, _utc, london_vtimezone, meeting_agenda, meeting_uid
from tracker.dates import LONDON
from tracker.errors import NoOrganiser
from tracker.meeting_records import MeetingRecord
from tracker.records import GroupRecord, PersonRecord


def _address(email: str, name: str, **params: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{email}")
    address.params["CN"] = " ".join(name.split())
    for key, value in params.items():
        address.params[key] = value
    return address


def invitees(members: Sequence[PersonRecord]) -> list[PersonRecord]:
    """Members with an e-mail address, each once, by name."""
    seen: dict[str, PersonRecord] = {}
    for p in sorted(members, key=lambda p: p.name.lower()):
        if p.email and p.email.lower() not in seen:
            seen[p.email.lower()] = p
    return list(seen.values())


def invite_ics(
    record: MeetingRecord,
    group: GroupRecord,
    members: Sequence[PersonRecord],
    *,
    sequence: int,
    stamp: datetime | None = None,
    cancel: bool = False,
) -> bytes:
    """The invitation (or its cancellation) to ``record``'s meeting for ``members``."""
    if not group.email:
        raise NoOrganiser(group_id=group.id, group_name=group.name)
    s = record.meeting
    cal = Calendar()
    cal.add("PRODID", PRODID)
    cal.add("VERSION", "2.0")
    cal.add("CALSCALE", "GREGORIAN")
    cal.add("METHOD", "CANCEL" if cancel else "REQUEST")
    cal.add_component(london_vtimezone())
    event = Event()
    event.add("UID", meeting_uid(s.id, s.group_id))
    event.add("DTSTAMP", _utc(stamp))
    event.add("SEQUENCE", sequence + (1 if cancel else 0))
    event.add("SUMMARY", " ".join(s.title.split()))
    start = s.starts_at.astimezone(LONDON)
    event.add("DTSTART", start)
    event.add("DTEND", s.ends_at.astimezone(LONDON) if s.ends_at else start + timedelta(hours=2))
    if s.location:
        event.add("LOCATION", " ".join(s.location.split()))
    event.add("DESCRIPTION", f"{s.group_name}\n\n{meeting_agenda(record)}")
    event.add("STATUS", "CANCELLED" if cancel else "CONFIRMED")
    event.add("TRANSP", "OPAQUE")
    event.add("ORGANIZER", _address(group.email, group.name))
    for p in invitees(members):
        params = {"CUTYPE": "INDIVIDUAL", "ROLE": "REQ-PARTICIPANT"}
        if not cancel:
            params |= {"PARTSTAT": "NEEDS-ACTION", "RSVP": "TRUE"}
        event.add("ATTENDEE", _address(p.email or "", p.name, **params))
    cal.add_component(event)
    return cal.to_ical()
