"""The corpus of realistic minute lines (tests/corpus/entry_lines.txt), read by the
grammar and then stored, line after line, in a real meeting on SQLite and PostgreSQL:
each line must be stored as the corpus says, and nothing else may be stored."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from sqlalchemy import select

from tracker.agenda import add_item
from tracker.dates import DateError, parse_due
from tracker.db import Database
from tracker.entry.grammar import Entry, EntryError, parse
from tracker.entry.storing import Stored, Uncertain, store_entry
from tracker.errors import MinutesError
from tracker.meetings import open_meeting
from tracker.models import Attendance, Decision, Item, Note
from tracker.queries import get_meeting
from tracker.roster import PersonInput, add_person

from . import entry_corpus
from .builders import make_cme, meeting_on
from .entry_corpus import MEETING_DAY, NEXT_MEETING_DAY, Expected

CORPUS = entry_corpus.load()
ATTENDANCE = {
    "present": "present",
    "apologies": "apologies",
    "absent": "absent",
    "in attendance": "in_attendance",
}


def test_the_corpus_is_large_and_varied() -> None:
    assert len(CORPUS) >= 200
    starts = Counter(e.line[0] for e in CORPUS)
    for letter in "AIDNPG":
        assert starts[letter] >= 5, letter
    kinds = Counter(e.kind for e in CORPUS)
    assert kinds["note"] >= 100 and kinds["action"] >= 40 and kinds["ask"] >= 10


def _grammar_misreading(e: Expected) -> str | None:
    """Why the grammar reads the line otherwise than the corpus says (None if it agrees)."""
    try:
        entry = parse(e.line)
    except EntryError as exc:
        if e.kind == "refused" and e.text in str(exc):
            return None
        return f"refused: {exc}"
    if e.kind == "refused":
        # Refused by the record (an ambiguous owner, an impossible date), not the grammar.
        return None if entry.kind == "action" and not entry.doubt else f"read as {entry}"
    if e.kind == "ask":
        if e.detail == "add":
            named = entry.owners or ", ".join(entry.people)
            ok = not entry.doubt and e.text in named
        elif e.detail == "two":
            ok = entry.kind == "action" and len(entry.parts) == 2
        else:
            ok = bool(entry.doubt) and entry.kind == ("item" if e.detail == "item" else "action")
        return None if ok else f"read as {entry}"
    if e.kind == "note" and entry.prose_unless_known:
        return None  # a minutes form naming people not on the roster: a note, by the record
    want = {"chair": "officer", "minute-taker": "officer"}.get(e.kind, e.kind)
    if entry.kind != want or entry.doubt:
        return f"read as {entry.kind}{' (in doubt)' if entry.doubt else ''}"
    if e.kind in ("note", "decision", "item", "action") and entry.text != e.text:
        return f"text {entry.text!r}"
    if e.kind == "action":
        try:
            due = parse_due(entry.due or "", MEETING_DAY, lambda: NEXT_MEETING_DAY)
        except DateError as exc:
            return f"due date refused: {exc}"
        if due != e.due:
            return f"due {due}"
    if e.kind == "attendance" and entry.attendance != ATTENDANCE[e.detail]:
        return f"attendance {entry.attendance}"
    return None


def test_the_grammar_reads_every_corpus_line_as_intended() -> None:
    wrong = [f"{e}\n    {why}" for e in CORPUS if (why := _grammar_misreading(e))]
    print(f"\ngrammar: {len(CORPUS) - len(wrong)}/{len(CORPUS)} lines read as intended")
    assert not wrong, "\n".join(wrong)


def _stored_misreading(db: Database, meeting_id: int, e: Expected, result: object) -> str | None:
    """Why what was stored (or refused) differs from the corpus (None if it agrees)."""
    if isinstance(result, Uncertain):
        if e.kind != "ask":
            return f"asked: {result}"
        if e.detail == "add":
            return None if result.unknown == e.text else f"asked to add {result.unknown!r}"
        want = "item" if e.detail == "item" else "action"
        two = e.detail != "two" or len(result.entry.parts) == 2
        ok = not result.unknown and result.entry.kind == want and two
        return None if ok else f"asked: {result}"
    if isinstance(result, MinutesError):
        if e.kind == "refused" and e.text in str(result):
            return None
        return f"refused: {result}"
    assert isinstance(result, Stored)
    if e.kind in ("ask", "refused"):
        return f"stored as {result.kind}: {result.reading}"
    want = {"chair": "officer", "minute-taker": "officer"}.get(e.kind, e.kind)
    if result.kind != want:
        return f"stored as {result.kind}: {result.reading}"
    check: dict[str, Callable[[], str | None]] = {
        "note": lambda: _written(db, Note, result, e),
        "decision": lambda: _written(db, Decision, result, e),
        "item": lambda: _item(db, result, e),
        "action": lambda: _action(result, e),
        "attendance": lambda: _attendance(db, meeting_id, e),
        "guest": lambda: _guest(db, meeting_id, e),
        "chair": lambda: _officer(db, meeting_id, e),
        "minute-taker": lambda: _officer(db, meeting_id, e),
    }
    return check[e.kind]()


def _written(
    db: Database, model: type[Note] | type[Decision], stored: Stored, e: Expected
) -> str | None:
    assert stored.undo is not None
    with db.read() as s:
        row = s.get(model, stored.undo.ref_id)
        return None if row is not None and row.text == e.text else f"stored {row and row.text!r}"


def _item(db: Database, stored: Stored, e: Expected) -> str | None:
    with db.read() as s:
        item = s.get(Item, stored.item_id)
        return None if item is not None and item.title == e.text else "another title"


def _action(stored: Stored, e: Expected) -> str | None:
    action = stored.action
    assert action is not None
    got = (action.text, action.owner_label, action.due_date)
    return None if got == (e.text, e.owners, e.due) else f"stored {got}"


def _attendance(db: Database, meeting_id: int, e: Expected) -> str | None:
    record = get_meeting(db, meeting_id)
    kinds = {a.person.initials: a.kind.value for a in record.attendance}
    wrong = [i for i in e.owners.split() if kinds.get(i) != ATTENDANCE[e.detail]]
    return f"attendance of {wrong}: {kinds}" if wrong else None


def _guest(db: Database, meeting_id: int, e: Expected) -> str | None:
    name, _, organisation = e.text.partition(", ")
    record = get_meeting(db, meeting_id)
    match = [a for a in record.attendance if a.person.name == name]
    if len(match) != 1 or match[0].kind.value != "in_attendance":
        return "not in attendance"
    (person,) = [p for p in record.roster if p.name == name]
    if (person.organisation or "") != organisation or person.member:
        return f"stored {person}"
    return None


def _officer(db: Database, meeting_id: int, e: Expected) -> str | None:
    meeting = get_meeting(db, meeting_id).meeting
    who = meeting.chair if e.kind == "chair" else meeting.minute_taker
    return None if who is not None and who.initials == e.owners else f"{e.kind} is {who}"


def test_every_corpus_line_is_stored_as_intended(db: Database) -> None:
    cme = make_cme(db)
    add_person(db, cme.group.id, PersonInput("Melanie Ward", "MW"))
    meeting = meeting_on(db, cme.group.id, MEETING_DAY)
    meeting_on(db, cme.group.id, NEXT_MEETING_DAY)
    open_meeting(db, meeting.id, today=MEETING_DAY)
    item_id: int | None = add_item(db, meeting.id, "Attendance arrangements")
    wrong: list[str] = []
    for e in CORPUS:
        result: object
        try:
            entry: Entry = parse(e.line)
            result = store_entry(db, meeting.id, item_id, entry)
        except MinutesError as exc:
            result = exc
        if isinstance(result, Stored):
            item_id = result.item_id
        if why := _stored_misreading(db, meeting.id, e, result):
            wrong.append(f"{e}\n    {why}")
    total = len(CORPUS)
    print(f"\n{db.engine.dialect.name}: {total - len(wrong)}/{total} lines stored as intended")
    assert not wrong, "\n".join(wrong)
    # Nothing was stored beyond what the corpus says: no person, item or entry from a guess.
    counts = Counter(e.kind for e in CORPUS)
    with db.read() as s:
        items = s.scalars(select(Item).where(Item.meeting_id == meeting.id)).all()
        ids = [i.id for i in items]
        notes = s.scalars(select(Note).where(Note.item_id.in_(ids))).all()
        decisions = s.scalars(select(Decision).where(Decision.item_id.in_(ids))).all()
        attended = s.scalars(select(Attendance).where(Attendance.meeting_id == meeting.id)).all()
    record = get_meeting(db, meeting.id)
    prose_forms = sum(1 for e in CORPUS if e.kind == "note" and parse(e.line).prose_unless_known)
    assert len(notes) == counts["note"] >= prose_forms
    assert len(decisions) == counts["decision"]
    assert len(record.actions()) == counts["action"]
    # Matters arising and AOB (an opened meeting has them), the one added above, the corpus's.
    assert len(items) == len(get_meeting(db, meeting.id).items) == 2 + 1 + counts["item"]
    guests = {p.name for p in record.roster if not p.member}
    assert guests == {"Ann Smith", "Raj Patel"}
    assert len(record.roster) == 8 + 2
    assert {a.person_id for a in attended} <= {p.id for p in record.roster}
