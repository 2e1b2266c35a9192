"""Bad input on purpose: arbitrary CSV, huge notes, escape sequences, files that are not ours."""

from __future__ import annotations

import csv
import io
import itertools
import random
import sqlite3
import string
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from minutes.cli import main
from minutes.commands.common import inert
from tests.builders import make_cme, meeting_on
from tracker import actions, agenda, meetings, queries, roster
from tracker.config import sqlite_url
from tracker.db import Database, open_database
from tracker.errors import InvalidInput, StorageError
from tracker.groups import create_group
from tracker.migrations.search_ddl import PG_INDEXED_CHARS
from tracker.models import Membership, Person
from tracker.roster_csv import import_roster_csv
from tracker.search import search
from tracker.text import MAX_TEXT, clean_line, clean_text

_groups = itertools.count(1)
FIXTURE_OK = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# -- CSV roster import ------------------------------------------------------------

_cell = st.one_of(
    st.sampled_from(["", " ", "CO", "co", "BP", "C0", "1X", "ABCDEFGHIJKLMN", "Chris Owen"]),
    st.sampled_from(["chris@example.org", "CHRIS@example.org", "not-an-email", "a@b.c"]),
    st.text(max_size=30),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=12),
)
_row = st.lists(_cell, min_size=0, max_size=7)
_header = st.sampled_from(
    [
        None,
        ["name", "initials", "organisation", "email", "role"],
        ["email", "name", "senior"],
        ["Name", "Initials"],
        ["name", "shoe size"],
    ]
)


def _csv_text(header: list[str] | None, rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    if header:
        writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def _check_import(db: Database, source: Path | str, expected_rows: int | None) -> None:
    group = create_group(db, f"CSV group {next(_groups)}")
    try:
        report = import_roster_csv(db, group.id, source)
    except InvalidInput as exc:
        assert str(exc)  # a whole-file problem, said in words, and nothing written
        assert roster.list_roster(db, group.id, include_guests=True) == []
        return
    listed = roster.list_roster(db, group.id)
    # all or nothing: every row added, or none and every bad line listed
    assert sorted(p.id for p in listed) == sorted(p.id for p in report.added)
    assert (report.added == []) if report.errors else report.imported
    lines = [line for line, _ in report.errors]
    assert lines == sorted(set(lines)) and all(line >= 2 for line in lines)
    assert all(message for _, message in report.errors)
    if expected_rows is not None and report.errors:
        assert len(report.errors) <= expected_rows
    if expected_rows is not None and not report.errors:
        assert len(report.added) + len(report.already) == expected_rows
    for p in listed:  # what was stored is clean text
        for value in (p.name, p.initials, p.organisation or "", p.email or "", p.role or ""):
            assert not any(unicodedata.category(c) in ("Cc", "Cf") for c in value)
    with db.read() as s:  # a failed row never leaves a person without a roster entry
        orphans = s.scalar(
            select(func.count())
            .select_from(Person)
            .where(~Person.id.in_(select(Membership.person_id)))
        )
    assert orphans == 0


@settings(FIXTURE_OK, max_examples=40)
@given(header=_header, rows=st.lists(_row, max_size=8))
def test_csv_rows_are_added_or_reported_by_line(db: Database, header, rows) -> None:
    text = _csv_text(header, rows)
    parsed = list(csv.reader(io.StringIO(text)))
    # without a header the first row is read as one, and the file is refused
    expected = sum(1 for r in parsed[1:] if any(c.strip() for c in r)) if header else None
    _check_import(db, text, expected)


@settings(FIXTURE_OK, max_examples=40)
@given(raw=st.binary(max_size=300))
def test_arbitrary_bytes_as_a_csv_file(db: Database, tmp_path_factory, raw: bytes) -> None:
    path = tmp_path_factory.mktemp("csv") / "roster.csv"
    path.write_bytes(raw)
    _check_import(db, path, None)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
def test_csv_encodings(db: Database, tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "roster.csv"
    path.write_bytes("name,initials\nZoë Brontë,ZB\nJosé Ñúñez,JN\n".encode(encoding))
    group = create_group(db, "Encodings")
    if encoding == "utf-16":  # NULs in the bytes: refused as a whole, clearly
        with pytest.raises(InvalidInput, match=r"not a CSV text file|UTF-8"):
            import_roster_csv(db, group.id, path)
        return
    report = import_roster_csv(db, group.id, path)
    assert [p.name for p in report.added] == ["Zoë Brontë", "José Ñúñez"]


def test_csv_duplicate_initials_and_wrong_columns(db: Database) -> None:
    group = create_group(db, "Duplicates")
    report = import_roster_csv(
        db,
        group.id,
        "name,initials,organisation,email,role\n"
        "Chris Owen,CO\nCarl Ott,co\nKaty Daly,KD,Bracknell,k@example.org,Member,x\n",
    )
    assert report.added == [] and roster.list_roster(db, group.id) == []
    assert [line for line, _ in report.errors] == [3, 4]
    assert "initials CO" in report.errors[0][1] and "columns" in report.errors[1][1]


# -- text as typed: controls removed at the door, shown inert ----------------------

NASTY = "\x1b[31mRed\x1b[0m \u202eRover\x07 [bold]x[/] \x9b2J\x1b]0;pwned\x07 |#<b>"


@given(st.text())
def test_cleaned_text_has_nothing_a_terminal_would_obey(text: str) -> None:
    line = clean_line(text)
    assert not any(unicodedata.category(c) == "Cc" for c in line)
    block = clean_text(text)
    assert not any(unicodedata.category(c) == "Cc" and c != "\n" for c in block)
    assert not any(unicodedata.category(c) == "Cf" and c != "\u200d" for c in block + line)


@given(st.text())
def test_inert_output_is_one_visible_line(text: str) -> None:
    shown = inert(text)
    assert "\n" not in shown
    assert not any(unicodedata.category(c) in ("Cc", "Cf") for c in shown)


def test_names_and_notes_with_escape_sequences(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setenv("MINUTES_CONFIG", str(tmp_path / "absent.toml"))
    monkeypatch.delenv("MINUTES_DATABASE_URL", raising=False)
    path = tmp_path / "escapes.db"
    db = open_database(sqlite_url(path), actor="\x1b[5mBlinking\x1b[0m user")
    group = create_group(db, f"Group {NASTY}")
    person = roster.add_person(db, group.id, roster.PersonInput(f"Ann {NASTY}", "AN"))
    assert "\x1b" not in person.name and "\u202e" not in person.name
    assert "[bold]x[/]" in person.name  # markup is kept as text, to be shown literally
    m = meeting_on(db, group.id, date(2025, 1, 15))
    meetings.open_meeting(db, m.id)
    item = agenda.add_item(db, m.id, f"Item {NASTY}")
    agenda.add_note(db, item, f"Note {NASTY}\nsecond line")
    actions.add_action(db, item, f"Action {NASTY}", "AN")
    db.dispose()
    outputs = []
    for args in (
        ["roster", "list"],
        ["meeting", "show", str(m.id)],
        ["actions", "--history"],
        ["audit", "--meeting", str(m.id)],
        ["amend", "show", str(m.id)],
        ["group", "list"],
        ["search", "Rover"],
    ):
        assert main(["--db", str(path), *args]) == 0, args
        out, err = capsys.readouterr()
        assert err == ""
        outputs.append(out)
    shown = "".join(outputs)
    assert "Rover" in shown and "[bold]x[/]" in shown
    bad = {c for c in shown if unicodedata.category(c) in ("Cc", "Cf") and c != "\n"}
    assert bad == set(), bad


# -- huge text -------------------------------------------------------------------------


def _prose(length: int) -> str:
    sentence = "Hampshire shared their attendance hub model with Surrey — ça va, Zoë. "
    return (sentence * (length // len(sentence) + 1))[:length]


def test_a_one_megabyte_note_is_stored_and_read_back(db: Database) -> None:
    cme = make_cme(db)
    m = meeting_on(db, cme.group.id, date(2025, 1, 15))
    item = agenda.add_item(db, m.id, "Long")
    text = _prose(MAX_TEXT - 1) + "!"
    note = agenda.add_note(db, item, text)
    assert len(note.text) == MAX_TEXT
    stored = next(i for i in queries.get_meeting(db, m.id).items if i.id == item).notes[0]
    assert stored.text == text and len(stored.text.encode()) > 1_000_000
    with pytest.raises(InvalidInput, match="longer than 1,000,000 characters"):
        agenda.add_note(db, item, text + "x")


def test_a_one_megabyte_note_of_distinct_words(db: Database) -> None:
    """A pasted list of codes or names: a million characters, nearly every word different.

    PostgreSQL's tsvector holds at most 1 MB of lexemes: its search index covers the
    first PG_INDEXED_CHARS characters, so the note is stored and its start found."""
    rng = random.Random(7)
    words = (
        "".join(rng.choices(string.ascii_lowercase, k=rng.randint(3, 9))) for _ in itertools.count()
    )
    text = " ".join(itertools.islice(words, 170_000))[:MAX_TEXT]
    cme = make_cme(db)
    m = meeting_on(db, cme.group.id, date(2025, 1, 15))
    item = agenda.add_item(db, m.id, "Codes")
    note = agenda.add_note(db, item, text)
    assert note.text == text
    early = text[: PG_INDEXED_CHARS // 2].split()[-2]
    assert note.id in {h.ref_id for h in search(db, early) if h.kind == "note"}


def test_a_note_of_supplementary_plane_word_pairs(db: Database) -> None:
    """The densest text for a tsvector measured: distinct pairs of 4-byte CJK characters
    (about 4 bytes of lexemes per character), stored whole on PostgreSQL too."""
    rng = random.Random(11)
    letters = [chr(c) for c in range(0x20000, 0x2A6DF)]
    pairs = (rng.choice(letters) + rng.choice(letters) for _ in itertools.count())
    text = " ".join(itertools.islice(pairs, 333_334))[:MAX_TEXT]
    cme = make_cme(db)
    m = meeting_on(db, cme.group.id, date(2025, 1, 15))
    item = agenda.add_item(db, m.id, "Names")
    assert agenda.add_note(db, item, text).text == text


# -- files that are not a minutes database -----------------------------------------------


def test_files_that_are_not_ours_are_refused_untouched(tmp_path: Path) -> None:
    text = tmp_path / "notes.db"
    text.write_text("minutes of the last meeting\n" * 500)
    foreign = tmp_path / "recipes.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)")
    conn.commit()
    conn.close()
    newer = tmp_path / "newer.db"
    open_database(sqlite_url(newer)).dispose()
    conn = sqlite3.connect(newer)
    conn.execute("UPDATE alembic_version SET version_num = 'ffff'")
    conn.commit()
    conn.close()
    for path, message in (
        (text, "not a minutes database"),
        (foreign, "not a minutes database.*recipes"),
        (newer, "newer version of minutes"),
    ):
        before = path.read_bytes()
        with pytest.raises(StorageError, match=message):
            open_database(sqlite_url(path))
        assert path.read_bytes() == before
