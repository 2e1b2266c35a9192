"""One set of filter words and one reading of them, for the tracker screen and
`minutes actions`; errors that carry what a front end needs to word its own hint."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from minutes.cli import main
from minutes.hints import for_command_line
from tracker.config import sqlite_url
from tracker.db import open_database
from tracker.errors import AmbiguousPerson, Locked, NotFound
from tracker.filters import FilterError, FilterSpec, parse_filter, parse_statuses
from tracker.finding import find_person
from tracker.kinds import ActionStatus, ReviewOutcome

from .test_tui_actions import Record, build


@pytest.mark.parametrize(
    ("typed", "spec"),
    [
        ("", FilterSpec()),
        ("owner:BP overdue", FilterSpec(owner="BP", overdue=True)),
        ("o:BP g:cme c:3", FilterSpec(owner="BP", group="cme", carried_min=3)),
        ("status:closed", FilterSpec(statuses=(ActionStatus.DONE, ActionStatus.DROPPED))),
        ("is:done,open", FilterSpec(statuses=(ActionStatus.DONE, ActionStatus.OPEN))),
        ("status:all", FilterSpec(statuses=())),
        ('"owner: Kent" template', FilterSpec(text="owner: Kent template")),
    ],
)
def test_filter_words(typed: str, spec: FilterSpec) -> None:
    assert parse_filter(typed) == spec


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("carried:lots", "carried: takes a number"),
        ("status:finished", 'not "finished"'),
        ("colour:red", 'Unknown filter "colour:"'),
        ('"open', "quote is not closed"),
        ("owner:", "owner: needs a value"),
    ],
)
def test_words_not_understood_say_what_to_type(typed: str, says: str) -> None:
    with pytest.raises(FilterError, match=says):
        parse_filter(typed)


def test_status_words_are_the_same_everywhere() -> None:
    assert parse_statuses("closed") == (ActionStatus.DONE, ActionStatus.DROPPED)
    assert parse_statuses("any") == parse_statuses("all") == ()


def test_which_outcomes_keep_an_action_open() -> None:
    open_ones = {o for o in ReviewOutcome if o.keeps_open}
    assert open_ones == {
        ReviewOutcome.CARRIED_FORWARD,
        ReviewOutcome.ON_AGENDA,
        ReviewOutcome.IN_PROGRESS,
    }
    assert {o.status_after for o in open_ones} == {ActionStatus.OPEN}
    assert ReviewOutcome.DONE.status_after is ActionStatus.DONE
    assert ReviewOutcome.DROPPED.status_after is ActionStatus.DROPPED


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    monkeypatch.setenv("MINUTES_CONFIG", str(tmp_path / "absent.toml"))
    monkeypatch.delenv("MINUTES_DATABASE_URL", raising=False)
    path = tmp_path / "cli.db"
    db = open_database(sqlite_url(path))
    record = build(db)
    db.dispose()

    def run(*args: str) -> tuple[int, str, str]:
        code = main(["--db", str(path), *args])
        out, err = capsys.readouterr()
        return code, out, err

    def ids(*args: str) -> set[int]:
        code, out, err = run("actions", "--json", *args)
        assert code == 0, err
        return {a["id"] for a in json.loads(out)}

    return record, run, ids


def test_the_command_takes_the_trackers_words(cli) -> None:  # type: ignore[no-untyped-def]
    r, _run, ids = cli
    assert isinstance(r, Record)
    assert ids() == {r.overdue, r.markup, r.later}
    assert ids("owner:BP") == ids("--owner", "BP") == {r.overdue}
    assert ids("status:done") == ids("--done") == ids("--status", "done") == {r.done}
    assert ids("status:closed") == ids("--closed") == {r.done}
    assert ids("carried:2") == ids("--carried", "2") == {r.overdue, r.markup}
    assert ids("status:all", "venue") == {r.later}
    assert ids("overdue", "--status", "open") == {r.overdue}
    # An option wins over the same word.
    assert ids("status:done", "--open") == {r.overdue, r.markup, r.later}


def test_each_front_end_words_its_own_hint(cli) -> None:  # type: ignore[no-untyped-def]
    _r, run, _ids = cli
    code, _out, err = run("action", "edit", "999", "--text", "x")
    assert code == 2
    assert "There is no action with id 999." in err and "`minutes actions`" in err
    code, _out, err = run("actions", "colour:red")
    assert code == 2 and 'Unknown filter "colour:"' in err


def test_an_ambiguous_person_carries_the_candidates(tmp_path: Path) -> None:
    from tests.builders import make_cme

    db = open_database(sqlite_url(tmp_path / "x.db"))
    try:
        cme = make_cme(db)
        with pytest.raises(AmbiguousPerson) as raised:
            find_person(db, cme.group.id, "B")  # Brian Pope, Bryn Roberts
        exc = raised.value
        assert {c.initials for c in exc.candidates} == {"BP", "BR"} and exc.in_group
        assert "--" not in str(exc) and "Use the id." in for_command_line(exc)
        with pytest.raises(NotFound) as missing:
            find_person(db, None, "Nobody")
        assert (missing.value.what, missing.value.ref) == ("person", "Nobody")
    finally:
        db.dispose()


def test_agreed_minutes_refuse_without_naming_a_command(tmp_path: Path) -> None:
    from tests.approved import approved_meeting
    from tracker.agenda import add_note

    db = open_database(sqlite_url(tmp_path / "x.db"))
    try:
        a = approved_meeting(db)
        with pytest.raises(Locked) as refused:
            add_note(db, a.item_id, "too late")
        assert refused.value.meeting_id == a.meeting_id
        assert "`minutes" not in str(refused.value)
        assert f"`minutes amend show {a.meeting_id}`" in for_command_line(refused.value)
    finally:
        db.dispose()


def test_the_tracker_hint_names_every_status_word_the_filter_takes() -> None:
    """Each status word the parser takes is in the tracker's hint, or means what one
    there means ("any" is "all"); each one in the hint is taken."""
    import re

    from minutes.screens.action_filter import HINT
    from tracker.filters import STATUS_WORDS

    shown = re.search(r"status:(\S+)", HINT)
    assert shown is not None
    hinted = shown[1].split("|")
    meanings = {parse_statuses(word) for word in hinted}
    for word in STATUS_WORDS:
        assert parse_statuses(word) in meanings, f"{word} is not in the hint"
    assert len(meanings) == len(hinted)  # no word twice, nor two for one meaning
