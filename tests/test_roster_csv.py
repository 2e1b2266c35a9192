"""Roster CSV import: the encodings and separators spreadsheets write, a header with a
name column, and one transaction (all rows imported, or none and every bad line listed)."""

from __future__ import annotations

import csv
import io
import itertools
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from minutes.cli import main
from tests.builders import make_cme
from tracker.db import Database
from tracker.errors import InvalidInput
from tracker.groups import create_group
from tracker.roster import list_roster
from tracker.roster_csv import decode_csv, import_roster_csv

HEADER = "name,initials,organisation,email,role\n"
_groups = itertools.count(1)


def _write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "people.csv"
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    "data",
    [
        (HEADER + "Zoë Brontë,ZB\n").encode("utf-8"),
        (HEADER + "Zoë Brontë,ZB\n").encode("utf-8-sig"),
        (HEADER + "Zoë Brontë,ZB\r\n").encode("cp1252"),
    ],
    ids=["utf-8", "utf-8 with BOM", "windows-1252"],
)
def test_the_encodings_spreadsheets_write(db: Database, tmp_path: Path, data: bytes) -> None:
    group = create_group(db, "Encodings")
    report = import_roster_csv(db, group.id, _write(tmp_path, data))
    assert [(p.name, p.initials) for p in report.added] == [("Zoë Brontë", "ZB")]


def test_damaged_utf8_is_refused_with_its_line_never_read_as_windows_1252(
    db: Database, tmp_path: Path
) -> None:
    """Read as Windows-1252, these bytes would give "JosÃ©" for one name (mojibake)."""
    data = (HEADER + "José Ñúñez,JN\nAnn Smith,AS\n").encode() + b"Bad \xff Byte,BB\n"
    group = create_group(db, "Damaged")
    with pytest.raises(InvalidInput, match=r"not UTF-8 text: line 4 .*0xFF.*CSV UTF-8"):
        import_roster_csv(db, group.id, _write(tmp_path, data))
    assert list_roster(db, group.id) == []


def test_bytes_windows_1252_does_not_have_are_refused_too() -> None:
    # 0x81 is no character in Windows-1252 either
    with pytest.raises(InvalidInput, match=r"line 2 has a byte \(0x81\)"):
        decode_csv(b"name\nAnn \x81\n")
    with pytest.raises(InvalidInput, match=r"line 1 holds binary data .*UTF-16"):
        decode_csv("name\nAnn\n".encode("utf-16"))


@pytest.mark.parametrize("sep", [",", ";", "\t"])
def test_comma_semicolon_and_tab(db: Database, sep: str) -> None:
    text = sep.join(["Name", "Initials", "Organisation", "E-mail"]) + "\n"
    text += sep.join(['"Owen, Chris"', "CO", '"SESLIP; Kent"', "co@example.org"]) + "\n"
    group = create_group(db, f"Separated {next(_groups)}")
    report = import_roster_csv(db, group.id, text)
    (person,) = report.added
    assert (person.name, person.initials, person.organisation, person.email) == (
        "Owen, Chris",
        "CO",
        "SESLIP; Kent",
        "co@example.org",
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Chris Owen,CO\nBrian Pope,BP\n", r'header naming its columns.*"Chris Owen,CO"'),
        ("initials,email\nCO,co@example.org\n", "one of them the name"),
        ("name,phone\nChris Owen,0123\n", 'column "phone" that a roster does not have'),
        ("name,Name\nChris,Chris\n", 'names the column "name" twice'),
        ("\n\n", "The file is empty"),
    ],
)
def test_a_header_with_a_name_column_is_required(db: Database, text: str, message: str) -> None:
    group = create_group(db, f"Headers {next(_groups)}")
    with pytest.raises(InvalidInput, match=message):
        import_roster_csv(db, group.id, text)
    assert list_roster(db, group.id) == []


def test_one_bad_line_imports_nothing_and_every_bad_line_is_listed(db: Database) -> None:
    group = create_group(db, "All or nothing")
    text = (
        HEADER
        + "Chris Owen,CO,SESLIP,co@example.org\n"
        + "Brian Pope,BP,Hants,a@b.com Bcc: x@y\n"  # line 3
        + "Bryn Roberts,BR,Southampton\n"
        + '"Katy\nDaly",KD\n'  # line 5 (a quoted line break inside the name)
        + "Gavin Thomas,GT,B&H,,Member,extra\n"  # line 7
        + "Melissa Perry,MP,"
        + "x" * 201
        + "\n"  # line 8
    )
    report = import_roster_csv(db, group.id, text)
    assert not report.imported and report.added == []
    assert [line for line, _ in report.errors] == [3, 5, 7, 8]
    messages = [m for _, m in report.errors]
    assert "e-mail address" in messages[0] and "one line" in messages[1]
    assert "6 cells" in messages[2] and "organisation is longer than 200" in messages[3]
    assert list_roster(db, group.id) == []
    fixed = text.replace("a@b.com Bcc: x@y", "bp@example.org").replace('"Katy\nDaly"', "Katy Daly")
    fixed = fixed.replace(",Member,extra", ",Member").replace("x" * 201, "W Berks")
    report = import_roster_csv(db, group.id, fixed)
    assert report.imported and len(report.added) == 6 == len(list_roster(db, group.id))


def test_importing_the_same_file_again_says_already_there(db: Database) -> None:
    cme = make_cme(db)
    text = HEADER + "Chris Owen,CO\nchris owen,co\nAnn Smith,AS\n"
    report = import_roster_csv(db, cme.group.id, text)
    assert report.imported
    assert [p.initials for p in report.added] == ["AS"]
    assert [(line, p.name) for line, p in report.already] == [(2, "Chris Owen"), (3, "Chris Owen")]
    again = import_roster_csv(db, cme.group.id, text)
    assert again.imported and again.added == [] and len(again.already) == 3


def test_initials_held_by_someone_else_suggest_free_ones(db: Database) -> None:
    cme = make_cme(db)  # Chris Owen holds CO
    report = import_roster_csv(db, cme.group.id, HEADER + "Carl Ott,CO\n")
    ((line, message),) = report.errors
    assert line == 2
    assert "Chris Owen already has the initials CO" in message
    assert "give Carl Ott different initials, e.g. CAO or COT" in message


def test_the_command_line_lists_bad_lines_and_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MINUTES_CONFIG", str(tmp_path / "absent.toml"))
    monkeypatch.delenv("MINUTES_DATABASE_URL", raising=False)
    base = ["--db", str(tmp_path / "cli.db")]
    assert main([*base, "group", "add", "CME"]) == 0
    capsys.readouterr()
    bad = _write(tmp_path, (HEADER + "Chris Owen,CO\nBrian Pope,BP,,nope\n").encode())
    assert main([*base, "roster", "import", str(bad)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and f"{bad}:3: " in err and "Nothing was imported: 1 line" in err
    good = _write(tmp_path, (HEADER + "Chris Owen,CO\nBrian Pope,BP\n").encode())
    assert main([*base, "roster", "import", str(good)]) == 0
    assert capsys.readouterr().out == f"Imported 2 people from {good}\n"
    assert main([*base, "roster", "import", str(good)]) == 0
    assert "Imported 0 people" in capsys.readouterr().out


# -- any file at all ----------------------------------------------------------------

_cell = st.one_of(
    st.sampled_from(["", " ", "CO", "co", "BP", "1X", "Chris Owen", "a@b.com Bcc: x@y"]),
    st.sampled_from(["chris@example.org", "not-an-email", "x" * 201, "Ann\nSmith", "\x1b[31m"]),
    st.text(max_size=20),
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    rows=st.lists(st.lists(_cell, max_size=6), max_size=8),
    sep=st.sampled_from([",", ";", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
    tail=st.binary(max_size=4),
)
def test_any_roster_file_imports_whole_or_not_at_all(
    db: Database, tmp_path_factory: pytest.TempPathFactory, rows, sep, encoding, tail
) -> None:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=sep)
    writer.writerow(["name", "initials", "organisation", "email", "role"])
    writer.writerows(rows)
    data = out.getvalue().encode(encoding, errors="replace") + tail
    path = tmp_path_factory.mktemp("csv") / "roster.csv"
    path.write_bytes(data)
    group = create_group(db, f"Any file {next(_groups)}")
    try:
        report = import_roster_csv(db, group.id, path)
    except InvalidInput as exc:
        assert str(exc) and list_roster(db, group.id) == []
        return
    listed = {p.id for p in list_roster(db, group.id)}
    if report.errors:
        assert listed == set() and report.added == []
    else:
        assert listed == {p.id for p in report.added}
    if not report.errors and not tail:  # (stray bytes at the end may make a row)
        assert len(report.added) + len(report.already) == sum(
            1 for r in rows if any(c.strip() for c in r)
        )
