"""An action due "by next meeting" while none is scheduled has no date yet: the minutes
say "by next meeting", its calendar task has no DUE (and says why), and once the next
meeting is scheduled it takes that date everywhere."""

from __future__ import annotations

from datetime import UTC, date, datetime

from exports.ical import action_todo
from exports.markdown import render_minutes
from tracker import actions, agenda, meetings
from tracker.db import Database
from tracker.queries import get_meeting

from .builders import make_cme, meeting_on


def test_undated_until_the_next_meeting_is_scheduled(sqlite_db: Database) -> None:
    cme = make_cme(sqlite_db)
    m = meeting_on(sqlite_db, cme.group.id, date(2024, 11, 13))
    meetings.open_meeting(sqlite_db, m.id)
    item = agenda.add_item(sqlite_db, m.id, "Data")
    actions.add_action(sqlite_db, item, "Send the figures", "BP", "by next meeting")
    record = get_meeting(sqlite_db, m.id)
    (action,) = record.actions()
    minutes = render_minutes(record)
    assert "BP, by next meeting" in minutes
    todo = action_todo(action, None, datetime(2024, 11, 13, tzinfo=UTC))
    assert "DUE" not in todo
    assert "due at the next meeting (not yet scheduled)" in str(todo["DESCRIPTION"])

    meeting_on(sqlite_db, cme.group.id, date(2025, 1, 8))
    record = get_meeting(sqlite_db, m.id)
    (action,) = record.actions()
    assert "BP, by 8 Jan 2025" in render_minutes(record)
    todo = action_todo(action, None, datetime(2024, 11, 13, tzinfo=UTC))
    assert todo.decoded("DUE") == date(2025, 1, 8)
