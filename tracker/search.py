"""Search across every meeting's item titles, notes, decisions and actions.

SQLite uses the FTS5 index kept by triggers (see migrations/search_ddl.py);
PostgreSQL its own full-text search over the first PG_INDEXED_CHARS characters
of each text (what its indexes hold). Every user term is quoted, so "-", "'",
"." or an FTS keyword ("NOT", "NEAR") in the query are just text.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import func, literal, literal_column, select, text, union_all
from sqlalchemy.orm import Session

from tracker.dates import utc_to_london
from tracker.db import Store
from tracker.migrations.search_ddl import PG_INDEXED_CHARS, SOURCES
from tracker.models import Action, Decision, Group, Item, Meeting, Note
from tracker.report_records import SearchHit

KINDS = {code: table for table, _column, code in SOURCES}
KIND_LABELS = {"items": "item", "notes": "note", "decisions": "decision", "actions": "action"}
MAX_TERMS = 12


def terms_of(query: str) -> list[str]:
    return [t for t in re.split(r"\s+", query.strip()) if t][:MAX_TERMS]


def fts5_query(query: str) -> str:
    """Each term a quoted FTS5 string; the last one also matches as a prefix."""
    quoted = ['"' + t.replace('"', '""') + '"' for t in terms_of(query)]
    if quoted:
        quoted[-1] += "*"
    return " ".join(quoted)


def _sources() -> dict[str, tuple[Any, Any]]:
    return {
        "items": (Item.id, Item.title),
        "notes": (Note.id, Note.text),
        "decisions": (Decision.id, Decision.text),
        "actions": (Action.id, Action.text),
    }


def _context(s: Session, kind: str, ids: list[int]) -> dict[int, SearchHit]:
    ref_id, body = _sources()[kind]
    stmt = select(
        ref_id.label("ref"),
        body.label("body"),
        Item.id.label("item_id"),
        Item.title,
        Item.position,
        Item.confidential,
        Meeting.id.label("meeting_id"),
        Meeting.starts_at,
        Group.id.label("group_id"),
        Group.name,
    )
    model = ref_id.class_
    if model is Item:
        stmt = stmt.select_from(Item)
    else:
        stmt = stmt.select_from(model).join(Item, Item.id == model.item_id)
    stmt = stmt.join(Meeting, Meeting.id == Item.meeting_id).join(
        Group, Group.id == Meeting.group_id
    )
    rows = s.execute(stmt.where(ref_id.in_(ids))).all()
    return {
        r.ref: SearchHit(
            kind=KIND_LABELS[kind],
            ref_id=r.ref,
            text=r.body,
            group_id=r.group_id,
            group_name=r.name,
            meeting_id=r.meeting_id,
            meeting_date=utc_to_london(r.starts_at).date(),
            item_id=r.item_id,
            item_title=r.title,
            item_position=r.position,
            confidential=r.confidential,
        )
        for r in rows
    }


def _ranked_sqlite(s: Session, query: str, limit: int) -> list[tuple[str, int]]:
    rows = s.execute(
        text("SELECT rowid FROM search_index WHERE search_index MATCH :q ORDER BY rank LIMIT :n"),
        {"q": fts5_query(query), "n": limit},
    ).scalars()
    return [(KINDS[rowid % 4], rowid // 4) for rowid in rows]


def pg_vector(body: Any) -> Any:
    """The expression PostgreSQL's search indexes hold (search_ddl.pg_vector_sql), written
    the same way, constants inline rather than bound, so that the indexes serve it."""
    capped = func.left(body, literal_column(str(PG_INDEXED_CHARS)))
    return func.to_tsvector(literal_column("'english'"), capped)


def pg_query(query: str) -> Any:
    return func.plainto_tsquery("english", " ".join(terms_of(query)))


def _ranked_postgres(s: Session, query: str, limit: int) -> list[tuple[str, int]]:
    q = pg_query(query)
    parts = []
    for kind, (ref_id, body) in _sources().items():
        vector = pg_vector(body)
        parts.append(
            select(
                literal(kind).label("kind"),
                ref_id.label("ref"),
                func.ts_rank(vector, q).label("rank"),
            ).where(vector.op("@@")(q))
        )
    u = union_all(*parts).subquery()
    rows = s.execute(select(u.c.kind, u.c.ref).order_by(u.c.rank.desc()).limit(limit))
    return [(r.kind, r.ref) for r in rows]


def search(
    db: Store, query: str, *, limit: int = 100, include_confidential: bool = True
) -> list[SearchHit]:
    """Hits in order of relevance. An empty query finds nothing."""
    if not terms_of(query):
        return []
    with db.read() as s:
        ranked = (_ranked_sqlite if db.is_sqlite else _ranked_postgres)(s, query, limit)
        by_kind: dict[str, list[int]] = {}
        for kind, ref in ranked:
            by_kind.setdefault(kind, []).append(ref)
        found = {kind: _context(s, kind, ids) for kind, ids in by_kind.items()}
    hits = [found[kind][ref] for kind, ref in ranked if ref in found[kind]]
    if not include_confidential:
        hits = [h for h in hits if not h.confidential]
    return hits
