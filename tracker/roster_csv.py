"""Importing a roster from a CSV file: all of it or none of it.

The file is UTF-8 (with or without the byte-order mark spreadsheets add), or
Windows-1252 when it decodes cleanly as that and holds nothing that looks like
UTF-8 (so a damaged UTF-8 file is refused, never read as mojibake). The first
line is a header naming the columns, one of them the name; the separator
(comma, semicolon or tab) is read from it. Every row is checked by the same
rules as a person added by hand, in one transaction: if any row is wrong,
nothing is imported and every wrong line is listed. A row for someone already
on the roster with the same name and initials is "already there", not an error.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tracker.db import Store
from tracker.errors import InvalidInput
from tracker.groups import group_or_error
from tracker.models import Membership, Person
from tracker.records import PersonRecord
from tracker.roster import PersonInput, add_to_roster, member_record
from tracker.text import clean_line

#: Columns a roster file may have, and the other names spreadsheets give them.
COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("name", "fullname", "person"),
    "initials": ("initials",),
    "organisation": ("organisation", "organization", "org"),
    "email": ("email", "emailaddress", "mail"),
    "role": ("role",),
    "senior": ("senior",),
}
SEPARATORS = (",", ";", "\t")
HOW_TO_SAVE = (
    'Save it from your spreadsheet as "CSV UTF-8" (in Excel: File, Save As, '
    '"CSV UTF-8 (Comma delimited)") and import that file.'
)
_TRUE = {"yes", "y", "true", "1", "x"}
# A character written in UTF-8 (two to four bytes): a file with these but some
# byte that is not UTF-8 is damaged UTF-8, not Windows-1252.
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


@dataclass
class ImportReport:
    #: Added to the roster (empty when anything was wrong: nothing is imported then).
    added: list[PersonRecord] = field(default_factory=list)
    #: (line in the file, the person) already on the roster with that name and initials.
    already: list[tuple[int, PersonRecord]] = field(default_factory=list)
    #: (line in the file, what is wrong with it).
    errors: list[tuple[int, str]] = field(default_factory=list)

    @property
    def imported(self) -> bool:
        return not self.errors


def decode_csv(raw: bytes, where: str = "The file") -> str:
    """The text of a roster file, or InvalidInput naming the line of the first bad byte."""
    if b"\x00" in raw:
        line = raw.count(b"\n", 0, raw.index(b"\x00")) + 1
        raise InvalidInput(
            f"{where} is not a CSV text file: line {line} holds binary data (it may be a "
            f"spreadsheet, or text saved as UTF-16). {HOW_TO_SAVE}"
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = exc.start
    if _UTF8_SEQUENCE.search(raw) is None:
        try:
            # Spreadsheets on Windows save "CSV" as Windows-1252; such a file reads whole.
            return raw.decode("cp1252")
        except UnicodeDecodeError as exc:
            bad = exc.start
    line = raw.count(b"\n", 0, bad) + 1
    raise InvalidInput(
        f"{where} is not UTF-8 text: line {line} has a byte (0x{raw[bad]:02X}) that is not "
        f"part of any character. {HOW_TO_SAVE}"
    )


def _column(heading: str) -> str | None:
    key = re.sub(r"[\s_.-]+", "", heading.strip().lower())
    return next((name for name, words in COLUMNS.items() if key in words), None)


def _header(line: str) -> tuple[str, list[str]]:
    """The separator and the columns, from the header line."""
    best: tuple[str, list[str]] | None = None
    for sep in SEPARATORS:
        cells = next(csv.reader([line], delimiter=sep), [])
        if any(_column(c) == "name" for c in cells) and (best is None or len(cells) > len(best[1])):
            best = (sep, cells)
    if best is None:
        shown = clean_line(line)[:80]
        raise InvalidInput(
            "The first line of the file must be a header naming its columns, one of them "
            f'the name (for example: name,initials,organisation,email,role); it is "{shown}".'
        )
    sep, cells = best
    columns = []
    for cell in cells:
        name = _column(cell)
        if name is None and cell.strip():
            raise InvalidInput(
                f'The header has a column "{clean_line(cell)[:40]}" that a roster does not '
                f"have: use {', '.join(COLUMNS)} (leave out the others)."
            )
        if name is not None and name in columns:
            raise InvalidInput(f'The header names the column "{name}" twice.')
        columns.append(name or "")
    return sep, columns


def read_rows(text: str) -> list[tuple[int, dict[str, str]]]:
    """(line number, values by column) for each row that is not blank."""
    lines = text.splitlines()
    first = next((n for n, line in enumerate(lines) if line.strip()), None)
    if first is None:
        raise InvalidInput(
            "The file is empty: the first line should name the columns "
            "(name,initials,organisation,email,role), one person on each line after it."
        )
    sep, columns = _header(lines[first])
    # newline="": the csv module reads line ends itself (a quoted cell may hold one).
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    rows: list[tuple[int, dict[str, str]]] = []
    try:
        for _ in range(first + 1):
            next(reader)
        while True:
            start = reader.line_num + 1
            try:
                cells = next(reader)
            except StopIteration:
                break
            if not any(c.strip() for c in cells):
                continue
            if len(cells) > len(columns):
                rows.append(
                    (
                        start,
                        {"": f"{len(cells)} cells, but the header names {len(columns)} columns"},
                    )
                )
                continue
            rows.append((start, {c: v for c, v in zip(columns, cells, strict=False) if c}))
    except csv.Error as exc:
        raise InvalidInput(
            f"Line {reader.line_num} cannot be read as CSV ({exc}); "
            "save the file again as CSV from your spreadsheet."
        ) from None
    return rows


class _Refused(Exception):
    """Rolls the import back once every row has been looked at."""


def import_roster_csv(db: Store, group_id: int, source: Path | str) -> ImportReport:
    """Add everyone in a roster CSV to a group, or no one (see the module's docstring).

    `source` is a file, or the CSV text itself.
    """
    if isinstance(source, Path):
        try:
            raw = source.read_bytes()
        except OSError as exc:
            raise InvalidInput(f"Cannot read {source}: {exc.strerror}.") from None
        text = decode_csv(raw, clean_line(str(source)))
    else:
        text = source
    rows = read_rows(text)
    report = ImportReport()
    try:
        with db.write() as s:
            group_or_error(s, group_id)
            for line, values in rows:
                _import_row(s, group_id, line, values, report)
            if report.errors:
                raise _Refused
    except _Refused:
        report.added = []
    return report


def _import_row(
    s: Session, group_id: int, line: int, values: dict[str, str], report: ImportReport
) -> None:
    if "" in values:
        report.errors.append((line, values[""]))
        return
    try:
        data = PersonInput(
            name=values.get("name", ""),
            initials=values.get("initials"),
            organisation=values.get("organisation"),
            email=values.get("email"),
            role=values.get("role"),
            senior=values.get("senior", "").strip().lower() in _TRUE,
        ).validated()
        there = _already_there(s, group_id, data)
        if there is not None:
            report.already.append((line, there))
            return
        # A savepoint per row: a row that fails leaves no trace for the rows after it.
        with s.begin_nested():
            membership = add_to_roster(s, group_id, data)
        report.added.append(member_record(membership))
    except InvalidInput as exc:
        report.errors.append((line, str(exc)))


def _already_there(s: Session, group_id: int, data: PersonInput) -> PersonRecord | None:
    assert data.initials is not None
    row = s.execute(
        select(Person, Membership)
        .join(Membership, Membership.person_id == Person.id)
        .where(
            Membership.group_id == group_id,
            Membership.active,
            func.upper(Membership.initials) == data.initials.upper(),
        )
    ).first()
    if row is None or row[0].name.casefold() != data.name.casefold():
        return None
    return member_record(row[1])
