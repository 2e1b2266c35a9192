"""User text as literal Markdown: whatever a person typed renders as that text.

CommonMark lets any ASCII punctuation be escaped with a backslash, so the
escaped text renders exactly as typed. Escaping every punctuation mark would
make the plain-text e-mail part unreadable ("Chris\\'s"), so only characters
that can start markup are escaped: everywhere for inline markup (emphasis,
code, links, autolinks, entities, tables, strikethrough, backslashes) and at
the start of each line for block markup (headings, lists, quotes, rules,
setext underlines).

Line structure is kept as hard line breaks; leading and trailing whitespace
of each line and blank lines are not (Markdown would drop them anyway).
Inside table cells, where no line break can exist, line breaks become spaces.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Inline markup anywhere in a line: \ ` * _ [ ] < | ~ (and & before an entity).
_INLINE = re.compile(r"[\\`*_\[\]<|~]|&(?=#?[A-Za-z0-9]+;)")
# Block markup at the start of a line: #, >, -, +, =, and "1." / "1)".
_LINE_START = re.compile(r"^(?:([#>+=-])|(\d+)([.)]))")
_HASH = re.compile(r"#")


def lines_of(text: str) -> list[str]:
    """The visible lines of ``text``: edges trimmed, blank lines dropped."""
    if "\n" not in text and "\r" not in text:  # the usual case, kept fast
        stripped = text.strip()
        return [stripped] if stripped else []
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [stripped for line in text.split("\n") if (stripped := line.strip())]


def _escape_line(line: str, *, all_hashes: bool = False) -> str:
    escaped = _INLINE.sub(lambda m: "\\" + m.group(0), line)
    if all_hashes:
        escaped = _HASH.sub(r"\\#", escaped)
    m = _LINE_START.match(escaped)
    if m is None:
        return escaped
    if m.group(1):
        return "\\" + escaped
    return f"{m.group(2)}\\{m.group(3)}{escaped[m.end() :]}"


#: Texts up to this length are remembered: an action's text and history recur in
#: every later meeting's matters arising, so whole-archive exports escape each once.
_CACHED_LENGTH = 2000


@lru_cache(maxsize=32768)
def _inline(text: str) -> str:
    return _escape_line(" ".join(lines_of(text)))


@lru_cache(maxsize=16384)
def _multi_line(text: str, indent: int) -> str:
    lines = [_escape_line(line) for line in lines_of(text)]
    return ("\\\n" + " " * indent).join(lines)


def md_inline(text: str | None) -> str:
    """One line of user text (line breaks become spaces)."""
    if not text:
        return ""
    if len(text) <= _CACHED_LENGTH:
        return _inline(text)
    return _inline.__wrapped__(text)


def md_heading(text: str | None) -> str:
    """User text inside an ATX heading: a closing "#" must not be eaten either."""
    return _escape_line(" ".join(lines_of(text or "")), all_hashes=True)


def md_text(text: str | None, indent: int = 0) -> str:
    """Multi-line user text: one hard line break per line, continuation lines indented.

    ``indent`` is the column the text's block starts at (2 inside "- " list items).
    """
    if not text:
        return ""
    if len(text) <= _CACHED_LENGTH:
        return _multi_line(text, indent)
    return _multi_line.__wrapped__(text, indent)


def md_cell(text: str | None) -> str:
    """User text inside a GFM table cell: "|" and line breaks cannot end the cell."""
    return md_inline(text)


def plain_lines(text: str | None) -> list[str]:
    """Lines for plain text and calendars, with the same normalisation as Markdown."""
    return lines_of(text or "")


def _escape_inline(text: str) -> str:
    return _INLINE.sub(lambda m: "\\" + m.group(0), text)


def md_linked(line: str) -> str:
    """One line of user text with its http, https and mailto links as links (and the
    rest escaped as md_inline does): an address shown as itself is an autolink, an
    e-mail address a link to mailto:."""
    from exports.notes import segments

    out: list[str] = []
    for n, seg in enumerate(segments(" ".join(lines_of(line)))):
        if seg.href is None:
            out.append(_escape_line(seg.text) if n == 0 else _escape_inline(seg.text))
        elif seg.href == seg.text:
            out.append(f"<{seg.href}>")
        else:
            out.append(f"[{_escape_inline(seg.text)}](<{seg.href}>)")
    return "".join(out)


def md_note(text: str | None, indent: int = 0) -> str:
    """A note: lines with hard line breaks, "- " lines as sub-bullets, links as links.

    ``indent`` is the column the note's block starts at (2 inside a "- " list item).
    Text after sub-bullets starts a new paragraph (a blank line), or it would join
    the last sub-bullet.
    """
    from exports.notes import blocks

    if not text:
        return ""
    pad = " " * indent
    parts: list[str] = []
    for n, block in enumerate(blocks(text)):
        if block.bullet:
            bullets = "\n".join(f"{pad}- {md_linked(line)}" for line in block.lines)
            parts.append(bullets[indent:] if n == 0 else bullets)
            continue
        lines = [md_linked(line) for line in block.lines]
        body = ("\\\n" + pad).join(lines)
        parts.append(body if n == 0 else "\n" + pad + body)
    out = parts[0]
    for part in parts[1:]:
        out += "\n" + part
    return out
