"""The whole record as JSON, and back: moving between SQLite and PostgreSQL.

Every table of the models is written (history, digest log, audit trail and
amendments included), rows in primary-key order, with their ids, so that a
dump of a record loaded from a dump is byte-for-byte the same file. Values
are typed by their column: dates and times in ISO form, meeting times and
timestamps as UTC with their offset, enums by value, attached files in base64.
The dump is read in one snapshot (REPEATABLE READ on PostgreSQL), so it is
consistent while others write. A load holds every row to the rules every
other way in applies (tracker.fields) and runs in one transaction: a dump with
any row the record refuses loads nothing, and says which rows.
"""

from __future__ import annotations

import base64
import enum
import json
from collections.abc import Iterator
from datetime import date, datetime, time
from typing import IO, Any

from sqlalchemy import (
    Column,
    Date,
    Enum,
    LargeBinary,
    Table,
    Time,
    delete,
    func,
    select,
    text,
    update,
)
from sqlalchemy.engine import Connection

from tracker.db import Database
from tracker.errors import AlreadyHolds, InvalidInput, NotADump
from tracker.fields import check_row
from tracker.migrations import HEAD
from tracker.models import Base, UTCDateTime

FORMAT = "minutes-record"
VERSION = 1
_CHUNK = 1000


def _tables() -> list[Table]:
    return list(Base.metadata.sorted_tables)


def _encode(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, bytes | memoryview):  # attached files: base64 text
        return base64.b64encode(bytes(value)).decode("ascii")
    return value


def _decoder(column: Column[Any]) -> Any:
    col_type = column.type
    if isinstance(col_type, UTCDateTime):
        return datetime.fromisoformat
    if isinstance(col_type, Enum) and col_type.enum_class is not None:
        return col_type.enum_class
    if isinstance(col_type, Date):
        return date.fromisoformat
    if isinstance(col_type, Time):
        return time.fromisoformat
    if isinstance(col_type, LargeBinary):
        return lambda text: base64.b64decode(text, validate=True)
    return None


def _rows(conn: Connection, table: Table) -> Iterator[list[Any]]:
    order = list(table.primary_key.columns)
    for row in conn.execute(select(table).order_by(*order)):
        yield [_encode(v) for v in row]


def dump_record(db: Database, out: IO[str]) -> dict[str, int]:
    """Write the record to `out` as JSON; returns the number of rows per table."""
    counts: dict[str, int] = {}
    with db.read() as s:
        options = {} if db.is_sqlite else {"isolation_level": "REPEATABLE READ"}
        conn = s.connection(execution_options=options)
        header = {"format": FORMAT, "version": VERSION, "schema": HEAD}
        out.write(json.dumps(header, ensure_ascii=False)[:-1] + ', "tables": {')
        for n, table in enumerate(_tables()):
            columns = [c.name for c in table.columns]
            out.write(("," if n else "") + f"\n{json.dumps(table.name)}: ")
            out.write(f'{{"columns": {json.dumps(columns)}, "rows": [')
            count = 0
            for count, row in enumerate(_rows(conn, table), start=1):
                out.write(("," if count > 1 else "") + "\n" + json.dumps(row, ensure_ascii=False))
            out.write("]}")
            counts[table.name] = count
        out.write("\n}}\n")
    return counts


def _parse(source: IO[str]) -> dict[str, Any]:
    try:
        data = json.load(source)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise NotADump(found=f"not valid JSON: {exc}") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise NotADump()
    if data.get("version") != VERSION or not isinstance(data.get("tables"), dict):
        raise InvalidInput(f"That dump is in format version {data.get('version')}; expected 1.")
    if data.get("schema") != HEAD:
        raise InvalidInput(
            f"That dump was made with schema {data.get('schema')}, this minutes has {HEAD}: "
            "load it with the version that made it, upgrade, and dump again."
        )
    return data


def _decoded(
    table: Table, body: Any, problems: list[str]
) -> tuple[list[str], list[dict[str, Any]]]:
    """The rows of one table, decoded and held to the record's rules; a row that breaks
    one is described in `problems` (the load goes on looking, then stores nothing)."""
    if not isinstance(body, dict) or not isinstance(body.get("rows"), list):
        raise InvalidInput(f'Table "{table.name}" in the dump has no list of rows.')
    columns = body.get("columns")
    expected = [c.name for c in table.columns]
    if not isinstance(columns, list) or sorted(map(str, columns)) != sorted(expected):
        raise InvalidInput(
            f'Table "{table.name}" in the dump has columns {columns}; expected {expected}.'
        )
    decoders = {c.name: _decoder(c) for c in table.columns}
    rows = []
    for number, raw in enumerate(body["rows"], start=1):
        if not isinstance(raw, list) or len(raw) != len(columns):
            raise InvalidInput(f'Row {number} of "{table.name}" does not match its columns.')
        row = dict(zip(columns, raw, strict=True))
        try:
            for name, decode in decoders.items():
                if decode is not None and row[name] is not None:
                    row[name] = decode(row[name])
        except (TypeError, ValueError) as exc:
            raise InvalidInput(f'Row {number} of "{table.name}" has a bad value: {exc}.') from None
        try:
            rows.append(check_row(table, row))
        except InvalidInput as exc:
            problems.append(f"{table.name} row {number}: {exc}")
    return columns, rows


def _clashes(decoded: dict[str, list[dict[str, Any]]]) -> list[str]:
    """What the services refuse across rows: two groups of one name, shared initials."""
    problems = []
    names: set[str] = set()
    for number, row in enumerate(decoded["groups"], start=1):
        name = str(row["name"]).lower()
        if name in names:
            problems.append(f'groups row {number}: the name "{row["name"]}" is used twice')
        names.add(name)
    held: set[tuple[str, str]] = set()
    for number, row in enumerate(decoded["memberships"], start=1):
        key = (str(row["group_id"]), str(row["initials"]).upper())
        if key in held:
            problems.append(
                f'memberships row {number}: two people have the initials "{row["initials"]}" '
                "in one group"
            )
        held.add(key)
    return problems


def _refuse(problems: list[str]) -> None:
    if problems:
        shown = "; ".join(problems[:5]) + ("; …" if len(problems) > 5 else "")
        raise InvalidInput(
            f"Nothing was loaded: {len(problems)} row(s) of the dump break the record's "
            f"rules. {shown}"
        )


def _occupied(conn: Connection) -> dict[str, int]:
    counts = {}
    for table in _tables():
        n = conn.execute(select(func.count()).select_from(table)).scalar() or 0
        if n:
            counts[table.name] = n
    return counts


def _self_references(table: Table) -> list[str]:
    """Columns pointing at the same table (a meeting agreed at a later meeting)."""
    return [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]


def _insert(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    later = _self_references(table)
    first = [{**r, **dict.fromkeys(later, None)} for r in rows] if later else rows
    for start in range(0, len(first), _CHUNK):
        conn.execute(table.insert(), first[start : start + _CHUNK])
    pk = next(iter(table.primary_key.columns))
    for row in rows:
        values = {name: row[name] for name in later if row[name] is not None}
        if values:
            conn.execute(update(table).where(pk == row[pk.name]).values(values))


def _reset_sequences(conn: Connection) -> None:
    """PostgreSQL: the next id after the highest loaded one."""
    for table in _tables():
        pk = list(table.primary_key.columns)
        if len(pk) == 1 and pk[0].autoincrement in (True, "auto") and pk[0].name == "id":
            conn.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                    f"coalesce(max(id), 0) + 1, false) FROM {table.name}"
                )
            )


def load_record(db: Database, source: IO[str], *, replace: bool = False) -> dict[str, int]:
    """Load a dump into `db`; refuses a database that already holds a record unless `replace`.

    Returns the number of rows loaded per table.
    """
    data = _parse(source)
    tables = _tables()
    unknown = set(data["tables"]) - {t.name for t in tables}
    if unknown:
        raise InvalidInput(f"The dump has tables this minutes does not know: {sorted(unknown)}.")
    missing = [t.name for t in tables if t.name not in data["tables"]]
    if missing:
        raise InvalidInput(f"The dump is incomplete: it has no {', '.join(missing)}.")
    problems: list[str] = []
    decoded = {t.name: _decoded(t, data["tables"][t.name], problems)[1] for t in tables}
    _refuse(problems or _clashes(decoded))
    loaded: dict[str, int] = {}
    # Written with Core on the session's connection: the audit trail is loaded
    # as it was recorded, and the load itself adds nothing to it.
    with db.write() as s:
        conn = s.connection()
        occupied = _occupied(conn)
        if occupied and not replace:
            raise AlreadyHolds(db.describe(), rows=occupied)
        for table in reversed(tables):
            if occupied.get(table.name):
                conn.execute(delete(table))
        for table in tables:
            rows = decoded[table.name]
            if rows:
                _insert(conn, table, rows)
            loaded[table.name] = len(rows)
        if not db.is_sqlite:
            _reset_sequences(conn)
    return loaded
