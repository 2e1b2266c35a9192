"""What an archive read covers: a group's archive (or every group's), or some meetings
with the earlier actions each reviews; as the criteria each table's query takes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, or_

from tracker.models import Action, Group, Meeting
from tracker.queries import reviewed_at


@dataclass(frozen=True)
class Scope:
    """What to read: a group's archive (or every group's), or some meetings."""

    group_id: int | None = None
    meetings: tuple[Meeting, ...] = ()
    #: With the earlier actions each meeting reviews (a calendar's agenda needs none).
    reviews: bool = True
    #: The meetings' groups, when read with them (else read with the records).
    groups: tuple[Group, ...] = ()

    def in_group(self, column: Any) -> list[ColumnElement[bool]]:
        chosen = self.meetings
        if chosen:
            return [column.in_(sorted({m.group_id for m in chosen}))]
        group_id = self.group_id
        return [] if group_id is None else [column == group_id]

    def in_meetings(self, column: Any) -> list[ColumnElement[bool]]:
        """Rows of the meetings assembled: the ones chosen, or the group's."""
        chosen = self.meetings
        if chosen:
            return [column.in_([m.id for m in chosen])]
        return self.in_group(Meeting.group_id)

    def action_criteria(self) -> list[ColumnElement[bool]]:
        """The actions the scope needs: all of the group's, or for each meeting chosen
        those raised at it and the earlier ones it reviews (tracker.queries.reviewed_at)."""
        chosen = self.meetings
        if not chosen:
            return self.in_group(Action.group_id)
        if not self.reviews:
            return [Action.meeting_id.in_([m.id for m in chosen])]
        return [or_(*(self._for_meeting(m) for m in chosen))]

    @staticmethod
    def _for_meeting(m: Meeting) -> ColumnElement[bool]:
        return or_(Action.meeting_id == m.id, reviewed_at(m))
