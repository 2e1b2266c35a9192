"""exports.word builds each kind of element once with python-docx and copies it: the
copies must be the XML python-docx's own calls give, and documents built one after
another from the same kept package must not carry anything over."""

from __future__ import annotations

import io

from docx import Document
from docx.shared import Mm
from lxml import etree

from exports import word


def _xml(element: object) -> bytes:
    return etree.tostring(element, method="c14n")  # type: ignore[call-overload,no-any-return]


def test_runs_and_paragraphs_are_those_python_docx_makes() -> None:
    texts = ["plain", " spaced ", "tab\there", "two\nlines\r\nthree", "", "x\x01y <b>&amp;"]
    doc = Document()
    ours = word.new_document("t")
    for style in (None, "List Bullet", "Heading 2"):
        for text in texts:
            for bold, italic in ((False, False), (True, False), (False, True)):
                theirs = doc.add_paragraph(style=style)
                run = theirs.add_run(word.x(text))
                if bold:
                    run.bold = True
                if italic:
                    run.italic = True
                mine = word.para(ours, style)
                word.run(mine, text, bold=bold, italic=italic)
                assert _xml(mine._p) == _xml(theirs._p), (style, text, bold, italic)
    word.to_bytes(ours)


def test_table_rows_are_those_python_docx_makes() -> None:
    doc = Document()
    theirs = doc.add_table(rows=1, cols=3)
    widths = (60, 50, 60)
    for column, cell, width in zip(theirs.columns, theirs.rows[0].cells, widths, strict=True):
        column.width = cell.width = Mm(width)
    ours_doc = word.new_document("t")
    ours = word.table(ours_doc, ("A", "B", "C"), widths_mm=(60, 50, 60))
    for texts in (("a", "", " c"), ("", "", ""), ("one\ntwo", "b", "")):
        cells = theirs.add_row().cells
        for cell, text in zip(cells, texts, strict=True):
            if text:
                cell.paragraphs[0].add_run(text)
        mine = word.row(ours, *texts)
        assert _xml(ours.table._tbl[-1]) == _xml(theirs._tbl[-1]), texts
        if texts[0]:  # more content goes after the text, in the same cell
            cells[0].add_paragraph(style="List Bullet 2").add_run("more")
            word.para(mine[0], "List Bullet 2", "more")
            assert _xml(ours.table._tbl[-1]) == _xml(theirs._tbl[-1]), texts
    word.to_bytes(ours_doc)


def test_a_kept_package_starts_the_next_document_empty() -> None:
    first = word.new_document("First")
    word.add_note(first, "see https://example.org/first for more")
    word.table(first, ("Item", "Action"), widths_mm=(130, 40))
    one = Document(io.BytesIO(word.to_bytes(first)))
    second = word.new_document("Second")
    word.para(second, None, "only this")
    two = Document(io.BytesIO(word.to_bytes(second)))
    assert [p.text for p in one.paragraphs] == ["see https://example.org/first for more"]
    assert len(one.tables) == 1
    assert [p.text for p in two.paragraphs] == ["only this"] and not two.tables
    assert one.core_properties.title == "First" and two.core_properties.title == "Second"
    links = [r for r in two.part.rels.values() if r.reltype.endswith("/hyperlink")]
    assert not links
    section = two.sections[0]
    assert section.page_width is not None and round(section.page_width.mm) == 210


def _entries(data: bytes) -> dict[str, bytes]:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist()}


def test_a_saved_document_holds_the_parts_python_docx_saves() -> None:
    """The parts every document shares are compressed once per package; each file must
    still hold exactly the parts python-docx's own save writes, the first document of a
    package and the ones after it (with their own title, body and links) alike."""
    for n, link in enumerate(("https://example.org/a", None, "mailto:b@example.org")):
        doc = word.new_document(f"Minutes {n}")
        word.para(doc, "Heading 1", f"Meeting {n}")
        if link is not None:
            word.add_linked_text(word.para(doc), f"see {link} now")
        theirs = io.BytesIO()
        doc.save(theirs)
        expected = _entries(theirs.getvalue())
        ours = word.to_bytes(doc)
        assert _entries(ours) == expected, n
        assert next(iter(_entries(ours))) == "[Content_Types].xml"
        reread = Document(io.BytesIO(ours))
        assert reread.core_properties.title == f"Minutes {n}"
        assert reread.paragraphs[0].text == f"Meeting {n}"
