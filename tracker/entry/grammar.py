"""The entry line's grammar: one typed line read as a note, a decision, an action,
an agenda item, attendance, a guest, or the meeting's chair or minute-taker.

Pure: no database and no clock. Whether the owners are on the roster and which
day a due date means are decided when the line is stored (`tracker.entry.storing`),
against the record and the meeting's date.

What keeps prose safe:
- a short form is a lower-case prefix (``a``, ``d``, ``n``, ``i``, ``p``, ``ap``,
  ``ab``, ``ia``, ``g``, ``chair``, ``mt``) then a space or a colon; a line that
  starts with a capital letter is never a short form, so "A short discussion
  followed: …" and "I think we covered this" are notes;
- the forms minutes already use ("Action: Chris to …", "Action – BP/CO: …",
  "Agreed: …", "Decision: …", "Chair: …", "Apologies: …") need their word to be
  followed by a colon or a spaced dash ("Decision-making" is prose), and their
  owners are written as names or initials ("Action: officials to relay …" and
  "Action: slides to be circulated" name no one; "… [CO]" at the end does);
- a reading that could be wrong is marked with a doubt (an action without owners,
  a lower-case item title), and the front end asks before storing it;
- a due date is taken from the text after the last " by " only when that text is
  written as a date ("by email" stays in the action).

Everything else is a note, exactly as typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

from tracker.entry.phrases import (
    TO_WORD,
    EntryError,
    owners_and_text,
    owners_at_end,
    second_action,
    split_due,
    split_people,
)
from tracker.kinds import AttendanceKind, OfficerRole

Kind = Literal["action", "decision", "note", "item", "attendance", "guest", "officer"]

#: Attendance short forms and the attendance kind each records.
ATTENDANCE_PREFIXES: dict[str, AttendanceKind] = {
    "p": AttendanceKind.PRESENT,
    "ap": AttendanceKind.APOLOGIES,
    "ab": AttendanceKind.ABSENT,
    "ia": AttendanceKind.IN_ATTENDANCE,
}
#: Officer short forms and the role each sets.
OFFICER_PREFIXES: dict[str, OfficerRole] = {
    "chair": OfficerRole.CHAIR,
    "mt": OfficerRole.MINUTE_TAKER,
}

_SHORT = re.compile(r"(?P<p>a|d|n|i|p|ap|ab|ia|g|chair|mt)(?:(?::\s*|\s+)(?P<rest>.*))?", re.DOTALL)
#: A word of a minutes form, then a colon or a dash that stands apart from the next word.
_SEP = r"\s*(?::|\s[-–—]|[-–—](?=\s)|[–—])\s*"
_WORD_FORM = re.compile(
    r"(?P<w>actions?|agreed|decision|decided"
    r"|chair|chaired\s+by|minute[- ]?taker|minutes\s+taken\s+by|minuted\s+by|minutes"
    r"|present|attendees|attending|apologies|absent|in\s+attendance)"
    rf"{_SEP}(?P<rest>.*)",
    re.IGNORECASE | re.DOTALL,
)
_WORD_KINDS: dict[str, tuple[Kind, OfficerRole | AttendanceKind | None]] = {
    "action": ("action", None),
    "actions": ("action", None),
    "agreed": ("decision", None),
    "decision": ("decision", None),
    "decided": ("decision", None),
    "chair": ("officer", OfficerRole.CHAIR),
    "chaired by": ("officer", OfficerRole.CHAIR),
    "minute-taker": ("officer", OfficerRole.MINUTE_TAKER),
    "minute taker": ("officer", OfficerRole.MINUTE_TAKER),
    "minutetaker": ("officer", OfficerRole.MINUTE_TAKER),
    "minutes taken by": ("officer", OfficerRole.MINUTE_TAKER),
    "minuted by": ("officer", OfficerRole.MINUTE_TAKER),
    "minutes": ("officer", OfficerRole.MINUTE_TAKER),
    "present": ("attendance", AttendanceKind.PRESENT),
    "attendees": ("attendance", AttendanceKind.PRESENT),
    "attending": ("attendance", AttendanceKind.PRESENT),
    "apologies": ("attendance", AttendanceKind.APOLOGIES),
    "absent": ("attendance", AttendanceKind.ABSENT),
    "in attendance": ("attendance", AttendanceKind.IN_ATTENDANCE),
}

GUIDE = """\
Short forms start with a small letter, then a space:
  a OWNERS: TEXT [by DATE]   action       a BP CO: send the form by Friday
  d TEXT  decision     n TEXT  note     i TITLE  agenda item (now current)
  p / ap / ab / ia PEOPLE    present / apologies / absent / in attendance
  g NAME[, ORGANISATION]     a guest: added to the roster, in attendance
  chair PERSON   mt PERSON   the meeting's chair / minute-taker
As minutes write them (any case; the word, then a colon or a dash):
  Action: Chris to send the list by Friday     Action – BP/CO: TEXT
  Agreed: TEXT   Decision: TEXT   Chair: NAME   Minute-taker: NAME
  Present: / Apologies: / Absent: / In attendance: PEOPLE
  (a Chair:, Present: … line that names no one is a note: Present: all members)
Anything else is a note, word for word ("A short discussion followed: …").
Owners, people: initials or names joined by & , / or "and" (initials also by
  spaces); All for everyone. Owners may also close an action in square
  brackets: Action: slides to be circulated [CO]
Due date: the words after the last " by ", only when they are a date (else
  they stay in the text: "by email"). 30/11/2026, 18 June, Friday, next week,
  in 2 weeks, end of month, January, next meeting; "by -" for none. Relative
  dates count from the meeting's date.
Nothing is guessed: a line naming someone not on the roster, an action with
  no owners, an action whose next sentence gives someone else a task ("Chris
  to edit it. Brian to share it"), or an item title in small letters is a
  question, stored only as the answer says.
"""

NO_OWNERS = "no owners: an action needs them before a colon ('a BP, CO: text') or 'to'"
TWO_ACTIONS = "a second sentence gives someone on the roster something to do"
LOWER_CASE_ITEM = "an item title that starts with a small letter may be a sentence"


@dataclass(frozen=True)
class Entry:
    """One line as read, before it is checked against the record."""

    kind: Kind
    #: The line as typed (stripped): what "store it as a note" keeps.
    line: str = ""
    #: Note, decision, action or item text; the guest's name for "guest".
    text: str = ""
    #: Owners as typed ("BP, CO"), for the roster to resolve.
    owners: str = ""
    #: The due date as typed, None when not given.
    due: str | None = None
    #: For attendance: how the people attend.
    attendance: AttendanceKind | None = None
    #: For attendance and officers: initials or names as typed.
    people: tuple[str, ...] = ()
    #: For a guest: their organisation.
    organisation: str = ""
    #: For an officer: which.
    role: OfficerRole | None = None
    #: Why this reading may be wrong ("" when it is sure): asked about before storing.
    doubt: str = ""
    #: For a line that may hold two actions ("Action: Chris to …. Brian to …"): the
    #: two lines it would be, each read on its own.
    parts: tuple[str, ...] = ()
    #: A minutes form ("Chair: …", "Present: …"): prose after all, stored as a note,
    #: when what follows the word is not people ("Chair: thanked everyone"); someone
    #: written as a name but not on the roster is asked about.
    prose_unless_known: bool = False

    @property
    def adds_guests(self) -> bool:
        """An "in attendance" line: someone it adds to the roster comes as a guest."""
        return self.kind == "attendance" and self.attendance is AttendanceKind.IN_ATTENDANCE

    def confirmed(self) -> Entry:
        """The same reading, chosen by the person: no longer in doubt (an action that
        may hold two is then one)."""
        return replace(self, doubt="", parts=())


def as_note(line: str) -> Entry:
    """The line kept as a note, word for word."""
    text = line.strip()
    if not text:
        raise EntryError("Nothing to enter: type a note, or a line such as 'a BP: text'.")
    return Entry("note", line=text, text=text)


def parse(line: str) -> Entry:
    """Read one entry line; raises EntryError saying what to fix."""
    text = line.strip()
    if not text:
        raise EntryError("Nothing to enter: type a note, or a line such as 'a BP: text'.")
    if m := _SHORT.fullmatch(text):
        return _short(text, m["p"], (m["rest"] or "").strip())
    if m := _WORD_FORM.fullmatch(text):
        word = " ".join(m["w"].lower().split())
        return _word(text, word, m["rest"].strip())
    return Entry("note", line=text, text=text)


def _short(line: str, prefix: str, rest: str) -> Entry:
    if prefix == "a":
        return _action(line, rest, "a ", prose=False)
    if prefix in ("d", "n", "i"):
        kind: Kind = "decision" if prefix == "d" else "note" if prefix == "n" else "item"
        if not rest:
            what = {"decision": "a decision", "note": "a note", "item": "an item title"}[kind]
            raise EntryError(f"Type {what} after '{prefix} '.")
        doubt = LOWER_CASE_ITEM if kind == "item" and rest[0].islower() else ""
        return Entry(kind, line=line, text=rest, doubt=doubt)
    if prefix == "g":
        name, _, organisation = rest.partition(",")
        if not name.strip():
            raise EntryError("Type the guest's name after 'g ', e.g. 'g Ann Smith, Ofsted'.")
        return Entry("guest", line=line, text=name.strip(), organisation=organisation.strip())
    people = tuple(split_people(rest))
    if prefix in OFFICER_PREFIXES:
        role = OFFICER_PREFIXES[prefix]
        return _officer(line, role, people, prefix)
    if not people:
        raise EntryError(
            f"Type initials after '{prefix} ', e.g. '{prefix} BP CO' "
            f"({ATTENDANCE_PREFIXES[prefix].label})."
        )
    return Entry("attendance", line=line, attendance=ATTENDANCE_PREFIXES[prefix], people=people)


def _word(line: str, word: str, rest: str) -> Entry:
    kind, detail = _WORD_KINDS[word]
    shown = word.capitalize()
    if kind == "action":
        return _action(line, rest, f"{shown}: ", prose=True)
    if kind == "decision":
        if not rest:
            raise EntryError(f"Type the decision after '{shown}:'.")
        return Entry("decision", line=line, text=rest)
    people = tuple(split_people(rest))
    if not people:
        return Entry("note", line=line, text=line)  # "Apologies:" alone is a heading
    if isinstance(detail, OfficerRole):
        if len(people) != 1:
            return Entry("note", line=line, text=line)
        return Entry("officer", line=line, role=detail, people=people, prose_unless_known=True)
    assert isinstance(detail, AttendanceKind)
    return Entry("attendance", line=line, attendance=detail, people=people, prose_unless_known=True)


def _officer(line: str, role: OfficerRole, people: tuple[str, ...], prefix: str) -> Entry:
    title = role.label
    if not people:
        raise EntryError(
            f"Type the {title}'s initials or name after '{prefix} ', e.g. '{prefix} BP'."
        )
    if len(people) > 1:
        raise EntryError(f"A meeting has one {title}: give one person's initials or name.")
    return Entry("officer", line=line, role=role, people=people)


def _action(line: str, rest: str, how: str, *, prose: bool) -> Entry:
    owners, body = owners_and_text(rest, names_only=prose)
    parts: tuple[str, ...] = ()
    if owners and (second := second_action(body)):
        # "Action: Chris to make the edits. Brian to share them by 18 June": asked
        # about when the second sentence names someone on the roster.
        parts = (
            line[: len(line) - len(second)].rstrip(),
            ("a " if how == "a " else "Action: ") + second,
        )
    if not owners:
        owners, body = owners_at_end(body)
    text, due = split_due(body)
    if not owners:
        owners, text = owners_at_end(text)
    if not text:
        raise EntryError(
            f"The action has no text: '{how}BP: what is to be done [by DATE]'."
            if owners or not body
            else "The action has no text before 'by'."
        )
    return Entry(
        "action",
        line=line,
        text=text,
        owners=owners,
        due=due,
        doubt="" if owners else NO_OWNERS,
        parts=parts,
    )


def owner_fragment(line: str) -> tuple[str, str] | None:
    """For completion: (line up to the owner being typed, that partial owner).

    Only while typing the owners of an action ("a BP, C", "Action – BP/C") or the
    people of an attendance or officer line ("p BP C", "chair B").
    """
    if (m := _SHORT.fullmatch(line)) and m["rest"] is not None:
        prefix = m["p"]
        if prefix not in ("a", *ATTENDANCE_PREFIXES, *OFFICER_PREFIXES):
            return None
        rest = m["rest"]
        if prefix == "a" and (":" in rest or TO_WORD.search(rest)):
            return None
    elif (m := _WORD_FORM.fullmatch(line)) and m["w"].lower().startswith("action"):
        rest = m["rest"]
        if ":" in rest or TO_WORD.search(rest):
            return None
    else:
        return None
    cut = max(rest.rfind(sep) for sep in (",", "&", "/", " "))
    partial = rest[cut + 1 :]
    return line[: len(line) - len(partial)], partial
