"""User text as data: Rich `Text` renders every character as typed, markup included."""

from __future__ import annotations

from datetime import date

from rich.text import Text


def literal(text: str | None, style: str = "") -> Text:
    """A cell or label showing `text` literally ("[b]Ann[/b]" stays as typed)."""
    # Newlines would break a one-line cell; control characters were removed on entry.
    return Text(" ".join((text or "").split("\n")), style=style, no_wrap=False, end="")


def joined(*parts: Text | str, sep: str = "") -> Text:
    """Join literal pieces; plain `str` parts are also literal."""
    out = Text(end="")
    for i, part in enumerate(parts):
        if i and sep:
            out.append(sep)
        out.append(part if isinstance(part, Text) else Text(part))
    return out


def uk(d: date | None) -> str:
    """30 Nov 2021, or a dash."""
    return f"{d.day} {d:%b %Y}" if d else "—"
