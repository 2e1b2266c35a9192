"""The South East CME Group, modelled on its published minutes (2021 and 2024).

Five meetings around the anchor date: three approved, the latest held one in
draft, the next one scheduled. One action (the ADs' permission for EHE
numbers) is carried forward at every meeting since it was raised.
"""

from __future__ import annotations

from datetime import date, timedelta

from tracker.db import Store
from tracker.demo.recorder import MONTHS, Member, Recorder, place_meetings, uk_day
from tracker.groups import create_group
from tracker.models import ItemKind, ReviewOutcome
from tracker.queries import get_meeting

NAME = "South East CME Group"
RECURRENCE = "second Wednesday every other month, 14:00"
SESLIP = "seslip.example.org"
DFE = "education.example.gov.uk"

#: The shared people: the same e-mail in the Alliance makes them one person.
CHRIS = ("Chris Owen", "CO", "SESLIP", "Coordinator", f"chris.owen@{SESLIP}", False)
JAKE = (
    "Jake Butterworth",
    "JB",
    "DfE",
    "DfE lead for elective home education",
    f"jake.butterworth@{DFE}",
    True,
)


def _member(name: str, initials: str, org: str, role: str = "Member") -> Member:
    email = name.lower().replace(" ", ".") + f"@{SESLIP}"
    return (name, initials, org, role, email, False)


ROSTER: tuple[Member, ...] = (
    _member("Mike Stoneman", "MS", "Portsmouth", "Chair"),
    CHRIS,
    _member("Brian Pope", "BP", "Hants"),
    _member("Bryn Roberts", "BR", "Southampton"),
    _member("Gavin Thomas", "GT", "B&H"),
    _member("Melissa Perry", "MP", "W Berks"),
    _member("Katy Daly", "KD", "Bracknell"),
    _member("Neil Stevenson", "NS", "Portsmouth"),
    _member("Pauline Martin Ellis", "PME", "Hants"),
    _member("James Fowler", "JF", "Bucks"),
    _member("Ian Fraser", "IF", "M Keynes"),
    _member("Carole Vernon", "CV", "Wokingham"),
    _member("Simon Smith", "SS", "Kent"),
    _member("Jesse Reiss", "JR", "Kent"),
    _member("Mark Keiller", "MK", "Surrey"),
    _member("Heather Morris", "HM", "IoW"),
    _member("Claire Raffaelli", "CR", "RBWM"),
    _member("Rosie Gossage", "RG", "RBWM"),
    _member("Olly May", "OM", "BFC"),
    _member("Anjli Sidhu", "AS", "Slough"),
    _member("Vidyu Narayan", "VN", "ESCC"),
    _member("Jo Goodey", "JG", "Oxfordshire"),
    _member("Dave Harvey", "DH", "Hants"),
    _member("Debbie Bell", "DB", "Oxfordshire"),
    _member("Gill Dunlop", "GD", "Reading"),
    _member("Jon Willcocks", "JW", "Surrey"),
)


def build(db: Store, anchor: date) -> Recorder:
    days = place_meetings(RECURRENCE, anchor, held=4, future=1)
    group = create_group(
        db,
        NAME,
        email=f"cme@{SESLIP}",
        default_location="Virtual via MS Teams",
        recurrence=RECURRENCE,
        today=days[0],
    )
    r = Recorder(db, group.id)
    r.add_people(ROSTER)
    r.add_people([JAKE], guest=True)
    m1, m2, m3, m4, _m5 = r.schedule(days)
    carried = _first(r, m1, days)
    _second(r, m2, m1, carried)
    _third(r, m3, m2, carried)
    _fourth(r, m4, m3, days, carried)
    return r


def _first(r: Recorder, m: int, days: list[date]) -> dict[str, int]:
    matters = r.hold(
        m,
        chair="BP",
        minute_taker="CO",
        present="BP MS NS DB KD GD DH RG BR AS GT CO",
        apologies="MP MK",
        in_attendance="JB",
    )
    r.write(
        matters,
        [
            "SESLIP data dashboard v1 for the spring term had been circulated. For those who "
            "returned data so far, please check the figures (Oxfordshire had already flagged "
            "errors).",
            "In-year fair access report: taken to the ADs Network, who welcomed and supported "
            "the recommendations.",
        ],
    )
    a: dict[str, int] = {}
    a["fair_access"] = r.action(
        matters,
        "Take the in-year fair access report to the DCSs meeting",
        "Mike / Chris",
        uk_day(days[0] + timedelta(days=2)),
    )
    dashboard = r.item(
        m,
        "SESLIP data dashboard",
        owner="CO",
        kind=ItemKind.STANDING,
        notes=["Definitions for the data dashboard: examples from Dec 2019 had been shared."],
    )
    a["definitions"] = r.action(
        dashboard,
        "Check with data colleagues how the dashboard numbers are understood",
        "All",
        "next meeting",
    )
    ehe = r.item(
        m,
        "Elective home education – policy direction (DfE presentation)",
        owner="JB",
        notes=[
            "Jake Butterworth, DfE lead for elective home education, gave an overview of EHE "
            "in England and the issues the DfE is currently focused on.",
            "DH urged caution with use of the ADCS EHE data: not all LAs, and some responses "
            "more anecdotal than based on data.",
            "DfE is committed to implementing a Children Not In School (CNIS) register. The "
            "Group welcomes a move to CNIS registration.",
        ],
    )
    a["slides"] = r.action(ehe, "Circulate the slides to the group", "CO", "in 2 weeks")
    a["spring_data"] = r.action(
        ehe,
        "Review or submit the spring EHE and CME data for the SESLIP dashboard",
        "All",
        "next meeting",
    )
    a["permission"] = r.action(
        ehe,
        "Request ADs give permission for an extract of EHE numbers to be shared with the DfE",
        "CO",
        "next meeting",
    )
    policies = r.item(
        m,
        "Development activity: elective home education policies",
        notes=["Further update to LA EHE policy template. Aiming to produce practice vignettes."],
    )
    a["template"] = r.action(
        policies,
        "Make final edits to the EHE policy template and share it with the AD Network",
        "BP & CO",
        uk_day(days[0] + timedelta(days=9)),
    )
    a["vignettes"] = r.action(policies, "Produce a couple of practice vignettes", "GD")
    medical = r.item(
        m,
        "Development activity: children with medical needs",
        owner="GT",
        notes=[
            "Agreed within the sub-group to carry out an audit overview with support from Chris.",
            "Discussion about invoices from tier 4 residential providers after NHS commissioning "
            "decisions: push back and ask for specificity about the education delivered.",
        ],
    )
    a["invoices"] = r.action(
        medical,
        "Share the paper agreeing prior approval required for invoices to be covered",
        "BR",
    )
    a["audit"] = r.action(
        medical, "Summary of audit and progress report to next CME Group", "GT", "next meeting"
    )
    aob = r.first_item(m, ItemKind.AOB)
    r.write(aob, ["Bryn shared insights from a recent ILACS where EHE was a focus for discussion."])
    r.topic(
        "Protocols with NHS and ICBs",
        notes="Bracknell materials; DCO group / ICB request.",
        month=_month(days[1]),
        today=days[0],
    )
    r.close(m)
    return a


def _month(d: date) -> str:
    return f"{MONTHS[d.month - 1]} {d.year}"


def _second(r: Recorder, m: int, previous: int, a: dict[str, int]) -> None:
    matters = r.hold(
        m,
        chair="MS",
        minute_taker="CO",
        present="MS CO BP BR GT MP KD NS DH RG",
        apologies="DB GD JF",
        absent="AS",
        approve=previous,
    )
    r.write(matters, ["Matters arising all covered by the actions below."])
    r.review(a["fair_access"], ReviewOutcome.DONE, m, "Taken to the DCSs meeting.")
    r.review(a["slides"], ReviewOutcome.DONE, m, "Circulated with the notes.")
    r.review(a["spring_data"], ReviewOutcome.IN_PROGRESS, m, "Two LAs still to submit.")
    r.review(a["permission"], ReviewOutcome.CARRIED_FORWARD, m, "Awaiting the ADs meeting.")
    r.review(a["template"], ReviewOutcome.DONE, m)
    r.review(a["vignettes"], ReviewOutcome.ON_AGENDA, m)
    r.review(a["invoices"], ReviewOutcome.DONE, m)
    r.review(a["audit"], ReviewOutcome.IN_PROGRESS, m, "Audit under way.")
    # a["definitions"] is left for the automatic carry-forward at close.
    nhs = next(i for i in _items(r, m) if i[1] == "Protocols with NHS and ICBs")[0]
    r.write(nhs, ["Bracknell shared its protocols with NHS colleagues; liaison continues."])
    a["nhs"] = r.action(nhs, "Circulate Bracknell's NHS protocol materials", "KD", "next meeting")
    flexi = r.item(
        m,
        "Development activity: flexi-school guidance / policies",
        owner="DH",
        notes=[
            "Dave Harvey shared a summary of his review of advice, guidance and policy statements.",
            "Unequivocally flexi-schooling is a headteacher's decision since the school is "
            "accountable for safeguarding and progress.",
        ],
        decisions=[
            "Safeguarding to be a 'golden thread' through any statement of advice / guidance."
        ],
    )
    a["flexi"] = r.action(
        flexi,
        "Edit the flexi-schooling slides for the AD Education Network",
        "DH / CO",
        "end of month",
    )
    r.close(m)


def _items(r: Recorder, m: int) -> list[tuple[int, str]]:
    return [(i.id, i.title) for i in get_meeting(r.db, m).items]


def _third(r: Recorder, m: int, previous: int, a: dict[str, int]) -> None:
    matters = r.hold(
        m,
        chair="MS",
        minute_taker="CO",
        present="MS CO BP BR GT MP KD PME JF IF CV",
        apologies="NS RG DH",
        approve=previous,
    )
    r.write(matters, ["Notes agreed."])
    r.review(a["spring_data"], ReviewOutcome.DONE, m, "All returns in.")
    r.review(a["permission"], ReviewOutcome.CARRIED_FORWARD, m, "Chased by e-mail.")
    r.review(a["vignettes"], ReviewOutcome.DROPPED, m, "Superseded by the new template.")
    r.review(a["audit"], ReviewOutcome.ON_AGENDA, m)
    r.review(a["flexi"], ReviewOutcome.DONE, m)
    r.review(a["nhs"], ReviewOutcome.DONE, m, "Materials from Bracknell circulated.")
    r.review(a["definitions"], ReviewOutcome.DONE, m)
    hubs = r.item(
        m,
        "Attendance hubs and targeted support meetings",
        notes=["Hants outlined plans for phase-specific hubs meeting termly."],
    )
    a["hubs"] = r.action(hubs, "Share the Hants attendance hub model with the group", "PME")
    cnis = r.item(
        m,
        "Children Not In School (CNIS) register",
        notes=["DfE consultation expected; members to feed in local experience."],
    )
    a["cnis"] = r.action(
        cnis, "Send comments on the CNIS proposals to Chris", "All", "end of month"
    )
    r.close(m)


def _fourth(r: Recorder, m: int, previous: int, days: list[date], a: dict[str, int]) -> None:
    matters = r.hold(
        m,
        chair="MS",
        minute_taker="CO",
        present="MS JW PME JF BR IF CV NS KD SS JR GT MK MP HM CR CO",
        apologies="RG OM AS VN JG",
        approve=previous,
    )
    r.write(
        matters,
        [
            "Notes passed and actions all in the agenda.",
            "Protocols with NHS: materials from Bracknell circulated, continuing liaison with "
            "DCO group / ICB request.",
        ],
    )
    # The ADs' permission is not reviewed: closing the meeting carries it forward again.
    r.review(a["hubs"], ReviewOutcome.DONE, m, "Presentation shared.")
    r.review(a["cnis"], ReviewOutcome.IN_PROGRESS, m, "Three LAs have replied.")
    r.review(a["audit"], ReviewOutcome.CARRIED_FORWARD, m)
    r.item(
        m,
        "Attendance arrangements: progress and challenges",
        notes=[
            "Attendance hubs and targeted support meetings – colleagues from Hants shared a "
            "presentation about around 12 phase-specific hubs that meet termly.",
            "Challenges include capacity: 20,000 pupils have action plans [to move from being "
            "persistently or severely absent].",
            "Discussion: coding of attendance / absence and unintended consequences, for "
            "example around code B.",
        ],
    )
    lgo = r.item(
        m,
        "Progress with LG Ombudsman complaints concern",
        notes=[
            "Update: CO had a meeting with the DfE attendance team, who committed to contact "
            "the LGO about implementing the school attendance statutory guidance.",
            "From DfE: to what extent have the daily attendance data feed and the school "
            "regulations change helped? Response: it is too early to say yet.",
        ],
    )
    r.action(
        lgo, "Keep on the agenda and update the DfE as changes bed in", "Chris", "next meeting"
    )
    s19 = r.item(
        m,
        "Local s19 policy advice summary",
        owner="MP",
        notes=[
            "W Berks: shared insights from their research about key elements of a S19 policy.",
            "Bracknell: s19 policy as overarching policy; reporting forms so schools provide "
            "all relevant information & health partners too.",
            "Is there value in a regional set of 'typical packages' for EOTAS? Discuss in January.",
        ],
    )
    r.action(s19, "Circulate the file with BFC's pro-forma for schools", "Chris")
    r.action(s19, "Circulate other local s19 policies sent in by members", "Chris", "end of month")
    r.action(
        s19,
        'Send further comments on the "within s19 and outside s19" list to Chris',
        "All",
        "next meeting",
    )
    r.item(
        m,
        "Section 19 data (in EHE dashboard)",
        notes=[
            "S19 numbers are the best bet in the future, but until local policies align with "
            "the guidance, collation is inconsistent across LAs.",
        ],
        decisions=["Pause requesting s19 data in the dashboard until next academic year"],
    )
    aob = r.first_item(m, ItemKind.AOB)
    r.write(
        aob,
        [
            "Draft GP / paediatrician flowchart shared from Southampton, informed by a "
            "flowchart from Torbay.",
            "E Berks arrangement under scrutiny from LMCs worried about additional workload.",
        ],
    )
    r.action(
        aob,
        "Draft a set of principles to be agreed with ICBs in the region",
        "Chris / Mike",
        "next meeting",
    )
    r.topic(
        "EOTAS typical packages",
        notes="A regional set of typical packages, to manage unreasonable demands.",
        owner="MP",
        month="January",
        today=days[3],
    )
    r.topic("Reduced timetables: monitoring", today=days[3])
    r.topic("Flexi-schooling guidance refresh", owner="DH", meeting_id=_next_id(r, m))
    r.close(m)


def _next_id(r: Recorder, m: int) -> int:
    return get_meeting(r.db, m).future_meetings[0].id
