"""Papers, slides and links attached to agenda items.

A file is kept in the record itself (so a backup or a dump carries it), up to
MAX_BYTES; a link is kept as its address, which must be http, https or mailto.
Attaching to agreed minutes is refused like any other change to them.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import func, select

from tracker.db import Store
from tracker.errors import InvalidInput, NotFound
from tracker.guards import editable_item
from tracker.meeting_records import ATTACHMENT_KINDS, AttachmentRecord, size_label
from tracker.models import Attachment
from tracker.text import clean_line

#: The largest file kept in the record: papers and slides, not recordings.
MAX_BYTES = 10 * 1024 * 1024
MAX_URL = 2000
LINK_SCHEMES = ("http://", "https://", "mailto:")


def _kind(kind: str) -> str:
    cleaned = kind.strip().lower()
    if cleaned not in ATTACHMENT_KINDS:
        raise InvalidInput(
            f'"{kind}" is not a kind of attachment: say {", ".join(ATTACHMENT_KINDS)}.'
        )
    return cleaned


def checked_url(url: str) -> str:
    """A link's address, refused unless it is http, https or mailto (and one line)."""
    cleaned = url.strip()
    if not cleaned.lower().startswith(LINK_SCHEMES) or any(c.isspace() for c in cleaned):
        raise InvalidInput(
            f'"{clean_line(url)[:80]}" is not a link this record keeps: give an address '
            "starting http://, https:// or mailto: with no spaces."
        )
    if len(cleaned) > MAX_URL:
        raise InvalidInput(f"A link can be at most {MAX_URL} characters.")
    return cleaned


def _record(a: Attachment) -> AttachmentRecord:
    return AttachmentRecord(
        a.id, a.item_id, a.kind, a.title, a.file_name, a.media_type, a.size, a.url
    )


def _add(db: Store, item_id: int, row: Attachment) -> AttachmentRecord:
    with db.write() as s:
        editable_item(s, item_id)
        last = s.scalar(select(func.max(Attachment.position)).where(Attachment.item_id == item_id))
        row.item_id, row.position = item_id, (last or 0) + 1
        s.add(row)
        s.flush()
        return _record(row)


def attach_file(
    db: Store,
    item_id: int,
    path: str | Path,
    *,
    kind: str = "paper",
    title: str | None = None,
) -> AttachmentRecord:
    """Keep the file at ``path`` in the record under the item."""
    source = Path(path).expanduser()
    kind = _kind(kind)
    if kind == "link":
        raise InvalidInput("A file is a paper or slides; a link is attached by its address.")
    try:
        size = source.stat().st_size
        if not source.is_file():
            raise InvalidInput(f"{source} is not a file.")
        if size > MAX_BYTES:
            raise InvalidInput(
                f"{source.name} is {size_label(size)}; files up to {size_label(MAX_BYTES)} are "
                "kept in the record. Attach a link to where it is shared instead."
            )
        data = source.read_bytes()
    except FileNotFoundError:
        raise InvalidInput(f"There is no file {source}.") from None
    except OSError as exc:
        raise InvalidInput(f"Cannot read {source}: {exc.strerror}.") from None
    return attach_bytes(db, item_id, data, source.name, kind=kind, title=title)


def attach_bytes(
    db: Store,
    item_id: int,
    data: bytes,
    file_name: str,
    *,
    kind: str = "paper",
    title: str | None = None,
) -> AttachmentRecord:
    """Keep ``data`` in the record as the file ``file_name`` under the item."""
    kind = _kind(kind)
    name = Path(clean_line(file_name)).name[:255]
    if not name or name in (".", ".."):
        raise InvalidInput("An attached file needs a file name.")
    if len(data) > MAX_BYTES:
        raise InvalidInput(
            f"{name} is {size_label(len(data))}; files up to {size_label(MAX_BYTES)} are kept "
            "in the record. Attach a link to where it is shared instead."
        )
    media_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    row = Attachment(
        kind=kind,
        title=clean_line(title or "") or Path(name).stem,
        file_name=name,
        media_type=media_type[:100],
        size=len(data),
        content=data,
    )
    return _add(db, item_id, row)


def attach_link(
    db: Store, item_id: int, url: str, *, title: str | None = None, kind: str = "link"
) -> AttachmentRecord:
    """Attach a link (a paper or slides shared elsewhere may be a link too)."""
    address = checked_url(url)
    row = Attachment(
        kind=_kind(kind), title=clean_line(title or "") or address, url=address, size=0
    )
    return _add(db, item_id, row)


def remove_attachment(db: Store, attachment_id: int) -> None:
    with db.write() as s:
        row = s.get(Attachment, attachment_id)
        if row is None:
            raise NotFound(
                f"There is no attachment with id {attachment_id}.",
                what="attachment",
                ref=attachment_id,
            )
        editable_item(s, row.item_id)
        s.delete(row)


def attachment_files(db: Store, ids: Iterable[int]) -> dict[int, bytes]:
    """The bytes of attached files by attachment id (links have none)."""
    wanted = list(set(ids))
    if not wanted:
        return {}
    with db.read() as s:
        rows = s.execute(
            select(Attachment.id, Attachment.content).where(
                Attachment.id.in_(wanted), Attachment.content.is_not(None)
            )
        )
        return {i: bytes(content) for i, content in rows if content is not None}
