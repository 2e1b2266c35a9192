"""The entry line's grammar: each form, the prose rule, its refusals, and any text at
all (hypothesis). The corpus of realistic lines is in test_entry_corpus.py."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.dates import reads_as_date
from tracker.entry.grammar import (
    LOWER_CASE_ITEM,
    NO_OWNERS,
    Entry,
    EntryError,
    as_note,
    owner_fragment,
    parse,
)
from tracker.entry.phrases import name_and_organisation, split_due
from tracker.kinds import AttendanceKind, OfficerRole


def note(line: str) -> Entry:
    return Entry("note", line=line, text=line)


@pytest.mark.parametrize(
    ("line", "entry"),
    [
        (
            "a BP, CO: share the EHE template by 18 June",
            Entry("action", text="share the EHE template", owners="BP, CO", due="18 June"),
        ),
        (
            "a: MS: stand by the phone by Friday",
            Entry("action", text="stand by the phone", owners="MS", due="Friday"),
        ),
        ("a All: read the report", Entry("action", text="read the report", owners="All")),
        ("a BP: no date by -", Entry("action", text="no date", owners="BP", due="-")),
        ("a BP to ring the head", Entry("action", text="ring the head", owners="BP")),
        ("d pause s19 requests", Entry("decision", text="pause s19 requests")),
        ("n: a note", Entry("note", text="a note")),
        ("i EHE update", Entry("item", text="EHE update")),
        ("p BP CO", Entry("attendance", attendance=AttendanceKind.PRESENT, people=("BP", "CO"))),
        (
            "ap Ann Smith & KD",
            Entry("attendance", attendance=AttendanceKind.APOLOGIES, people=("Ann Smith", "KD")),
        ),
        ("ab JT", Entry("attendance", attendance=AttendanceKind.ABSENT, people=("JT",))),
        (
            "ia MS, CO",
            Entry("attendance", attendance=AttendanceKind.IN_ATTENDANCE, people=("MS", "CO")),
        ),
        ("g Ann Smith, Ofsted", Entry("guest", text="Ann Smith", organisation="Ofsted")),
        ("chair BP", Entry("officer", role=OfficerRole.CHAIR, people=("BP",))),
        ("mt Chris Owen", Entry("officer", role=OfficerRole.MINUTE_TAKER, people=("Chris Owen",))),
        (
            "Action: Chris to circulate the contact list by Friday",
            Entry("action", text="circulate the contact list", owners="Chris", due="Friday"),
        ),
        ("Action – BP/CO: share it", Entry("action", text="share it", owners="BP/CO")),
        ("Action - BP/CO: share it", Entry("action", text="share it", owners="BP/CO")),
        ("Action- BP/CO: share it", Entry("action", text="share it", owners="BP/CO")),
        ("Action—BP/CO: share it", Entry("action", text="share it", owners="BP/CO")),
        ("ACTION: BP: share it", Entry("action", text="share it", owners="BP")),
        ("Agreed: termly returns", Entry("decision", text="termly returns")),
        ("Agreed – termly returns", Entry("decision", text="termly returns")),
        ("Decision: pause s19 requests", Entry("decision", text="pause s19 requests")),
        ("Decided: pause s19 requests", Entry("decision", text="pause s19 requests")),
        (
            "Chair: Mike Stoneman",
            Entry(
                "officer",
                role=OfficerRole.CHAIR,
                people=("Mike Stoneman",),
                prose_unless_known=True,
            ),
        ),
        (
            "Minute-taker: CO",
            Entry(
                "officer", role=OfficerRole.MINUTE_TAKER, people=("CO",), prose_unless_known=True
            ),
        ),
        (
            "Apologies: Katy Daly (Bracknell), GT",
            Entry(
                "attendance",
                attendance=AttendanceKind.APOLOGIES,
                people=("Katy Daly", "GT"),
                prose_unless_known=True,
            ),
        ),
    ],
)
def test_forms(line: str, entry: Entry) -> None:
    from dataclasses import replace

    read = parse(line)
    assert read == replace(entry, line=line)
    # Enums, not their values as text (a StrEnum equals its value).
    assert type(read.attendance) is type(entry.attendance)
    assert type(read.role) is type(entry.role)


def test_one_word_for_each_attendance_and_officer() -> None:
    assert [k.label for k in AttendanceKind] == ["present", "apologies", "absent", "in attendance"]
    assert [r.label for r in OfficerRole] == ["chair", "minute-taker"]


@pytest.mark.parametrize(
    "line",
    [
        "A short discussion followed: most LAs prefer termly returns",
        "I think we covered this last time",
        "A BP, CO: share the template",  # a capital letter is never a short form
        "D pause requests",
        "N Hampshire shared their model",
        "P BP CO",
        "G Ann Smith",
        "Chair thanked everyone",
        "Decision-making sits with the AD network",
        "Action planning was discussed",
        "Agreed that the survey should close",
        "Present-day figures are better",
        "i.e. the returns are late",
        "Hampshire: the hub model works",
        "Chris to send the slides by Friday",
        "1. Notes of last meeting",
        '"We need better data," said the chair',
        "Apologies: ",
    ],
)
def test_prose_is_a_note_word_for_word(line: str) -> None:
    assert parse(line) == note(line.strip())


def test_uncertain_readings_carry_their_doubt() -> None:
    assert parse("a quick update from Hampshire").doubt == NO_OWNERS
    assert parse("Action: to bring SEND attendance back").doubt == NO_OWNERS
    assert parse("Actions: none this time").doubt == NO_OWNERS
    assert parse("i think we covered this").doubt == LOWER_CASE_ITEM
    assert parse("i think we covered this").confirmed().doubt == ""
    # Owners that may not be on the roster are the record's question, not the grammar's.
    entry = parse("a short discussion followed: most LAs prefer termly returns")
    assert (entry.kind, entry.owners, entry.doubt) == ("action", "short discussion followed", "")


@pytest.mark.parametrize(
    ("body", "text", "due"),
    [
        ("send the survey to all LAs by email", "send the survey to all LAs by email", None),
        ("send the survey by email by Friday", "send the survey by email", "Friday"),
        ("send the survey by Friday by email", "send the survey by Friday by email", None),
        ("reduce the backlog by 10% by March", "reduce the backlog by 10%", "March"),
        ("reduce the backlog by 10", "reduce the backlog by 10", None),
        ("go through them one by one", "go through them one by one", None),
        ("send the figures by 31/02/2025", "send the figures", "31/02/2025"),  # refused later
        ("ring the head by Friday 5pm", "ring the head", "Friday 5pm"),  # refused later
        ("book it by the next meeting", "book it", "the next meeting"),
        ("book it by -", "book it", "-"),
    ],
)
def test_due_date_only_when_the_words_after_by_are_a_date(
    body: str, text: str, due: str | None
) -> None:
    assert split_due(body) == (text, due)


def test_reads_as_date() -> None:
    for words in ("Friday", "next week", "18 June", "30/11/2026", "next meeting", "none"):
        assert reads_as_date(words), words
    for words in ("email", "phone", "10%", "10", "2025", "the Christmas break", "hand"):
        assert not reads_as_date(words), words
    for words in ("31/02/2025", "Friday 5pm", "32 June", "13/13/2025"):
        assert reads_as_date(words), words  # a date, with something wrong in it


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("", "Nothing to enter"),
        ("   ", "Nothing to enter"),
        ("a BP:", "has no text"),
        ("a BP: by Friday", "has no text"),
        ("a BP: send it by", "Give a due date"),
        ("d", "Type a decision"),
        ("i", "Type an item title"),
        ("g , Ofsted", "guest's name"),
        ("p", "Type initials"),
        ("chair", "Type the chair's initials"),
        ("mt", "e.g. 'mt BP'"),
        ("chair BP CO", "one chair"),
        ("Decision:", "Type the decision"),
    ],
)
def test_refusals_say_how_to_write_it(line: str, message: str) -> None:
    with pytest.raises(EntryError, match=message):
        parse(line)


def test_as_note_keeps_the_line() -> None:
    line = "a short discussion followed: most LAs prefer termly returns"
    assert as_note(f"  {line} ") == note(line)
    with pytest.raises(EntryError):
        as_note(" ")


def test_owner_fragment_only_while_typing_owners() -> None:
    assert owner_fragment("a BP, C") == ("a BP, ", "C")
    assert owner_fragment("p MS C") == ("p MS ", "C")
    assert owner_fragment("chair B") == ("chair ", "B")
    assert owner_fragment("Action – BP/C") == ("Action – BP/", "C")
    assert owner_fragment("Action: Ch") == ("Action: ", "Ch")
    assert owner_fragment("a BP: text") is None
    assert owner_fragment("Action: Chris to send") is None
    assert owner_fragment("n note") is None
    assert owner_fragment("A short") is None


@given(st.text(max_size=200))
def test_any_line_parses_or_is_refused_with_a_message(line: str) -> None:
    try:
        entry = parse(line)
    except EntryError as exc:
        assert str(exc)
        return
    # What was kept is taken from the line, never invented.
    assert entry.line == line.strip()
    assert entry.text in line
    assert entry.owners in line
    if line.strip()[:1].isupper() and entry.kind not in ("note", "decision"):
        # A capitalised line is prose unless it is one of the minutes forms.
        assert entry.prose_unless_known or entry.kind == "action"


words = st.text(st.characters(categories=("L", "N"), include_characters=" .,'-[]"), min_size=1)
initials = st.text(st.characters(min_codepoint=65, max_codepoint=90), min_size=2, max_size=3)


@given(st.lists(initials, min_size=1, max_size=3), words, st.one_of(st.none(), words))
def test_actions_round_trip(owners: list[str], text: str, due: str | None) -> None:
    text = " ".join(text.replace(":", " ").split())
    if not text or text.lower().endswith(" by") or text.lower() == "by":
        return
    if due is not None:
        due = " ".join(due.split())
        if not due or " by " in f" {due.lower()} ":
            return
    line = f"a {', '.join(owners)}: {text}" + (f" by {due}" if due else "")
    entry = parse(line)
    assert entry.kind == "action"
    assert entry.owners == ", ".join(owners)
    if due and reads_as_date(due):
        assert entry.due == due
    elif due:
        assert entry.due is None or " by " in f" {text} "
        assert entry.text.endswith(due) or entry.due is not None
    else:
        assert (entry.text == text and entry.due is None) or " by " in f" {text} "


def test_the_grammar_is_domain_logic_without_the_ui() -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "import tracker.entry.grammar, tracker.entry.storing, tracker.entry.replay\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'minutes'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


@pytest.mark.parametrize(
    ("example", "kind"),
    [
        ("a BP CO: send the form by Friday", "action"),
        ("Action: Chris to send the list by Friday", "action"),
        ("Action – BP/CO: TEXT", "action"),
        ("Agreed: TEXT", "decision"),
        ("Decision: TEXT", "decision"),
        ("Chair: NAME", "officer"),
        ("Minute-taker: NAME", "officer"),
        ("chair PERSON", "officer"),
        ("mt PERSON", "officer"),
        ("A short discussion followed: …", "note"),
    ],
)
def test_the_guide_shows_forms_that_read_as_it_says(example: str, kind: str) -> None:
    from tracker.entry.grammar import GUIDE

    assert example in GUIDE
    assert parse(example).kind == kind


def test_a_person_written_with_an_organisation_in_brackets() -> None:
    assert name_and_organisation("Jane Smith (DfE)") == ("Jane Smith", "DfE")
    line = "a BP & Jane Smith (DfE): send the guidance"
    assert name_and_organisation("Jane Smith", line) == ("Jane Smith", "DfE")
    assert name_and_organisation("Zed", "a Zed: send it") == ("Zed", "")
