"""A document's package: kept for the next document, and saved fast.

The default template is read once: the package of a document saved by ``to_bytes`` is
used again, with an empty body, for the next one; the template's parts a document
never changes (its styles alone are two thirds of a megabyte of XML) are serialised and
compressed once per package, and each document adds only its own parts. A saved file
holds the same parts, byte for byte, as python-docx's save (tests/test_word_elements.py
compares them).
"""

from __future__ import annotations

import io
import weakref
import zipfile
from datetime import UTC, datetime
from typing import Any

from docx.document import Document
from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE

from exports.word.elements import LOCK, blank, x

#: Packages of the default template ready for use: (document part, its empty body as
#: read), one per document being built at a time at most.
_FREE: list[tuple[Any, Any]] = []
_KEEP = 4
#: The empty body of each package made here, as read.
_PRISTINE: weakref.WeakKeyDictionary[Any, Any] = weakref.WeakKeyDictionary()


def new_document(title: str) -> Document:
    """An empty A4 document (2 cm margins) whose properties carry ``title``."""
    with LOCK:
        free = _FREE.pop() if _FREE else None
    if free is None:
        doc = blank()
        _PRISTINE[doc.part] = doc.element.__deepcopy__(None)
    else:
        part, pristine = free
        part._element = pristine.__deepcopy__(None)
        doc = part.document
    props = doc.core_properties
    props.title = x(title)[:255]
    props.language = "en-GB"
    props.modified = datetime.now(UTC)
    return doc


#: For each package made here, the parts its documents share (all but the document
#: part and the core properties: styles, theme, settings, numbering …) as a .docx
#: without its own parts, compressed once; with the names of every part it had then.
#: This holds while documents change only their body, links and properties: one that
#: adds a part of its own (a picture, say) must add that part to _own_entries, or a
#: later document with a part of the same name would be saved with the first one's.
_SHARED: weakref.WeakKeyDictionary[Any, tuple[tuple[str, ...], bytes]] = weakref.WeakKeyDictionary()


def _own_entries(doc: Document) -> tuple[tuple[str, ...], dict[str, bytes]]:
    """The names of the package's parts, and the entries (zip member name → bytes) of
    the parts each document has of its own: the document part (its body and links)
    and the core properties (title, time), with their relationships."""
    package = doc.part.package
    parts = list(package.iter_parts())
    own = [p for p in parts if p is doc.part or p.content_type == CONTENT_TYPE.OPC_CORE_PROPERTIES]
    entries = {p.partname.membername: p.blob for p in own}
    entries.update({p.partname.rels_uri.membername: p.rels.xml for p in own if len(p.rels)})
    return tuple(sorted(p.partname for p in parts)), entries


def _shared_entries(doc: Document, own: dict[str, bytes]) -> bytes:
    """python-docx's save of the document without the entries named in ``own``."""
    whole = io.BytesIO()
    doc.save(whole)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(whole) as saved,
        zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as shared,
    ):
        for info in saved.infolist():
            if info.filename not in own:
                shared.writestr(info, saved.read(info))
    return out.getvalue()


def _save(doc: Document) -> bytes:
    """The .docx python-docx's save writes (the same parts, compressed alike), with the
    parts no document changes taken from the package's first save. The shared entries
    come first ([Content_Types].xml leading, as python-docx writes it), then the
    document's own."""
    names, own = _own_entries(doc)
    package = doc.part.package
    with LOCK:
        shared = _SHARED.get(package)
    if shared is None or shared[0] != names:  # a package seen first, or with other parts
        shared = (names, _shared_entries(doc, own))
        with LOCK:
            _SHARED[package] = shared
    out = io.BytesIO(shared[1])
    with zipfile.ZipFile(out, "a", compression=zipfile.ZIP_DEFLATED) as z:
        for name, data in own.items():
            z.writestr(name, data)
    return out.getvalue()


def to_bytes(doc: Document) -> bytes:
    """The document as a .docx file. Its package is kept for the next document (body
    and links taken out): do not use ``doc`` after this."""
    data = _save(doc)
    part = doc.part
    rels = part.rels
    for r_id in [r for r, rel in rels.items() if rel.reltype == RELATIONSHIP_TYPE.HYPERLINK]:
        del rels[r_id]
    pristine = _PRISTINE.get(part)
    if pristine is not None:
        with LOCK:
            if len(_FREE) < _KEEP:
                _FREE.append((part, pristine))
    return data
