"""The large archive planned as rows: people, groups, meetings, attendance, agendas, topics.

Everything is drawn from one `random.Random`, in a fixed order, and ids are
handed out from given starting points, so the same seed, anchor and shape
always give the same rows. Actions and their histories are in lifecycle.py.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from typing import Any

from dateutil.relativedelta import relativedelta

from tracker.demo import words
from tracker.demo.recorder import place_meetings
from tracker.demo.rows import GroupPlan, HeldMeeting, Ids, Plan, Row, at
from tracker.demo.shape import ArchiveShape
from tracker.demo.sittings import plan_agenda, plan_attendance
from tracker.models import MeetingStatus, TopicStatus
from tracker.recurrence import parse_recurrence

PLANNED_TOPICS = (
    "EOTAS typical packages", "SEND attendance", "Reduced timetables: monitoring",
    "Flexi-schooling guidance refresh", "CNIS register: implementation", "Tier 4 invoices",
    "Suitable education: case law update", "Attendance hubs: evaluation",
)  # fmt: skip


def group_names(n: int) -> list[str]:
    names = list(words.GROUP_NAMES[:n])
    names += [f"Regional Network {i}" for i in range(len(names) + 1, n + 1)]
    return names


def _initials(first: str, last: str, taken: set[str]) -> str:
    f, surname = first.upper(), "".join(c for c in last.upper() if c.isalpha())
    for candidate in (f[0] + surname[0], f[0] + surname[:2], f[:2] + surname[0]):
        if candidate not in taken:
            break
    else:
        n = 2
        while f"{f[0]}{surname[0]}{n}" in taken:
            n += 1
        candidate = f"{f[0]}{surname[0]}{n}"
    taken.add(candidate)
    return candidate


def plan_people(
    rng: random.Random, ids: Ids, shape: ArchiveShape, plan: Plan, now: datetime
) -> list[int]:
    names = rng.sample(range(len(words.FIRST_NAMES) * len(words.SURNAMES)), shape.people)
    taken: set[str] = set()
    people: list[int] = []
    for n, combo in enumerate(names):
        first = words.FIRST_NAMES[combo // len(words.SURNAMES)]
        last = words.SURNAMES[combo % len(words.SURNAMES)]
        org = rng.choice(words.ORGANISATIONS)
        slug = "".join(c for c in org.lower() if c.isalnum())
        name = f"{first} {last}"
        if n % 60 == 59:  # a few names that must never turn into markup
            name = f"{name} {words.AWKWARD[(n // 60) % len(words.AWKWARD)]}"
        pid = ids.take("people")
        initials = _initials(first, last, taken)
        plan.add(
            "people",
            {
                "id": pid,
                "name": name,
                "initials": initials,
                "organisation": org,
                "email": f"{first}.{last}@{slug}.archive.example.org".lower().replace("'", ""),
                "role": rng.choice(words.ROLES),
                "senior": rng.random() < 0.1,
                "created_at": now,
            },
        )
        plan.first_names[pid] = first
        plan.initials[pid] = initials
        people.append(pid)
    return people


def plan_groups(
    rng: random.Random, ids: Ids, shape: ArchiveShape, plan: Plan, anchor: date
) -> None:
    """Groups with rosters, meetings (held and one ahead), attendance, agendas and topics."""
    start = anchor - relativedelta(months=2 * shape.meetings_per_group + 2)
    created = at(start, 9)
    people = plan_people(rng, ids, shape, plan, created)
    order = people[:]
    rng.shuffle(order)
    rosters: list[list[int]] = [order[g :: shape.groups] for g in range(shape.groups)]
    for pid in order[: len(order) // 6]:  # some sit on two groups
        home = next(g for g, r in enumerate(rosters) if pid in r)
        other = (home + rng.randint(1, max(1, shape.groups - 1))) % shape.groups
        if pid not in rosters[other]:
            rosters[other].append(pid)
    for g, name in enumerate(group_names(shape.groups)):
        _plan_group(rng, ids, shape, plan, anchor, g, name, rosters[g], order, created)


def _plan_group(
    rng: random.Random,
    ids: Ids,
    shape: ArchiveShape,
    plan: Plan,
    anchor: date,
    g: int,
    name: str,
    members: list[int],
    everyone: list[int],
    created: datetime,
) -> None:
    text = words.RECURRENCES[g % len(words.RECURRENCES)]
    days = place_meetings(text, anchor, held=shape.meetings_per_group - 1, future=1)
    rule = parse_recurrence(text, days[0])
    gid = ids.take("groups")
    location = words.LOCATIONS[g % len(words.LOCATIONS)]
    plan.add(
        "groups",
        {
            "id": gid,
            "name": name,
            "email": f"group{g + 1}@archive.example.org",
            "default_location": location,
            "recurrence_rule": rule.rule,
            "recurrence_time": rule.start_time,
            "recurrence_anchor": days[0],
            "meeting_duration_minutes": rule.duration_minutes,
            "public_senior_only": g % 3 == 2,
            "created_at": created,
        },
    )
    guests = [p for p in everyone if p not in members][:3]
    for pid in members:
        plan.add("memberships", _membership(plan, gid, pid, True))
    for pid in guests:
        plan.add("memberships", _membership(plan, gid, pid, False))
    chair, coordinator = members[0], members[1]
    weights = [1 / (n + 1) ** 0.7 for n in range(len(members))]
    weights[1] *= 3
    cumulative: list[float] = []
    total = 0.0
    for w in weights:
        total += w
        cumulative.append(total)
    standing = rng.sample(words.STANDING_ITEMS, rng.randint(1, 2))
    held: list[HeldMeeting] = []
    topics = _plan_topics(rng, ids, plan, gid, members, days)
    previous_end = created
    for n, day in enumerate(days):
        is_future = n == len(days) - 1
        mid = ids.take("meetings")
        starts = at(day, rule.start_time.hour, rule.start_time.minute)
        ends = starts + timedelta(minutes=rule.duration_minutes)
        status = (
            MeetingStatus.SCHEDULED
            if is_future
            else MeetingStatus.DRAFT
            if n == len(days) - 2
            else MeetingStatus.APPROVED
        )
        plan.add(
            "meetings",
            {
                "id": mid,
                "group_id": gid,
                "title": f"{name} meeting",
                "starts_at": starts,
                "ends_at": ends,
                "location": location if rng.random() > 0.05 else "Civic Centre and via MS Teams",
                "status": status,
                "chair_id": None if is_future else chair,
                "minute_taker_id": None if is_future else coordinator,
                "opened_at": None if is_future else starts,
                "closed_at": None if is_future else ends,
                "approved_at_meeting_id": None,
                "approved_on": None,
                "sequence": 0,
                "created_at": previous_end,
            },
        )
        previous_end = ends
        if status is MeetingStatus.APPROVED:
            # Agreed at the next meeting, whose id (the group's meetings are numbered in
            # a row) is the next one.
            plan.approvals.append({"b_id": mid, "b_at": mid + 1, "b_on": days[n + 1]})
        for topic in topics:
            if topic.get("due_index") == n:
                topic["due_meeting_id"] = mid
            if topic.get("taken_index") == n:
                topic["taken_at_meeting_id"] = mid
        if is_future:
            break
        meeting = HeldMeeting(mid, day, starts, ends)
        plan_attendance(rng, ids, plan, meeting, members, guests, chair, coordinator)
        taken = [t for t in topics if t.get("taken_index") == n]
        previous = days[n - 1] if n else None
        plan_agenda(rng, ids, plan, meeting, members, standing, taken, previous)
        held.append(meeting)
    for topic in topics:
        topic.pop("due_index", None)
        topic.pop("taken_index", None)
        plan.add("future_topics", topic)
    plan.groups.append(GroupPlan(gid, name, members, cumulative, held, days[-1]))


def _membership(plan: Plan, gid: int, pid: int, active: bool) -> Row:
    initials = plan.initials[pid]
    return {"group_id": gid, "person_id": pid, "initials": initials, "active": active}


def _plan_topics(
    rng: random.Random, ids: Ids, plan: Plan, gid: int, members: list[int], days: list[date]
) -> list[Row]:
    """Taken, withdrawn and planned topics; `due_index`/`taken_index` name meetings by number."""
    held = len(days) - 1
    topics: list[Row] = []

    def topic(title: str, raised: int, **fields: Any) -> None:
        row: Row = {
            "id": ids.take("future_topics"),
            "group_id": gid,
            "title": title,
            "notes": None,
            "owner_id": rng.choice(members) if rng.random() < 0.6 else None,
            "due_meeting_id": None,
            "due_month": None,
            "status": TopicStatus.PLANNED,
            "taken_at_meeting_id": None,
            "created_at": at(days[max(0, raised)], 16),
        }
        row.update(fields)
        topics.append(row)

    for n in range(2, held, 4):
        topic(rng.choice(words.ITEM_TITLES), n - 2, due_month=days[n].replace(day=1),
              status=TopicStatus.TAKEN, taken_index=n)  # fmt: skip
    for n in range(3, held, 15):
        topic(rng.choice(words.ITEM_TITLES), n, status=TopicStatus.WITHDRAWN)
    titles = rng.sample(PLANNED_TOPICS, 3)
    ahead = days[-1] + relativedelta(months=2)
    topic(titles[0], held - 1, due_index=held, notes="Carried over from the last meeting.")
    topic(titles[1], held - 1, due_month=ahead.replace(day=1))
    topic(titles[2], held - 2)
    return topics
