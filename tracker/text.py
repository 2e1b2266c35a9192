"""Cleaning text a person typed before it is stored.

Control characters (terminal escape sequences, NUL, which PostgreSQL cannot
store) never mean anything in minutes, so they are removed at the door; the
visible text is kept exactly as typed.
"""

from __future__ import annotations

import re
import unicodedata

# C0 and C1 controls and DEL, except tab and newline (kept in multi-line text).
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Terminal escape sequences, removed whole (not leaving "[31m" behind): CSI
# (colours, cursor moves), OSC (window titles, links) and two-character escapes;
# and lone surrogates (from a file decoded with errors), which no database stores.
_ESCAPES = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"
    r"|(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[@-Z\\-_]"
    r"|[\ud800-\udfff]"
)
_SPACES = re.compile(r"\s+")
# What ends a line: newline, carriage return, vertical tab, form feed, NEL and
# the Unicode line and paragraph separators.
_LINE_BREAKS = re.compile(r"[\n\r\x0b\x0c\x85\u2028\u2029]")
# What neither SQLite (through Python) nor PostgreSQL can store in text.
_UNSTORABLE = re.compile(r"[\x00\ud800-\udfff]")

#: Longest note, decision or action text accepted (a pasted paragraph is fine).
MAX_TEXT = 1_000_000


def _strip_format_controls(text: str) -> str:
    # Bidi overrides can make text display in a misleading order.
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf" or ch == "\u200d")


def clean_line(text: str | None) -> str:
    """One line: controls removed, runs of whitespace (incl. newlines) made one space."""
    if not text:
        return ""
    text = _CONTROLS.sub(" ", _ESCAPES.sub("", text.replace("\r\n", "\n")))
    return _SPACES.sub(" ", _strip_format_controls(text)).strip()


def clean_text(text: str | None) -> str:
    """Multi-line text: controls removed, line breaks kept, ends trimmed."""
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    return _strip_format_controls(_CONTROLS.sub("", _ESCAPES.sub("", text))).strip()


def has_line_break(text: str) -> bool:
    return _LINE_BREAKS.search(text) is not None


def storable(text: str) -> str:
    """Text with what no database can store (NUL, lone surrogates) removed."""
    return _UNSTORABLE.sub("", text)


#: What an Integer column holds on PostgreSQL (SQLite would take any size).
INT_RANGE = range(-(2**31), 2**31)


def whole_number(text: str) -> int | None:
    """`text` as a number an Integer column can hold (ASCII digits, at most 2,147,483,647),
    or None: "²", "١٢" or a 30-digit number are not ids or counts on either database."""
    text = text.strip()
    if not (text.isascii() and text.isdigit()):
        return None
    value = int(text)
    return value if value in INT_RANGE else None
