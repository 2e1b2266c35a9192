"""Word documents and the archive folder, for bench_exports.py: one meeting's minutes to
.docx, and the whole archive written as folders (Markdown only, then with Word), each
beside python-docx's own cost. Targets: one meeting ≤ 100 ms; the archive ≤ 3 s
without Word, ≤ 10 s with it.

Two figures stand for python-docx's cost: a document of the same size built through its
public calls (add_paragraph, add_row, cell text: what writing it the plain way costs),
and the library's save of the very document (serialising and zipping its parts: what
no way of building it avoids). exports.word builds below the first by copying elements
python-docx made once; the second is the floor."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from common import print_table

if TYPE_CHECKING:
    from tracker.db import Database

T = TypeVar("T")


def _timed(work: Callable[[], T]) -> tuple[T, float]:
    started = time.perf_counter()
    result = work()
    return result, time.perf_counter() - started


def _size(data: bytes) -> tuple[int, int]:
    """(paragraphs outside tables, table rows) of a .docx."""
    import io

    from docx import Document

    doc = Document(io.BytesIO(data))
    return len(doc.paragraphs), sum(len(t.rows) for t in doc.tables)


def _docx_floor(paragraphs: int, rows: int) -> float:
    """python-docx alone: a new document with this many bare paragraphs and table rows,
    saved to bytes (what any .docx of that size costs with the library)."""
    import io

    from docx import Document

    def build() -> bytes:
        doc = Document()
        for n in range(paragraphs):
            doc.add_paragraph(f"Paragraph {n}: share the template with the AD network")
        table = doc.add_table(rows=1, cols=2)
        for n in range(rows):
            cells = table.add_row().cells
            cells[0].text = f"Action {n}: share the template\n30/11/2021: Carry action forward."
            cells[1].text = "CO, by 30 Nov 2021"
        out = io.BytesIO()
        doc.save(out)
        return out.getvalue()

    return statistics.median(_timed(build)[1] for _ in range(5))


def _save_floor(data: bytes) -> float:
    """python-docx's own save of this document (its parts serialised and zipped)."""
    import io

    from docx import Document

    doc = Document(io.BytesIO(data))
    return statistics.median(_timed(lambda: doc.save(io.BytesIO()))[1] for _ in range(5))


def _archive_floor(db: Database, meetings: int, sample: int = 12) -> tuple[str, str]:
    """python-docx's cost for the archive's Word files, measured on a sample of meetings
    and scaled: same-size documents through the public calls, and saving ours."""
    from exports.docx_minutes import render_minutes_docx
    from tracker.archive import load_archive

    records = list(load_archive(db))
    step = max(len(records) // sample, 1)
    chosen = records[::step][:sample]
    documents = [render_minutes_docx(r) for r in chosen]
    plain = statistics.mean(_docx_floor(*_size(d)) for d in documents) * meetings
    saving = statistics.mean(_save_floor(d) for d in documents) * meetings
    scaled = f"({len(chosen)} sampled, scaled)"
    return f"≈ {plain:.1f} s {scaled}", f"≈ {saving:.1f} s {scaled}"


def print_documents(db: Database, repeat: int, scratch: Path) -> None:
    """One meeting's .docx and the whole archive as folders, beside python-docx's floor."""
    from sqlalchemy import func, select

    from exports.docx_minutes import render_minutes_docx
    from exports.markdown import clear_caches
    from minutes.archive_export import write_archive
    from tracker.finding import list_groups
    from tracker.models import Item
    from tracker.queries import get_meeting

    with db.read() as s:
        busiest = s.execute(
            select(Item.meeting_id, func.count())
            .group_by(Item.meeting_id)
            .order_by(func.count().desc())
            .limit(1)
        ).first()
    assert busiest is not None, "the archive has no items"
    record = get_meeting(db, busiest[0])
    data = render_minutes_docx(record)  # the first call loads python-docx's template
    times = [_timed(lambda: render_minutes_docx(record))[1] for _ in range(repeat)]
    paragraphs, table_rows = _size(data)
    rows = [["what", "time", "target", "same size, public calls", "python-docx save"]]
    rows.append(
        [
            f"one meeting's minutes to .docx ({busiest[1]} items, {len(record.reviews)} reviews)",
            f"{statistics.median(times) * 1000:.0f} ms",
            "≤ 100 ms",
            f"{_docx_floor(paragraphs, table_rows) * 1000:.0f} ms "
            f"({paragraphs} paragraphs, {table_rows} table rows)",
            f"{_save_floor(data) * 1000:.0f} ms",
        ]
    )
    groups = list_groups(db)
    for word in (False, True):
        clear_caches()
        total = 0.0
        meetings = 0
        for g in groups:
            out = scratch / f"archive-{g.id}-{int(word)}"
            done, seconds = _timed(
                lambda g=g, out=out, word=word: write_archive(
                    db, g.id, str(out), word=word, force=True
                )
            )
            total += seconds
            meetings += done.meetings
        rows.append(
            [
                f"the whole archive as folders, {'with' if word else 'without'} Word "
                f"({len(groups)} groups, {meetings} meetings)",
                f"{total:.2f} s",
                "≤ 10 s" if word else "≤ 3 s",
                *(_archive_floor(db, meetings) if word else ("—", "—")),
            ]
        )
    print()
    print_table(rows)
