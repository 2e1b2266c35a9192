"""A meeting whose minutes have been agreed at the next one, built through the services."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tests.builders import Cme, make_cme, meeting_on
from tracker import actions, agenda, meetings
from tracker.attendance import record_attendance, set_officers
from tracker.db import Database
from tracker.meeting_records import DecisionRecord, NoteRecord
from tracker.models import AttendanceKind, ReviewOutcome
from tracker.records import ActionRecord


@dataclass
class Approved:
    cme: Cme
    #: The meeting of 18 September 2024, agreed at `later`.
    meeting_id: int
    #: The meeting of 13 November 2024 (in progress), which agreed it.
    later_id: int
    item_id: int
    note: NoteRecord
    decision: DecisionRecord
    action: ActionRecord
    #: An action raised at the July meeting and reviewed at the approved one.
    earlier_action: ActionRecord


def approved_meeting(db: Database) -> Approved:
    cme = make_cme(db)
    gid = cme.group.id
    m0 = meeting_on(db, gid, date(2024, 7, 10))
    meetings.open_meeting(db, m0.id)
    earlier = actions.add_action(
        db, agenda.add_item(db, m0.id, "Attendance"), "Circulate the guidance", "MP"
    )
    meetings.close_meeting(db, m0.id)
    m1 = meeting_on(db, gid, date(2024, 9, 18))
    meetings.open_meeting(db, m1.id)
    actions.review_action(db, earlier.id, ReviewOutcome.IN_PROGRESS, meeting_id=m1.id)
    record_attendance(db, m1.id, cme.people["MS"].id, AttendanceKind.PRESENT)
    record_attendance(db, m1.id, cme.people["KD"].id, AttendanceKind.ABSENT)
    set_officers(db, m1.id, chair_id=cme.people["MS"].id)
    item = agenda.add_item(db, m1.id, "Children missing education data")
    note = agenda.add_note(db, item, "Hampshire shared their attendance hub model")
    decision = agenda.add_decision(db, item, "Pause requesting s19 data")
    action = actions.add_action(db, item, "Share the EHE template", "BP & CO", "18 October 2024")
    meetings.close_meeting(db, m1.id)
    m2 = meeting_on(db, gid, date(2024, 11, 13))
    meetings.open_meeting(db, m2.id)
    meetings.approve_minutes(db, m1.id, m2.id)
    return Approved(cme, m1.id, m2.id, item, note, decision, action, earlier)
