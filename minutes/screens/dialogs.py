"""The small forms of the record: new group, add or edit a person, schedule a meeting,
add a future topic.

Each is a FormScreen whose save function calls one service; a refused input keeps
the dialog open with the message and everything typed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from minutes.screens.form import Field, FormScreen
from tracker.records import GroupRecord, MeetingSummary, PersonRecord

if TYPE_CHECKING:
    from minutes.app import MinutesApp
    from tracker.db import Store
    from tracker.roster import PersonInput


def _blank(value: Any) -> str | None:
    text = str(value or "").strip()
    return text or None


def new_group_form(app: MinutesApp) -> FormScreen[GroupRecord]:
    def save(v: dict[str, Any]) -> GroupRecord:
        from tracker.groups import create_group

        return create_group(
            app.db,
            v["name"],
            email=_blank(v["email"]),
            default_location=_blank(v["location"]),
            recurrence=_blank(v["recurrence"]),
            today=app.today(),
        )

    return FormScreen(
        "New group",
        [
            Field("name", "Name", placeholder="South East CME Group"),
            Field("email", "Group e-mail (organiser of calendar files)", placeholder="optional"),
            Field("location", "Usual place", placeholder="virtual, or a room"),
            Field("recurrence", "Meets", placeholder="second Wednesday every other month, 14:00"),
        ],
        save,
        ok="Create",
    )


def add_person_form(
    app: MinutesApp,
    group_id: int,
    name: str = "",
    *,
    guest: bool = False,
    initials: str = "",
    organisation: str = "",
) -> FormScreen[PersonRecord]:
    def save(data: PersonInput, guest: bool) -> PersonRecord:
        from tracker.roster import add_person

        return add_person(app.db, group_id, data, guest=guest)

    return person_form(save, name, guest=guest, initials=initials, organisation=organisation)


Added = TypeVar("Added")


def person_form(
    save: Callable[[PersonInput, bool], Added],
    name: str = "",
    *,
    guest: bool = False,
    initials: str = "",
    organisation: str = "",
    title: str = "Add a person to the roster",
) -> FormScreen[Added]:
    """The add-person form; `save(person, guest)` stores the person, with whatever else
    the same change holds (marked in attendance, the line that named them)."""

    def save_values(v: dict[str, Any]) -> Added:
        from tracker.roster import PersonInput

        data = PersonInput(
            name=v["name"],
            initials=_blank(v["initials"]),
            organisation=_blank(v["organisation"]),
            email=_blank(v["email"]),
            role=_blank(v["role"]),
        )
        return save(data, bool(v["guest"]))

    return FormScreen(
        title,
        [
            Field("name", "Name", value=name, placeholder="Chris Owen"),
            Field("initials", "Initials", value=initials, placeholder="from the name if blank"),
            Field("organisation", "Organisation", value=organisation, placeholder="optional"),
            Field("email", "E-mail (for action digests)", placeholder="optional"),
            Field("role", "Role", placeholder="optional"),
            Field(
                "guest", "Guest (attends, not a member)", value="yes" if guest else "", check=True
            ),
        ],
        save_values,
        ok="Add",
        focus_empty=True,
    )


def edit_person_form(
    app: MinutesApp, group_id: int, person: PersonRecord
) -> FormScreen[PersonRecord]:
    def save(v: dict[str, Any]) -> PersonRecord:
        from tracker.roster import PersonInput, edit_person

        data = PersonInput(
            name=v["name"],
            initials=_blank(v["initials"]),
            organisation=_blank(v["organisation"]),
            email=_blank(v["email"]),
            role=_blank(v["role"]),
            senior=bool(v["senior"]),
        )
        return edit_person(app.db, group_id, person.id, data)

    return FormScreen(
        f"Edit {person.name} ({person.initials})",
        [
            Field("name", "Name", value=person.name),
            Field("initials", "Initials (in this group)", value=person.initials),
            Field("organisation", "Organisation", value=person.organisation or ""),
            Field("email", "E-mail (for action digests)", value=person.email or ""),
            Field("role", "Role", value=person.role or ""),
            Field(
                "senior",
                "Senior (named in public minutes)",
                value="yes" if person.senior else "",
                check=True,
            ),
        ],
        save,
    )


def schedule_form(
    app: MinutesApp,
    group_id: int,
    suggested: str = "",
    *,
    first: Callable[[Store], object] | None = None,
    hint: str = "",
) -> FormScreen[MeetingSummary]:
    """`first`, when given, is stored in the same transaction as the meeting."""

    def save(v: dict[str, Any]) -> MeetingSummary:
        from tracker.meetings import schedule_meeting

        with app.db.unit() as work:
            if first is not None:
                first(work)
            return schedule_meeting(
                work,
                group_id,
                str(v["date"]),
                start=_blank(v["start"]),
                end=_blank(v["end"]),
                location=_blank(v["location"]),
                title=_blank(v["title"]),
                label=_blank(v["label"]),
                today=app.today(),
            )

    return FormScreen(
        "Schedule a meeting",
        [
            Field("date", "Date", value=suggested, placeholder="30/11/2026, Friday, 13th January"),
            Field("start", "Starts", placeholder="14:00 (the group's usual time if blank)"),
            Field("end", "Ends", placeholder="optional"),
            Field("location", "Place", placeholder="the group's usual place if blank"),
            Field("title", "Title", placeholder="the group's name if blank"),
            Field("label", "Label", placeholder='optional, e.g. "Joint meeting with health"'),
        ],
        save,
        hint=hint,
        ok="Schedule",
    )


#: What "when" of a future topic takes.
WHEN_PLACEHOLDER = 'a meeting date "9/12/2026", a month "March 2027", or blank'


def topic_form(app: MinutesApp, group_id: int, hint: str = "") -> FormScreen[int]:
    """Add a future topic to the group's forward plan."""

    def save(v: dict[str, Any]) -> int:
        from tracker.topics import add_topic

        return add_topic(
            app.db,
            group_id,
            v["title"],
            notes=_blank(v["notes"]),
            owner=_blank(v["owner"]),
            when=str(v["when"]),
            today=app.today(),
        )

    return FormScreen(
        "Add a future topic",
        [
            Field("title", "Topic", placeholder="Elective home education: annual report"),
            Field("notes", "Notes", placeholder="optional"),
            Field("owner", "Owner", placeholder="initials or name; optional"),
            Field("when", "When", placeholder=WHEN_PLACEHOLDER),
        ],
        save,
        hint=hint,
        ok="Add",
    )
