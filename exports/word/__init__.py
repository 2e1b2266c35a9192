"""Building Word documents with python-docx: A4 pages, the built-in styles (Title,
Heading 1/2, List Bullet, Table Grid) so a coordinator can restyle a document in
Word, links as real hyperlinks, and user text always as text. The elements copied
(`elements`), the document's package and its save (`saving`), paragraphs and runs
(`paragraphs`) and tables (`tables`) each have a module; their names are here.

Speed: minutes of a long-running group have thousands of runs in hundreds of table
rows, so each kind of element is built once with python-docx and copied (`elements`),
and a document's package is kept for the next one and saved without serialising the
template's parts again (`saving`). The XML is the same as python-docx's own calls
give, and a saved file holds the same parts, byte for byte, as python-docx's save
(tests/test_word_elements.py compares them).
"""

from __future__ import annotations

from exports.word.elements import style_id, x
from exports.word.paragraphs import (
    Cell,
    add_lines,
    add_link,
    add_linked_text,
    add_note,
    first_paragraph,
    heading,
    labelled,
    line_break,
    para,
    run,
)
from exports.word.saving import new_document, to_bytes
from exports.word.tables import Grid, row, table, text_row

__all__ = [
    "Cell",
    "Grid",
    "add_lines",
    "add_link",
    "add_linked_text",
    "add_note",
    "first_paragraph",
    "heading",
    "labelled",
    "line_break",
    "new_document",
    "para",
    "row",
    "run",
    "style_id",
    "table",
    "text_row",
    "to_bytes",
    "x",
]
