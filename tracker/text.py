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
_SPACES = re.compile(r"\s+")

#: Longest note, decision or action text accepted (a pasted paragraph is fine).
MAX_TEXT = 1_000_000


def _strip_format_controls(text: str) -> str:
    # Bidi overrides can make text display in a misleading order.
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf" or ch == "\u200d")


def clean_line(text: str | None) -> str:
    """One line: controls removed, runs of whitespace (incl. newlines) made one space."""
    if not text:
        return ""
    text = _CONTROLS.sub(" ", text.replace("\r\n", "\n"))
    return _SPACES.sub(" ", _strip_format_controls(text)).strip()


def clean_text(text: str | None) -> str:
    """Multi-line text: controls removed, line breaks kept, ends trimmed."""
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    return _strip_format_controls(_CONTROLS.sub("", text)).strip()
