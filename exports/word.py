"""Building Word documents with python-docx: A4 pages, the built-in styles (Title,
Heading 1/2, List Bullet, Table Grid) so a coordinator can restyle a document in
Word, links as real hyperlinks, and user text always as text."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from exports.notes import blocks, segments

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import Table, _Cell
    from docx.text.paragraph import Paragraph

# Characters XML 1.0 cannot hold (lxml refuses them): never in stored text, but a
# document must not fail on one.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def x(text: str | None) -> str:
    return _NOT_XML.sub("", text or "")


_STYLE_IDS: dict[str, str] = {}


def style_id(name: str) -> str:
    """The id of a built-in style of python-docx's default template ("List Bullet" →
    "ListBullet"), looked up once: python-docx finds a style by name by scanning every
    style, on every paragraph."""
    found = _STYLE_IDS.get(name)
    if found is None:
        from docx import Document as make

        found = _STYLE_IDS[name] = make().styles[name].style_id
    return found


def styled(paragraph: Paragraph, _doc: Document | None, name: str | None) -> Paragraph:
    """``paragraph`` in the built-in style ``name`` (unchanged for None)."""
    if name is not None:
        paragraph._p.style = style_id(name)
    return paragraph


def heading(doc: Document, text: str, level: int) -> Paragraph:
    """A paragraph in the built-in "Heading <level>" style ("Title" for 0)."""
    name = "Title" if level == 0 else f"Heading {level}"
    p = styled(doc.add_paragraph(), doc, name)
    p.add_run(x(text))
    return p


def new_document(title: str) -> Document:
    """An empty A4 document (2 cm margins) whose properties carry ``title``."""
    from docx import Document as make
    from docx.shared import Mm

    doc = make()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(20))
    doc.core_properties.title = x(title)[:255]
    doc.core_properties.language = "en-GB"
    return doc


def to_bytes(doc: Document) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def add_link(paragraph: Paragraph, text: str, url: str) -> None:
    """A hyperlink run (python-docx has no API for one: w:hyperlink with a relationship)."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

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
    body.set(qn("xml:space"), "preserve")
    run.append(body)
    link.append(run)
    paragraph._p.append(link)


def add_linked_text(paragraph: Paragraph, line: str) -> None:
    """One line of user text, its http, https and mailto addresses as hyperlinks."""
    for seg in segments(line):
        if seg.href is None:
            paragraph.add_run(x(seg.text))
        else:
            add_link(paragraph, seg.text, seg.href)


def para(container: Document | _Cell, style: str | None = None) -> Paragraph:
    """A new paragraph; in a table cell the cell's own empty first one is used first."""
    from docx.table import _Cell

    if isinstance(container, _Cell):
        return first_paragraph(container, style)
    return styled(container.add_paragraph(), container, style)


def labelled(
    container: Document | _Cell, label: str, text: str, *, style: str | None = None
) -> Paragraph:
    """ "Label: text" with the label in bold (as Markdown's **Label:**)."""
    p = para(container, style)
    p.add_run(x(label) + ":").bold = True
    if text:
        p.add_run(" " + x(text))
    return p


def add_lines(paragraph: Paragraph, lines: Sequence[str], *, links: bool = False) -> None:
    """Lines within one paragraph, separated by line breaks."""
    for n, line in enumerate(lines):
        if n:
            paragraph.add_run().add_break()
        if links:
            add_linked_text(paragraph, line)
        else:
            paragraph.add_run(x(line))


def add_note(container: Document | _Cell, text: str, *, style: str = "List Bullet") -> None:
    """A note as a bullet: its text lines with line breaks, its "- " lines as bullets
    one level in (List Bullet 2), its links as hyperlinks."""
    for block in blocks(text):
        if block.bullet:
            for line in block.lines:
                add_lines(para(container, "List Bullet 2"), [line], links=True)
        else:
            add_lines(para(container, style), block.lines, links=True)


def table(doc: Document, headers: Sequence[str], *, widths_mm: Sequence[int] = ()) -> Table:
    """A Table Grid table with a bold header row that repeats on each page."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    t = doc.add_table(rows=1, cols=len(headers))
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
    return t


def row(t: Table, *texts: str) -> list[_Cell]:
    """A new row with plain text in its cells; returns the cells for more content."""
    cells = t.add_row().cells
    for cell, text in zip(cells, texts, strict=False):
        if text:
            cell.paragraphs[0].add_run(x(text))
    return list(cells)


def first_paragraph(cell: _Cell, style: str | None = None) -> Paragraph:
    """The cell's empty first paragraph (every cell starts with one), or a new one."""
    p = cell.paragraphs[0]
    if p.text or len(cell.paragraphs) > 1 or p.runs:
        p = cell.add_paragraph()
    return styled(p, None, style)
