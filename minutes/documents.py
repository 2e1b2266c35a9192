"""The documents the app and the commands both produce: a meeting's minutes (Markdown
or Word), its agenda pack and invitation, the files attached to its items, and a
group's or a person's calendar file. Records in, text or bytes out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from tracker.kinds import MeetingStatus

if TYPE_CHECKING:
    from exports.agenda import AgendaPack
    from tracker.db import Store
    from tracker.meeting_records import MeetingRecord
    from tracker.records import PersonRecord
    from tracker.report_records import Calendar


def minutes_markdown(db: Store, record: MeetingRecord, *, public: bool) -> str:
    """The minutes as circulated; public ones follow the group's senior-names rule."""
    from exports.markdown import render_minutes
    from tracker.groups import get_group

    senior_only = get_group(db, record.meeting.group_id).public_senior_only
    return render_minutes(record, public=public, senior_only=senior_only)


def attachment_files(db: Store, record: MeetingRecord, *, public: bool) -> list[tuple[str, bytes]]:
    """The files attached to the items a document shows, as (file name, bytes): named
    "<item number>-<file name>" so that papers of different items never collide."""
    from exports.contents import shown_items
    from exports.files import safe_file_name
    from tracker.attachments import attachment_files as stored

    found: list[tuple[str, int]] = []
    for shown in shown_items(record, public):
        item = shown.item
        if item is None:
            continue
        prefix = str(shown.number) if shown.number is not None else "aob"
        for a in item.attachments:
            if a.file_name is None:
                continue
            stem, dot, suffix = a.file_name.rpartition(".")
            if not dot:
                stem, suffix = a.file_name, ""
            name = safe_file_name(
                f"{prefix}-{stem}", f".{safe_file_name(suffix, '')}" if suffix else ""
            )
            found.append((name, a.id))
    data = stored(db, [i for _n, i in found])
    return [(name, data[i]) for name, i in found if i in data]


def calendar_bytes(
    db: Store,
    gid: int | None,
    pid: int | None,
    *,
    todos: bool = False,
    today: date | None = None,
    now: datetime | None = None,
    as_of: date | None = None,
) -> bytes:
    """A group's calendar, or a person's (within one group if both are given); with
    ``as_of``, as it stood on that day (open and due actions then, meetings to come).

    A person's file holds their own actions, confidential items included (they own
    them); a group's file leaves actions under confidential items out.
    """
    from exports.ical import calendar_ics, todo_ics
    from tracker import calendars, finding

    if as_of is not None:
        return _calendar_as_of(db, gid, pid, as_of, todos=todos)
    now = now or datetime.now(UTC)
    today = today or date.today()
    with db.snapshot() as work:
        if pid is not None:
            person = finding.person_record(work, pid)
            files = person_calendar_files(work, gid, [person], today=today, now=now, todos=todos)
            return files[pid]
        assert gid is not None
        actions = calendars.calendar_actions(work, group_id=gid, today=today)
        groups = finding.groups_by_id(work)
        name = groups[gid].name
        if todos:
            return todo_ics(name, groups=groups, actions=actions, stamp=now)
        meetings = calendars.calendar_meetings(work, group_id=gid, now=now)
        sequences = calendars.meeting_sequences(work, [m.meeting.id for m in meetings])
    return calendar_ics(
        name,
        groups=groups,
        meetings=meetings,
        actions=actions,
        meeting_sequences=sequences,
        stamp=now,
    )


def person_calendar_files(
    db: Store,
    gid: int | None,
    people: Sequence[PersonRecord],
    *,
    today: date,
    now: datetime,
    todos: bool = False,
    read: Mapping[int, Calendar] | None = None,
) -> dict[int, bytes]:
    """Each person's calendar file (within one group if ``gid``), read together: the
    same few statements for one person or fifty; ``read``: their calendars read
    already (with their digests, say)."""
    from exports.ical import Events, calendar_ics, todo_ics
    from tracker import calendars, finding

    with db.snapshot() as work:
        groups = finding.groups_by_id(work)
        found = read
        if found is None:
            found = calendars.person_calendars(
                work,
                [p.id for p in people],
                group_id=gid,
                today=today,
                now=None if todos else now,
            )
        shown = {m.meeting.id for c in found.values() for m in c.meetings}
        sequences = calendars.meeting_sequences(work, shown)
    files: dict[int, bytes] = {}
    events = Events(groups, now)  # an action for All is serialised once, not per member
    for person in people:
        name = f"Actions and meetings: {person.name}"
        c = found[person.id]
        if todos:
            files[person.id] = todo_ics(name, groups=groups, actions=c.actions, events=events)
        else:
            files[person.id] = calendar_ics(
                name,
                groups=groups,
                meetings=c.meetings,
                actions=c.actions,
                meeting_sequences=sequences,
                events=events,
            )
    return files


def minutes_docx(db: Store, record: MeetingRecord, *, public: bool) -> bytes:
    """The minutes as a Word document, following the same rules as the Markdown."""
    from exports.docx_minutes import render_minutes_docx
    from tracker.groups import get_group

    senior_only = get_group(db, record.meeting.group_id).public_senior_only
    return render_minutes_docx(record, public=public, senior_only=senior_only)


def agenda_pack(db: Store, meeting_id: int, *, public: bool = False) -> AgendaPack:
    """A meeting's agenda pack: its record (a scheduled meeting's with the agenda it
    will open with), and the last meeting's minutes while they are a draft awaiting
    agreement; in full, or (`public`) without confidential items as public minutes
    leave them out."""
    from dataclasses import replace

    from exports.agenda import AgendaPack
    from tracker.opening import agenda_to_come
    from tracker.queries import get_meeting, list_meetings

    record = get_meeting(db, meeting_id)
    with db.read() as s:
        record = replace(record, items=agenda_to_come(s, record))
    m = record.meeting
    earlier = list_meetings(db, m.group_id, before=m.starts_at, newest_first=True, limit=1)
    previous = None
    if earlier and earlier[0].status is MeetingStatus.DRAFT:
        previous = get_meeting(db, earlier[0].id)
    senior_only = record.group.public_senior_only if record.group else False
    return AgendaPack(record, previous, senior_only, public)


def agenda_document(db: Store, meeting_id: int, fmt: str, *, public: bool = False) -> str | bytes:
    """The agenda pack as Markdown ("md") or Word ("docx"), full or public."""
    from exports.agenda import render_agenda, render_agenda_docx

    pack = agenda_pack(db, meeting_id, public=public)
    return render_agenda_docx(pack) if fmt == "docx" else render_agenda(pack)


def invite_bytes(
    db: Store, meeting_id: int, *, cancel: bool = False, now: datetime | None = None
) -> bytes:
    """The meeting's invitation to every member with an e-mail address (or its
    cancellation), with the meeting's UID and current SEQUENCE."""
    from exports.invite import invite_ics
    from tracker import calendars
    from tracker.queries import get_meeting
    from tracker.recipients import group_recipients

    record = get_meeting(db, meeting_id)
    assert record.group is not None
    members = group_recipients(db, record.meeting.group_id).to
    sequence = calendars.meeting_sequences(db, [meeting_id]).get(meeting_id, 0)
    return invite_ics(
        record,
        record.group,
        members,
        sequence=sequence,
        stamp=now or datetime.now(UTC),
        cancel=cancel,
    )


def _calendar_as_of(
    db: Store, gid: int | None, pid: int | None, day: date, *, todos: bool
) -> bytes:
    """The calendar as it stood on ``day``: actions open then (and those closed in the
    90 days before, as cancelled), the meetings from that day on."""
    from exports.ical import calendar_ics, todo_ics
    from tracker import asof, calendars, finding
    from tracker.archive import load_meeting

    stamp = asof.local_midnight(day)
    actions = [
        a
        for a in asof.actions_as_of(
            db,
            day,
            group_id=gid,
            owner_id=pid,
            closed_since=day - calendars.CANCELLED_KEPT,
            include_confidential=pid is not None,
        )
        if a.due_date is not None or todos
    ]
    groups = finding.groups_by_id(db)
    if pid is not None:
        name = f"Actions and meetings: {finding.person_record(db, pid).name}"
    else:
        assert gid is not None
        name = groups[gid].name
    name += f" (as of {day.isoformat()})"
    if todos:
        return todo_ics(name, groups=groups, actions=actions, stamp=stamp)
    heads = asof.meetings_after(db, day, group_id=gid, person_id=pid)
    meetings = [load_meeting(db, m.id, reviews=False) for m in heads]
    sequences = calendars.meeting_sequences(db, [m.id for m in heads])
    return calendar_ics(
        name,
        groups=groups,
        meetings=meetings,
        actions=actions,
        meeting_sequences=sequences,
        stamp=stamp,
    )
