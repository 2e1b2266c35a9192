"""One set of rules on every way in: services, the command line, `load`, and any write
session; SQLite accepts exactly what PostgreSQL accepts."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import String, func, select

from minutes.cli import main
from tests.builders import make_cme, meeting_on
from tests.conftest import _empty_postgres
from tracker import agenda, amendments, groups, meetings, topics
from tracker.actions import add_action, edit_action, review_action
from tracker.db import Database, open_database
from tracker.dump import dump_record, load_record
from tracker.errors import InvalidInput
from tracker.fields import check, fields, is_email
from tracker.models import Base, Group, Note, Person, ReviewOutcome
from tracker.roster import PersonInput, add_person, edit_person


def test_every_text_column_has_a_rule_with_the_column_length() -> None:
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            rule = fields().get((table.name, column.name))
            if isinstance(column.type, String) and not hasattr(column.type, "enums"):
                assert rule is not None, f"{table.name}.{column.name} has no rule"
                if column.type.length:
                    assert rule.max_length == column.type.length


@pytest.mark.parametrize(
    ("address", "ok"),
    [
        ("chris.owen@example.org", True),
        ("o'neil+cme@sub.example.co.uk", True),
        ("ann@münchen.de", True),
        ("a@b.com Bcc: x@y", False),
        ("a@b.com,c@d.com", False),
        ("Chris <chris@example.org>", False),
        ("chris@example", False),
        ("chris@@example.org", False),
        ("chris..owen@example.org", False),
        ("chris@exa_mple.org", False),
        ("chris@127.0.0.1", False),
        ("a" * 65 + "@example.org", False),
    ],
)
def test_e_mail_addresses(address: str, ok: bool) -> None:
    assert is_email(address) is ok


def test_lengths_are_the_columns_on_both_databases(db: Database) -> None:
    cme = make_cme(db)
    with pytest.raises(InvalidInput, match=r"organisation is longer than 200 characters \(201\)"):
        add_person(db, cme.group.id, PersonInput("Ann Smith", organisation="x" * 201))
    ann = add_person(db, cme.group.id, PersonInput("Ann Smith", organisation="x" * 200))
    assert len(ann.organisation or "") == 200
    with pytest.raises(InvalidInput, match="role is longer than 200"):
        edit_person(db, cme.group.id, ann.id, PersonInput("Ann Smith", "AS", role="r" * 201))
    with pytest.raises(InvalidInput, match="group name is longer than 200"):
        groups.create_group(db, "G" * 201)
    with pytest.raises(InvalidInput, match="usual place is longer than 300"):
        groups.update_group(db, cme.group.id, default_location="p" * 301)
    with pytest.raises(InvalidInput, match="place is longer than 300"):
        meetings.schedule_meeting(db, cme.group.id, date(2025, 1, 29), location="p" * 301)
    with pytest.raises(InvalidInput, match="initials are longer than 12"):
        add_person(db, cme.group.id, PersonInput("Bo Bo", initials="B" * 13))
    meeting = meeting_on(db, cme.group.id, date(2025, 1, 29))
    meetings.open_meeting(db, meeting.id)
    item = agenda.add_item(db, meeting.id, "Data")
    with pytest.raises(InvalidInput, match="due date is longer than 100"):
        add_action(db, item, "Send it", "CO", "by " + "next " * 30 + "week")
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Person)) == len(cme.people) + 1


def test_one_line_fields_refuse_line_breaks(db: Database) -> None:
    cme = make_cme(db)
    for bad in ("Ann\nSmith", "Ann\r\nSmith", "Ann\u2028Smith", "Ann\x0bSmith"):
        with pytest.raises(InvalidInput, match="name must be one line"):
            add_person(db, cme.group.id, PersonInput(bad, "AS"))
    with pytest.raises(InvalidInput, match="organisation must be one line"):
        add_person(db, cme.group.id, PersonInput("Ann Smith", "AS", organisation="DfE\nNHS"))
    with pytest.raises(InvalidInput, match="group name must be one line"):
        groups.create_group(db, "CME\nGroup")
    with pytest.raises(InvalidInput, match="meeting title must be one line"):
        meetings.schedule_meeting(db, cme.group.id, date(2025, 1, 29), title="CME\nmeeting")
    meeting = meeting_on(db, cme.group.id, date(2025, 1, 29))
    meetings.open_meeting(db, meeting.id)
    with pytest.raises(InvalidInput, match="item title must be one line"):
        agenda.add_item(db, meeting.id, "Data\nand more")
    with pytest.raises(InvalidInput, match="topic must be one line"):
        topics.add_topic(db, cme.group.id, "EHE\ntoolkit")
    # a line end at the very end is not a line break inside the value
    person = add_person(db, cme.group.id, PersonInput("Ann Smith\n", "AS"))
    assert person.name == "Ann Smith"
    # several-line text keeps its lines
    item = agenda.add_item(db, meeting.id, "Data")
    assert agenda.add_note(db, item, "one\ntwo").text == "one\ntwo"


def test_control_characters_and_escapes_are_stripped_on_every_path(db: Database) -> None:
    cme = make_cme(db)
    person = add_person(db, cme.group.id, PersonInput("Ann \x1b[31mSmith\x07", "AS"))
    assert person.name == "Ann Smith"
    meeting = meeting_on(db, cme.group.id, date(2025, 1, 29))
    meetings.open_meeting(db, meeting.id)
    item = agenda.add_item(db, meeting.id, "\x1b]0;pwned\x07Data")
    note = agenda.add_note(db, item, "line\x1b[2J one\n\x00two\x9b1m")
    assert note.text == "line one\ntwo"
    action = add_action(db, item, "Send\x1b[5m it", "AS")
    assert action.text == "Send it"
    action = edit_action(db, action.id, action.version, text="Send \x07it now")
    assert action.text == "Send it now"
    later = meeting_on(db, cme.group.id, date(2025, 3, 12))
    action = review_action(
        db, action.id, ReviewOutcome.IN_PROGRESS, meeting_id=later.id, note="half\x1b[1m done"
    )
    assert action.history[-1].note == "half done"
    with db.read() as s:
        assert s.scalar(select(Group.name).where(Group.id == cme.group.id)) == cme.group.name
        (title,) = s.execute(select(func.min(Note.text))).one()
        assert "\x1b" not in title


def test_amendments_are_held_to_the_same_rules(db: Database) -> None:
    from tests.approved import approved_meeting

    a = approved_meeting(db)
    note_id = a.note.id
    with pytest.raises(InvalidInput, match="amended note is longer than 1,000,000"):
        amendments.amend_note(
            db, note_id, "x" * 1_000_001, agreed_at_meeting_id=a.later_id, reason="typo"
        )
    amended = amendments.amend_note(
        db, note_id, "fixed\x1b[31m text", agreed_at_meeting_id=a.later_id, reason="typo\x07"
    )
    assert amended.after == "fixed text" and amended.reason == "typo"
    with pytest.raises(InvalidInput, match="amended item title must be one line"):
        amendments.amend_item(
            db, a.item_id, "Two\nlines", agreed_at_meeting_id=a.later_id, reason="typo"
        )


def test_e_mail_addresses_are_checked_when_stored(db: Database) -> None:
    cme = make_cme(db)
    with pytest.raises(InvalidInput, match=r"e-mail address .*not an e-mail address"):
        add_person(db, cme.group.id, PersonInput("Ann Smith", "AS", email="a@b.com Bcc: x@y"))
    with pytest.raises(InvalidInput, match="group e-mail address"):
        groups.update_group(db, cme.group.id, email="a@b.com Bcc: x@y")
    with pytest.raises(InvalidInput, match="group e-mail address"):
        groups.create_group(db, "Other", email="cme@example.org\nBcc: x@y")
    assert groups.update_group(db, cme.group.id, email=" cme@example.org ").email == (
        "cme@example.org"
    )


def test_a_write_session_cannot_store_what_the_services_refuse(db: Database) -> None:
    """A path that forgot to clean still meets the rules when it flushes."""
    cme = make_cme(db)
    with pytest.raises(InvalidInput, match="organisation is longer than 200"), db.write() as s:
        s.get_one(Person, cme.people["CO"].id).organisation = "x" * 201
    with pytest.raises(InvalidInput, match="e-mail address"), db.write() as s:
        s.add(Person(name="Eve", initials="EV", email="eve@example.org, boss@example.org"))
    with db.write() as s:
        s.get_one(Person, cme.people["CO"].id).name = "Chris \x1b[1mOwen"
    with db.read() as s:
        assert s.get_one(Person, cme.people["CO"].id).name == "Chris Owen"
        assert s.get_one(Person, cme.people["CO"].id).organisation == "SESLIP"


def test_cli_paths_give_the_same_answers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MINUTES_CONFIG", str(tmp_path / "absent.toml"))
    monkeypatch.delenv("MINUTES_DATABASE_URL", raising=False)
    base = ["--db", str(tmp_path / "cli.db")]
    assert main([*base, "group", "add", "CME"]) == 0
    assert main([*base, "person", "add", "Ann Smith", "--org", "x" * 201]) == 2
    assert "organisation is longer than 200" in capsys.readouterr().err
    assert main([*base, "person", "add", "Ann\nSmith"]) == 2
    assert "name must be one line" in capsys.readouterr().err
    assert main([*base, "group", "set", "CME", "--email", "a@b.com Bcc: x@y"]) == 2
    err = capsys.readouterr().err
    assert "group e-mail address" in err and len(err.strip().splitlines()) == 1


# -- load: every row by the same rules, all or nothing ---------------------------


def _dump(db: Database) -> dict[str, Any]:
    out = io.StringIO()
    dump_record(db, out)
    return json.loads(out.getvalue())


def _with_person(base: dict[str, Any], **values: Any) -> str:
    """The dump with the first person's columns set to `values`."""
    data = json.loads(json.dumps(base))
    people = data["tables"]["people"]
    row = people["rows"][0]
    for name, value in values.items():
        row[people["columns"].index(name)] = value
    return json.dumps(data)


@pytest.fixture
def both(sqlite_db: Database, pg_url: str) -> Iterator[tuple[Database, Database]]:
    pg = open_database(pg_url)
    _empty_postgres(pg)
    yield sqlite_db, pg
    pg.dispose()


@pytest.fixture
def source(tmp_path: Path, sqlite_template: Path) -> Iterator[dict[str, Any]]:
    import shutil

    from tracker.config import sqlite_url

    path = tmp_path / "source.db"
    shutil.copyfile(sqlite_template, path)
    db = open_database(sqlite_url(path))
    make_cme(db)
    yield _dump(db)
    db.dispose()


def _people(db: Database) -> list[tuple[Any, ...]]:
    with db.read() as s:
        return [
            tuple(r)
            for r in s.execute(
                select(Person.name, Person.initials, Person.organisation, Person.email).order_by(
                    Person.id
                )
            )
        ]


@pytest.mark.postgres
def test_load_refuses_a_dump_with_a_bad_row_and_names_it(
    both: tuple[Database, Database], source: dict[str, Any]
) -> None:
    for db in both:
        for values, message in [
            ({"organisation": "x" * 201}, "people row 1: The organisation is longer than 200"),
            ({"name": "Ann\nSmith"}, "people row 1: The name must be one line"),
            ({"email": "a@b.com Bcc: x@y"}, "people row 1: The e-mail address"),
            ({"senior": 1}, "people row 1: The senior must be true or false"),
            ({"id": 2**31}, "people row 1: The id must be a whole number"),
        ]:
            with pytest.raises(InvalidInput, match=message):
                load_record(db, io.StringIO(_with_person(source, **values)))
            assert _people(db) == []
        # cleaned on the way in, like typed text
        load_record(db, io.StringIO(_with_person(source, name="Mike \x1b[31mStoneman\x07")))
        assert _people(db)[0][0] == "Mike Stoneman"


#: Text with what goes wrong in practice: line breaks, escapes, NUL, lone surrogates.
_TEXT = st.lists(
    st.characters(codec="utf-8")
    | st.sampled_from(["\n", "\r", "\x1b[31m", "\x07", "\u2028", "\x9b", "\ud800", "@", " "]),
    max_size=14,
).map("".join)


@pytest.mark.postgres
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    name=_TEXT | st.text(min_size=195, max_size=205),
    initials=_TEXT,
    organisation=st.none() | _TEXT | st.text(min_size=198, max_size=202),
    email=st.none() | _TEXT | st.emails(),
)
def test_load_takes_the_same_rows_on_sqlite_and_postgresql(
    both: tuple[Database, Database],
    source: dict[str, Any],
    name: str,
    initials: str,
    organisation: str | None,
    email: str | None,
) -> None:
    """Whatever a row holds, both databases load the same cleaned values or refuse it
    with the same message, and a refused load leaves the record as it was."""
    dump = _with_person(
        source, name=name, initials=initials, organisation=organisation, email=email
    )
    outcomes = []
    for db in both:
        before = _people(db)
        try:
            load_record(db, io.StringIO(dump), replace=True)
        except InvalidInput as exc:
            assert _people(db) == before
            outcomes.append(("refused", str(exc)))
            continue
        stored = _people(db)
        for value, key in zip(
            stored[0], ("name", "initials", "organisation", "email"), strict=True
        ):
            rule = fields()[("people", key)]
            assert value == check(rule, value, key)  # stored values are already clean
        outcomes.append(("loaded", stored))
    assert outcomes[0] == outcomes[1]


def test_a_name_stored_before_the_rules_still_exports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    """A line break or an escape written by an older version never breaks a calendar."""
    from icalendar import Calendar
    from sqlalchemy import text

    from tracker.config import sqlite_url

    monkeypatch.setenv("MINUTES_CONFIG", str(tmp_path / "absent.toml"))
    path = tmp_path / "old.db"
    db = open_database(sqlite_url(path))
    cme = make_cme(db)
    meeting = meeting_on(db, cme.group.id, date(2025, 1, 29))
    meetings.open_meeting(db, meeting.id)
    add_action(db, agenda.add_item(db, meeting.id, "Data"), "Send it", "BP", "18 February 2025")
    with db.engine.begin() as conn:
        conn.execute(
            text("UPDATE people SET name = :n WHERE initials = 'BP'"), {"n": "Brian\nPope\x1b[31m"}
        )
        conn.execute(text("UPDATE groups SET name = :n"), {"n": "CME\nGroup"})
    db.dispose()
    assert main(["--db", str(path), "export", "ical", "--person", "BP"]) == 0
    cal = Calendar.from_ical(capsysbinary.readouterr().out)
    assert cal["NAME"].endswith("Brian Pope")
    (event,) = cal.walk("VEVENT")
    assert event["ORGANIZER"].params["CN"] == "CME Group"


def test_load_refuses_what_the_services_refuse_across_rows(
    sqlite_db: Database, source: dict[str, Any]
) -> None:
    data = json.loads(json.dumps(source))
    groups_table = data["tables"]["groups"]
    copy = list(groups_table["rows"][0])
    copy[groups_table["columns"].index("id")] = 99
    name = groups_table["columns"].index("name")
    copy[name] = copy[name].upper()
    groups_table["rows"].append(copy)
    members = data["tables"]["memberships"]
    initials = members["columns"].index("initials")
    members["rows"][1][initials] = members["rows"][0][initials].lower()
    with pytest.raises(InvalidInput, match=r"used twice.*initials") as refused:
        load_record(sqlite_db, io.StringIO(json.dumps(data)))
    assert "groups row 2" in str(refused.value) and "memberships row 2" in str(refused.value)
    assert _people(sqlite_db) == []
