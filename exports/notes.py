"""A note as written: lines of text, sub-bullets ("- " at the start of a line) and links.

Shared by the Markdown and Word renderers so both show a note the same way. Only
http, https and mailto links are links (a bare e-mail address becomes a mailto
link); anything else, "javascript:" included, stays text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from exports.escape import lines_of

# A link runs to the next space or angle bracket; trailing punctuation is the
# sentence's, not the address's (as GitHub's autolinks read it).
_LINK = re.compile(
    r"(?P<url>(?:https?://|mailto:)[^\s<>\"]+)"
    r"|(?P<email>(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})",
    re.IGNORECASE,
)
_TRAILING = ".,;:!?'\")]}*_"
_BULLET = re.compile(r"^[-•*]\s+")


@dataclass(frozen=True)
class Segment:
    """Text, or a link (``href`` set) shown as ``text``."""

    text: str
    href: str | None = None


@dataclass(frozen=True)
class Block:
    """Lines of text (``bullet`` False: one paragraph with line breaks) or sub-bullets."""

    lines: tuple[str, ...]
    bullet: bool = False


def _trim(url: str) -> tuple[str, str]:
    """(address, trailing punctuation); a closing bracket stays when it has its opener."""
    end = len(url)
    while end and url[end - 1] in _TRAILING:
        if url[end - 1] == ")" and url[:end].count("(") >= url[:end].count(")"):
            break
        end -= 1
    return url[:end], url[end:]


@lru_cache(maxsize=16384)
def segments(line: str) -> tuple[Segment, ...]:
    """A line cut into text and links."""
    found: list[Segment] = []
    at = 0
    for m in _LINK.finditer(line):
        if m.group("url"):
            address, rest = _trim(m.group("url"))
            if address.lower() in ("http://", "https://", "mailto:"):
                continue
            href = address
        else:
            address, rest = m.group("email"), ""
            href = f"mailto:{address}"
        if m.start() > at:
            found.append(Segment(line[at : m.start()]))
        found.append(Segment(address, href))
        if rest:
            found.append(Segment(rest))
        at = m.end()
    if at < len(line):
        found.append(Segment(line[at:]))
    return tuple(found)


@lru_cache(maxsize=16384)
def blocks(text: str) -> tuple[Block, ...]:
    """A note's lines grouped: runs of text lines, and runs of "- " sub-bullets."""
    found: list[Block] = []
    run: list[str] = []
    bullet = False
    for line in lines_of(text):
        m = _BULLET.match(line)
        is_bullet = m is not None and len(line) > m.end()
        content = line[m.end() :] if is_bullet and m else line
        if run and is_bullet != bullet:
            found.append(Block(tuple(run), bullet))
            run = []
        run.append(content)
        bullet = is_bullet
    if run:
        found.append(Block(tuple(run), bullet))
    return tuple(found)
