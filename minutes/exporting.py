"""What the export screen writes: minutes (full or public), a scheduled meeting's
agenda pack and invitation, and group calendars; their default file names, a
preview in parts, and the checked, atomic write (Word where the name ends .docx).

No Textual here: these run in worker threads and are tested on their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from minutes.reads import one_snapshot
from tracker.kinds import MeetingStatus

if TYPE_CHECKING:
    from exports.files import Written
    from tracker.db import Store

#: What can be exported, in the order offered (agenda and invite: scheduled meetings).
KINDS = ("full", "public", "agenda", "invite", "calendar", "tasks")
#: Kinds offered only before a meeting has started.
BEFORE_MEETING = ("agenda", "invite")
#: Lines of Markdown previewed at a time: Textual's Markdown widget mounts a widget per
#: block (~6 ms a line here), so a whole archive meeting (1,500 lines) would take seconds.
PART_LINES = 48


@dataclass(frozen=True)
class Meeting:
    """The exported meeting, as the screen names it."""

    id: int
    title: str
    day: date
    group_id: int
    group_name: str
    #: Not started yet: the agenda pack, the invitation and sending are offered.
    scheduled: bool = False


@dataclass(frozen=True)
class Content:
    """One export, ready to write: the file's bytes and the preview, in parts."""

    kind: str
    data: bytes
    parts: tuple[str, ...]
    #: Lines of the previewed Markdown in all.
    lines: int
    #: The same document in Word, written when the file name ends ".docx".
    word: bytes | None = None

    def bytes_for(self, name: str) -> bytes:
        """What a file of this name holds: Word for ".docx" (when there is a Word copy)."""
        if self.word is not None and name.strip().lower().endswith(".docx"):
            return self.word
        return self.data


@dataclass(frozen=True)
class Clash:
    """A different file is already at the path: ask before replacing it."""

    path: Path
    data: bytes


def default_name(meeting: Meeting, kind: str) -> str:
    """ "South-East-CME-Group-2024-11-13.md", "…-public.md", "South-East-CME-Group.ics",
    "South-East-CME-Group-tasks.ics"."""
    from exports.files import safe_file_name

    day = meeting.day.isoformat()
    stem, suffix = {
        "full": (f"{meeting.group_name}-{day}", ".md"),
        "public": (f"{meeting.group_name}-{day}-public", ".md"),
        "agenda": (f"{meeting.group_name}-{day}-agenda", ".docx"),
        "invite": (f"{meeting.group_name}-{day}-invite", ".ics"),
        "calendar": (meeting.group_name, ".ics"),
        "tasks": (f"{meeting.group_name}-tasks", ".ics"),
    }[kind]
    return safe_file_name(stem, suffix)


def preview_parts(markdown: str, budget: int = PART_LINES) -> tuple[str, ...]:
    """The Markdown cut into parts of about ``budget`` lines, only where a block starts
    (a blank line, a heading, a top-level list item, a table row: its header repeated)."""
    lines = markdown.rstrip("\n").split("\n")
    parts: list[list[str]] = []
    current: list[str] = []
    header: list[str] = []
    header_at = -1
    for n, line in enumerate(lines):
        if line.startswith("|"):
            if n == 0 or not lines[n - 1].startswith("|"):
                header, header_at = lines[n : n + 2], n
        else:
            header = []
        row = bool(header) and n >= header_at + 2
        if len(current) >= budget and (line == "" or line.startswith(("#", "- ")) or row):
            parts.append(current)
            current = list(header) if row else []
        if line or current:
            current.append(line)
    if current or not parts:
        parts.append(current)
    return tuple("\n".join(p) + "\n" for p in parts)


@one_snapshot
def load_minutes(db: Store, meeting_id: int) -> tuple[Meeting, list[Content]]:
    """The meeting, its minutes rendered in full and public (Markdown and Word), and
    for a meeting not yet started its agenda pack."""
    from exports.docx_minutes import render_minutes_docx
    from exports.markdown import render_minutes
    from minutes.documents import agenda_pack
    from tracker.queries import get_meeting

    record = get_meeting(db, meeting_id)
    m = record.meeting
    scheduled = m.status is MeetingStatus.SCHEDULED
    meeting = Meeting(m.id, m.title, m.date, m.group_id, m.group_name, scheduled)
    senior = record.group.public_senior_only if record.group else False
    out = []
    for kind in ("full", "public"):
        public = kind == "public"
        text = render_minutes(record, public=public, senior_only=senior)
        word = render_minutes_docx(record, public=public, senior_only=senior)
        out.append(_content(kind, text, word))
    if scheduled:
        from exports.agenda import render_agenda, render_agenda_docx

        pack = agenda_pack(db, meeting_id, public=True)  # as `s` sends it
        out.append(_content("agenda", render_agenda(pack), render_agenda_docx(pack)))
    return meeting, out


def _content(kind: str, markdown: str, word: bytes | None = None) -> Content:
    return Content(
        kind, markdown.encode("utf-8"), preview_parts(markdown), markdown.count("\n"), word
    )


@one_snapshot
def load_invite(db: Store, meeting: Meeting, now: datetime) -> Content:
    """The meeting's invitation (.ics) and a summary of it to preview."""
    from exports.escape import md_inline
    from exports.invite import invitees
    from minutes.documents import invite_bytes
    from tracker.recipients import group_recipients

    data = invite_bytes(db, meeting.id, now=now)
    people = invitees(group_recipients(db, meeting.group_id).to)
    lines = [f"# Invitation to the meeting of {md_inline(meeting.title)}", ""]
    lines.append(f"- {len(people)} {_plural(len(people), 'member')} invited, asked to reply:")
    lines += [f"  - {md_inline(p.name)} ({md_inline(p.email)})" for p in people]
    lines += [
        "- sent again after the meeting moves, it updates the event instead of adding one",
        "",
        f"{len(data):,} bytes.",
    ]
    text = "\n".join(lines) + "\n"
    return Content("invite", data, (text,), len(lines))


@one_snapshot
def load_calendar(db: Store, meeting: Meeting, kind: str, today: date, now: datetime) -> Content:
    """The group's calendar file (tasks: actions as VTODO), and a summary to preview."""
    from exports.escape import md_heading
    from minutes.documents import calendar_bytes

    todos = kind == "tasks"
    data = calendar_bytes(db, meeting.group_id, None, todos=todos, today=today, now=now)
    actions = data.count(b"\nUID:todo-" if todos else b"\nUID:action-")
    meetings = data.count(b"\nUID:meeting-")
    lines = [f"# {'Tasks' if todos else 'Calendar'} of {md_heading(meeting.group_name)}", ""]
    if todos:
        lines.append(f"- {actions} {_plural(actions, 'action')} with due dates, as tasks")
    else:
        lines.append(f"- {meetings} coming {_plural(meetings, 'meeting')}, with agendas")
        lines.append(f"- {actions} {_plural(actions, 'action')} with due dates, as all-day events")
    lines += [
        "- actions closed lately are included as cancelled, so calendars drop them",
        "- actions under confidential items are left out",
        "",
        f"{len(data):,} bytes. Importing the file again updates the entries "
        "instead of adding them twice.",
    ]
    text = "\n".join(lines) + "\n"
    return Content(kind, data, (text,), len(lines))


def target_path(folder: str, name: str) -> Path:
    """The file to write: ``name`` (a plain file name) in ``folder`` (absolute, or under
    the working folder without climbing out of it with "..")."""
    from exports.files import check_output_path, inside
    from tracker.errors import InvalidInput

    name = name.strip()
    if not name:
        raise InvalidInput("The file name is empty: give one.")
    base = check_output_path(folder.strip() or ".")
    if "/" in name or "\\" in name or name in (".", ".."):
        raise InvalidInput(f'"{name}" is not a plain file name: put folders in the Folder field.')
    return inside(base, name)


def write_file(folder: str, name: str, data: bytes, *, force: bool) -> Written | Clash:
    """Write atomically; a different file already there comes back as a Clash (unless
    ``force``), the same content is left as it is."""
    from exports.files import write_atomic
    from tracker.errors import FileClash

    target = target_path(folder, name)
    try:
        return write_atomic(target, data, force=force)
    except FileClash:
        return Clash(target, data)


def _plural(n: int, word: str) -> str:
    return word if n == 1 else word + "s"
