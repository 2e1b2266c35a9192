"""Building Word documents with python-docx: A4 pages, the built-in styles (Title,
Heading 1/2, List Bullet, Table Grid) so a coordinator can restyle a document in
Word, links as real hyperlinks, and user text always as text.

Speed: minutes of a long-running group have thousands of runs in hundreds of table
rows, and python-docx spends most of its time finding where each new element goes
and setting properties one element at a time. So each kind of element (a paragraph
in a style, a run with its text element, bold or not, a table with its header row,
a row with its cell widths) is built once with python-docx and then copied (lxml
copies the element python-docx made); a copy's text is set on its text element. The
default template is read once: the package of a document saved by ``to_bytes`` is
used again, with an empty body, for the next one; the template's parts a document
never changes (its styles alone are two thirds of a megabyte of XML) are serialised and
compressed once per package, and each document adds only its own parts. The XML is the
same as python-docx's own calls give, and a saved file holds the same parts, byte for
byte, as python-docx's save (tests/test_word_elements.py compares them).
"""

from __future__ import annotations

import io
import re
import threading
import weakref
import zipfile
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from docx import Document as _open_template
from docx.document import Document
from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from exports.notes import blocks, segments

# Characters XML 1.0 cannot hold (lxml refuses them): never in stored text, but a
# document must not fail on one.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# What python-docx's run text setter turns into elements of their own.
_BREAKS = re.compile(r"([\t\r\n])")
# Either of those: text without any goes into a text element as it is.
_ODD = re.compile("[\x00-\x1f\ufffe\uffff]")
_SPACE = qn("xml:space")
_T = qn("w:t")


def x(text: str | None) -> str:
    return _NOT_XML.sub("", text or "")


# -- elements built once with python-docx, then copied -------------------------------

_LOCK = threading.RLock()
_PROTOS: dict[Any, Any] = {}


def _proto(key: Any, build: Callable[[], Any]) -> Any:
    """What ``build`` gives, built once (under a lock: documents are built in threads)."""
    found = _PROTOS.get(key)
    if found is None:
        with _LOCK:
            found = _PROTOS.get(key)
            if found is None:
                found = _PROTOS[key] = build()
    return found


def _blank() -> Document:
    """python-docx's default template on A4 with 2 cm margins."""
    doc = _open_template()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(20))
    return doc


def _workshop() -> Document:
    """A document where the elements to copy are built."""
    return _proto("workshop", _blank)


def style_id(name: str) -> str:
    """The id of a built-in style of python-docx's default template ("List Bullet" →
    "ListBullet"), looked up once: python-docx finds a style by name by scanning every
    style, on every paragraph."""
    return _proto(("style", name), lambda: _workshop().styles[name].style_id)


def _new_p(style: str | None) -> Any:
    """A new empty ``w:p`` in the built-in style ``style``."""

    def build() -> Any:
        p = OxmlElement("w:p")
        if style is not None:
            p.style = style_id(style)
        return p

    return _proto(("p", style), build).__deepcopy__(None)


def _new_r(text: str, bold: bool, italic: bool) -> Any:
    """A new ``w:r`` holding ``text`` (bold, italic as asked), as ``Run.text`` makes it."""

    def build(with_text: bool) -> Any:
        r = OxmlElement("w:r")
        shown = Run(r, None)  # type: ignore[arg-type]
        if bold:
            shown.bold = True
        if italic:
            shown.italic = True
        if with_text:
            r.add_t("")
        return r

    if text and not _BREAKS.search(text):
        r = _proto(("r", bold, italic, True), lambda: build(True)).__deepcopy__(None)
        t = r[-1]
        t.text = text
        if len(text.strip()) < len(text):
            t.set(_SPACE, "preserve")
        return r
    r = _proto(("r", bold, italic, False), lambda: build(False)).__deepcopy__(None)
    if text:
        pieces = _proto("pieces", _pieces)
        for piece in _BREAKS.split(text):
            if not piece:
                continue
            if piece in pieces:  # a tab or a line break
                r.append(pieces[piece].__deepcopy__(None))
            else:
                t = pieces[""].__deepcopy__(None)
                t.text = piece
                if len(piece.strip()) < len(piece):
                    t.set(_SPACE, "preserve")
                r.append(t)
    return r


def _pieces() -> dict[str, Any]:
    """What a run holds, by the character that makes it: w:tab, w:br, and w:t ("")."""
    r = OxmlElement("w:r")
    return {"\t": r.add_tab(), "\r": r.add_br(), "\n": r.add_br(), "": r.add_t("")}


# -- documents -----------------------------------------------------------------------

#: Packages of the default template ready for use: (document part, its empty body as
#: read), one per document being built at a time at most.
_FREE: list[tuple[Any, Any]] = []
_KEEP = 4
#: The empty body of each package made here, as read.
_PRISTINE: weakref.WeakKeyDictionary[Any, Any] = weakref.WeakKeyDictionary()


def new_document(title: str) -> Document:
    """An empty A4 document (2 cm margins) whose properties carry ``title``."""
    with _LOCK:
        free = _FREE.pop() if _FREE else None
    if free is None:
        doc = _blank()
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
    with _LOCK:
        shared = _SHARED.get(package)
    if shared is None or shared[0] != names:  # a package seen first, or with other parts
        shared = (names, _shared_entries(doc, own))
        with _LOCK:
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
        with _LOCK:
            if len(_FREE) < _KEEP:
                _FREE.append((part, pristine))
    return data


# -- paragraphs and runs ----------------------------------------------------------------


def run(paragraph: Paragraph, text: str = "", *, bold: bool = False, italic: bool = False) -> None:
    """A run of plain text at the end of ``paragraph`` (bold or italic as asked)."""
    paragraph._p.append(_new_r(x(text), bold, italic))


def line_break(paragraph: Paragraph) -> None:
    """A run holding a line break (as ``add_run().add_break()``)."""
    paragraph._p.append(_new_r("\n", False, False))


class Cell:
    """A table cell being filled: its own empty first paragraph is used first."""

    __slots__ = ("fresh", "table", "tc")

    def __init__(self, tc: Any, table: Table, fresh: bool = True) -> None:
        self.tc = tc
        self.table = table
        self.fresh = fresh

    @property
    def cell(self) -> _Cell:
        return _Cell(self.tc, self.table)

    def paragraph(self, style: str | None = None) -> Paragraph:
        tc = self.tc
        if self.fresh:
            self.fresh = False
            p = tc[-1]  # a new row's cell holds its properties, then one empty paragraph
            if style is not None:
                styled_p = _new_p(style)
                tc.replace(p, styled_p)
                p = styled_p
        else:
            p = _new_p(style)
            tc.append(p)
        return Paragraph(p, self.table)  # the parent gives the part (for links)


def para(
    container: Document | Cell, style: str | None = None, text: str | None = None
) -> Paragraph:
    """A new paragraph in the built-in style ``style`` (with ``text`` as one run, if
    given); in a table cell, the cell's own empty first paragraph is used first."""
    if isinstance(container, Cell):
        paragraph = container.paragraph(style)
    else:
        p = _new_p(style)
        container.element.body._insert_p(p)
        paragraph = Paragraph(p, container._body)
    if text:
        run(paragraph, text)
    return paragraph


def heading(doc: Document, text: str, level: int) -> Paragraph:
    """A paragraph in the built-in "Heading <level>" style ("Title" for 0)."""
    return para(doc, "Title" if level == 0 else f"Heading {level}", text)


def first_paragraph(cell: Cell, style: str | None = None) -> Paragraph:
    """The cell's empty first paragraph (every cell starts with one), or a new one."""
    return cell.paragraph(style)


def add_link(paragraph: Paragraph, text: str, url: str) -> None:
    """A hyperlink run (python-docx has no API for one: w:hyperlink with a relationship)."""
    r_id = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "Hyperlink")
    props.append(style)
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), "0563C1")
    props.append(colour)
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    props.append(underline)
    run.append(props)
    body = OxmlElement("w:t")
    body.text = x(text)
    body.set(_SPACE, "preserve")
    run.append(body)
    link.append(run)
    paragraph._p.append(link)


def add_linked_text(paragraph: Paragraph, line: str) -> None:
    """One line of user text, its http, https and mailto addresses as hyperlinks."""
    for seg in segments(line):
        if seg.href is None:
            run(paragraph, seg.text)
        else:
            add_link(paragraph, seg.text, seg.href)


def labelled(
    container: Document | Cell, label: str, text: str, *, style: str | None = None
) -> Paragraph:
    """ "Label: text" with the label in bold (as Markdown's **Label:**)."""
    p = para(container, style)
    run(p, label + ":", bold=True)
    if text:
        run(p, " " + text)
    return p


def add_lines(paragraph: Paragraph, lines: Sequence[str], *, links: bool = False) -> None:
    """Lines within one paragraph, separated by line breaks."""
    for n, line in enumerate(lines):
        if n:
            line_break(paragraph)
        if links:
            add_linked_text(paragraph, line)
        else:
            run(paragraph, line)


def add_note(container: Document | Cell, text: str, *, style: str = "List Bullet") -> None:
    """A note as a bullet: its text lines with line breaks, its "- " lines as bullets
    one level in (List Bullet 2), its links as hyperlinks."""
    for block in blocks(text):
        if block.bullet:
            for line in block.lines:
                add_lines(para(container, "List Bullet 2"), [line], links=True)
        else:
            add_lines(para(container, style), block.lines, links=True)


# -- tables ----------------------------------------------------------------------------


class Grid:
    """A table being filled, and the rows it is given (each a copy of one of them)."""

    __slots__ = ("rows", "table")

    def __init__(self, table: Table, rows: dict[tuple[bool, ...], Any]) -> None:
        self.table = table
        #: By which cells hold text: an empty row with a run (and text element) there.
        self.rows = rows


def _new_table(headers: tuple[str, ...], widths_mm: tuple[int, ...]) -> tuple[Any, dict[Any, Any]]:
    """A Table Grid table with a bold header row that repeats on each page, and an
    empty row with the cell widths, built with python-docx."""
    t = _workshop().add_table(rows=1, cols=len(headers))
    t._tbl.tblStyle_val = style_id("Table Grid")
    head = t.rows[0]
    props = head._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    props.append(repeat)
    for cell, text in zip(head.cells, headers, strict=True):
        cell.paragraphs[0].add_run(x(text)).bold = True
    for column, cell, width in zip(t.columns, head.cells, widths_mm, strict=False):
        column.width = cell.width = Mm(width)
    empty = t.add_row()._tr
    t._tbl.remove(empty)
    t._tbl.getparent().remove(t._tbl)
    return t._tbl, {(): empty}


def table(doc: Document, headers: Sequence[str], *, widths_mm: Sequence[int] = ()) -> Grid:
    """A Table Grid table with a bold header row that repeats on each page."""
    key = ("tbl", tuple(headers), tuple(widths_mm))
    tbl, rows = _proto(key, lambda: _new_table(tuple(headers), tuple(widths_mm)))
    copy = tbl.__deepcopy__(None)
    doc.element.body._insert_tbl(copy)
    return Grid(Table(copy, doc._body), rows)


def _row_with_text(rows: dict[tuple[bool, ...], Any], filled: tuple[bool, ...]) -> Any:
    """The table's empty row with a plain run (holding a text element) in the first
    paragraph of each cell marked in ``filled``."""
    found = rows.get(filled)
    if found is None:
        with _LOCK:
            found = rows[()].__deepcopy__(None)
            for tc, has_text in zip(found, filled, strict=False):
                if has_text:
                    tc[-1].append(_new_r("-", False, False))
            rows[filled] = found
    return found


def _fill(t: Grid, texts: Sequence[str]) -> tuple[Any, tuple[bool, ...]]:
    """A new row with ``texts`` in its cells; those of plain text (marked True) are set
    in the copied row's text elements, the others (empty, or holding a tab or a line
    break) are left to the caller."""
    filled = tuple(bool(text) and not _ODD.search(text) for text in texts)
    tr = _row_with_text(t.rows, filled).__deepcopy__(None)
    t.table._tbl.append(tr)
    if any(filled):
        plain = iter([text for text, f in zip(texts, filled, strict=True) if f])
        for element in tr.iter(_T):
            text = next(plain)
            element.text = text
            if len(text.strip()) < len(text):
                element.set(_SPACE, "preserve")
    return tr, filled


def text_row(t: Grid, *texts: str) -> None:
    """A new row with plain text in its cells."""
    tr, filled = _fill(t, texts)
    for tc, text, done in zip(tr, texts, filled, strict=False):
        if text and not done:
            run(Cell(tc, t.table).paragraph(), text)


def row(t: Grid, *texts: str) -> list[Cell]:
    """A new row with plain text in its cells; returns the cells for more content."""
    tr, filled = _fill(t, texts)
    cells = [Cell(tc, t.table, fresh=n >= len(filled) or not filled[n]) for n, tc in enumerate(tr)]
    for cell, text, done in zip(cells, texts, filled, strict=False):
        if text and not done:
            run(cell.paragraph(), text)
    return cells
