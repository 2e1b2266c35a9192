"""Tables of a Word document: a Table Grid table with its header row, and its rows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.table import Table

from exports.word.elements import LOCK, ODD, SPACE, T_TEXT, new_r, proto, style_id, workshop, x
from exports.word.paragraphs import Cell, run


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
    t = workshop().add_table(rows=1, cols=len(headers))
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
    tbl, rows = proto(key, lambda: _new_table(tuple(headers), tuple(widths_mm)))
    copy = tbl.__deepcopy__(None)
    doc.element.body._insert_tbl(copy)
    return Grid(Table(copy, doc._body), rows)


def _row_with_text(rows: dict[tuple[bool, ...], Any], filled: tuple[bool, ...]) -> Any:
    """The table's empty row with a plain run (holding a text element) in the first
    paragraph of each cell marked in ``filled``."""
    found = rows.get(filled)
    if found is None:
        with LOCK:
            found = rows[()].__deepcopy__(None)
            for tc, has_text in zip(found, filled, strict=False):
                if has_text:
                    tc[-1].append(new_r("-", False, False))
            rows[filled] = found
    return found


def _fill(t: Grid, texts: Sequence[str]) -> tuple[Any, tuple[bool, ...]]:
    """A new row with ``texts`` in its cells; those of plain text (marked True) are set
    in the copied row's text elements, the others (empty, or holding a tab or a line
    break) are left to the caller."""
    filled = tuple(bool(text) and not ODD.search(text) for text in texts)
    tr = _row_with_text(t.rows, filled).__deepcopy__(None)
    t.table._tbl.append(tr)
    if any(filled):
        plain = iter([text for text, f in zip(texts, filled, strict=True) if f])
        for element in tr.iter(T_TEXT):
            text = next(plain)
            element.text = text
            if len(text.strip()) < len(text):
                element.set(SPACE, "preserve")
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
