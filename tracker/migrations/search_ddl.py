"""Full-text search objects, per backend, as they are at the head revision.

The revisions that built them hold their own copies of this DDL (they never
import it); a test compares what the revisions build with what is described
here, so a change here needs a revision that makes the same change.

SQLite: one FTS5 table holding item titles, notes, decisions and actions, kept
in step by triggers. Its rowid encodes the source (`id * 4 + kind`) so a
trigger can replace or delete an entry by rowid without scanning.
PostgreSQL: GIN expression indexes that `tracker.search` queries directly.
A tsvector holds at most 1 MB of lexemes, so since revision 0004 the index (and
the search, whose expression must be the same for the index to serve it) covers
the first PG_INDEXED_CHARS characters of each text; before, a long note of
mostly distinct words could not be stored at all.
"""

from __future__ import annotations

#: (source table, text column, kind code) — kind codes are part of the stored rowids.
SOURCES: tuple[tuple[str, str, int], ...] = (
    ("items", "title", 0),
    ("notes", "text", 1),
    ("decisions", "text", 2),
    ("actions", "text", 3),
)


def sqlite_search_statements() -> list[str]:
    stmts = [
        "CREATE VIRTUAL TABLE search_index USING fts5("
        "body, tokenize = 'unicode61 remove_diacritics 2')"
    ]
    for table, column, kind in SOURCES:
        rowid = f"new.id * 4 + {kind}"
        stmts += [
            f"CREATE TRIGGER search_{table}_ai AFTER INSERT ON {table} BEGIN "
            f"INSERT INTO search_index(rowid, body) VALUES ({rowid}, new.{column}); END",
            f"CREATE TRIGGER search_{table}_au AFTER UPDATE OF {column} ON {table} BEGIN "
            f"DELETE FROM search_index WHERE rowid = old.id * 4 + {kind}; "
            f"INSERT INTO search_index(rowid, body) VALUES ({rowid}, new.{column}); END",
            f"CREATE TRIGGER search_{table}_ad AFTER DELETE ON {table} BEGIN "
            f"DELETE FROM search_index WHERE rowid = old.id * 4 + {kind}; END",
        ]
        stmts.append(
            f"INSERT INTO search_index(rowid, body) SELECT id * 4 + {kind}, {column} FROM {table}"
        )
    return stmts


#: Characters of each text that PostgreSQL indexes for search. Text takes at most
#: about 4 bytes of lexemes per character (measured: pairs of 4-byte CJK
#: characters, each pair a distinct word; 300,000 of them overflow), so 150,000
#: stays well inside the 1 MB limit for any text while covering ~25,000 words.
PG_INDEXED_CHARS = 150_000


def pg_vector_sql(column: str, cap: int | None = PG_INDEXED_CHARS) -> str:
    """The indexed expression: "to_tsvector('english', left(text, 150000))"."""
    body = column if cap is None else f"left({column}, {cap})"
    return f"to_tsvector('english', {body})"
