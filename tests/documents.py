"""Reading documents back as an independent reader would: Word with python-docx and
pandoc, Markdown with pandoc, for comparing what each shows."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from collections import Counter

import pytest

#: Words a Word layout adds that the Markdown has no need of: the column headers of
#: the attendance table and of each item's table.
LAYOUT_WORDS = {"Attendance", "Name", "Item", "Action"}


def pandoc() -> str:
    """pandoc's path; a test needing it skips without it, except under CI."""
    found = shutil.which("pandoc")
    if found is None:
        message = "pandoc is not installed (apt-get install pandoc)"
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return found


def plain_from_docx(data: bytes) -> str:
    return subprocess.run(
        [pandoc(), "--standalone", "-f", "docx", "-t", "plain", "--wrap=none"],
        input=data,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")


def plain_from_markdown(text: str) -> str:
    return subprocess.run(
        [pandoc(), "-f", "commonmark_x", "-t", "plain", "--wrap=none"],
        input=text.encode("utf-8"),
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")


def words(text: str) -> Counter[str]:
    return Counter(re.findall(r"\w+", text))


def assert_same_words(markdown: str, docx: bytes) -> None:
    """The Word document shows every word the Markdown shows, as often, and nothing
    else but its table headers."""
    md, word = words(plain_from_markdown(markdown)), words(plain_from_docx(docx))
    missing = md - word
    assert not missing, f"in the Markdown, not in the Word document: {missing}"
    extra = word - md
    assert set(extra) <= LAYOUT_WORDS, f"in the Word document only: {extra}"


def open_docx(data: bytes):  # type: ignore[no-untyped-def]
    from docx import Document

    return Document(io.BytesIO(data))
