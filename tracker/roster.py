"""A group's roster: the people who attend, own actions and receive digests."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tracker.db import Store
from tracker.errors import AmbiguousPerson, Candidate, InvalidInput, NotFound
from tracker.fields import clean, required, usable_initials
from tracker.groups import group_or_error
from tracker.loading import roster as load_roster
from tracker.loading import to_person
from tracker.models import Membership, Person
from tracker.records import PersonRecord

CSV_COLUMNS = ("name", "initials", "organisation", "email", "role")


def initials_from_name(name: str) -> str:
    """Default initials: first letter of each word ("Chris Owen" → "CO")."""
    letters = [w[0] for w in re.split(r"[\s-]+", name) if w and w[0].isalpha()]
    return "".join(letters).upper()[:12]


@dataclass(frozen=True)
class PersonInput:
    """One person as typed: validated before anything is written."""

    name: str
    initials: str | None = None
    organisation: str | None = None
    email: str | None = None
    role: str | None = None
    senior: bool = False

    def validated(self) -> PersonInput:
        name = required(Person.name, self.name, empty='A person needs a name, e.g. "Chris Owen".')
        typed = clean(Person.initials, self.initials, default=True)
        initials = typed or initials_from_name(name)
        if not typed and not usable_initials(initials):
            raise InvalidInput(
                f'No initials can be made from the name "{name}": type them in, '
                'letters (and digits) starting with a letter, e.g. "CO" or "PME".'
            )
        return PersonInput(
            name=name,
            initials=required(Person.initials, initials, empty="Initials are needed."),
            organisation=clean(Person.organisation, self.organisation),
            email=clean(Person.email, self.email),
            role=clean(Person.role, self.role),
            senior=self.senior,
        )


def _check_initials_free(
    s: Session, group_id: int, initials: str, except_person: int | None
) -> None:
    clash = s.execute(
        select(Person)
        .join(Membership, Membership.person_id == Person.id)
        .where(Membership.group_id == group_id, func.upper(Membership.initials) == initials)
    ).scalar()
    if clash is not None and clash.id != except_person:
        group = group_or_error(s, group_id)
        raise InvalidInput(
            f"{clash.name} already has the initials {initials} in {group.name}; "
            "give the new person different initials (e.g. add a middle letter)."
        )


def _add(s: Session, group_id: int, data: PersonInput, *, member: bool) -> Membership:
    group_or_error(s, group_id)
    assert data.initials is not None
    person = None
    if data.email:
        # The same person in another group (matched by e-mail) keeps one record,
        # so "my actions" and digests cover every group they sit on.
        person = s.scalar(select(Person).where(func.lower(Person.email) == data.email.lower()))
    # Initials are per group: the ones given here are this person's in this group,
    # whatever they are elsewhere, and no one else in the group may hold them.
    _check_initials_free(s, group_id, data.initials, person.id if person else None)
    if person is not None:
        already = s.get(Membership, (group_id, person.id))
        if already is not None:
            if already.active or not member:
                raise InvalidInput(f"{person.name} is already on this roster.")
            already.active = True
            already.initials = data.initials
            return already
    else:
        person = Person(
            name=data.name,
            initials=data.initials,
            organisation=data.organisation,
            email=data.email,
            role=data.role,
            senior=data.senior,
        )
        s.add(person)
        s.flush()
    membership = Membership(
        group_id=group_id, person_id=person.id, initials=data.initials, active=member
    )
    s.add(membership)
    s.flush()
    return membership


def _member(person: Person, membership: Membership) -> PersonRecord:
    """A person as a group knows them: with their initials in that group."""
    return replace(to_person(person, member=membership.active), initials=membership.initials)


def add_person(db: Store, group_id: int, data: PersonInput, *, guest: bool = False) -> PersonRecord:
    """Add someone to a group's roster (a guest is known to the group but not a member).

    Someone already on another group's roster (matched by e-mail) keeps their one
    record and takes the initials given here for this group.
    """
    data = data.validated()
    with db.write() as s:
        membership = _add(s, group_id, data, member=not guest)
        return _member(membership.person, membership)


def edit_person(db: Store, group_id: int, person_id: int, data: PersonInput) -> PersonRecord:
    """Change someone's details; new initials apply in this group only."""
    data = data.validated()
    assert data.initials is not None
    with db.write() as s:
        person = s.get(Person, person_id)
        membership = s.get(Membership, (group_id, person_id))
        if person is None or membership is None:
            raise NotFound(
                f"There is no person with id {person_id} on that roster.",
                what="person",
                ref=person_id,
            )
        if data.initials != membership.initials:
            _check_initials_free(s, group_id, data.initials, person.id)
            if person.initials == membership.initials:
                # The person's own initials (shown outside any group) were these:
                # they follow.
                person.initials = data.initials
            membership.initials = data.initials
        person.name = data.name
        person.organisation, person.email = data.organisation, data.email
        person.role, person.senior = data.role, data.senior
        return _member(person, membership)


def remove_person(db: Store, group_id: int, person_id: int) -> None:
    """Take someone off the active roster; their history and actions stay."""
    with db.write() as s:
        membership = s.get(Membership, (group_id, person_id))
        if membership is None:
            raise NotFound(
                f"There is no person with id {person_id} on that roster.",
                what="person",
                ref=person_id,
            )
        membership.active = False


def list_roster(db: Store, group_id: int, include_guests: bool = False) -> list[PersonRecord]:
    with db.read() as s:
        group_or_error(s, group_id)
        return load_roster(s, group_id, include_guests=include_guests)


def find_person(db: Store, group_id: int | None, ref: str) -> PersonRecord:
    """A person by id, initials (within a group), e-mail, or unique start of a name."""
    ref = ref.strip()
    if not ref:
        raise InvalidInput("Give a person by initials, name, e-mail or id.")
    with db.read() as s:
        if group_id is None:
            stmt = select(Person, Person.initials)
        else:
            stmt = (
                select(Person, Membership.initials)
                .join(Membership, Membership.person_id == Person.id)
                .where(Membership.group_id == group_id)
            )
        people = [(p, initials) for p, initials in s.execute(stmt)]
    if ref.isdigit():
        found = [(p, i) for p, i in people if p.id == int(ref)]
    else:
        low = ref.lower()
        found = [(p, i) for p, i in people if i.lower() == low]
        found = found or [(p, i) for p, i in people if p.email and p.email.lower() == low]
        found = found or [(p, i) for p, i in people if p.name.lower() == low]
        found = found or [(p, i) for p, i in people if p.name.lower().startswith(low)]
    if len(found) == 1:
        person, initials = found[0]
        return replace(to_person(person), initials=initials)
    where = "" if group_id is None else " on that roster"
    if not found:
        raise NotFound(
            f'No one matches "{ref}"{where}. Check the initials or name.', what="person", ref=ref
        )
    names = ", ".join(f"{p.name} [{i}] (id {p.id})" for p, i in found[:6])
    raise AmbiguousPerson(
        f'"{ref}" matches several people: {names}.',
        ref,
        [Candidate(p.id, p.name, i) for p, i in found],
        in_group=group_id is not None,
    )


@dataclass
class ImportReport:
    added: list[PersonRecord] = field(default_factory=list)
    #: (line number in the file, what was wrong)
    errors: list[tuple[int, str]] = field(default_factory=list)


def _read_csv_text(source: Path | str) -> str:
    if isinstance(source, str):
        return source
    try:
        raw = source.read_bytes()
    except OSError as exc:
        raise InvalidInput(f"Cannot read {source}: {exc.strerror}.") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        # Spreadsheets on Windows save "CSV" as cp1252; accept it rather than fail.
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        raise InvalidInput(
            f"{source} is not text in UTF-8: save it from your spreadsheet as "
            '"CSV UTF-8" and try again.'
        ) from None


def import_roster_csv(db: Store, group_id: int, source: Path | str) -> ImportReport:
    """Add everyone in a CSV (name, initials, organisation, email, role).

    A header row is optional. Rows that fail are reported with their line
    number; the others are added (each row in its own transaction).
    """
    text = _read_csv_text(source)
    if "\x00" in text:
        raise InvalidInput("That file is not a CSV text file (it contains binary data).")
    # newline="": the csv module reads line ends itself (a bare CR is a row end).
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise InvalidInput(
            f"Line {reader.line_num} cannot be read as CSV ({exc}); "
            "save the file again as CSV from your spreadsheet."
        ) from None
    report = ImportReport()
    if not rows:
        raise InvalidInput("The CSV file is empty: expected columns " + ", ".join(CSV_COLUMNS))
    columns = list(CSV_COLUMNS)
    start = 0
    header = [c.strip().lower() for c in rows[0]]
    if "name" in header:
        unknown = [h for h in header if h and h not in (*CSV_COLUMNS, "senior")]
        if unknown:
            raise InvalidInput(
                f"Unknown column(s) {', '.join(unknown)} in the header; "
                f"expected {', '.join(CSV_COLUMNS)} (and optionally senior)."
            )
        columns, start = header, 1
    with db.read() as s:
        group_or_error(s, group_id)
    for index, row in enumerate(rows[start:], start=start + 1):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(columns):
            report.errors.append(
                (
                    index,
                    f"{len(row)} columns, expected at most {len(columns)} ({', '.join(columns)})",
                )
            )
            continue
        values = dict(zip(columns, row, strict=False))
        try:
            data = PersonInput(
                name=values.get("name", ""),
                initials=values.get("initials"),
                organisation=values.get("organisation"),
                email=values.get("email"),
                role=values.get("role"),
                senior=values.get("senior", "").strip().lower() in {"yes", "y", "true", "1"},
            )
            report.added.append(add_person(db, group_id, data))
        except InvalidInput as exc:
            report.errors.append((index, str(exc)))
    return report
