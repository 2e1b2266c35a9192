"""Action digests: whose actions, in what order, what closed, the e-mail message, and
sending it to a real SMTP server (aiosmtpd on 127.0.0.1) started by the test."""

from __future__ import annotations

import email
import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from email.message import EmailMessage
from email.policy import default as default_policy

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from exports.digest import digest_subject, render_digest
from exports.email import digest_message, parse_address
from exports.sending import send_messages
from tests.test_export_ical import _action
from tests.test_export_markdown import assert_safe, inline_texts, multi_line, normal, one_line
from tests.test_export_meeting import Cme, build_cme
from tracker import actions, agenda, meetings
from tracker.attendance import record_attendance
from tracker.config import SmtpSettings
from tracker.db import Database
from tracker.digest_run import log_delivered
from tracker.digests import digest_recipients, read_run
from tracker.errors import InvalidInput
from tracker.groups import create_group
from tracker.kinds import Delivery
from tracker.models import AttendanceKind
from tracker.records import GroupRecord, PersonRecord
from tracker.report_records import Digest
from tracker.roster import PersonInput, add_person

NOW = datetime(2024, 12, 5, 9, tzinfo=UTC)
TODAY = NOW.date()
SENDER = parse_address("CME Group <cme@example.org>")


def _digest(cme: Cme, initials: str, *, all_groups: bool = False) -> Digest:
    from tracker.finding import groups_by_id

    group = None if all_groups else groups_by_id(cme.db)[cme.group_id]
    person = cme.people[initials]
    return read_run(cme.db, [person], group=group, today=TODAY, now=NOW).digests[0]


def test_open_actions_are_the_persons_own_overdue_first_then_by_due_date(db: Database) -> None:
    cme = build_cme(db)
    d = _digest(cme, "CO")
    a = cme.actions
    # proforma due 27 Nov and "All" due 30 Nov are overdue on 5 Dec; then 29 Jan, 31 Jan.
    assert [x.id for x in d.open_actions] == [a["proforma"], a["policies"], a["lgo"], a["icb"]]
    assert [x.id for x in d.overdue] == [a["proforma"], a["policies"]]
    assert all(x.owned_by(cme.people["CO"].id) or x.for_all for x in d.open_actions)


def test_confidential_actions_only_reach_their_owner(db: Database) -> None:
    cme = build_cme(db)
    staffing = cme.actions["staffing"]
    assert staffing in {x.id for x in _digest(cme, "BP").open_actions}
    for initials in ("CO", "MS", "MP", "GT"):
        d = _digest(cme, initials)
        assert staffing not in {x.id for x in d.open_actions}
        assert "Raise capacity concerns" not in render_digest(d)


def test_a_group_run_never_shows_another_groups_actions(db: Database) -> None:
    cme = build_cme(db)
    other = create_group(db, "Attendance Alliance", email="aa@example.org")
    chris = add_person(
        db, other.id, PersonInput("Chris Owen", "CO", "SESLIP", "chris.owen@example.org")
    )
    assert chris.id == cme.people["CO"].id  # one person, two groups
    m = meetings.schedule_meeting(db, other.id, date(2024, 11, 20), start="10:00")
    meetings.open_meeting(db, m.id)
    item = agenda.add_item(db, m.id, "Back to school")
    elsewhere = actions.add_action(db, item, "Produce the September plan", "CO", "1 Dec 2024")
    group_run = _digest(cme, "CO")
    assert elsewhere.id not in {x.id for x in group_run.open_actions}
    assert "Produce the September plan" not in render_digest(group_run)
    assert {x.group_id for x in group_run.open_actions} == {cme.group_id}
    everything = _digest(cme, "CO", all_groups=True)
    assert elsewhere.id in {x.id for x in everything.open_actions}
    a = cme.actions
    assert [x.id for x in everything.open_actions] == [
        a["proforma"],  # 27 Nov
        a["policies"],  # 30 Nov
        elsewhere.id,  # 1 Dec
        a["lgo"],
        a["icb"],
    ]


def test_closed_since_the_last_digest(db: Database) -> None:
    cme = build_cme(db)
    katy = cme.people["KD"].id
    first = _digest(cme, "KD")
    assert first.since is None
    assert [x.id for x in first.closed_actions] == [cme.actions["protocols"]]
    log_delivered(db, {katy: (Delivery.WRITTEN, None)}, at=datetime.now(UTC))
    second = _digest(cme, "KD")
    assert second.since is not None and second.closed_actions == ()
    # Closing one now puts it in the next digest, though its date is the meeting's.
    meetings.open_meeting(db, cme.january)
    raised = actions.add_action(
        db, agenda.add_item(db, cme.january, "Protocols"), "Send the protocol", "KD", "1 Feb 2025"
    )
    later = meetings.schedule_meeting(db, cme.group_id, date(2025, 3, 19), start="14:00")
    meetings.open_meeting(db, later.id)
    from tracker.models import ReviewOutcome

    actions.review_action(db, raised.id, ReviewOutcome.DONE, meeting_id=later.id)
    assert [x.id for x in _digest(cme, "KD").closed_actions] == [raised.id]


def test_next_meetings_leave_out_those_sent_apologies_for(db: Database) -> None:
    cme = build_cme(db)
    assert [m.id for m in _digest(cme, "KD").meetings] == [cme.january]
    record_attendance(db, cme.january, cme.people["KD"].id, AttendanceKind.APOLOGIES)
    assert _digest(cme, "KD").meetings == ()
    assert [m.id for m in _digest(cme, "CO").meetings] == [cme.january]


def test_recipients_are_the_active_members(db: Database) -> None:
    cme = build_cme(db)
    names = [p.name for p in digest_recipients(db, cme.group_id)]
    assert "Chris Owen" in names and "Jake Butterworth" not in names  # a guest
    assert len(names) == 7


def test_the_digest_markdown_is_escaped_and_complete(db: Database) -> None:
    cme = build_cme(db)
    meetings.open_meeting(db, cme.january)
    item = agenda.add_item(db, cme.january, "Data | <script>")
    actions.add_action(db, item, "Check *all* | rows <script>x</script>\n1. then this", "CO")
    d = _digest(cme, "CO")
    text = render_digest(d)
    assert_safe(text)
    seen = inline_texts(text)
    assert "Actions for Chris Owen" in seen
    assert any("Overdue — was due 27 Nov 2024: Circulate the file" in s for s in seen)
    assert any(
        "No due date: Check *all* | rows <script>x</script>\n1. then this" in s for s in seen
    )
    assert "13/11/2024: Carry action forward." not in text  # not Chris's action
    assert digest_subject(d) == (
        "Your actions: 5 open, 2 overdue (South-East Children Missing Education Group)"
    )


def test_the_email_has_text_html_and_the_persons_calendar(db: Database) -> None:
    from minutes.documents import calendar_bytes

    cme = build_cme(db)
    d = _digest(cme, "CO")
    markdown = render_digest(d)
    ics = calendar_bytes(db, cme.group_id, cme.people["CO"].id, today=TODAY, now=NOW)
    msg = digest_message(d, subject=digest_subject(d), markdown=markdown, sender=SENDER, ics=ics)
    parsed = email.message_from_bytes(msg.as_bytes(), policy=default_policy)
    assert parsed["To"] == "Chris Owen <chris.owen@example.org>"
    assert parsed["From"] == "CME Group <cme@example.org>"
    assert parsed["Message-ID"].endswith("@example.org>")
    plain = parsed.get_body(("plain",))
    html = parsed.get_body(("html",))
    assert plain is not None and html is not None
    assert plain.get_content() == markdown
    assert "<h1>Actions for Chris Owen</h1>" in html.get_content()
    (attachment,) = list(parsed.iter_attachments())
    assert attachment.get_content_type() == "text/calendar"
    assert attachment.get_param("method") == "PUBLISH"
    assert attachment.get_filename() == "actions-CO.ics"
    cal = Calendar.from_ical(attachment.get_content())
    uids = {str(e["UID"]) for e in cal.walk("VEVENT")}
    assert f"action-{cme.actions['proforma']}@group-{cme.group_id}.minutes" in uids
    assert f"action-{cme.actions['staffing']}@group-{cme.group_id}.minutes" not in uids


def test_user_text_stays_text_in_the_html_part() -> None:
    from exports.email import markdown_to_html

    html = markdown_to_html("Hello \\<script\\>alert(1)\\</script\\> <b>x</b>", "t")
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html and "&lt;b&gt;" in html


# -- SMTP ------------------------------------------------------------------------------


@dataclass
class Received:
    messages: list[EmailMessage] = field(default_factory=list)
    envelopes: list[tuple[str, list[str]]] = field(default_factory=list)
    logins: list[tuple[str, str]] = field(default_factory=list)


class Handler:
    """Accepts mail; refuses recipients at reject.example.org with 550."""

    def __init__(self, received: Received) -> None:
        self.received = received

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.endswith("@reject.example.org"):
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        msg = email.message_from_bytes(envelope.content, policy=default_policy)
        self.received.messages.append(msg)  # type: ignore[arg-type]
        self.received.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 Message accepted"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    port: int
    received: Received


@pytest.fixture
def smtp_server() -> Iterator[Server]:
    received = Received()

    def authenticator(server, session, envelope, mechanism, auth_data):  # type: ignore[no-untyped-def]
        if isinstance(auth_data, LoginPassword):
            user, password = auth_data.login.decode(), auth_data.password.decode()
            received.logins.append((user, password))
            ok = (user, password) == ("coord", "s3cret")
            # handled=False: the server itself answers "535" to a refused login.
            return AuthResult(success=ok, handled=ok)
        return AuthResult(success=False, handled=False)

    port = _free_port()
    controller = Controller(
        Handler(received),
        hostname="127.0.0.1",
        port=port,
        authenticator=authenticator,
        auth_require_tls=False,
    )
    controller.start()
    try:
        yield Server(port, received)
    finally:
        controller.stop()


def _message(to: str, subject: str) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = SENDER
    msg["To"] = to
    msg["Subject"] = subject
    msg["Message-ID"] = f"<{subject}@example.org>"
    msg.set_content(f"Body of {subject}")
    return msg


def test_messages_reach_the_server_and_a_refused_recipient_is_reported(
    smtp_server: Server,
) -> None:
    settings = SmtpSettings(host="127.0.0.1", port=smtp_server.port, timeout=10)
    messages = [
        ("a", _message("Ann <ann@example.org>", "one")),
        ("b", _message("Bob <bob@reject.example.org>", "two")),
        ("c", _message("Cat <cat@example.org>", "three")),
    ]
    progress: list[tuple[int, int]] = []
    report = send_messages(messages, settings, progress=lambda d, t, _w: progress.append((d, t)))
    assert report.sent == {"a": "<one@example.org>", "c": "<three@example.org>"}
    assert set(report.failed) == {"b"} and "550" in report.failed["b"]
    assert "bob@reject.example.org" in report.failed["b"]
    got = smtp_server.received
    assert [m["Subject"] for m in got.messages] == ["one", "three"]
    assert got.envelopes == [
        ("cme@example.org", ["ann@example.org"]),
        ("cme@example.org", ["cat@example.org"]),
    ]
    assert got.messages[1].get_content().rstrip() == "Body of three"
    assert progress[-1] == (3, 3)


def test_login_uses_the_password_from_the_environment(smtp_server: Server) -> None:
    settings = SmtpSettings(
        host="127.0.0.1", port=smtp_server.port, user="coord", password_env="CME_PW", timeout=10
    )
    report = send_messages(
        [("a", _message("ann@example.org", "x"))], settings, env={"CME_PW": "s3cret"}
    )
    assert report.sent and smtp_server.received.logins == [("coord", "s3cret")]
    with pytest.raises(InvalidInput, match=r"\$CME_PW is not set"):
        send_messages([("a", _message("ann@example.org", "x"))], settings, env={})
    with pytest.raises(InvalidInput, match="refused the login"):
        send_messages([("a", _message("a@example.org", "x"))], settings, env={"CME_PW": "wrong"})


def test_no_server_is_a_clear_error() -> None:
    settings = SmtpSettings(host="127.0.0.1", port=_free_port(), timeout=2)
    with pytest.raises(InvalidInput, match=r"Cannot connect to the mail server 127\.0\.0\.1"):
        send_messages([("a", _message("ann@example.org", "x"))], settings)


def test_digest_log_rows_are_per_person(db: Database) -> None:
    from tracker.digests import last_digests

    cme = build_cme(db)
    at = datetime(2024, 12, 5, 9, tzinfo=UTC)
    log_delivered(db, {cme.people["CO"].id: (Delivery.SENT, "<m@x>")}, at=at)
    log_delivered(db, {cme.people["CO"].id: (Delivery.SENT, None)}, at=at + timedelta(days=7))
    found = last_digests(db, [cme.people["CO"].id, cme.people["BP"].id])
    assert found == {cme.people["CO"].id: at + timedelta(days=7)}


def _random_digest(text: str, title: str, group: str) -> Digest:
    person = PersonRecord(2, "Chris Owen", "CO", email="co@example.org")
    action = _action(text=text, item_title=title, group_name=group, owners=(person,))
    return Digest(
        person=person,
        today=date(2025, 6, 20),
        since=None,
        open_actions=(action,),
        closed_actions=(),
        meetings=(),
        group=GroupRecord(1, group),
    )


@settings(max_examples=150, deadline=None)
@given(text=multi_line, title=one_line, group=one_line)
def test_generated_text_in_a_digest_renders_as_entered(text: str, title: str, group: str) -> None:
    markdown = render_digest(_random_digest(text, title, group))
    assert_safe(markdown)
    seen = inline_texts(markdown)
    expected_head = f"Overdue — was due 10 Jun 2025: {normal(text)}\n"
    assert any(s.startswith(expected_head) for s in seen), (seen, markdown)
    assert any(s.endswith(f"From the {group} meeting of 29 Jan 2025, item: {title}") for s in seen)
    assert f"{group} · 20 Jun 2025" in seen


# -- HTML of a run's digests, shared pieces rendered once ------------------------------


def _whole(markdown: str) -> str:
    from markdown_it import MarkdownIt

    return MarkdownIt("js-default").render(markdown)


@settings(max_examples=120, deadline=None)
@given(texts=st.lists(multi_line, min_size=1, max_size=4), title=one_line, group=one_line)
def test_a_runs_html_is_what_each_digest_renders_to_on_its_own(
    texts: list[str], title: str, group: str
) -> None:
    from exports.email import HtmlPieces

    pieces = HtmlPieces()
    person = PersonRecord(2, "Chris Owen", "CO", email="co@example.org")
    shared = tuple(_action(id=i, text=t, owners=(person,)) for i, t in enumerate(texts))
    for n in range(len(texts)):
        d = _random_digest(texts[n], title, group)
        d = Digest(**{**d.__dict__, "open_actions": (*shared[n:], *d.open_actions)})
        markdown = render_digest(d)
        assert pieces.render(markdown) == _whole(markdown), markdown


@pytest.mark.parametrize(
    "markdown",
    [
        "# Title\n\n- one\n- two\n  - a\n\nText\n",
        "- one\n\n- two\n",  # one loose list
        "- one\n  \n  more\n- two\n",  # a line of spaces is a blank line
        "- one\nlazy line\n- two\n",
        "Text\n\n    code\n",
        "- see [x]\n\n[x]: https://example.org\n",
        "```\n- a\n\n- b\n```\n",
        "- - -\n",
        "- one\r\n- two\r\n",
        "\n\n\n- one\n\n\nText\n",
    ],
)
def test_html_pieces_fall_back_to_the_whole_document(markdown: str) -> None:
    from exports.email import HtmlPieces

    pieces = HtmlPieces()
    assert pieces.render("- one\n- two\n") == _whole("- one\n- two\n")
    assert pieces.render(markdown) == _whole(markdown)


def test_a_groups_digests_share_their_html_pieces(db: Database) -> None:
    from exports.email import HtmlPieces, markdown_to_html

    cme = build_cme(db)  # with an action for All
    people = digest_recipients(db, cme.group_id)
    digests = read_run(
        db, people, today=date(2025, 6, 20), now=datetime(2025, 6, 20, tzinfo=UTC)
    ).digests
    pieces = HtmlPieces()
    for d in digests:
        markdown = render_digest(d)
        assert markdown_to_html(markdown, "t", pieces) == markdown_to_html(markdown, "t")
    shown = sum(len(d.open_actions) for d in digests)
    assert 0 < len(pieces._items) < shown


def test_a_run_reads_digests_and_calendars_together_as_each_alone(db: Database) -> None:
    from tracker.calendars import person_calendars

    cme = build_cme(db)
    people = digest_recipients(db, cme.group_id)
    for today in (date(2024, 12, 1), date(2025, 6, 20)):
        now = datetime(today.year, today.month, today.day, tzinfo=UTC)
        run = read_run(db, people, today=today, now=now, calendars=True)
        assert run.digests == read_run(db, people, today=today, now=now).digests
        alone = person_calendars(db, [p.id for p in people], today=today, now=now)
        assert run.calendars == alone
        assert any(c.actions for c in alone.values())
