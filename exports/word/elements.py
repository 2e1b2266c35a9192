"""Word elements built once with python-docx, then copied.

python-docx spends most of its time finding where each new element goes and setting
properties one element at a time. So each kind of element (a paragraph in a style, a
run with its text element, bold or not, a table with its header row, a row with its
cell widths) is built once here and then copied (lxml copies the element python-docx
made); a copy's text is set on its text element.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from typing import Any

from docx import Document as _open_template
from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.text.run import Run

# Characters XML 1.0 cannot hold (lxml refuses them): never in stored text, but a
# document must not fail on one.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# What python-docx's run text setter turns into elements of their own.
_BREAKS = re.compile(r"([\t\r\n])")
# Either of those: text without any goes into a text element as it is.
ODD = re.compile("[\x00-\x1f\ufffe\uffff]")
SPACE = qn("xml:space")
T_TEXT = qn("w:t")


def x(text: str | None) -> str:
    return _NOT_XML.sub("", text or "")


LOCK = threading.RLock()
_PROTOS: dict[Any, Any] = {}


def proto(key: Any, build: Callable[[], Any]) -> Any:
    """What ``build`` gives, built once (under a lock: documents are built in threads)."""
    found = _PROTOS.get(key)
    if found is None:
        with LOCK:
            found = _PROTOS.get(key)
            if found is None:
                found = _PROTOS[key] = build()
    return found


def blank() -> Document:
    """python-docx's default template on A4 with 2 cm margins."""
    doc = _open_template()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(20))
    return doc


def workshop() -> Document:
    """A document where the elements to copy are built."""
    return proto("workshop", blank)


def style_id(name: str) -> str:
    """The id of a built-in style of python-docx's default template ("List Bullet" →
    "ListBullet"), looked up once: python-docx finds a style by name by scanning every
    style, on every paragraph."""
    return proto(("style", name), lambda: workshop().styles[name].style_id)


def new_p(style: str | None) -> Any:
    """A new empty ``w:p`` in the built-in style ``style``."""

    def build() -> Any:
        p = OxmlElement("w:p")
        if style is not None:
            p.style = style_id(style)
        return p

    return proto(("p", style), build).__deepcopy__(None)


def new_r(text: str, bold: bool, italic: bool) -> Any:
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
        r = proto(("r", bold, italic, True), lambda: build(True)).__deepcopy__(None)
        t = r[-1]
        t.text = text
        if len(text.strip()) < len(text):
            t.set(SPACE, "preserve")
        return r
    r = proto(("r", bold, italic, False), lambda: build(False)).__deepcopy__(None)
    if text:
        pieces = proto("pieces", _pieces)
        for piece in _BREAKS.split(text):
            if not piece:
                continue
            if piece in pieces:  # a tab or a line break
                r.append(pieces[piece].__deepcopy__(None))
            else:
                t = pieces[""].__deepcopy__(None)
                t.text = piece
                if len(piece.strip()) < len(piece):
                    t.set(SPACE, "preserve")
                r.append(t)
    return r


def _pieces() -> dict[str, Any]:
    """What a run holds, by the character that makes it: w:tab, w:br, and w:t ("")."""
    r = OxmlElement("w:r")
    return {"\t": r.add_tab(), "\r": r.add_br(), "\n": r.add_br(), "": r.add_t("")}
