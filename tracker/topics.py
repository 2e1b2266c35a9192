"""Future topics: the group's forward plan, which feeds later agendas."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.dates import DateError, format_uk, parse_due, parse_meeting_date, utc_to_london
from tracker.db import Store
from tracker.errors import InvalidInput, NotFound
from tracker.fields import clean, required
from tracker.groups import group_or_error
from tracker.guards import meeting_or_error
from tracker.loading import people_by_id
from tracker.meeting_records import TopicRecord
from tracker.models import FutureTopic, Meeting, MeetingStatus, TopicStatus
from tracker.owners import resolve_owners
from tracker.records import PersonRecord


def load_topics(
    s: Session,
    group_id: int,
    statuses: tuple[TopicStatus, ...] = (),
    member: Callable[[int, int], PersonRecord] | None = None,
) -> list[TopicRecord]:
    """The group's topics; ``member`` (group id, person id → the person with the initials
    they have in the group) names their owners from people read already."""
    stmt = (
        select(FutureTopic, Meeting.starts_at)
        .outerjoin(Meeting, Meeting.id == FutureTopic.due_meeting_id)
        .where(FutureTopic.group_id == group_id)
    )
    if statuses:
        stmt = stmt.where(FutureTopic.status.in_(statuses))
    rows = s.execute(stmt.order_by(FutureTopic.id)).all()
    if member is None:
        people = people_by_id(s, [t.owner_id for t, _ in rows], group_id)
    else:
        people = {t.owner_id: member(group_id, t.owner_id) for t, _ in rows if t.owner_id}
    topics = [
        TopicRecord(
            id=t.id,
            group_id=t.group_id,
            title=t.title,
            notes=t.notes,
            owner=people.get(t.owner_id) if t.owner_id else None,
            due_meeting_id=t.due_meeting_id,
            due_meeting_date=utc_to_london(start).date() if start else None,
            due_month=t.due_month,
            status=t.status,
            taken_at_meeting_id=t.taken_at_meeting_id,
        )
        for t, start in rows
    ]
    # Scheduled first (by when), then the unscheduled in the order they were added.
    return sorted(topics, key=lambda t: (t.due_meeting_date or t.due_month or date.max, t.id))


def list_topics(db: Store, group_id: int, include_closed: bool = False) -> list[TopicRecord]:
    with db.read() as s:
        group_or_error(s, group_id)
        statuses = () if include_closed else (TopicStatus.PLANNED,)
        return load_topics(s, group_id, statuses)


def _topic(s: Session, topic_id: int) -> FutureTopic:
    topic = s.get(FutureTopic, topic_id)
    if topic is None:
        raise NotFound(f"There is no future topic with id {topic_id}.", what="topic", ref=topic_id)
    return topic


def _month(text: str, today: date) -> date:
    try:
        when = parse_due(text, today)
    except DateError as exc:
        raise InvalidInput(str(exc)) from None
    if when is None:
        raise InvalidInput('Give the month for the topic, e.g. "January" or "March 2027".')
    return when.replace(day=1)


#: Scheduled meetings named when a day given for a topic is not one of them.
OFFERED = 4


def _when(s: Session, group_id: int, text: str, today: date) -> tuple[int | None, str | None]:
    """(meeting, month) that "when" as typed means: a scheduled meeting's date
    ("9/12/2026"), or a month ("March 2027"); blank means neither.

    A particular day that is not a scheduled meeting of the group is refused, so a
    mistyped meeting date is not taken for its month.
    """
    text = text.strip()
    if not text:
        return None, None
    try:
        day = parse_meeting_date(text, today)
    except DateError:
        return None, text  # not a particular day: a month, or _month says why not
    starts = s.execute(
        select(Meeting.id, Meeting.starts_at)
        .where(Meeting.group_id == group_id, Meeting.status == MeetingStatus.SCHEDULED)
        .order_by(Meeting.starts_at)
    ).all()
    days = [(meeting_id, utc_to_london(start).date()) for meeting_id, start in starts]
    for meeting_id, on in days:
        if on == day:
            return meeting_id, None
    dates = ", ".join(format_uk(on) for _, on in days[:OFFERED])
    offer = f"scheduled: {dates}" if dates else "none is scheduled"
    raise InvalidInput(
        f"No meeting of the group on {format_uk(day)} ({offer}). Give a scheduled meeting's "
        'date, or a month such as "March 2027".'
    )


def _schedule(
    s: Session, topic: FutureTopic, meeting_id: int | None, month: str | None, today: date
) -> None:
    if meeting_id is not None:
        meeting = meeting_or_error(s, meeting_id)
        if meeting.group_id != topic.group_id:
            raise InvalidInput("A topic can only be planned for a meeting of its own group.")
        if meeting.status is not MeetingStatus.SCHEDULED:
            raise InvalidInput("Plan topics for a meeting that has not started yet.")
        topic.due_meeting_id, topic.due_month = meeting.id, None
    elif month:
        topic.due_meeting_id, topic.due_month = None, _month(month, today)
    else:
        topic.due_meeting_id = topic.due_month = None


def add_topic(
    db: Store,
    group_id: int,
    title: str,
    *,
    notes: str | None = None,
    owner: str | None = None,
    meeting_id: int | None = None,
    month: str | None = None,
    when: str | None = None,
    today: date | None = None,
) -> int:
    """Add a topic to the forward plan, for a meeting, a month, or some time; `when`
    is either as typed ("9/12/2026" for a scheduled meeting, "March 2027")."""
    title = _title(title)
    notes = clean(FutureTopic.notes, notes)
    with db.write() as s:
        group_or_error(s, group_id)
        topic = FutureTopic(group_id=group_id, title=title, notes=notes)
        if owner and owner.strip():
            people = resolve_owners(s, group_id, owner).people
            topic.owner_id = people[0].id if people else None
        today = today or date.today()
        if when is not None:
            meeting_id, month = _when(s, group_id, when, today)
        _schedule(s, topic, meeting_id, month, today)
        s.add(topic)
        s.flush()
        return topic.id


def _title(title: str) -> str:
    return required(FutureTopic.title, title, empty="A future topic needs a title.")


def schedule_topic(
    db: Store,
    topic_id: int,
    *,
    meeting_id: int | None = None,
    month: str | None = None,
    when: str | None = None,
    today: date | None = None,
) -> None:
    """Plan a topic for a particular meeting or month (neither: back to "some time");
    `when` is either as typed."""
    with db.write() as s:
        topic = _topic(s, topic_id)
        if topic.status is not TopicStatus.PLANNED:
            raise InvalidInput("That topic has already been taken or withdrawn.")
        today = today or date.today()
        if when is not None:
            meeting_id, month = _when(s, topic.group_id, when, today)
        _schedule(s, topic, meeting_id, month, today)


def edit_topic(
    db: Store, topic_id: int, *, title: str | None = None, notes: str | None = None
) -> None:
    with db.write() as s:
        topic = _topic(s, topic_id)
        if title is not None:
            topic.title = _title(title)
        if notes is not None:
            topic.notes = clean(FutureTopic.notes, notes)


def withdraw_topic(db: Store, topic_id: int) -> None:
    with db.write() as s:
        topic = _topic(s, topic_id)
        if topic.status is TopicStatus.TAKEN:
            raise InvalidInput("That topic is already on a meeting's agenda.")
        topic.status = TopicStatus.WITHDRAWN
