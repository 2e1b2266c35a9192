"""What the export screen writes: minutes (full or public) and group calendars, their
default file names, a preview in parts, and the checked, atomic write.

No Textual here: these run in worker threads and are tested on their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from exports.files import Written
    from tracker.db import Store

#: What can be exported, in the order offered.
KINDS = ("full", "public", "calendar", "tasks")
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


@dataclass(frozen=True)
class Content:
    """One export, ready to write: the file's bytes and the preview, in parts."""

    kind: str
    data: bytes
    parts: tuple[str, ...]
    #: Lines of the previewed Markdown in all.
    lines: int


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


def load_minutes(db: Store, meeting_id: int) -> tuple[Meeting, list[Content]]:
    """The meeting, and its minutes rendered in full and public."""
    from minutes.documents import minutes_markdown
    from tracker.queries import get_meeting

    record = get_meeting(db, meeting_id)
    m = record.meeting
    meeting = Meeting(m.id, m.title, m.date, m.group_id, m.group_name)
    out = []
    for kind in ("full", "public"):
        text = minutes_markdown(db, record, public=kind == "public")
        out.append(Content(kind, text.encode("utf-8"), preview_parts(text), text.count("\n")))
    return meeting, out


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
    from exports.files import FileClash, write_atomic

    target = target_path(folder, name)
    try:
        return write_atomic(target, data, force=force)
    except FileClash:
        return Clash(target, data)


def _plural(n: int, word: str) -> str:
    return word if n == 1 else word + "s"
