"""What happens at a held meeting of the archive: attendance, the agenda, notes, decisions."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from tracker.agenda import AOB_TITLE, MATTERS_ARISING_TITLE
from tracker.dates import format_uk_long
from tracker.demo import words
from tracker.demo.rows import HeldMeeting, Ids, Plan, Row
from tracker.models import AttendanceKind, ItemKind


def plan_attendance(
    rng: random.Random,
    ids: Ids,
    plan: Plan,
    meeting: HeldMeeting,
    members: list[int],
    guests: list[int],
    chair: int,
    coordinator: int,
) -> None:
    away: list[int] = []
    for pid in members:
        r = rng.random()
        if pid in (chair, coordinator) or r < 0.72:
            kind = AttendanceKind.PRESENT
        elif r < 0.92:
            kind = AttendanceKind.APOLOGIES
            away.append(pid)
        else:
            kind = AttendanceKind.ABSENT
        plan.add("attendance", _attendance(ids, meeting.id, pid, kind, None))
    for pid in guests:
        if rng.random() < 0.15:
            instead = rng.choice(away) if away and rng.random() < 0.3 else None
            if instead is not None:
                away.remove(instead)
            plan.add(
                "attendance",
                _attendance(ids, meeting.id, pid, AttendanceKind.IN_ATTENDANCE, instead),
            )


def _attendance(ids: Ids, mid: int, pid: int, kind: AttendanceKind, instead: int | None) -> Row:
    return {
        "id": ids.take("attendance"),
        "meeting_id": mid,
        "person_id": pid,
        "kind": kind,
        "deputising_for_id": instead,
    }


def plan_agenda(
    rng: random.Random,
    ids: Ids,
    plan: Plan,
    meeting: HeldMeeting,
    members: list[int],
    standing: list[str],
    taken: list[Row],
    previous: date | None,
) -> None:
    names = [plan.first_names[p] for p in members[:12]]
    entries: list[tuple[str, ItemKind, int | None, int | None, float]] = [
        (MATTERS_ARISING_TITLE, ItemKind.MATTERS_ARISING, None, None, 0.5)
    ]
    entries += [(t, ItemKind.STANDING, members[1], None, 0.7) for t in standing]
    entries += [(t["title"], ItemKind.STANDARD, t["owner_id"], t["id"], 1.0) for t in taken]
    for title in rng.sample(words.ITEM_TITLES, rng.randint(3, 5)):
        owner = rng.choice(members) if rng.random() < 0.4 else None
        entries.append((title, ItemKind.STANDARD, owner, None, 1.0))
    entries.append((AOB_TITLE, ItemKind.AOB, None, None, 0.3))
    minute = 0
    for position, (title, kind, owner, topic_id, weight) in enumerate(entries, start=1):
        item_id = ids.take("items")
        plan.add(
            "items",
            {
                "id": item_id,
                "meeting_id": meeting.id,
                "position": position,
                "title": title,
                "kind": kind,
                "confidential": kind is ItemKind.STANDARD and rng.random() < 0.03,
                "topic_id": topic_id,
            },
        )
        if owner is not None:
            plan.add("item_leads", {"item_id": item_id, "person_id": owner, "position": 0})
        meeting.items.append((item_id, weight))
        notes: list[str] = []
        if kind is ItemKind.MATTERS_ARISING and previous is not None:
            notes.append(f"Notes of the meeting of {format_uk_long(previous)} agreed.")
        notes += [words.note_text(rng, names) for _ in range(_note_count(rng, kind))]
        for n, text in enumerate(notes, start=1):
            minute += 2
            plan.add("notes", _entry(ids, "notes", item_id, n, text, meeting.starts_at, minute))
        if kind is ItemKind.STANDARD and rng.random() < 0.3:
            minute += 1
            text = words.decision_text(rng)
            plan.add(
                "decisions", _entry(ids, "decisions", item_id, 1, text, meeting.starts_at, minute)
            )


def _entry(
    ids: Ids, table: str, item_id: int, position: int, text: str, start: datetime, minute: int
) -> Row:
    return {
        "id": ids.take(table),
        "item_id": item_id,
        "position": position,
        "text": text,
        "created_at": start + timedelta(minutes=minute),
    }


def _note_count(rng: random.Random, kind: ItemKind) -> int:
    if kind is ItemKind.AOB:
        return rng.randint(0, 2)
    if kind is ItemKind.MATTERS_ARISING:
        return rng.randint(0, 1)
    return rng.randint(1, 3)
