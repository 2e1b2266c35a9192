"""Digests and agenda packs as e-mail messages: plain text (the Markdown), HTML
rendered from it with markdown-it-py (raw HTML off, so user text stays text), and
their files attached (a calendar file; an invitation and the pack as Word)."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from functools import cache
from typing import TYPE_CHECKING

from exports.files import safe_file_name
from tracker.errors import InvalidInput
from tracker.records import PersonRecord
from tracker.report_records import Digest

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

_HTML = """<!DOCTYPE html>
<html lang="en-GB">
<head><meta charset="utf-8"><title>{title}</title></head>
<body style="font-family: sans-serif; max-width: 50em">
{body}</body>
</html>
"""


@cache
def _markdown_it() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("js-default")


#: What could join blocks across a blank line or refer from one block to another:
#: fenced code, a link reference definition, a line of spaces (blank, so it would make
#: the whole list loose), a carriage return (markdown-it reads it as a line end).
_NOT_SEPARABLE = re.compile(r"^[ \t]{0,3}(?:```|~~~|\[)|^[ \t]+$|\r", re.MULTILINE)


class HtmlPieces:
    """Markdown to HTML for many documents that share pieces, such as a group's
    digests (an action for All is in every member's list): each tight bullet item is
    rendered once. The HTML is what markdown-it gives for the whole document at once
    (a test compares them); a document whose blocks could affect each other across a
    blank line (fenced code, indented blocks, link references, two lists in a row
    that would join into one) is rendered whole."""

    def __init__(self) -> None:
        self._items: dict[str, str] = {}

    def render(self, markdown: str) -> str:
        md = _markdown_it()
        if _NOT_SEPARABLE.search(markdown):
            return md.render(markdown)
        out: list[str] = []
        was_list = False
        for block in markdown.split("\n\n"):
            if not block:
                continue
            if block[0] in " \t\n":  # an indented block, or one that continues a list
                return md.render(markdown)
            items = _tight_items(block)
            if items is None:
                out.append(md.render(block))
                was_list = False
                continue
            if was_list:  # two lists with a blank line between them are one loose list
                return md.render(markdown)
            rendered = [self._item(md, item) for item in items]
            if any(r is None for r in rendered):
                return md.render(markdown)
            out.append("<ul>\n" + "".join(r or "" for r in rendered) + "</ul>\n")
            was_list = True
        return "".join(out)

    def _item(self, md: MarkdownIt, item: str) -> str | None:
        found = self._items.get(item)
        if found is None:
            whole = md.render(item)
            if not (whole.startswith("<ul>\n<li>") and whole.endswith("</li>\n</ul>\n")):
                return None
            found = self._items[item] = whole[len("<ul>\n") : -len("</ul>\n")]
        return found


def _tight_items(block: str) -> list[str] | None:
    """A block that is one bullet list ("- " items, continuation lines indented): its
    items; None for any other block."""
    if not block.startswith("- "):
        return None
    items: list[list[str]] = []
    for line in block.rstrip("\n").split("\n"):
        if line.startswith("- "):
            items.append([line])
        elif line.startswith("  "):
            items[-1].append(line)
        else:  # a lazy continuation line, or something else
            return None
    return ["\n".join(lines) for lines in items]


def markdown_to_html(markdown: str, title: str, pieces: HtmlPieces | None = None) -> str:
    body = (pieces or HtmlPieces()).render(markdown)
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
    pieces: HtmlPieces | None = None,
) -> EmailMessage:
    """The message for one person (To is left out when they have no e-mail address);
    ``pieces`` shared by a run's messages renders what they share once."""
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
    html_part = markdown_to_html(markdown, subject, pieces)
    msg.add_alternative(html_part, subtype="html", charset="utf-8")
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
