"""The quick-entry line of the meeting screen: one short line per entry.

Pure parsing (no database): the screen turns an `Entry` into service calls, which
check owners against the roster and read the due date. Syntax (also in HELP):

    a BP, CO: share the EHE template with the AD network by 18 June
    d pause requesting s19 data until next academic year
    n Hampshire shared their attendance hub model      (or just type the note)
    i Elective home education update                    (a new agenda item)
    p BP CO   ap MS   ab JT   ia Ann Smith             (attendance)
    g Ann Smith, Ofsted                                  (a guest, in attendance)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Kind = Literal["action", "decision", "note", "item", "attendance", "guest"]

#: Attendance prefixes and the attendance kind each records (AttendanceKind values).
ATTENDANCE_PREFIXES: dict[str, str] = {
    "p": "present",
    "ap": "apologies",
    "ab": "absent",
    "ia": "in_attendance",
}

HELP = """\
Quick entry: one line, then Enter. Stored at once.
a OWNERS: TEXT [by DATE]  action:  a BP, CO: send the template by 18 June
   owners: initials or names joined by & , / and; or All
   due: 30/11/2026, Friday, next week, in 2 weeks, end of month,
        January, next meeting; "by -" for none
d TEXT                    decision
n TEXT  (or just TEXT)    note on the current item
i TITLE                   new agenda item (becomes the current item)
p / ap / ab / ia PEOPLE   present / apologies / absent / in attendance
g NAME[, ORGANISATION]    add a guest, in attendance
Tab takes the suggested owner; Up/Down recall lines; Esc leaves the line.
Ctrl+Z removes the last entry made here (after asking).
"""

_PREFIX = re.compile(r"^\s*(a|d|n|i|p|ap|ab|ia|g)(?:\s*:\s*|\s+|$)", re.IGNORECASE)
#: The due date follows the last " by " of an action.
_BY = re.compile(r"(?:^|\s+)by\s+", re.IGNORECASE)
_PEOPLE_SPLIT = re.compile(r"\s*(?:,|&|/|\band\b)\s*", re.IGNORECASE)


class QuickEntryError(ValueError):
    """A line that cannot be read; the message says how to write it."""


@dataclass(frozen=True)
class Entry:
    kind: Kind
    #: Note, decision, action or item text; the guest's name for "guest".
    text: str = ""
    #: Owners as typed ("BP, CO"), for the owner resolver.
    owners: str = ""
    #: The due date as typed, None when not given.
    due: str | None = None
    #: For attendance: the AttendanceKind value.
    attendance: str = ""
    #: For attendance: initials or names as typed.
    people: tuple[str, ...] = ()
    #: For a guest: their organisation.
    organisation: str = ""


def parse(line: str) -> Entry:
    """Read one quick-entry line; raises QuickEntryError saying what to fix."""
    text = line.strip()
    if not text:
        raise QuickEntryError("Nothing to enter: type a note, or a line such as 'a BP: text'.")
    m = _PREFIX.match(text)
    if m is None:
        return Entry("note", text=text)
    prefix = m.group(1).lower()
    rest = text[m.end() :].strip()
    if prefix == "a":
        return _action(rest)
    if prefix in ("d", "n", "i"):
        kind: Kind = {"d": "decision", "n": "note", "i": "item"}[prefix]  # type: ignore[assignment]
        if not rest:
            what = {"decision": "a decision", "note": "a note", "item": "an item title"}[kind]
            raise QuickEntryError(f"Type {what} after '{prefix} '.")
        return Entry(kind, text=rest)
    if prefix == "g":
        name, _, organisation = rest.partition(",")
        if not name.strip():
            raise QuickEntryError("Type the guest's name after 'g ', e.g. 'g Ann Smith, Ofsted'.")
        return Entry("guest", text=name.strip(), organisation=organisation.strip())
    people = tuple(_people(rest))
    if not people:
        raise QuickEntryError(
            f"Type initials after '{prefix} ', e.g. '{prefix} BP CO' "
            f"({ATTENDANCE_PREFIXES[prefix].replace('_', ' ')})."
        )
    return Entry("attendance", attendance=ATTENDANCE_PREFIXES[prefix], people=people)


def _action(rest: str) -> Entry:
    owners, colon, body = rest.partition(":")
    if not colon or not owners.strip():
        raise QuickEntryError(
            "An action needs its owners, then a colon: 'a BP, CO: text [by DATE]' "
            "(to keep this line as a note, start it with 'n ')."
        )
    body = body.strip()
    due: str | None = None
    matches = list(_BY.finditer(body))
    if matches:
        last = matches[-1]
        body, due = body[: last.start()].strip(), body[last.end() :].strip()
    elif re.search(r"(?:^|\s)by$", body, re.IGNORECASE):
        due = ""  # "… by" with the date still to come
        body = body[:-2].strip()
    if not body:
        raise QuickEntryError("The action has no text: 'a BP: what is to be done [by DATE]'.")
    if due is not None and not due:
        raise QuickEntryError("Give a due date after 'by', or 'by -' for none.")
    return Entry("action", text=body, owners=owners.strip(), due=due)


def _people(text: str) -> list[str]:
    """ "BP CO", "BP, CO", "Ann Smith & BP": initials may be split by spaces, names not."""
    out: list[str] = []
    for chunk in _PEOPLE_SPLIT.split(text.strip()):
        words = chunk.split()
        if len(words) > 1 and all(w.isupper() for w in words):
            out.extend(words)
        elif chunk:
            out.append(chunk)
    return out


def owner_fragment(line: str) -> tuple[str, str] | None:
    """For completion: (line up to the owner being typed, that partial owner).

    Only while typing the owners of an action ("a BP, C") or attendance ("p BP C").
    """
    m = _PREFIX.match(line)
    if m is None or m.group(1).lower() not in ("a", *ATTENDANCE_PREFIXES):
        return None
    rest = line[m.end() :]
    if m.group(1).lower() == "a" and ":" in rest:
        return None
    cut = max(rest.rfind(sep) for sep in (",", "&", "/", " "))
    partial = rest[cut + 1 :]
    return line[: len(line) - len(partial)], partial
