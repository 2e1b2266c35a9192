"""A realistic meeting recorded through the services, and its Markdown minutes pinned
with golden files (tests/golden/*.md; UPDATE_GOLDEN=1 rewrites them after a review).

The meeting follows the published CME Group minutes of 13 November 2024 (its facts
are written out here; nothing outside tests/ is read): the September actions reviewed under matters
arising, notes, a decision, actions for "Chris", "All" and "Chris / Mike", AOB,
the January meeting and a future topic; plus a confidential item and a guest
deputising for a member, for the public variant.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from markdown_it import MarkdownIt

from exports.markdown import DRAFT_LINE, render_minutes
from tracker import actions, agenda, meetings, queries, topics
from tracker.attendance import record_attendance, set_officers
from tracker.db import Database
from tracker.groups import create_group
from tracker.meeting_records import MeetingRecord
from tracker.models import AttendanceKind, ReviewOutcome
from tracker.records import PersonRecord
from tracker.roster import PersonInput, add_person

GOLDEN = Path(__file__).parent / "golden"

ROSTER = [
    # name, initials, organisation, e-mail, role, senior
    ("Mike Stoneman", "MS", "Portsmouth", "mike.stoneman@example.org", "Chair", True),
    ("Chris Owen", "CO", "SESLIP", "chris.owen@example.org", "Coordinator", False),
    ("Brian Pope", "BP", "Hants", "brian.pope@example.org", None, True),
    ("Bryn Roberts", "BR", "Southampton", "bryn.roberts@example.org", None, False),
    ("Gavin Thomas", "GT", "B&H", "gavin.thomas@example.org", None, False),
    (
        "Melissa Perry",
        "MP",
        "W Berks",
        "melissa.perry@example.org",
        "Designated Clinical Officer",
        False,
    ),
    ("Katy Daly", "KD", "Bracknell", "katy.daly@example.org", None, False),
]


@dataclass
class Cme:
    db: Database
    group_id: int
    people: dict[str, PersonRecord]
    september: int
    november: int
    january: int
    #: Actions by a short name.
    actions: dict[str, int]


def write_or_compare(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")
        return
    assert path.exists(), f"{path} is missing: run with UPDATE_GOLDEN=1 and review it"
    expected = path.read_bytes().decode("utf-8")
    assert text == expected, f"{name} differs from the golden file (UPDATE_GOLDEN=1 to accept)"


def build_cme(db: Database, *, january_label: str | None = None) -> Cme:
    group = create_group(
        db,
        "South-East Children Missing Education Group",
        email="cme@example.org",
        public_senior_only=True,
    )
    people: dict[str, PersonRecord] = {}
    for name, initials, org, email, role, senior in ROSTER:
        people[initials] = add_person(
            db, group.id, PersonInput(name, initials, org, email, role, senior=senior)
        )
    people["JB"] = add_person(
        db,
        group.id,
        PersonInput("Jake Butterworth", "JB", "DfE", "jake@example.org", "EHE lead"),
        guest=True,
    )
    people["DH"] = add_person(
        db, group.id, PersonInput("Dave Harvey", "DH", "Hants", None, "Officer"), guest=True
    )

    september = meetings.schedule_meeting(
        db, group.id, date(2024, 9, 18), start="14:00", location="Virtual via MS Teams"
    ).id
    november = meetings.schedule_meeting(
        db,
        group.id,
        date(2024, 11, 13),
        start="14:00",
        end="16:00",
        location="Virtual via MS Teams",
    ).id
    meetings.open_meeting(db, september)
    sept_item = agenda.add_item(db, september, "NHS protocols")
    found: dict[str, int] = {}
    found["protocols"] = actions.add_action(
        db, sept_item, "Circulate Bracknell's NHS protocol materials", "KD", "in 2 weeks"
    ).id
    found["flowchart"] = actions.add_action(
        db, sept_item, "Share the GP / paediatrician flowchart", "BR", "next meeting"
    ).id
    meetings.close_meeting(db, september)

    january = meetings.schedule_meeting(
        db,
        group.id,
        date(2025, 1, 29),
        start="10:00",
        end="12:00",
        location="Hampshire County Council, Winchester",
        label=january_label,
    ).id
    topics.add_topic(
        db,
        group.id,
        "Regional 'typical packages' for EOTAS",
        notes="To manage unreasonable demands from a few parents.",
        owner="MP",
        meeting_id=january,
        today=date(2024, 11, 13),
    )
    topics.add_topic(db, group.id, "Flexi-schooling guidance", today=date(2024, 11, 13))

    meetings.open_meeting(db, november)
    for initials in ("MS", "CO", "BP", "BR", "GT", "MP"):
        record_attendance(db, november, people[initials].id, AttendanceKind.PRESENT)
    record_attendance(db, november, people["KD"].id, AttendanceKind.APOLOGIES)
    record_attendance(db, november, people["JB"].id, AttendanceKind.IN_ATTENDANCE)
    record_attendance(
        db,
        november,
        people["DH"].id,
        AttendanceKind.IN_ATTENDANCE,
        deputising_for_id=people["KD"].id,
    )
    set_officers(db, november, chair_id=people["MS"].id, minute_taker_id=people["CO"].id)
    meetings.approve_minutes(db, september, november)

    record = queries.get_meeting(db, november)
    matters = record.items[0].id
    agenda.edit_item(db, matters, title="Notes of September meeting and matters arising")
    agenda.add_note(db, matters, "Notes passed and actions all in the agenda.")
    actions.review_action(
        db,
        found["protocols"],
        ReviewOutcome.DONE,
        meeting_id=november,
        note="Materials from Bracknell circulated.",
    )

    hubs = agenda.add_item(db, november, "Attendance arrangements: progress and challenges")
    agenda.add_note(
        db,
        hubs,
        "Hants shared a presentation on attendance hubs: 12 phase-specific hubs "
        "that meet termly.\nThere are 20,000 pupils with action plans.",
    )
    agenda.add_note(db, hubs, "Discussion: coding of attendance / absence, e.g. code *B*.")
    lgo = agenda.add_item(db, november, "Progress with LG Ombudsman complaints concern", owner="CO")
    agenda.add_note(db, lgo, "CO had a meeting with the DfE attendance team.")
    found["lgo"] = actions.add_action(
        db, lgo, "Keep on the agenda; update the DfE as changes bed in", "Chris", "next meeting"
    ).id
    s19 = agenda.add_item(db, november, "Local s19 policy advice summary", owner="MP")
    agenda.add_note(db, s19, "W Berks shared insights from their research on s19 policies.")
    found["proforma"] = actions.add_action(
        db, s19, "Circulate the file with BFC's pro-forma for schools", "Chris", "in 2 weeks"
    ).id
    found["policies"] = actions.add_action(
        db, s19, 'Send comments on the "within s19 and outside s19" list', "All", "end of month"
    ).id
    data = agenda.add_item(db, november, "Section 19 data (in EHE dashboard)")
    agenda.add_decision(
        db, data, "Pause requesting s19 data in the dashboard until next academic year"
    )
    staffing = agenda.add_item(db, november, "Staffing in one LA's EHE team", confidential=True)
    agenda.add_note(db, staffing, "Concerns about capacity were discussed in confidence.")
    found["staffing"] = actions.add_action(
        db, staffing, "Raise capacity concerns with the AD network", "BP", "18 December 2024"
    ).id
    aob = queries.get_meeting(db, november).items[-1].id
    agenda.add_note(db, aob, "Draft GP / paediatrician flowchart shared from Southampton.")
    found["icb"] = actions.add_action(
        db, aob, "Agree a set of principles with ICBs in the region", "Chris / Mike", "January"
    ).id
    meetings.close_meeting(db, november)
    return Cme(db, group.id, people, september, november, january, found)


def _november(cme: Cme) -> MeetingRecord:
    return queries.get_meeting(cme.db, cme.november)


def test_minutes_match_the_golden_file(db: Database) -> None:
    cme = build_cme(db)
    write_or_compare("cme-2024-11-13.md", render_minutes(_november(cme)))


def test_public_minutes_match_the_golden_file(db: Database) -> None:
    cme = build_cme(db)
    text = render_minutes(_november(cme), public=True, senior_only=True)
    write_or_compare("cme-2024-11-13-public.md", text)


def test_minutes_follow_the_order_of_real_minutes(db: Database) -> None:
    cme = build_cme(db)
    text = render_minutes(_november(cme))
    order = [
        "# South-East Children Missing Education Group",
        "Wednesday 13 November 2024, 14:00–16:00",
        "**Place:** Virtual via MS Teams",
        "**Chair:** Mike Stoneman (Portsmouth)",
        "**Minutes:** Chris Owen (SESLIP)",
        "**Present:**",
        "- Chris Owen (CO), Coordinator, SESLIP",
        "**Apologies:**\n\n- Katy Daly (KD), Bracknell",
        "**In attendance:**",
        "## 1. Notes of September meeting and matters arising",
        "13/11/2024: Action closed. Materials from Bracknell circulated.",
        "## 2. Attendance arrangements",
        "**Decision:** Pause requesting s19 data",
        "## AOB",
        "## Summary of actions",
        "## Dates of future meetings",
        "Wednesday 29 January 2025, 10:00–12:00, Hampshire County Council, Winchester",
        "## Future topics",
        f"*{DRAFT_LINE}*",
    ]
    positions = [text.find(s) for s in order]
    assert -1 not in positions, [s for s, p in zip(order, positions, strict=True) if p < 0]
    assert positions == sorted(positions)
    assert "- Dave Harvey (DH), Officer, Hants, deputising for Katy Daly" in text
    assert "- Melissa Perry (MP), Designated Clinical Officer, W Berks" in text
    # The history of the carried September action, in the words minutes use.
    assert "13/11/2024: Carry action forward." in text


def test_agreed_minutes_carry_the_date_they_were_agreed(db: Database) -> None:
    cme = build_cme(db)
    meetings.open_meeting(db, cme.january)
    meetings.approve_minutes(db, cme.november, cme.january)
    text = render_minutes(_november(cme))
    assert text.rstrip().endswith("*Agreed on 29 January 2025*")
    assert DRAFT_LINE not in text


def test_public_minutes_leave_out_confidential_items_and_unnamed_officials(db: Database) -> None:
    cme = build_cme(db)
    full = render_minutes(_november(cme))
    public = render_minutes(_november(cme), public=True, senior_only=True)
    assert "Staffing in one LA" in full and "Raise capacity concerns" in full
    assert "Staffing in one LA" not in public
    assert "Raise capacity concerns" not in public
    assert "in confidence" not in public
    for hidden in ("Chris Owen", "Bryn Roberts", "Gavin Thomas", "Katy Daly", "Jake Butterworth"):
        assert hidden in full
        assert hidden not in public
    assert "Mike Stoneman (MS), Chair, Portsmouth" in public and "Brian Pope (BP), Hants" in public
    assert "officials from SESLIP" in public and "officials from DfE" in public
    assert "- an official from Hants, deputising for an official from Bracknell" in public
    # Owners who are not senior are shown by organisation, not initials.
    assert "officials from SESLIP & MS" in public
    # Public minutes of a group that names everyone keep the names.
    open_to_all = render_minutes(_november(cme), public=True, senior_only=False)
    assert "Chris Owen" in open_to_all and "Staffing in one LA" not in open_to_all


def test_the_rendered_minutes_have_no_html_and_tables_keep_their_columns(db: Database) -> None:
    cme = build_cme(db)
    tokens = MarkdownIt("js-default").parse(render_minutes(_november(cme)))
    assert not [t for t in tokens if t.type.startswith("html")]
    rows = [t for t in tokens if t.type == "tr_open"]
    assert len(rows) == 1 + 7  # header + the six actions left open + the one closed
    heads = [tokens[n + 1].content for n, t in enumerate(tokens) if t.type == "heading_open"]
    assert heads == [
        "South-East Children Missing Education Group",
        "Attendance",
        "1. Notes of September meeting and matters arising",
        "2. Attendance arrangements: progress and challenges",
        "3. Progress with LG Ombudsman complaints concern",
        "4. Local s19 policy advice summary",
        "5. Section 19 data (in EHE dashboard)",
        "6. Staffing in one LA's EHE team",
        "AOB",
        "Summary of actions",
        "Dates of future meetings",
        "Future topics",
    ]


def test_agreed_minutes_keep_their_future_dates_when_later_meetings_are_added(
    db: Database,
) -> None:
    from tracker.archive import load_archive

    cme = build_cme(db)
    draft = render_minutes(_november(cme))
    meetings.open_meeting(db, cme.january)
    meetings.approve_minutes(db, cme.november, cme.january)
    agreed = render_minutes(_november(cme))
    january = "- Wednesday 29 January 2025, 10:00–12:00, Hampshire County Council, Winchester"
    # the meeting that was next is still listed once it has been held
    assert january in draft and january in agreed
    for day in (date(2025, 3, 26), date(2025, 5, 21)):
        meetings.schedule_meeting(db, cme.group_id, day, start="14:00")
    meetings.close_meeting(db, cme.january)
    later = render_minutes(_november(cme))
    assert later == agreed
    assert [m.id for m in _november(cme).future_meetings] == [cme.january]
    # minutes not yet agreed list what is scheduled now
    assert "Wednesday 26 March 2025" in render_minutes(queries.get_meeting(db, cme.january))
    archived = {r.meeting.id: r for r in load_archive(db)}
    assert archived[cme.november] == _november(cme)
    assert archived[cme.january] == queries.get_meeting(db, cme.january)
