"""Writing export files: atomic, never silently replacing a different file, paths checked."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from exports.files import check_output_path, ensure_folder, inside, safe_file_name, write_atomic
from tracker.errors import FileClash, InvalidInput


def test_a_new_file_is_written_whole_with_no_temporary_file_left(tmp_path: Path) -> None:
    target = tmp_path / "minutes.md"
    written = write_atomic(target, "# Minutes\n")
    assert written.changed and target.read_text() == "# Minutes\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["minutes.md"]
    assert target.stat().st_mode & 0o777 == 0o644


def test_the_same_content_is_fine_and_a_different_file_is_kept(tmp_path: Path) -> None:
    target = tmp_path / "minutes.md"
    target.write_text("old")
    os.chmod(target, 0o600)
    assert write_atomic(target, "old").changed is False
    with pytest.raises(FileClash, match=r"already exists with different content\.$") as clash:
        write_atomic(target, "new")
    assert clash.value.path == target
    assert target.read_text() == "old"
    assert write_atomic(target, b"new", force=True).changed
    assert target.read_text() == "new"
    assert target.stat().st_mode & 0o777 == 0o600  # the file keeps its permissions
    assert sorted(p.name for p in tmp_path.iterdir()) == ["minutes.md"]


def test_missing_or_unwritable_folders_and_folders_as_targets_are_errors(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="does not exist"):
        write_atomic(tmp_path / "nowhere" / "x.md", "x")
    with pytest.raises(InvalidInput, match="is a folder"):
        write_atomic(tmp_path, "x")
    if os.access("/sys", os.W_OK) and os.geteuid() != 0:  # pragma: no cover
        pytest.skip("/sys is writable here")
    with pytest.raises(InvalidInput, match="Cannot write in the folder /sys"):
        write_atomic("/sys/minutes.md", "x")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_a_read_only_folder_is_a_clear_error(tmp_path: Path) -> None:  # pragma: no cover
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(InvalidInput, match="Cannot write in the folder"):
            write_atomic(folder / "x.md", "x")
    finally:
        folder.chmod(0o700)


def test_relative_paths_may_not_climb_out_of_the_folder(tmp_path: Path) -> None:
    assert check_output_path("out/minutes.md", tmp_path) == tmp_path / "out" / "minutes.md"
    assert check_output_path("out/../minutes.md", tmp_path) == tmp_path / "minutes.md"
    for bad in ("../minutes.md", "out/../../x.md", "../../etc/passwd"):
        with pytest.raises(InvalidInput, match="outside the folder"):
            check_output_path(bad, tmp_path)
    assert check_output_path(str(tmp_path / "a.md"), Path("/")) == tmp_path / "a.md"
    with pytest.raises(InvalidInput, match="empty"):
        check_output_path(" ", tmp_path)


@pytest.mark.parametrize(
    ("stem", "expected"),
    [
        ("digest-CO-Chris Owen-2", "digest-CO-Chris-Owen-2.eml"),
        ("../../x", "x.eml"),
        ("a/b", "a-b.eml"),
        ("..", "file.eml"),
        (".hidden", "hidden.eml"),
        ("Zoë Ægir-Ó'Brien", "Zoe-gir-O-Brien.eml"),
        ("名前", "file.eml"),
        ("a\\b:c*d?e", "a-b-c-d-e.eml"),
    ],
)
def test_file_names_from_people_stay_plain(stem: str, expected: str) -> None:
    name = safe_file_name(stem, ".eml")
    assert name == expected
    assert "/" not in name and not name.startswith(".")


def test_names_are_kept_inside_the_folder(tmp_path: Path) -> None:
    assert inside(tmp_path, "x.eml") == tmp_path / "x.eml"
    for bad in ("../x.eml", "a/b.eml", "..", ""):
        with pytest.raises(InvalidInput):
            inside(tmp_path, bad)


def test_folders_are_created_and_a_file_in_the_way_is_an_error(tmp_path: Path) -> None:
    assert ensure_folder(tmp_path / "a").is_dir()
    # never a chain of missing folders: a mistyped path is refused, not made
    with pytest.raises(InvalidInput, match=r"There is no folder .*/b to make c in"):
        ensure_folder(tmp_path / "b" / "c")
    assert not (tmp_path / "b").exists()
    (tmp_path / "f").write_text("x")
    with pytest.raises(InvalidInput, match="not a folder"):
        ensure_folder(tmp_path / "f")
