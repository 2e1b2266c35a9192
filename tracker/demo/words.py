"""Words and phrases of the domain, taken from the example minutes, for generated text.

Every phrase is drawn through a `random.Random` passed in, so the same seed
gives the same text. A small fraction of generated text carries characters
that stress escaping in screens and exports ("[b]", "|", "#", "*", "<script>").
"""

from __future__ import annotations

import random

FIRST_NAMES = (
    "Mike", "Chris", "Brian", "Bryn", "Gavin", "Melissa", "Katy", "Neil", "Debbie", "Hilary",
    "Gill", "Dave", "Beth", "Linda", "Rosie", "Andrew", "Farah", "Anjli", "Simon", "Jon",
    "Pauline", "James", "Ian", "Carole", "Jesse", "Mark", "Heather", "Claire", "Olly", "Vidyu",
    "Jo", "Sarah", "Matthew", "Leora", "Rachel", "Susan", "Tina", "Peter", "Clare", "Christine",
    "John", "Amanda", "Paul", "Isabelle", "Ade", "Russell", "Elizabeth", "Anna", "Daryl",
    "Helen", "Priya", "Tom", "Nadia", "Owen", "Fiona", "Rob", "Aisha", "Graham", "Lucy",
    "Sanjay", "Emma", "Kwame", "Ruth", "Marek", "Siobhan", "Yusuf", "Joanne", "Callum",
)  # fmt: skip

SURNAMES = (
    "Stoneman", "Owen", "Pope", "Roberts", "Thomas", "Perry", "Daly", "Stevenson", "Bell",
    "Alford", "Dunlop", "Harvey", "Armstrong", "Curtis", "Gossage", "Parker", "Malik", "Sidhu",
    "Sims", "Willcocks", "Ellis", "Fowler", "Fraser", "Vernon", "Reiss", "Keiller", "Morris",
    "Raffaelli", "May", "Narayan", "Goodey", "Clarke", "Cook", "Cruddas", "Douglas", "Emery",
    "Fonagy", "Lenehan", "Pearce", "Spielman", "Stride", "Trowler", "Whiteman", "Viner",
    "Blake", "Franey", "Perilli", "Okafor", "Hughes", "Patel", "Nowak", "O'Brien", "Khan",
    "Murray", "Lewis", "Walsh", "Brennan", "Ahmed", "Doyle", "Fletcher", "Mensah", "Quinn",
)  # fmt: skip

ORGANISATIONS = (
    "Portsmouth", "Hants", "Southampton", "B&H", "W Berks", "Bracknell", "Kent", "Surrey",
    "IoW", "RBWM", "Slough", "ESCC", "Oxfordshire", "Bucks", "M Keynes", "Wokingham",
    "Reading", "Medway", "W Sussex", "E Sussex", "SESLIP", "DfE", "NHSE/I", "Ofsted", "ICB",
)  # fmt: skip

ROLES = (
    "CME lead", "EHE adviser", "Attendance lead", "Head of Inclusion", "Virtual School Head",
    "Education welfare officer", "SEND manager", "Data analyst", "Medical needs coordinator",
    "Principal education officer", "Service manager", "Admissions manager",
)  # fmt: skip

GROUP_NAMES = (
    "South West EHE Network",
    "London Attendance Leads",
    "Regional SEND Partnership",
    "Virtual School Heads Forum",
    "Medical Needs Sub-group",
    "Section 19 Practitioners Network",
    "Eastern CME Group",
    "Flexi-schooling Working Group",
)

RECURRENCES = (
    "second Wednesday every other month, 14:00",
    "first Tuesday every other month, 10:00",
    "third Thursday every other month, 13:30",
    "second Monday every other month, 10:30",
    "last Friday every other month, 09:30",
    "fourth Wednesday every other month, 14:00",
)

LOCATIONS = (
    "Virtual via MS Teams",
    "Virtual via MS Teams",
    "SESLIP office, Winchester",
    "Sanctuary Buildings, London and via MS Teams",
    "Civic Centre, Portsmouth",
)

STANDING_ITEMS = (
    "SESLIP data dashboard",
    "Regional updates from local authorities",
    "DfE policy update",
    "Attendance data: persistent and severe absence",
    "Safeguarding and EHE: case themes",
)

ITEM_TITLES = (
    "Attendance arrangements: progress and challenges",
    "Progress with LG Ombudsman complaints concern",
    "Local s19 policy advice summary",
    "Section 19 data (in EHE dashboard)",
    "Elective home education: policy direction",
    "Development activity: elective home education policies",
    "Development activity: flexi-school guidance / policies",
    "Development activity: children with medical needs",
    "Children Not In School (CNIS) register",
    "Protocols with NHS and ICBs",
    "Children in Need and attendance",
    "Special educational needs and attendance",
    "EOTAS typical packages",
    "Suitable full-time education: case law",
    "In-year fair access report",
    "Attendance hubs and targeted support meetings",
    "School attendance statutory guidance: implementation",
    "Reduced timetables: monitoring",
    "Tier 4 placements and education invoices",
    "Reintegration after EHE",
    "Data definitions for the dashboard",
    "ILACS findings on EHE",
)

TOPICS = (
    "EHE", "CME", "s19", "EOTAS", "SEND attendance", "CNIS registers", "flexi-schooling",
    "medical needs", "reduced timetables", "persistent absence", "severe absence",
    "attendance hubs", "tier 4 invoices", "SAOs", "reintegration", "in-year fair access",
    "the data dashboard", "suitable education", "code B", "the LGO complaints",
)  # fmt: skip

VERBS = (
    "Circulate", "Share", "Draft", "Update", "Review", "Send", "Produce", "Check",
    "Raise", "Collate", "Summarise", "Finalise", "Bring back", "Follow up", "Confirm",
)  # fmt: skip

OBJECTS = (
    "the EHE policy template", "the s19 policy summary", "BFC's pro-forma for schools",
    "the slides from the presentation", "the GP / paediatrician flowchart",
    "the spring EHE and CME data", "the audit of medical needs cases",
    "the 'within s19 and outside s19' list", "the flexi-schooling statement",
    "the draft principles for ICBs", "the CNIS response", "the dashboard definitions",
    "the reduced timetables guidance", "the EOTAS packages paper", "the practice vignettes",
    "the attendance hub model", "the invoice prior-approval paper", "the LGO casework notes",
    "the data collection form", "the terms of reference",
)  # fmt: skip

AUDIENCES = (
    "with the AD Education Network", "to the DCSs meeting", "with the group",
    "with the DfE attendance team", "with ICBs in the region", "with data colleagues",
    "to Chris to circulate", "with the LGO", "with health partners", "with schools",
    "with the DCO group", "to the next meeting", "with Ofsted colleagues",
)  # fmt: skip

NOTE_TEMPLATES = (
    "{org} shared a presentation about {topic}.",
    "Discussion: {topic} and unintended consequences for {topic2}.",
    "Update: {name} had a meeting with the DfE attendance team about {topic}.",
    "Agreed to keep {topic} on the agenda and to update the DfE as changes bed in.",
    "{org}: shared insights from their research about {topic}.",
    "Concerns about the quality and accuracy of returns on {topic} from a minority of schools.",
    "Members shared options to push back on {topic} and ask for specificity.",
    "Notes passed and actions all in the agenda.",
    "{name} welcomed colleagues and thanked {org} for hosting.",
    "The competing pressures around {topic}: attendance does not equate to engagement.",
    "Is there value in a regional set of typical packages for {topic}? Discuss at a future "
    "meeting.",
    "{org} caseworkers oversee suitable education arrangements for {topic}.",
    "Drift and delay on {topic} remain the key area of criticism from the LGO.",
)

DECISION_TEMPLATES = (
    "Pause requesting {topic} data in the dashboard until next academic year.",
    "Adopt {obj} as the regional template.",
    "Bring {topic} back to a future meeting for a fuller discussion.",
    "Write to the DfE setting out the group's position on {topic}.",
    "Agree {obj} for circulation to all local authorities.",
    "Set up a sub-group on {topic}, reporting to the next meeting.",
)

HISTORY_NOTES = (
    "Chased by e-mail.",
    "Awaiting response from the DfE.",
    "Circulated with the notes.",
    "Deferred to the next meeting.",
    "Partly done: two LAs still to reply.",
    "Draft shared; comments due.",
    "Raised at the AD Network.",
    "No update this time.",
    "Linked to the CNIS consultation.",
    "Data colleagues contacted.",
)

CLOSING_NOTES = (
    "Completed.",
    "Circulated.",
    "Shared with the network.",
    "No longer needed after the DfE guidance.",
    "Superseded by the new template.",
    "Done; see the notes.",
)


#: Text that must never change the layout of a screen or an export.
AWKWARD = (
    "[b]bold?[/b]",
    "A | B",
    "# not a heading",
    "*not emphasis*",
    "<script>alert(1)</script>",
    "[red]red?[/red]",
    "50% of `code`",
)
AWKWARD_RATE = 0.01


def awkward(rng: random.Random, text: str, rate: float = AWKWARD_RATE) -> str:
    """Now and then, text with characters that stress escaping appended."""
    if rng.random() < rate:
        return f"{text} {rng.choice(AWKWARD)}"
    return text


def action_text(rng: random.Random) -> str:
    verb = rng.choice(VERBS)
    text = f"{verb} {rng.choice(OBJECTS)} {rng.choice(AUDIENCES)}"
    if rng.random() < 0.3:
        text += f" (re {rng.choice(TOPICS)})"
    return awkward(rng, text)


def note_text(rng: random.Random, names: list[str]) -> str:
    text = rng.choice(NOTE_TEMPLATES).format(
        org=rng.choice(ORGANISATIONS),
        topic=rng.choice(TOPICS),
        topic2=rng.choice(TOPICS),
        name=rng.choice(names),
    )
    return awkward(rng, text)


def decision_text(rng: random.Random) -> str:
    text = rng.choice(DECISION_TEMPLATES).format(topic=rng.choice(TOPICS), obj=rng.choice(OBJECTS))
    return awkward(rng, text)
