"""Helpers shared by the command modules: resolving references and printing."""

from __future__ import annotations

import argparse
import enum
import json
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date
from typing import IO, Any, TypeVar

from minutes.context import Context
from tracker.errors import InvalidInput
from tracker.kinds import AttendanceKind


def words_of(kinds: Iterable[enum.StrEnum]) -> list[str]:
    """A vocabulary as the command line spells it, in its order: in-attendance for
    AttendanceKind.IN_ATTENDANCE."""
    return [k.value.replace("_", "-") for k in kinds]


K = TypeVar("K", bound=enum.StrEnum)


def kind_of(kinds: type[K], word: str) -> K:
    """The member a command-line word (one of `words_of(kinds)`) names."""
    return kinds(word.replace("-", "_"))


#: Attendance as the command line records it; "none" clears it.
ATTENDANCE_CHOICES = [*words_of(AttendanceKind), "none"]


def attendance_kind(word: str) -> AttendanceKind | None:
    """The attendance a word of ATTENDANCE_CHOICES records (None: cleared)."""
    return None if word == "none" else kind_of(AttendanceKind, word)


def positive_int(text: str) -> int:
    from tracker.text import whole_number

    value = whole_number(text)
    if value is None:
        raise argparse.ArgumentTypeError(
            f"expected a whole number from 0 to 2147483647, got {text!r}"
        )
    return value


def record_id(text: str) -> int:
    """An id as shown in listings (a bare number, or with a leading '#')."""
    from tracker.text import whole_number

    text = text.strip().lstrip("#")
    value = whole_number(text)
    if value is None:
        digits = text.isascii() and text.isdigit()
        raise argparse.ArgumentTypeError(
            f"there is no id {text}: ids are at most 2147483647"
            if digits
            else f"expected an id number as shown in listings, got {text!r}"
        )
    return value


def group_id(ctx: Context, ref: str | None) -> int:
    from tracker.finding import find_group, list_groups

    if ref:
        return find_group(ctx.db, ref).id
    groups = list_groups(ctx.db)
    if len(groups) == 1:
        return groups[0].id
    raise InvalidInput(
        "Say which group with --group (its id or name); `minutes group list` shows them."
    )


def person_id(ctx: Context, group: int | None, ref: str) -> int:
    from tracker.finding import find_person

    return find_person(ctx.db, group, ref).id


def _width(text: str) -> int:
    if text.isascii():  # most cells: one column a character
        return len(text)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def inert(text: str) -> str:
    """Text for a terminal: control characters shown as visible escapes, never obeyed."""
    return "".join(
        c if c.isprintable() or c == " " else repr(c)[1:-1] for c in text.replace("\n", " ⏎ ")
    )


def print_table(
    out: IO[str], headers: Sequence[str], rows: Sequence[Sequence[Any]], max_width: int = 60
) -> None:
    """Aligned plain-text columns; long cells are cut with an ellipsis."""
    cells = [[inert(str(c)) for c in row] for row in rows]
    cells = [
        [c if _width(c) <= max_width else c[: max_width - 1] + "…" for c in row] for row in cells
    ]
    widths = [max([_width(h)] + [_width(r[i]) for r in cells]) for i, h in enumerate(headers)]

    def line(values: Sequence[str]) -> str:
        padded = [v + " " * (w - _width(v)) for v, w in zip(values, widths, strict=False)]
        return "  ".join(padded).rstrip()

    out.write(line(headers) + "\n")
    out.write(line(["-" * w for w in widths]) + "\n")
    for row in cells:
        out.write(line(row) + "\n")


def print_json(out: IO[str], data: Any) -> None:
    json.dump(data, out, indent=2, ensure_ascii=False, default=str)
    out.write("\n")


def as_of_date(text: str | None) -> date | None:
    """An --as-of DATE as a person types it ("30/11/2021", "13 November 2024")."""
    if not text:
        return None
    from tracker.dates import DateError, parse_meeting_date

    try:
        return parse_meeting_date(text, date.today())
    except DateError as exc:
        raise InvalidInput(f"--as-of: {exc}") from None


def add_as_of(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--as-of",
        metavar="DATE",
        help="as the record stood on DATE: what was open, due and to come then",
    )
