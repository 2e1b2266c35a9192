"""The parts of an entry line: who owns an action, its due date as typed, and how
people are written (names, initials, an organisation in brackets).

Pure, like the grammar that uses it (`tracker.entry.grammar`).
"""

from __future__ import annotations

import re

from tracker.dates import reads_as_date
from tracker.errors import InvalidInput

#: The due date follows the last " by " of an action, when it is written as a date.
_BY = re.compile(r"(?:^|\s+)by\s+", re.IGNORECASE)
_TRAILING_BY = re.compile(r"(?:^|\s)by$", re.IGNORECASE)
_PEOPLE_SPLIT = re.compile(r"\s*(?:,|;|&|/|\+|\band\b)\s*", re.IGNORECASE)
_BRACKETED = re.compile(r"\s*\([^)]*\)")
#: Owners in square brackets at the end, as minutes mark them: "circulate the slides [CO]".
_OWNERS_AT_END = re.compile(r"\s*\[(?P<owners>[^\[\]]+)\]\.?$")
#: Lower-case words that join or belong to names ("Chris and Dave", "Rachel de Souza").
_NAME_PARTICLES = frozenset({"and", "de", "da", "di", "du", "van", "von", "der", "le", "la"})
#: How a person is written in an attendance or officer line (`looks_like_person`).
_INITIALS = re.compile(r"[A-Z]{2,4}")
_NAME_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*\.?")
#: Where a sentence of an action ends and another may start.
_SENTENCE_END = re.compile(r"[.;]\s+")
#: "Slides to be circulated": a passive says what is to be done, not who does it.
_PASSIVE = re.compile(r"be\s", re.IGNORECASE)
#: Owners typed before a colon are short ("BP & CO", "Chris and Dave"), not a sentence.
_MAX_OWNER_WORDS = 6
#: "BP to …": the word between an action's owners and its text.
TO_WORD = re.compile(r"\s+to\s+")


class EntryError(InvalidInput):
    """A line that cannot be read as it stands; the message says how to write it."""


def owners_and_text(rest: str, *, names_only: bool = False) -> tuple[str, str]:
    """ "BP, CO: text", "Chris to text": the owners ("" if none are given) and the text.

    With `names_only` (a line written as minutes write it, "Action: …"), owners are
    written as names or initials: "officials to relay …" or "summary of audit … to
    next meeting" name no one. "Slides to be circulated" never does.
    """
    if rest[:3].lower() == "to ":  # "Action: to bring the paper back": no one named
        return "", rest.strip()
    head, colon, after = rest.partition(":")
    if colon and owner_like(head, names_only):
        return head.strip(), after.strip()
    m = TO_WORD.search(rest)
    if m and owner_like(rest[: m.start()], names_only) and not _PASSIVE.match(rest, m.end()):
        return rest[: m.start()].strip(), rest[m.end() :].strip()
    return "", rest.strip()


def second_action(body: str) -> str:
    """The second action of "make the edits. Brian to share them" (from the sentence
    that gives someone, by name or initials, something to do), or ""."""
    for m in _SENTENCE_END.finditer(body):
        after = body[m.end() :]
        to = TO_WORD.search(after)
        if (
            to is not None
            and owner_like(after[: to.start()], names_only=True)
            and not _PASSIVE.match(after, to.end())
        ):
            return after
    return ""


def owners_at_end(text: str) -> tuple[str, str]:
    """ "circulate the slides [CO]": owners in square brackets at the end, and the text
    before them; ("", text) when the brackets hold no names ("[draft]")."""
    m = _OWNERS_AT_END.search(text)
    if m is None or not owner_like(m["owners"], names_only=True):
        return "", text
    return m["owners"].strip(), text[: m.start()].strip()


def owner_like(text: str, names_only: bool = False) -> bool:
    words = text.split()
    if not 0 < len(words) <= _MAX_OWNER_WORDS or TO_WORD.search(f" {text} ") is not None:
        return False
    return not names_only or all(_name_word(w) for w in words)


def _name_word(word: str) -> bool:
    """A word that can be part of an owner written as minutes write it: a name or
    initials ("Chris", "BP,"), a joiner ("and", "&", "/"), or "all"."""
    bare = word.strip(",;&/+.")
    if not bare:
        return True
    first = next((ch for ch in bare if ch.isalpha()), "")
    return first.isupper() or bare.lower() in _NAME_PARTICLES or bare.lower() == "all"


def split_due(body: str) -> tuple[str, str | None]:
    """The action's text and its due date as typed: the words after the last " by ",
    only when they are written as a date; otherwise every word stays in the text."""
    body = body.strip()
    matches = list(_BY.finditer(body))
    if matches:
        last = matches[-1]
        tail = body[last.end() :].strip()
        if reads_as_date(tail):
            return body[: last.start()].strip(), tail
        return body, None
    if _TRAILING_BY.search(body):
        raise EntryError("Give a due date after 'by', or 'by -' for none.")
    return body, None


def split_people(text: str) -> list[str]:
    """ "BP CO", "BP, CO", "Ann Smith & BP", "Katy Daly (Bracknell)": initials may be
    split by spaces, names not; an organisation in brackets is left out."""
    out: list[str] = []
    for chunk in _PEOPLE_SPLIT.split(_BRACKETED.sub("", text).strip(" .")):
        words = chunk.split()
        if len(words) > 1 and all(w.isupper() for w in words):
            out.extend(words)
        elif chunk:
            out.append(chunk)
    return out


def name_and_organisation(token: str, line: str = "") -> tuple[str, str]:
    """A person as written: "Jane Smith (DfE)" is ("Jane Smith", "DfE"); a bare name
    takes the organisation in brackets just after it in `line`, if any."""
    if written := re.fullmatch(r"(.*?)\s*\(([^()]*)\)", token.strip()):
        return written[1].strip(), written[2].strip()
    if token and (found := re.search(re.escape(token) + r"\s*\(([^()]+)\)", line)):
        return token, found[1].strip()
    return token, ""


def looks_like_person(token: str) -> bool:
    """ "Olly May", "Rachel de Souza", "XY": written as a person's name (two to four
    words, each with a capital, bar "de", "van" …) or initials, not as a sentence
    ("thanked everyone", "14 members", "all members") or a lone word ("Welcome")."""
    words = token.split()
    if len(words) == 1:
        return _INITIALS.fullmatch(words[0]) is not None
    return 2 <= len(words) <= 4 and all(
        w in _NAME_PARTICLES - {"and"} or (w[0].isupper() and _NAME_WORD.fullmatch(w) is not None)
        for w in words
    )
