"""Entry lines replayed into a meeting from a file: notes typed in any editor during
the meeting, or a script, read exactly as the entry line reads them.

All or nothing: the lines are stored in one transaction, each line inside a
savepoint of its own so that every refused line is found and reported, and if any
line is refused nothing is kept. A dry run reads every line the same way (items
added by earlier lines included) and keeps nothing.

Blank lines are skipped, and so are comment lines: "#" alone or "#" then a space
("# item 3 starts here"). "#1 priority is attendance" is a note.

A file is often run again (after fixing a refused line, or by mistake): a line
that would add what the meeting already held before the run — an agenda item of
the same title, a note, decision or action of the same words under the same item
— is refused as stored before, unless `again` is given. An item stored before
becomes the current item, so the lines under it are checked against it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tracker.entry.grammar import Entry, parse
from tracker.entry.storing import Stored, store_in
from tracker.errors import InvalidInput, MinutesError

if TYPE_CHECKING:
    from tracker.db import Database, UnitOfWork


class StoredBefore(InvalidInput):
    """A line that would add again what the meeting already holds."""

    def __init__(self, message: str, item_id: int | None = None):
        super().__init__(message)
        #: For an item stored before: that item, which becomes current.
        self.item_id = item_id


@dataclass
class _Held:
    """What the meeting held before the run: item titles, and each item's entries."""

    titles: dict[str, tuple[int, str]] = field(default_factory=dict)
    entries: dict[int, set[tuple[str, str]]] = field(default_factory=dict)
    labels: dict[int, str] = field(default_factory=dict)

    def check(self, entry: Entry, item_id: int | None) -> None:
        """Raise StoredBefore if `entry` would add what was already there."""
        if entry.kind == "item":
            if (found := self.titles.get(_same(entry.text))) is not None:
                ref, label = found
                raise StoredBefore(f"{label} is already on the agenda: {_BEFORE}", ref)
        elif item_id is not None and (entry.kind, _same(entry.text)) in self.entries.get(
            item_id, set()
        ):
            what = "an action" if entry.kind == "action" else f"a {entry.kind}"
            raise StoredBefore(
                f"{what} with these words is already under {self.labels[item_id]}: {_BEFORE}"
            )


_BEFORE = "were these lines stored before?"


def _same(text: str) -> str:
    return " ".join(text.split()).casefold()


def is_comment(line: str) -> bool:
    """A line a file may carry for its reader: "#" alone or "# …"."""
    text = line.strip()
    return text == "#" or text.startswith("# ")


@dataclass(frozen=True)
class LineOutcome:
    """One entry line of the file: how it was read, or why it was refused."""

    number: int
    line: str
    stored: Stored | None = None
    refused: MinutesError | None = None


@dataclass
class Replay:
    """Every entry line's outcome, and whether the lines were kept."""

    outcomes: list[LineOutcome] = field(default_factory=list)
    kept: bool = False

    @property
    def refused(self) -> list[LineOutcome]:
        return [o for o in self.outcomes if o.refused is not None]


class _KeepNothing(Exception):
    """Raised inside the transaction to roll it back (a dry run, or a refused line)."""


def replay_lines(
    db: Database,
    meeting_id: int,
    lines: Iterable[str],
    *,
    item_id: int | None = None,
    dry_run: bool = False,
    again: bool = False,
) -> Replay:
    """Store entry lines at a meeting, all or nothing.

    Lines that belong to an item go under `item_id`, or the meeting's first item,
    until a line adds an item (which then becomes current), as on the meeting screen.
    With `again`, lines that repeat what the meeting held before are stored too.
    """
    replay = Replay()
    try:
        with db.unit() as work:
            current = _starting_item(work, meeting_id, item_id)
            held = _Held() if again else _held(work, meeting_id)
            for number, raw in enumerate(lines, start=1):
                line = raw.rstrip("\r\n")
                if not line.strip() or is_comment(line):
                    continue
                try:
                    entry = parse(line)
                    held.check(entry, current)
                    with work.session.begin_nested():
                        stored = store_in(work, meeting_id, current, entry)
                except StoredBefore as exc:
                    current = exc.item_id or current
                    replay.outcomes.append(LineOutcome(number, line, refused=exc))
                    continue
                except MinutesError as exc:
                    replay.outcomes.append(LineOutcome(number, line, refused=exc))
                    continue
                current = stored.item_id
                replay.outcomes.append(LineOutcome(number, line, stored=stored))
            if dry_run or replay.refused or not replay.outcomes:
                raise _KeepNothing
    except _KeepNothing:
        return replay
    replay.kept = True
    return replay


def _starting_item(work: UnitOfWork, meeting_id: int, item_id: int | None) -> int | None:
    from sqlalchemy import select

    from tracker.guards import meeting_or_error
    from tracker.models import Item

    with work.read() as s:
        meeting_or_error(s, meeting_id)
        items = s.scalars(
            select(Item.id).where(Item.meeting_id == meeting_id).order_by(Item.position)
        ).all()
    if item_id is None:
        return items[0] if items else None
    if item_id not in items:
        raise InvalidInput(f"Item {item_id} is not on the agenda of meeting {meeting_id}.")
    return item_id


def _held(work: UnitOfWork, meeting_id: int) -> _Held:
    from sqlalchemy import select

    from tracker.models import Action, Decision, Item, Note

    held = _Held()
    with work.read() as s:
        for ref, position, title in s.execute(
            select(Item.id, Item.position, Item.title).where(Item.meeting_id == meeting_id)
        ):
            label = f"item {position}, {title}"
            held.titles.setdefault(_same(title), (ref, f'item {position}, "{title}",'))
            held.labels[ref] = label
            held.entries[ref] = set()
        for kind, model in (("note", Note), ("decision", Decision), ("action", Action)):
            rows = s.execute(
                select(model.item_id, model.text)
                .join(Item, Item.id == model.item_id)
                .where(Item.meeting_id == meeting_id)
            )
            for ref, text in rows:
                held.entries[ref].add((kind, _same(text)))
    return held
