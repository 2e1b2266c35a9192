"""The demo records: the small pair of groups and the generated archive keep the record's rules."""

from __future__ import annotations

import shutil
from collections import defaultdict
from collections.abc import Callable, Iterator
from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from minutes.cli import main
from tests.conftest import TODAY
from tracker import meetings, queries
from tracker.actions import add_action
from tracker.config import sqlite_url
from tracker.dates import utc_to_london
from tracker.db import Database, open_database
from tracker.demo import ArchiveShape, DemoSummary, load_demo
from tracker.demo.large import build_plan
from tracker.demo.summary import count_rows
from tracker.demo.words import AWKWARD
from tracker.errors import InvalidInput
from tracker.finding import find_group, find_person, list_groups
from tracker.groups import create_group
from tracker.kinds import LIVE
from tracker.models import (
    Action,
    ActionOwner,
    ActionStatus,
    Attendance,
    AttendanceKind,
    Base,
    FutureTopic,
    HistoryEntry,
    Item,
    ItemKind,
    Meeting,
    MeetingStatus,
    Membership,
    Person,
    ReviewOutcome,
    TopicStatus,
)
from tracker.roster import list_roster
from tracker.search import search
from tracker.topics import list_topics

SMALL = ArchiveShape(groups=2, meetings_per_group=8, people=64, actions=400)
MAIN_TABLES = (
    "groups", "people", "memberships", "meetings", "attendance", "items", "notes", "decisions",
    "future_topics", "actions", "action_owners", "action_history",
)  # fmt: skip


# -- checks over the whole record ---------------------------------------------------


def record_problems(db: Database, anchor: date, archive_from: int = 0) -> list[str]:
    """Every way the record breaks the rules the services keep; empty when it keeps them.

    Actions with ids from `archive_from` on were written in bulk and never edited,
    so they must still be at version 1 and sequence 0.
    """
    problems: list[str] = []
    with db.read() as s:
        ms = {m.id: m for m in s.execute(select(Meeting)).scalars()}
        item_meeting = dict(s.execute(select(Item.id, Item.meeting_id)).all())
        acts = s.execute(select(Action)).scalars().all()
        history = s.execute(
            select(HistoryEntry).order_by(HistoryEntry.reviewed_on, HistoryEntry.id)
        ).scalars()
        entries: dict[int, list[HistoryEntry]] = defaultdict(list)
        for h in history:
            entries[h.action_id].append(h)
        members = s.execute(
            select(Membership.group_id, Membership.initials, Person.initials).join(Person)
        ).all()
    day = {mid: utc_to_london(m.starts_at).date() for mid, m in ms.items()}
    by_group: dict[int, list[Meeting]] = defaultdict(list)
    for m in sorted(ms.values(), key=lambda m: m.starts_at):
        by_group[m.group_id].append(m)
    held = {g: [m for m in group if m.status is not MeetingStatus.SCHEDULED] for g, group in
            by_group.items()}  # fmt: skip

    for g, group in by_group.items():
        statuses = [m.status for m in group]
        expected = [MeetingStatus.APPROVED] * (len(group) - 2)
        expected += [MeetingStatus.DRAFT, MeetingStatus.SCHEDULED]
        if statuses != expected:
            problems.append(f"group {g}: meetings {statuses}")
        if day[group[-1].id] < anchor or day[group[-2].id] >= anchor:
            problems.append(f"group {g}: last held / next meeting on the wrong side of {anchor}")
        for earlier, later in pairwise(group):
            if earlier.status is MeetingStatus.APPROVED and (
                earlier.approved_at_meeting_id != later.id or earlier.approved_on != day[later.id]
            ):
                problems.append(f"meeting {earlier.id} not agreed at the next meeting")
        for m in held[g]:
            if m.chair_id is None or m.minute_taker_id is None or m.opened_at is None:
                problems.append(f"meeting {m.id} held without chair, minute-taker or opening")

    for a in acts:
        raised = ms[a.meeting_id]
        if item_meeting[a.item_id] != a.meeting_id or raised.group_id != a.group_id:
            problems.append(f"action {a.id}: item, meeting and group disagree")
        own = entries[a.id]
        at_meetings = [h for h in own if h.meeting_id is not None]
        carried = sum(h.outcome.carries() for h in at_meetings)
        if carried != a.carried_count:
            problems.append(f"action {a.id}: carried_count {a.carried_count}, history {carried}")
        for h in at_meetings:
            if h.reviewed_on != day[h.meeting_id]:
                problems.append(f"history {h.id}: dated {h.reviewed_on}, meeting on another day")
        # Reviewed at every held meeting after the one that raised it, until closed.
        later = [m.id for m in held[a.group_id] if m.starts_at > raised.starts_at]
        if [h.meeting_id for h in at_meetings] != later[: len(at_meetings)]:
            problems.append(f"action {a.id}: reviews skip or repeat a meeting")
        last = own[-1] if own else None
        if a.status is ActionStatus.OPEN:
            if a.closed_on is not None or (last is not None and not last.outcome.keeps_open):
                problems.append(f"action {a.id}: open but closed by its history")
            if len(at_meetings) != len(later):
                problems.append(f"action {a.id}: open but not reviewed at every later meeting")
        else:
            closing = {
                ActionStatus.DONE: ReviewOutcome.DONE,
                ActionStatus.DROPPED: ReviewOutcome.DROPPED,
            }
            if (
                last is None
                or last.outcome is not closing[a.status]
                or last.reviewed_on != a.closed_on
            ):
                problems.append(f"action {a.id}: {a.status} without its closing entry")
        if a.due_text == "next meeting":
            following = [m for m in by_group[a.group_id] if m.starts_at > raised.starts_at]
            if not following or a.due_date != day[following[0].id]:
                problems.append(f"action {a.id}: due at the next meeting but dated otherwise")
        if a.id >= archive_from and (a.version, a.sequence) != (1, 0):
            problems.append(f"action {a.id}: version {a.version}, sequence {a.sequence}")

    for group_id, initials, person_initials in members:
        if initials != person_initials:
            problems.append(f"group {group_id}: roster initials {initials} != {person_initials}")
    per_group = defaultdict(list)
    for group_id, initials, _ in members:
        per_group[group_id].append(initials.upper())
    for group_id, all_initials in per_group.items():
        if len(all_initials) != len(set(all_initials)):
            problems.append(f"group {group_id}: initials used twice")
    return problems


def table_rows(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """The main tables, row by row in key order, as the database returns them."""
    out = {}
    with db.read() as s:
        for name in MAIN_TABLES:
            table = Base.metadata.tables[name]
            rows = s.execute(select(table).order_by(*table.primary_key.columns)).all()
            out[name] = [tuple(r) for r in rows]
    return out


@pytest.fixture
def other_sqlite(sqlite_template: Path, tmp_path: Path) -> Iterator[Any]:
    """Fresh SQLite databases beside the one under test."""
    opened: list[Database] = []

    def make(name: str) -> Database:
        path = tmp_path / f"{name}.db"
        shutil.copyfile(sqlite_template, path)
        opened.append(open_database(sqlite_url(path)))
        return opened[-1]

    yield make
    for d in opened:
        d.dispose()


# -- the small demo -----------------------------------------------------------------------


def test_small_demo_is_a_realistic_record(db: Database) -> None:
    summary = load_demo(db, "small", anchor=TODAY)
    assert summary == count_rows(db)
    assert (summary.groups, summary.meetings) == (2, 8)
    assert record_problems(db, TODAY, archive_from=10**9) == []

    cme = find_group(db, "South East CME Group")
    assert cme.recurrence_text == "second Wednesday every other month, 14:00"
    roster = {p.initials: p for p in list_roster(db, cme.id, include_guests=True)}
    assert roster["MS"].name == "Mike Stoneman" and roster["MS"].organisation == "Portsmouth"
    assert roster["CO"].organisation == "SESLIP" and roster["BP"].organisation == "Hants"
    assert not roster["JB"].member and roster["JB"].organisation == "DfE"

    diary = queries.list_meetings(db, cme.id)
    assert [m.status for m in diary] == [MeetingStatus.APPROVED] * 3 + [
        MeetingStatus.DRAFT,
        MeetingStatus.SCHEDULED,
    ]
    assert diary[-2].date < TODAY <= diary[-1].date
    assert all(m.date.weekday() == 2 and 8 <= m.date.day <= 14 for m in diary)  # 2nd Wednesday
    first = queries.get_meeting(db, diary[0].id)
    guests = [a for a in first.attendance if a.kind is AttendanceKind.IN_ATTENDANCE]
    assert [g.person.name for g in guests] == ["Jake Butterworth"]

    draft = queries.get_meeting(db, diary[-2].id)
    titles = [i.title for i in draft.items]
    assert titles[0] == "Notes of last meeting and matters arising" and titles[-1] == "AOB"
    assert "Progress with LG Ombudsman complaints concern" in titles
    assert "Local s19 policy advice summary" in titles
    apologies = {a.person.initials for a in draft.attendance if a.kind is AttendanceKind.APOLOGIES}
    assert apologies == {"RG", "OM", "AS", "VN", "JG"}
    decisions = [d.text for i in draft.items for d in i.decisions]
    assert "Pause requesting s19 data in the dashboard until next academic year" in decisions
    raised = [a for i in draft.items for a in i.actions]
    owners = {
        a.text: ("All" if a.for_all else " & ".join(o.initials for o in a.owners)) for a in raised
    }
    assert owners["Circulate the file with BFC's pro-forma for schools"] == "CO"
    assert owners["Draft a set of principles to be agreed with ICBs in the region"] == "CO & MS"
    assert (
        owners['Send further comments on the "within s19 and outside s19" list to Chris'] == "All"
    )
    due_next = [a for a in raised if a.due_text == "next meeting"]
    assert due_next and all(a.due_date == diary[-1].date for a in due_next)

    earliest = [a for i in first.items for a in i.actions]
    template = next(a for a in earliest if a.text.startswith("Make final edits"))
    assert {o.initials for o in template.owners} == {
        "BP",
        "CO",
    } and template.status is ActionStatus.DONE

    carried = queries.find_actions(db, queries.ActionFilter(group_id=cme.id, carried_min=3))
    permission = next(a for a in carried if a.text.startswith("Request ADs give permission"))
    assert permission.carried_count == 3 and permission.status is ActionStatus.OPEN
    assert [h.outcome for h in permission.history] == [ReviewOutcome.CARRIED_FORWARD] * 3
    assert permission.history[-1].automatic and not permission.history[0].automatic
    assert [h.reviewed_on for h in permission.history] == [m.date for m in diary[1:4]]

    planned = {t.title: t for t in list_topics(db, cme.id)}
    assert planned["EOTAS typical packages"].due_month is not None
    assert planned["EOTAS typical packages"].due_month.month == 1
    assert any(t.status is TopicStatus.TAKEN for t in list_topics(db, cme.id, include_closed=True))


def test_small_demo_alliance_shares_people_with_the_cme_group(db: Database) -> None:
    load_demo(db, "small", anchor=TODAY)
    alliance = find_group(db, "Attendance Action Alliance")
    assert alliance.public_senior_only
    roster = {p.initials: p for p in list_roster(db, alliance.id, include_guests=True)}
    assert {"SC", "RDS", "DCG", "GK"} <= roster.keys()
    cme = find_group(db, "South East CME Group")
    chris = find_person(db, cme.id, "CO")
    assert roster["CO"].id == chris.id
    assert roster["JB"].id == find_person(db, cme.id, "JB").id
    mine = queries.find_actions(db, queries.ActionFilter(owner_id=chris.id), today=TODAY)
    assert {a.group_name for a in mine} == {"South East CME Group", "Attendance Action Alliance"}

    first = queries.list_meetings(db, alliance.id)[0]
    record = queries.get_meeting(db, first.id)
    assert record.meeting.chair is not None and record.meeting.chair.initials == "GK"
    deputies = {
        a.person.initials: a.deputising_for.initials for a in record.attendance if a.deputising_for
    }
    assert deputies == {"CL": "AF", "PS": "CRO"}
    topics = {t.title: t for t in list_topics(db, alliance.id)}
    upcoming = queries.list_meetings(db, alliance.id)[-1]
    assert topics["SEND attendance"].due_meeting_id == upcoming.id


def test_small_demo_twice_is_refused_and_changes_nothing(db: Database) -> None:
    load_demo(db, "small", anchor=TODAY)
    before = count_rows(db)
    with pytest.raises(InvalidInput, match="already holds the small demo"):
        load_demo(db, "small", anchor=TODAY)
    assert count_rows(db) == before


def test_small_demo_that_fails_part_way_leaves_nothing_and_loads_again(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.statements import counting
    from tracker.demo.recorder import Recorder

    close = Recorder.close
    closed: list[int] = []

    def close_then_fail(self: Recorder, meeting_id: int) -> int:
        if len(closed) == 2:  # the CME group's third meeting: well into the load
            raise RuntimeError("the disk is full")
        closed.append(meeting_id)
        return close(self, meeting_id)

    empty = count_rows(db)
    monkeypatch.setattr(Recorder, "close", close_then_fail)
    with pytest.raises(RuntimeError, match="the disk is full"):
        load_demo(db, "small", anchor=TODAY)
    assert closed, "the load did not get part way"
    assert count_rows(db) == empty == DemoSummary(0, 0, 0, 0, 0)
    monkeypatch.setattr(Recorder, "close", close)
    with counting(db) as count:
        summary = load_demo(db, "small", anchor=TODAY)
    assert (summary.groups, summary.meetings) == (2, 8)
    assert count.transactions == 1, count  # the whole demo is one transaction
    assert record_problems(db, TODAY, archive_from=10**9) == []


# -- the large archive, at a reduced size ----------------------------------------------


def test_large_archive_keeps_every_rule(db: Database) -> None:
    summary = load_demo(db, "large", anchor=TODAY, shape=SMALL, seed=7)
    assert summary == DemoSummary(groups=2, people=64, meetings=16, actions=400,
                                  history=summary.history)  # fmt: skip
    assert summary == count_rows(db)
    assert summary.history > summary.actions
    assert record_problems(db, TODAY) == []
    with db.read() as s:
        statuses = dict(
            s.execute(select(Action.status, func.count()).group_by(Action.status)).all()
        )
        longest = s.scalar(select(func.max(Action.carried_count)))
        between = s.scalar(
            select(func.count()).select_from(HistoryEntry).where(HistoryEntry.meeting_id.is_(None))
        )
        automatic = s.scalar(
            select(func.count()).select_from(HistoryEntry).where(HistoryEntry.automatic.is_(True))
        )
        kinds = set(s.scalars(select(Attendance.kind)))
        names = list(s.scalars(select(Person.name)))
        taken = s.execute(
            select(FutureTopic.id, FutureTopic.taken_at_meeting_id).where(
                FutureTopic.status == TopicStatus.TAKEN
            )
        ).all()
        topic_items = dict(
            s.execute(
                select(Item.topic_id, Item.meeting_id).where(Item.topic_id.is_not(None))
            ).all()
        )
        owned = s.scalar(select(func.count(func.distinct(ActionOwner.action_id))))
        for_all = s.scalar(select(func.count()).select_from(Action).where(Action.for_all.is_(True)))
        kinds_of_items = set(s.scalars(select(Item.kind)))
    assert (
        statuses[ActionStatus.OPEN] > 0
        and statuses[ActionStatus.DONE] > statuses[ActionStatus.DROPPED] > 0
    )
    assert longest >= 5  # a long tail carried many times
    assert between > 0 and automatic > 0
    assert kinds >= {AttendanceKind.PRESENT, AttendanceKind.APOLOGIES}
    assert any(any(odd in n for odd in AWKWARD) for n in names)
    assert taken and all(topic_items[t] == m for t, m in taken)
    assert owned + for_all == summary.actions
    assert kinds_of_items == set(ItemKind)


def test_large_archive_is_searchable_and_the_services_carry_on(db: Database) -> None:
    load_demo(db, "large", anchor=TODAY, shape=SMALL)
    any_action = queries.find_actions(db, queries.ActionFilter(statuses=()), limit=1)[0]
    verb = any_action.text.split()[0]  # every generated action starts with a verb
    hits = search(db, verb)
    assert any(h.kind == "action" and h.text.startswith(verb) for h in hits)

    group = list_groups(db)[0]
    upcoming = queries.list_meetings(db, group.id, statuses=LIVE)
    assert len(upcoming) == 1 and upcoming[0].date >= TODAY
    still_open = queries.find_actions(db, queries.ActionFilter(group_id=group.id))
    meetings.open_meeting(db, upcoming[0].id)
    record = queries.get_meeting(db, upcoming[0].id)
    assert {a.id for a in record.reviews} == {a.id for a in still_open}
    added = add_action(db, record.items[0].id, "Check the archive still takes new actions", "All")
    assert added.id > max(a.id for a in still_open)
    assert meetings.close_meeting(db, upcoming[0].id) == len(still_open)
    carried = {a.id: a for a in queries.find_actions(db, queries.ActionFilter(group_id=group.id))}
    for before in still_open:
        after = carried[before.id]
        assert after.carried_count == before.carried_count + 1
        assert after.history[-1].automatic and after.history[-1].meeting_id == upcoming[0].id
    assert create_group(db, "A group after the archive").id > group.id


def test_large_archive_is_the_same_for_the_same_seed(db: Database, other_sqlite: Any) -> None:
    load_demo(db, "large", anchor=TODAY, shape=SMALL, seed=11)
    again = other_sqlite("again")
    load_demo(again, "large", anchor=TODAY, shape=SMALL, seed=11)
    first, second = table_rows(db), table_rows(again)
    for name in MAIN_TABLES:
        assert first[name] == second[name], name
    other = other_sqlite("other")
    load_demo(other, "large", anchor=TODAY, shape=SMALL, seed=12)
    assert table_rows(other)["actions"] != first["actions"]
    moved = build_plan(11, date(2026, 6, 1), SMALL, {})
    assert moved.rows["meetings"] != build_plan(11, TODAY, SMALL, {}).rows["meetings"]


def test_large_archive_loads_beside_an_existing_record(db: Database) -> None:
    load_demo(db, "small", anchor=TODAY)
    small = table_rows(db)
    with db.read() as s:
        highest = {
            name: s.scalar(select(func.max(Base.metadata.tables[name].c.id)))
            for name in ("groups", "people", "meetings", "actions", "action_history")
        }
    summary = load_demo(db, "large", anchor=TODAY, shape=SMALL)
    after = table_rows(db)
    for name in MAIN_TABLES:
        assert after[name][: len(small[name])] == small[name], name
    with db.read() as s:
        for name, top in highest.items():
            lowest_new = s.scalar(
                select(func.min(Base.metadata.tables[name].c.id)).where(
                    Base.metadata.tables[name].c.id > top
                )
            )
            assert lowest_new == top + 1, name
    assert count_rows(db).actions == 28 + summary.actions
    assert record_problems(db, TODAY, archive_from=highest["actions"] + 1) == []
    with pytest.raises(InvalidInput, match="already holds the large demo archive"):
        load_demo(db, "large", anchor=TODAY, shape=SMALL)
    cme = find_group(db, "South East CME Group")
    nxt = meetings.schedule_meeting(db, cme.id, date(2027, 3, 10))
    assert nxt.id == highest["meetings"] + summary.meetings + 1


def test_archive_shape_is_checked() -> None:
    with pytest.raises(InvalidInput):
        ArchiveShape(groups=0)
    with pytest.raises(InvalidInput):
        ArchiveShape(groups=3, people=10)
    with pytest.raises(InvalidInput):
        ArchiveShape(meetings_per_group=1)


def test_progress_is_reported_by_stage(db: Database) -> None:
    seen: list[tuple[int, int, str]] = []
    load_demo(
        db, "large", anchor=TODAY, shape=SMALL, progress=lambda d, t, s: seen.append((d, t, s))
    )
    stages = [s for _, _, s in seen]
    for stage in ("people", "meetings", "actions", "history"):
        assert stage in stages
    assert seen[-1][0] == seen[-1][1] and seen[-1][2] == "history"
    assert [d for d, _, _ in seen[1:]] == sorted(d for d, _, _ in seen[1:])


# -- the command --------------------------------------------------------------------------


@pytest.fixture
def cli(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Callable[..., tuple[int, str, str]]:
    monkeypatch.setenv("MINUTES_CONFIG", str(tmp_path / "absent.toml"))
    monkeypatch.delenv("MINUTES_DATABASE_URL", raising=False)
    path = tmp_path / "demo.db"

    def run(*args: str) -> tuple[int, str, str]:
        code = main(["--db", str(path), *args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_demo_command_loads_once_and_then_explains(cli: Any) -> None:
    code, out, err = cli("demo")
    assert code == 0, err
    assert out.startswith("Loaded the small demo") and "8 meetings" in out and err == ""
    code, out, _ = cli("actions", "--carried", "3")
    assert code == 0 and "Request ADs give permission" in out
    code, out, err = cli("demo")
    assert code == 2 and out == ""
    assert "already holds the small demo" in err and "--db" in err and err[-1] == "\n"
    assert err.count("\n") == 1


def test_demo_command_rejects_a_bad_anchor(cli: Any) -> None:
    code, _, err = cli("demo", "--anchor", "31/02/2026")
    assert code == 2 and "--anchor" in err
    code, _, err = cli("demo", "--size", "huge")
    assert code == 2 and "huge" in err


@pytest.mark.slow
def test_demo_command_builds_the_full_archive(cli: Any) -> None:
    code, out, err = cli("demo", "--size", "large", "--anchor", "2026-11-22", "--seed", "3")
    assert code == 0, err
    assert "5 groups, 200 people, 305 meetings, 20,000 actions" in out
    code, out, _ = cli("search", "s19", "policy")
    assert code == 0 and "s19" in out.lower()
