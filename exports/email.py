"""Digests and agenda packs as e-mail messages: plain text (the Markdown), HTML
rendered from it with markdown-it-py (raw HTML off, so user text stays text), and
their files attached (a calendar file; an invitation and the pack as Word)."""

from __future__ import annotations

import html
from datetime import UTC, datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from exports.files import safe_file_name
from tracker.digests import Digest
from tracker.errors import InvalidInput
from tracker.records import PersonRecord

_HTML = """<!DOCTYPE html>
<html lang="en-GB">
<head><meta charset="utf-8"><title>{title}</title></head>
<body style="font-family: sans-serif; max-width: 50em">
{body}</body>
</html>
"""


def markdown_to_html(markdown: str, title: str) -> str:
    from markdown_it import MarkdownIt

    body = MarkdownIt("js-default").render(markdown)
    return _HTML.format(title=html.escape(title), body=body)


def parse_address(text: str, what: str = "sender") -> Address:
    """ "CME Group <cme@example.org>" or "cme@example.org" as an Address."""
    from email.headerregistry import HeaderRegistry

    try:
        header = HeaderRegistry()("From", text)
        addresses = header.addresses  # type: ignore[attr-defined]
    except Exception:  # the registry raises several kinds for malformed text
        addresses = ()
    if len(addresses) != 1 or not addresses[0].addr_spec or "@" not in addresses[0].addr_spec:
        raise InvalidInput(
            f'The {what} "{text}" is not an e-mail address: write it as '
            '"Name <name@example.org>" or "name@example.org".'
        )
    return addresses[0]


def person_address(name: str, email: str) -> Address:
    display = " ".join(name.split())
    try:
        return Address(display_name=display, addr_spec=email)
    except (ValueError, IndexError):
        raise InvalidInput(f'"{email}" ({display}) is not a usable e-mail address.') from None


def digest_message(
    digest: Digest,
    *,
    subject: str,
    markdown: str,
    sender: Address,
    ics: bytes | None = None,
    now: datetime | None = None,
) -> EmailMessage:
    """The message for one person (To is left out when they have no e-mail address)."""
    now = now or datetime.now(UTC)
    person = digest.person
    msg = EmailMessage()
    msg["Subject"] = subject
    msg["From"] = sender
    if person.email:
        msg["To"] = person_address(person.name, person.email)
    msg["Date"] = format_datetime(now.astimezone(UTC))
    domain = sender.domain or "minutes.invalid"
    msg["Message-ID"] = make_msgid(idstring=f"digest-{person.id}", domain=domain)
    msg["Auto-Submitted"] = "auto-generated"
    msg.set_content(markdown, subtype="plain", charset="utf-8")
    msg.add_alternative(markdown_to_html(markdown, subject), subtype="html", charset="utf-8")
    if ics is not None:
        msg.add_attachment(
            ics,
            maintype="text",
            subtype="calendar",
            filename=safe_file_name(f"actions-{person.initials}", ".ics"),
            params={"method": "PUBLISH"},
        )
    return msg


DOCX_TYPE = ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document")


def agenda_message(
    person: PersonRecord,
    *,
    subject: str,
    markdown: str,
    sender: Address,
    invite: bytes,
    docx: bytes,
    file_stem: str,
    meeting_id: int,
    now: datetime | None = None,
) -> EmailMessage:
    """The agenda pack for one member: the pack as text and HTML, the invitation
    (text/calendar; method=REQUEST, which mail clients offer to accept) and the pack
    as a Word document."""
    now = now or datetime.now(UTC)
    msg = EmailMessage()
    msg["Subject"] = subject
    msg["From"] = sender
    if person.email:
        msg["To"] = person_address(person.name, person.email)
    msg["Date"] = format_datetime(now.astimezone(UTC))
    domain = sender.domain or "minutes.invalid"
    msg["Message-ID"] = make_msgid(idstring=f"agenda-{meeting_id}-{person.id}", domain=domain)
    msg["Auto-Submitted"] = "auto-generated"
    msg.set_content(markdown, subtype="plain", charset="utf-8")
    msg.add_alternative(markdown_to_html(markdown, subject), subtype="html", charset="utf-8")
    msg.add_attachment(
        invite,
        maintype="text",
        subtype="calendar",
        filename=safe_file_name(f"{file_stem}-invite", ".ics"),
        params={"method": "REQUEST"},
    )
    msg.add_attachment(
        docx,
        maintype=DOCX_TYPE[0],
        subtype=DOCX_TYPE[1],
        filename=safe_file_name(file_stem, ".docx"),
    )
    return msg
