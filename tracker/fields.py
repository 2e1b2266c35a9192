"""The rules for every value the record stores: one per column, on every way in.

Services clean what a person typed with `clean()`; `load` passes every row of
a dump through `check_row()`; and every write session (a CheckedSession) checks
what it flushes, so a path that forgot a rule still cannot store what another
path refuses (tracker.checked_session). Lengths come from the models' column types, so SQLite (which
ignores VARCHAR lengths) accepts exactly what PostgreSQL accepts.

Kinds of field:
- line: one line (names, titles, initials, places): control characters removed,
  spaces collapsed, a line break refused;
- text: several lines (notes, decisions, actions): control characters removed;
- email: one address the mailer can use, nothing else (no display name, no
  second header smuggled in after a space);
- initials: letters and digits starting with a letter, stored in capitals;
- stored: written by the program itself (audit trail, digest log): kept as it
  is, but held to the same length and characters both databases can store.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from sqlalchemy import Boolean, Column, Enum, Integer, String, Table, Text

from tracker.detail_tables import metadata  # every table
from tracker.errors import InvalidInput
from tracker.text import (
    INT_RANGE,
    MAX_TEXT,
    clean_line,
    clean_text,
    has_line_break,
    storable,
)

Kind = Literal["line", "text", "email", "initials", "stored"]

#: (table, column) -> (what a person calls it, kind). Every String and Text
#: column of the models is here (a test checks), so a new column needs a rule.
_FIELDS: dict[tuple[str, str], tuple[str, Kind]] = {
    ("groups", "name"): ("group name", "line"),
    ("groups", "email"): ("group e-mail address", "email"),
    ("groups", "default_location"): ("usual place", "line"),
    ("groups", "recurrence_rule"): ("meeting pattern", "stored"),
    ("groups", "owner_style"): ("owners in minutes", "stored"),
    ("groups", "attendance_order"): ("attendance order", "stored"),
    ("groups", "closing_line"): ("closing line", "text"),
    ("people", "name"): ("name", "line"),
    ("people", "initials"): ("initials", "initials"),
    ("people", "organisation"): ("organisation", "line"),
    ("people", "email"): ("e-mail address", "email"),
    ("people", "role"): ("role", "line"),
    ("memberships", "initials"): ("initials", "initials"),
    ("meetings", "title"): ("meeting title", "line"),
    ("meetings", "location"): ("place", "line"),
    ("meetings", "label"): ("meeting label", "line"),
    ("items", "title"): ("item title", "line"),
    ("attachments", "kind"): ("kind of attachment", "stored"),
    ("attachments", "title"): ("attachment title", "line"),
    ("attachments", "file_name"): ("file name", "line"),
    ("attachments", "media_type"): ("media type", "stored"),
    ("attachments", "url"): ("link", "stored"),
    ("notes", "text"): ("note", "text"),
    ("decisions", "text"): ("decision", "text"),
    ("actions", "text"): ("action", "text"),
    ("actions", "due_text"): ("due date", "line"),
    ("action_history", "note"): ("history note", "text"),
    ("future_topics", "title"): ("topic", "line"),
    ("future_topics", "notes"): ("topic notes", "text"),
    ("digest_log", "delivery"): ("digest delivery", "stored"),
    ("digest_log", "message_id"): ("digest message id", "stored"),
    ("digest_log", "document"): ("digest document", "stored"),
    ("audit_log", "actor"): ("user name", "line"),
    ("audit_log", "table_name"): ("audit table", "stored"),
    ("audit_log", "row_key"): ("audit row", "stored"),
    ("audit_log", "operation"): ("audit operation", "stored"),
    ("audit_log", "changes"): ("audit changes", "stored"),
    ("amendments", "target"): ("amendment target", "stored"),
    ("amendments", "field"): ("amended field", "stored"),
    ("amendments", "subject"): ("amendment subject", "text"),
    ("amendments", "old_text"): ("text before the amendment", "text"),
    ("amendments", "new_text"): ("amended text", "text"),
    ("amendments", "reason"): ("reason", "text"),
    ("amendments", "actor"): ("user name", "line"),
}

#: Text columns held shorter than a Text column's MAX_TEXT.
_LONGEST: dict[tuple[str, str], int] = {
    ("groups", "closing_line"): 1000,
    ("attachments", "url"): 2000,
}

_INITIALS = re.compile(r"^[A-Za-z][A-Za-z0-9'.-]*$")
# RFC 5322 dot-atom local part (ASCII: what every mail server takes) and a
# domain of letters, digits and hyphens (international names allowed).
_LOCAL = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$")
_LABEL = re.compile(r"^[^\W_](?:(?:[^\W_]|-){0,61}[^\W_])?$")
MAX_EMAIL = 254  # the longest address SMTP carries (RFC 5321)


@dataclass(frozen=True)
class Field:
    table: str
    column: str
    label: str
    kind: Kind
    #: Longest value in characters: the column's length, or MAX_TEXT for Text.
    max_length: int
    required: bool


@cache
def fields() -> dict[tuple[str, str], Field]:
    found = {}
    for table in metadata.sorted_tables:
        for column in table.columns:
            if isinstance(column.type, Enum) or not isinstance(column.type, String | Text):
                continue
            label, kind = _FIELDS[(table.name, column.name)]
            length = (
                _LONGEST.get((table.name, column.name))
                or getattr(column.type, "length", None)
                or MAX_TEXT
            )
            found[(table.name, column.name)] = Field(
                table.name, column.name, label, kind, length, required=not column.nullable
            )
    return found


def field(attribute: Any) -> Field:
    """The rule of a model attribute or a table's column, e.g. field(Person.organisation)
    or field(tables.people.c.organisation)."""
    if isinstance(attribute, Column):
        return fields()[(attribute.table.name, attribute.name)]
    return fields()[(attribute.class_.__table__.name, attribute.key)]


def clean(
    attribute: Any,
    value: str | None,
    *,
    label: str | None = None,
    empty: str | None = None,
    default: bool = False,
) -> str | None:
    """`value` as the column stores it, or InvalidInput naming the field.

    Empty (after cleaning) is None for a column that may be empty, and refused
    (with `empty` as the message, if given) for one that may not, unless
    `default` says the caller puts a value of its own in its place. `label`
    words the field for this context.
    """
    rule = field(attribute)
    if default and not clean_line(value or ""):
        return None
    return check(rule, value, label or rule.label, empty)


def required(attribute: Any, value: str | None, *, label: str | None = None, empty: str) -> str:
    """`clean` for a value that must be there, whatever the column allows."""
    cleaned = clean(attribute, value, label=label, empty=empty)
    if cleaned is None:
        raise InvalidInput(empty)
    return cleaned


def check(rule: Field, value: Any, label: str, empty: str | None = None) -> str | None:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise InvalidInput(f"The {label} must be text, not {value!r}.")
    if rule.kind == "stored":
        cleaned = storable(value)
        if cleaned != value:
            raise InvalidInput(f"The {label} holds characters no database can store.")
    elif rule.kind == "text":
        cleaned = clean_text(value)
    else:
        if has_line_break(value.strip()):
            raise InvalidInput(f"The {label} must be one line; it has a line break.")
        cleaned = clean_line(value)
        if rule.kind == "initials":
            cleaned = _initials(cleaned.replace(" ", ""), label)
        elif rule.kind == "email":
            cleaned = _email(cleaned, label)
    if not cleaned:
        if rule.required:
            raise InvalidInput(empty or f"The {label} cannot be empty.")
        return None if rule.kind != "stored" else value or None
    if len(cleaned) > rule.max_length:
        verb = "are" if label.endswith(("initials", "notes")) else "is"
        raise InvalidInput(
            f"The {label} {verb} longer than {rule.max_length:,} characters "
            f"({len(cleaned):,}); shorten it."
        )
    return cleaned


def usable_initials(text: str) -> bool:
    return _INITIALS.match(text) is not None


def _initials(text: str, label: str) -> str:
    if text and not usable_initials(text):
        raise InvalidInput(
            f'Initials "{text}" are not usable: use letters (and digits), starting with '
            'a letter, e.g. "CO" or "PME".'
        )
    return text.upper()


def _email(text: str, label: str) -> str:
    if text and not is_email(text):
        raise InvalidInput(
            f'The {label} "{text}" is not an e-mail address the mailer can use: '
            "write just the address, like name@example.org."
        )
    return text


def is_email(text: str) -> bool:
    """One plain address (name@example.org), as SMTP carries it."""
    if len(text) > MAX_EMAIL or text.count("@") != 1:
        return False
    local, domain = text.split("@")
    if len(local) > 64 or not _LOCAL.match(local):
        return False
    labels = domain.split(".")
    if len(labels) < 2 or not all(_LABEL.match(part) for part in labels):
        return False
    try:
        domain.encode("idna")
    except UnicodeError:
        return False
    return not labels[-1].isdigit()


def check_row(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    """A row for `table` (values of its columns' Python types) held to the rules:
    text cleaned, numbers and flags of the right kind; InvalidInput names the column."""
    out = dict(row)
    for column in table.columns:
        if column.name not in out:
            continue
        value = out[column.name]
        rule = fields().get((table.name, column.name))
        if rule is not None:
            out[column.name] = check(rule, value, rule.label)
        elif value is None:
            if not column.nullable:
                raise InvalidInput(f"The {column.name} is missing.")
        elif isinstance(column.type, Boolean):
            if not isinstance(value, bool):
                raise InvalidInput(f"The {column.name} must be true or false, not {value!r}.")
        elif isinstance(column.type, Integer) and (
            isinstance(value, bool) or not isinstance(value, int) or value not in INT_RANGE
        ):
            raise InvalidInput(
                f"The {column.name} must be a whole number from {INT_RANGE.start:,} to "
                f"{INT_RANGE.stop - 1:,}, not {value!r}."
            )
    return out
