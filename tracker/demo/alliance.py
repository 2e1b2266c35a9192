"""The Attendance Action Alliance, modelled on its published notes (June 2023).

Chaired by the Secretary of State; members known by initials ([SC], [RDS]);
officials in attendance, two of them deputising. Chris Owen and Jake
Butterworth also sit on the CME Group (same e-mail, same person), so their
"my actions" spans both groups.
"""

from __future__ import annotations

from datetime import date

from tracker.db import Store
from tracker.demo.cme import CHRIS, DFE, JAKE
from tracker.demo.recorder import Member, Recorder, place_meetings
from tracker.groups import create_group
from tracker.models import ItemKind, ReviewOutcome

NAME = "Attendance Action Alliance"
RECURRENCE = "first Tuesday every other month, 14:00 for 1 hour"
LOCATION = "Department for Education, Sanctuary Buildings and virtually via MS Teams"
NNPCF = "National Network of Parent Carer Forums"


def _m(name: str, initials: str, org: str, role: str, senior: bool = True) -> Member:
    slug = "".join(c for c in name.lower().replace(" ", ".") if c.isalnum() or c == ".")
    return (name, initials, org, role, f"{slug}@alliance.example.org", senior)


MEMBERS: tuple[Member, ...] = (
    _m("The Rt Hon Gillian Keegan MP", "GK", "DfE", "Secretary of State for Education (Chair)"),
    _m("Sarah Clarke", "SC", NNPCF, "Co-Chair"),
    _m("Matthew Cook", "MC", "National Association of Virtual School Heads", "Chair"),
    _m("Leora Cruddas", "LC", "Confederation of School Trusts", "Chief Executive"),
    _m("Dame Rachel de Souza", "RDS", "Children's Commissioner", "Children's Commissioner"),
    _m("Susan Douglas CBE", "SD", "Eden Academy Trust", "CEO"),
    _m("Tina Emery", "TE", NNPCF, "Co-Chair"),
    _m("Professor Peter Fonagy", "PF", "NHS England", "National Clinical Advisor"),
    _m("Professor Dame Clare Gerada", "DCG", "RCGP", "President"),
    _m("John Pearce", "JP", "ADCS", "President"),
    _m("Mrunal Sisodia", "MS", NNPCF, "Co-Chair"),
    _m("Amanda Spielman", "AS", "Ofsted", "HM Chief Inspector"),
    _m("Isabelle Trowler", "IT", "DfE", "Chief Social Worker for Children and Families"),
    _m("Ade Adetosoye OBE", "AA", "Solace", "Children and Families Spokesperson"),
    _m("Sir Peter Wanless CBE", "PW", "NSPCC", "Chief Executive"),
    _m("Paul Whiteman", "PWH", "NAHT", "General Secretary"),
    _m("Commander Catherine Roper", "CRO", "NPCC", "Children and Young People portfolio"),
    _m("Anna Feuchtwang", "AF", "National Children's Bureau", "Chief Executive"),
    _m("Russell Viner", "RV", "DfE", "Chief Scientific Advisor"),
    CHRIS,
)

OFFICIALS: tuple[Member, ...] = (
    _m("Dame Christine Lenehan", "CL", "Council for Disabled Children", "Director"),
    _m("Paul Stride", "PS", "Metropolitan Police", "Portfolio Coordinator", senior=False),
    _m("Isabel Sherlock", "IS", "Children's Commissioner's Office", "Official", senior=False),
    (
        "Simon Blake",
        "SB",
        "DfE",
        "Deputy Director, Attendance Division",
        f"simon.blake@{DFE}",
        True,
    ),
    ("Elizabeth Franey", "EF", "DfE", "SPAFE Division Lead", f"elizabeth.franey@{DFE}", True),
    JAKE,
)


def build(db: Store, anchor: date) -> Recorder:
    days = place_meetings(RECURRENCE, anchor, held=2, future=1)
    group = create_group(
        db,
        NAME,
        email="attendance.alliance@education.example.gov.uk",
        default_location=LOCATION,
        recurrence=RECURRENCE,
        public_senior_only=True,
        today=days[0],
    )
    r = Recorder(db, group.id)
    r.add_people(MEMBERS)
    r.add_people(OFFICIALS, guest=True)
    first, second, following = r.schedule(days)
    raised = _first(r, first, following)
    _second(r, second, first, raised)
    return r


def _first(r: Recorder, m: int, following: int) -> dict[str, int]:
    r.hold(
        m,
        chair="GK",
        minute_taker="SB",
        present="GK SC MC LC RDS SD TE PF DCG JP MS AS IT CO",
        apologies="AA PW PWH CRO AF RV",
        in_attendance="CL PS IS SB EF JB",
        deputising={"CL": "AF", "PS": "CRO"},
    )
    r.item(
        m,
        "Welcome from the Secretary of State",
        owner="GK",
        notes=[
            "The Secretary of State thanked members for their work and stressed the importance "
            "of getting children back into school in September.",
            "The Secretary of State welcomed Sarah Clarke [SC], who replaces Mrunal Sisodia as "
            "co-chair of the National Network of Parent Carer Forums.",
        ],
    )
    cin = r.item(
        m,
        "Children in Need item",
        owner="MC",
        notes=[
            "The Children in Need review found that 1.6 million children needed a social worker "
            "in the 6-year period looked at.",
            "RDS noted that the focus should be placed on improving national level data on "
            "Children in Need, and urged caution on national tracking for LA-level targeting.",
            "CL identified key things that would help children with SEND: data, admission and "
            "tracking.",
            "IT highlighted the importance of the social worker's role in improving attendance.",
        ],
    )
    a: dict[str, int] = {}
    a["wellbeing"] = r.action(
        cin, "Relay observations on the framing of wellbeing to the relevant policy team", "SB"
    )
    a["commissioners"] = r.action(
        cin,
        "Consider how to bring Commissioners into local Attendance Action Alliance work",
        "SB",
        "next meeting",
    )
    a["cin_data"] = r.action(
        cin, "Share Children in Need data with networks to highlight the absence issue", "All"
    )
    a["cook"] = r.action(
        cin, "Feed Matthew Cook's recommendations back to relevant policy teams", "SB"
    )
    a["quality"] = r.action(
        cin,
        "Discuss Children in Need data with Children's Social Care colleagues to improve "
        "data collection quality",
        "SB & IT",
    )
    send = r.item(
        m,
        "Special Educational Needs",
        owner="EF",
        notes=[
            "Absence for children with SEND is higher than for their peers; the gap is better "
            "than last year but worse relative to pre-Covid-19.",
            "SD, CL and MS asked that back to school comms include SEND children, parental "
            "trust, and the additional barriers they face.",
        ],
    )
    a["send"] = r.action(
        send, "Bring SEND attendance back to a future meeting for a fuller discussion", "SB"
    )
    closing = r.item(
        m,
        "Closing remarks",
        owner="GK",
        notes=["Attendance is everyone's business."],
    )
    a["plan"] = r.action(
        closing,
        "Produce a detailed plan to drive the September back to school moment",
        "SB",
        "next meeting",
    )
    aob = r.first_item(m, ItemKind.AOB)
    a["hubs"] = r.action(
        aob, "Share the South East CME Group's findings on attendance hubs", "CO", "next meeting"
    )
    r.topic(
        "SEND attendance",
        notes="A fuller discussion, including the role of special schools.",
        owner="EF",
        meeting_id=following,
    )
    r.close(m)
    return a


def _second(r: Recorder, m: int, previous: int, a: dict[str, int]) -> None:
    matters = r.hold(
        m,
        chair="GK",
        minute_taker="SB",
        present="GK SC MC LC RDS TE JP AS IT PW AF CO",
        apologies="SD PF DCG MS",
        in_attendance="SB EF",
        approve=previous,
    )
    r.write(matters, ["Notes of the last meeting agreed; actions reviewed below."])
    r.review(a["wellbeing"], ReviewOutcome.DONE, m)
    r.review(a["commissioners"], ReviewOutcome.IN_PROGRESS, m, "Options paper in draft.")
    r.review(a["cin_data"], ReviewOutcome.DONE, m)
    r.review(a["cook"], ReviewOutcome.DONE, m)
    r.review(a["send"], ReviewOutcome.ON_AGENDA, m)
    r.review(a["plan"], ReviewOutcome.DONE, m, "Plan presented under item 2.")
    r.review(a["hubs"], ReviewOutcome.IN_PROGRESS, m, "Hants model to follow.")
    back = r.item(
        m,
        "Back to school: the September moment",
        owner="SB",
        notes=["Communications toolkit for schools and LAs presented by officials."],
        decisions=["Back to school communications to include SEND children and parental trust."],
    )
    r.action(back, "Circulate the back to school communications toolkit", "SB", "in 2 weeks")
    r.action(back, "Share regional attendance hub models with members", "CO & SB", "next meeting")
    r.item(
        m,
        "Severe absence: data update",
        owner="SB",
        notes=["Severe absence has risen; officials to bring a breakdown by primary need."],
        confidential=True,
    )
    r.close(m)
