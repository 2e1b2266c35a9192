"""The entry-line corpus (tests/corpus/entry_lines.txt): lines and how each is stored."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

CORPUS = Path(__file__).parent / "corpus" / "entry_lines.txt"

#: The meeting the corpus is typed at, and the next one ("by the next meeting").
MEETING_DAY = date(2024, 11, 13)
NEXT_MEETING_DAY = date(2025, 1, 29)

_ACTION = re.compile(r"action (?P<owners>.+?)(?: due (?P<due>\d{4}-\d\d-\d\d))? = (?P<text>.+)")
_ATTENDANCE = re.compile(r"(?P<kind>present|apologies|absent|in attendance) (?P<who>.+)")


@dataclass(frozen=True)
class Expected:
    """How one corpus line must be stored (or why it must not be)."""

    number: int
    line: str
    #: note, decision, item, action, attendance, guest, chair, minute-taker, ask, refused
    kind: str
    text: str = ""
    #: For actions: owners as minutes write them ("BP & CO"); attendance: initials.
    owners: str = ""
    due: date | None = None
    #: attendance kind ("present", …); for "ask": "add", "item" or "note".
    detail: str = ""

    def __str__(self) -> str:
        return f"line {self.number}: {self.line}"


def load() -> list[Expected]:
    out: list[Expected] = []
    for number, raw in enumerate(CORPUS.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        line, sep, expect = raw.partition(" => ")
        if not sep:
            raise ValueError(f"{CORPUS.name}:{number}: no ' => ' in {raw!r}")
        out.append(_expected(number, line, expect.strip()))
    return out


def _expected(number: int, line: str, expect: str) -> Expected:
    head, _, rest = expect.partition(" ")
    if expect == "note":
        return Expected(number, line, "note", text=line.strip())
    if head in ("note", "decision", "item") and rest.startswith("= "):
        return Expected(number, line, head, text=rest[2:])
    if m := _ACTION.fullmatch(expect):
        due = date.fromisoformat(m["due"]) if m["due"] else None
        return Expected(number, line, "action", text=m["text"], owners=m["owners"], due=due)
    if m := _ATTENDANCE.fullmatch(expect):
        return Expected(number, line, "attendance", owners=m["who"], detail=m["kind"])
    if head == "guest":
        return Expected(number, line, "guest", text=rest)
    if head in ("chair", "minute-taker"):
        return Expected(number, line, head, owners=rest)
    if head == "ask":
        what, _, token = rest.partition(" ")
        return Expected(number, line, "ask", detail=what, text=token)
    if head == "refused:":
        return Expected(number, line, "refused", text=rest)
    raise ValueError(f"{CORPUS.name}:{number}: cannot read the expectation {expect!r}")
