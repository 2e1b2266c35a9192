"""`minutes export archive`: a folder a council could publish, every held meeting's
minutes, an index by year whose links all lead somewhere, and the group's calendar."""

from __future__ import annotations

from pathlib import Path

from icalendar import Calendar
from markdown_it import MarkdownIt

from tests.documents import open_docx
from tests.test_export_cli import _cli_runner
from tracker import meetings

COMMONMARK = MarkdownIt("commonmark")


def test_archive_folder_with_index_and_calendar(tmp_path: Path) -> None:
    run, cme = _cli_runner(tmp_path)
    meetings.open_meeting(cme.db, cme.january)
    meetings.approve_minutes(cme.db, cme.november, cme.january)
    meetings.close_meeting(cme.db, cme.january)
    code, _out, err = run(
        "export", "archive", "--group", str(cme.group_id), "--out", "site", "--docx"
    )
    assert code == 0, err
    site = tmp_path / "site"
    names = sorted(p.name for p in (site / "minutes").iterdir())
    assert names == [
        "2024-09-18.docx", "2024-09-18.md",
        "2024-11-13.docx", "2024-11-13.md",
        "2025-01-29.docx", "2025-01-29.md",
    ]  # fmt: skip
    assert "Wrote the minutes of 3 meetings" in err
    assert "\x1b[" not in err  # no progress bar when not at a terminal
    index = (site / "index.md").read_text()
    assert index.index("## 2025") < index.index("## 2024")
    tokens = COMMONMARK.parse(index)
    assert not [t for t in tokens if t.type.startswith("html")]
    hrefs = [c.attrs["href"] for t in tokens for c in t.children or [] if c.type == "link_open"]
    assert len(hrefs) == 1 + 3 + 3
    for href in hrefs:
        assert (site / str(href)).is_file(), href
    assert "Agreed on 29 January 2025" in index
    # public by default: a folder to publish
    november = (site / "minutes" / "2024-11-13.md").read_text()
    assert "Staffing in one LA" not in november and "Chris Owen" not in november
    assert "Staffing" not in "\n".join(
        p.text for p in open_docx((site / "minutes" / "2024-11-13.docx").read_bytes()).paragraphs
    )
    Calendar.from_ical((site / "calendar.ics").read_bytes())
    # nothing replaced without --force; the full minutes on request
    code, _out, err = run(
        "export", "archive", "--group", str(cme.group_id), "--out", "site", "--full"
    )
    assert code == 2 and "--force" in err
    code, _out, err = run(
        "export", "archive", "--group", str(cme.group_id), "--out", "site", "--full", "--force"
    )
    assert code == 0, err
    assert "Staffing in one LA" in (site / "minutes" / "2024-11-13.md").read_text()


def test_many_files_written_at_once_replace_nothing_unasked(tmp_path: Path) -> None:
    import pytest

    from exports.files import write_all
    from tracker.errors import FileClash

    a, b = tmp_path / "a.md", tmp_path / "b.md"
    written = write_all([(a, "one"), (b, b"two")])
    assert [w.changed for w in written] == [True, True] and b.read_bytes() == b"two"
    b.write_text("changed by hand")
    with pytest.raises(FileClash):
        write_all([(tmp_path / "c.md", "three"), (a, "one"), (b, "two")])
    # nothing was renamed into place, and no temporary file is left behind
    assert not (tmp_path / "c.md").exists() and b.read_text() == "changed by hand"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md", "b.md"]
    written = write_all([(a, "one"), (b, "two")], force=True)
    assert [w.changed for w in written] == [False, True] and b.read_text() == "two"
