"""Paragraphs, runs, links and notes of a Word document, and the cells that hold them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from exports.notes import blocks, segments
from exports.word.elements import SPACE, new_p, new_r, x


def run(paragraph: Paragraph, text: str = "", *, bold: bool = False, italic: bool = False) -> None:
    """A run of plain text at the end of ``paragraph`` (bold or italic as asked)."""
    paragraph._p.append(new_r(x(text), bold, italic))


def line_break(paragraph: Paragraph) -> None:
    """A run holding a line break (as ``add_run().add_break()``)."""
    paragraph._p.append(new_r("\n", False, False))


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
                styled_p = new_p(style)
                tc.replace(p, styled_p)
                p = styled_p
        else:
            p = new_p(style)
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
        p = new_p(style)
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
    body.set(SPACE, "preserve")
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
