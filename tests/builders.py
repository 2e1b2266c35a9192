"""Small helpers that build realistic records through the services."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tracker.db import Database
from tracker.groups import create_group
from tracker.meetings import schedule_meeting
from tracker.records import GroupRecord, MeetingSummary, PersonRecord
from tracker.roster import PersonInput, add_person

CME_ROSTER = [
    ("Mike Stoneman", "MS", "Portsmouth", "mike.stoneman@example.org", "Chair"),
    ("Chris Owen", "CO", "SESLIP", "chris.owen@example.org", "Coordinator"),
    ("Brian Pope", "BP", "Hants", "brian.pope@example.org", "Member"),
    ("Bryn Roberts", "BR", "Southampton", "bryn.roberts@example.org", "Member"),
    ("Gavin Thomas", "GT", "B&H", "gavin.thomas@example.org", "Member"),
    ("Melissa Perry", "MP", "W Berks", "melissa.perry@example.org", "Member"),
    ("Katy Daly", "KD", "Bracknell", "katy.daly@example.org", "Member"),
]


@dataclass
class Cme:
    group: GroupRecord
    people: dict[str, PersonRecord]


def make_cme(db: Database, name: str = "South East CME Group") -> Cme:
    group = create_group(db, name, email="cme@example.org")
    people = {}
    for person_name, initials, org, email, role in CME_ROSTER:
        people[initials] = add_person(
            db, group.id, PersonInput(person_name, initials, org, email, role)
        )
    return Cme(group, people)


def meeting_on(db: Database, group_id: int, day: date, start: str = "14:00") -> MeetingSummary:
    return schedule_meeting(db, group_id, day, start=start)
