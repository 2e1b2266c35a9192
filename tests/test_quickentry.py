"""The quick-entry parser: each form, its refusals, and any text at all (hypothesis)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from minutes.quickentry import Entry, QuickEntryError, owner_fragment, parse


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
        ("A All: read the report", Entry("action", text="read the report", owners="All")),
        ("a BP: no date by -", Entry("action", text="no date", owners="BP", due="-")),
        ("d pause s19 requests", Entry("decision", text="pause s19 requests")),
        ("n: a note", Entry("note", text="a note")),
        ("Hampshire shared their model", Entry("note", text="Hampshire shared their model")),
        ("attendance is up", Entry("note", text="attendance is up")),
        ("i EHE update", Entry("item", text="EHE update")),
        ("p BP CO", Entry("attendance", attendance="present", people=("BP", "CO"))),
        (
            "ap Ann Smith & KD",
            Entry("attendance", attendance="apologies", people=("Ann Smith", "KD")),
        ),
        ("ab JT", Entry("attendance", attendance="absent", people=("JT",))),
        ("ia MS, CO", Entry("attendance", attendance="in_attendance", people=("MS", "CO"))),
        ("g Ann Smith, Ofsted", Entry("guest", text="Ann Smith", organisation="Ofsted")),
    ],
)
def test_forms(line: str, entry: Entry) -> None:
    assert parse(line) == entry


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("", "Nothing to enter"),
        ("   ", "Nothing to enter"),
        ("a send it", "needs its owners"),
        ("a : send it", "needs its owners"),
        ("a BP:", "has no text"),
        ("a BP: by Friday", "has no text"),
        ("a BP: send it by", "Give a due date"),
        ("d", "Type a decision"),
        ("i", "Type an item title"),
        ("g , Ofsted", "guest's name"),
        ("p", "Type initials"),
    ],
)
def test_refusals_say_how_to_write_it(line: str, message: str) -> None:
    with pytest.raises(QuickEntryError, match=message):
        parse(line)


def test_owner_fragment_only_while_typing_owners() -> None:
    assert owner_fragment("a BP, C") == ("a BP, ", "C")
    assert owner_fragment("p MS C") == ("p MS ", "C")
    assert owner_fragment("a BP: text") is None
    assert owner_fragment("n note") is None


@given(st.text(max_size=200))
def test_any_line_parses_or_is_refused_with_a_message(line: str) -> None:
    try:
        entry = parse(line)
    except QuickEntryError as exc:
        assert str(exc)
        return
    # What was kept is taken from the line, never invented.
    assert entry.text in line
    assert entry.owners in line


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
    if due:
        assert entry.due == due
    else:
        assert (entry.text == text and entry.due is None) or " by " in f" {text} "
