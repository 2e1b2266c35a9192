"""A group's archive as a folder a council could publish: every held meeting's minutes
(Markdown, and Word with --docx), an index.md by year with links, and the group's
calendar. One read of the whole archive (tracker.archive), then one file per meeting.
No Textual here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.kinds import HELD

if TYPE_CHECKING:
    from tracker.db import Store
    from tracker.meeting_records import MeetingRecord

#: Reports (done, total, what) as meetings are written.
Progress = Callable[[int, int, str], None]


@dataclass
class ArchiveWritten:
    folder: Path
    meetings: int = 0
    files: list[Path] = field(default_factory=list)
    unchanged: int = 0


def _held(record: MeetingRecord) -> bool:
    return record.meeting.status in HELD


def _stem(record: MeetingRecord, taken: set[str]) -> str:
    stem = record.meeting.date.isoformat()
    if stem in taken:  # two meetings on one day
        stem = f"{stem}-{record.meeting.id}"
    taken.add(stem)
    return stem


def index_markdown(group_name: str, entries: list[tuple[MeetingRecord, str, bool]]) -> str:
    """index.md: the meetings by year, newest year first, each linked to its minutes."""
    from exports.escape import md_heading, md_inline
    from exports.markdown import status_line
    from exports.naming import meeting_when

    lines = [f"# {md_heading(group_name)}", "", "Minutes of the group's meetings, by year.", ""]
    lines += ["Calendar of coming meetings and open actions: [calendar.ics](calendar.ics)", ""]
    by_year: dict[int, list[tuple[MeetingRecord, str, bool]]] = {}
    for entry in entries:
        by_year.setdefault(entry[0].meeting.date.year, []).append(entry)
    for year in sorted(by_year, reverse=True):
        lines += [f"## {year}", ""]
        for record, stem, word in by_year[year]:
            m = record.meeting
            title = "" if m.title == f"{m.group_name} meeting" else f" — {md_inline(m.title)}"
            line = f"- [{meeting_when(m)}](minutes/{stem}.md){title} ({status_line(record)})"
            if word:
                line += f" · [Word](minutes/{stem}.docx)"
            lines.append(line)
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def write_archive(
    db: Store,
    group_id: int,
    out: str,
    *,
    word: bool = False,
    public: bool = True,
    force: bool = False,
    today: date | None = None,
    now: datetime | None = None,
    progress: Progress | None = None,
) -> ArchiveWritten:
    """Write the archive into the folder ``out`` (created if needed). A file already
    there with other content is replaced only with ``force``; nothing is written if
    any would be, without it."""
    from exports.contents import Prepared
    from exports.docx_minutes import render_minutes_docx
    from exports.files import check_output_path, ensure_folder, inside, write_all
    from exports.markdown import render_minutes
    from minutes.documents import calendar_bytes
    from tracker.archive import load_archive
    from tracker.errors import InvalidInput
    from tracker.groups import get_group

    report = progress or (lambda _d, _t, _w: None)
    group = get_group(db, group_id)
    folder = ensure_folder(check_output_path(out))
    minutes_folder = ensure_folder(inside(folder, "minutes"))
    report(0, 0, "reading the record")
    records = [r for r in load_archive(db, group_id) if _held(r)]
    taken: set[str] = set()
    plan = [(r, _stem(r, taken)) for r in records]
    targets = [inside(minutes_folder, f"{stem}.md") for _r, stem in plan]
    if word:
        targets += [inside(minutes_folder, f"{stem}.docx") for _r, stem in plan]
    targets += [inside(folder, "index.md"), inside(folder, "calendar.ics")]
    if not force:
        clashes = [t for t in targets if t.exists()]
        if clashes:
            names = ", ".join(t.name for t in clashes[:5]) + (" …" if len(clashes) > 5 else "")
            raise InvalidInput(
                f"{len(clashes)} file(s) already in {folder} ({names}): add --force to "
                "replace them, or choose another folder. Nothing was written."
            )
    done = ArchiveWritten(folder, len(plan))
    files: list[tuple[Path, str | bytes]] = []
    senior = group.public_senior_only
    for n, (record, stem) in enumerate(plan):
        report(n, len(plan), record.meeting.date.isoformat())
        prepared = Prepared(record, public, senior)  # what both documents say
        text = render_minutes(record, prepared=prepared)
        files.append((inside(minutes_folder, f"{stem}.md"), text))
        if word:
            docx = render_minutes_docx(record, prepared=prepared)
            files.append((inside(minutes_folder, f"{stem}.docx"), docx))
    report(len(plan), len(plan), "index and calendar")
    index = index_markdown(group.name, [(r, s, word) for r, s in plan])
    files.append((inside(folder, "index.md"), index))
    calendar = calendar_bytes(db, group_id, None, today=today, now=now)
    files.append((inside(folder, "calendar.ics"), calendar))
    report(len(plan), len(plan), "writing")
    for written in write_all(files, force=True):
        done.files.append(written.path)
        done.unchanged += not written.changed
    report(len(plan), len(plan), "done")
    return done
