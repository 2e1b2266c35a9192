"""Publishing a written file at a new name without ever replacing one already there
(tracker/disk.py's rename_new), and what a backup and an export say when they lose that
race."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path
from typing import Any

import pytest

from exports.files import write_all, write_atomic
from tracker.backup import private_file
from tracker.disk import rename_new
from tracker.errors import InvalidInput


def _written(folder: Path, text: str = "new") -> Path:
    temp = folder / ".target.partial"
    temp.write_text(text)
    return temp


def _no_hard_links(monkeypatch: pytest.MonkeyPatch, code: int = errno.EPERM) -> list[Path]:
    """A file system that refuses hard links (os.link fails as such a one does)."""
    asked: list[Path] = []

    def refuse(source: Path, target: Path) -> None:
        asked.append(Path(target))
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "link", refuse)
    return asked


def test_a_free_name_is_taken_and_the_temporary_name_goes(tmp_path: Path) -> None:
    temp, target = _written(tmp_path), tmp_path / "target"
    rename_new(temp, target)
    assert target.read_text() == "new" and target.stat().st_nlink == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["target"]


def test_a_taken_name_is_refused_and_the_temporary_file_kept(tmp_path: Path) -> None:
    temp, target = _written(tmp_path), tmp_path / "target"
    target.write_text("someone else's")
    with pytest.raises(FileExistsError):
        rename_new(temp, target)
    assert target.read_text() == "someone else's"
    assert temp.read_text() == "new"  # the caller's to remove


@pytest.mark.parametrize("code", [errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV])
def test_without_hard_links_it_is_a_plain_rename(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    asked = _no_hard_links(monkeypatch, code)
    temp, target = _written(tmp_path), tmp_path / "target"
    rename_new(temp, target)
    assert asked == [target]
    assert target.read_text() == "new" and not temp.exists()


def test_other_failures_are_raised_as_they_come(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _no_hard_links(monkeypatch, errno.EACCES)
    temp, target = _written(tmp_path), tmp_path / "target"
    with pytest.raises(PermissionError):
        rename_new(temp, target)
    assert not target.exists() and temp.read_text() == "new"


def test_a_backup_whose_name_is_taken_meanwhile(tmp_path: Path) -> None:
    target = tmp_path / "backup.db"
    with pytest.raises(InvalidInput) as refused, private_file(target) as temp:
        temp.write_text("the copy")
        target.write_text("made meanwhile")
    assert str(refused.value) == f"{target} appeared while backing up; choose another name."
    assert target.read_text() == "made meanwhile"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["backup.db"]  # no partial left


def test_a_backup_on_a_file_system_without_hard_links(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = _no_hard_links(monkeypatch)
    target = tmp_path / "backup.db"
    with private_file(target) as temp:
        temp.write_text("the copy")
    assert asked == [target] and target.read_text() == "the copy"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["backup.db"]


def _made_meanwhile(monkeypatch: pytest.MonkeyPatch, target: Path) -> None:
    """Another program creates `target` once the export has looked and begun writing."""
    real = tempfile.mkstemp

    def mkstemp(**kwargs: Any) -> tuple[int, str]:
        made = real(**kwargs)
        if kwargs["prefix"] == f".{target.name}.":
            target.write_text("made meanwhile")
        return made

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)


@pytest.mark.parametrize("many", [False, True])
def test_an_export_whose_name_is_taken_meanwhile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, many: bool
) -> None:
    target = tmp_path / "minutes.md"
    _made_meanwhile(monkeypatch, target)
    with pytest.raises(InvalidInput) as refused:
        if many:
            write_all([(target, "# Minutes\n")])
        else:
            write_atomic(target, "# Minutes\n")
    assert str(refused.value) == (
        f"{target} was created by something else while writing; nothing was replaced."
    )
    assert target.read_text() == "made meanwhile"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["minutes.md"]


@pytest.mark.parametrize("many", [False, True])
def test_an_export_on_a_file_system_without_hard_links(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, many: bool
) -> None:
    asked = _no_hard_links(monkeypatch)
    target = tmp_path / "minutes.md"
    if many:
        (written,) = write_all([(target, "# Minutes\n")])
    else:
        written = write_atomic(target, "# Minutes\n")
    assert written.changed and asked == [target]
    assert target.read_text() == "# Minutes\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["minutes.md"]
