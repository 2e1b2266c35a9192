"""User text as data: Rich `Text` renders every character as typed, markup included."""

from __future__ import annotations

from datetime import date

from rich.style import Style
from rich.text import Text

#: Styles in the theme's own terms: the screens never name a colour, so the light and
#: dark themes (F4) each show them in their own.
LATE = "bold $text-error"
CHANGED = "bold $text-warning"
WARNING = "italic $text-error"


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


def themed(style: str) -> Style:
    """A Rich style from one naming theme variables ("bold $text-error"), in the colours
    of the app's current theme; without a running app, the style without its colours."""
    from textual.css.errors import UnresolvedVariableError
    from textual.markup import parse_style

    try:
        return parse_style(style).rich_style
    except UnresolvedVariableError:
        return Style.parse(" ".join(w for w in style.split() if not w.startswith("$")) or "none")


def uk(d: date | None) -> str:
    """30 Nov 2021, or a dash."""
    return f"{d.day} {d:%b %Y}" if d else "—"
