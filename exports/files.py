"""Writing exports to files: checked paths, atomic writes, no silent overwrites.

A file is written to a temporary file in the same folder, flushed to disk and
renamed over the target, so a reader never sees half a file and a crash leaves
the old one. An existing file with the same content is left alone; a different
one is replaced only when the caller says so (``force``).
"""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from tracker.disk import rename_new, sync_folder
from tracker.errors import FileClash, InvalidInput

_UNSAFE = re.compile(r"[^A-Za-z0-9_]+")
MAX_NAME = 80


@dataclass(frozen=True)
class Written:
    path: Path
    #: False when the file already held exactly this content.
    changed: bool


def safe_file_name(stem: str, suffix: str) -> str:
    """A file name made from people's names or initials: ASCII letters, digits, "-" and
    "_" only, then ``suffix``; never a path or a hidden file ("../../x" becomes "x")."""
    ascii_text = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    cleaned = _UNSAFE.sub("-", ascii_text).strip("-_")[:MAX_NAME].strip("-_")
    return (cleaned or "file") + suffix


def check_output_path(path: str | os.PathLike[str], base: Path | None = None) -> Path:
    """The absolute path to write, refusing a relative path that climbs out of ``base``
    (the working folder) with "..". An absolute path names its folder explicitly."""
    raw = Path(path).expanduser()
    text = str(path)
    if not text.strip():
        raise InvalidInput("The output path is empty: give a file name.")
    if "\x00" in text:
        raise InvalidInput("The output path contains a NUL character.")
    if raw.is_absolute():
        return Path(os.path.normpath(raw))
    root = Path(os.path.normpath((base or Path.cwd()).absolute()))
    resolved = Path(os.path.normpath(root / raw))
    if ".." in raw.parts and not resolved.is_relative_to(root):
        raise InvalidInput(
            f'"{text}" would write outside the folder {root} (it climbs out with ".."). '
            "Give a path inside it, or an absolute path."
        )
    return resolved


def inside(folder: Path, name: str) -> Path:
    """``folder / name`` for a file name that must stay in ``folder``."""
    target = Path(os.path.normpath(folder / name))
    if target.parent != Path(os.path.normpath(folder)) or name in ("", ".", ".."):
        raise InvalidInput(f'"{name}" is not a plain file name.')
    return target


def check_folder_target(folder: Path) -> Path:
    """A folder to write into, checked before any work is done: it exists, or the folder
    it would be made in does (see ensure_folder)."""
    if folder.exists() and not folder.is_dir():
        raise InvalidInput(f"{folder} exists and is not a folder.")
    if not folder.exists() and not folder.parent.is_dir():
        raise InvalidInput(
            f"There is no folder {folder.parent} to make {folder.name} in: "
            "check the path, or create the folders first."
        )
    return folder


def ensure_folder(folder: Path) -> Path:
    """The folder to write into, made if it is missing but the folder it goes in exists;
    never a chain of missing folders (a mistyped path is refused, not created)."""
    check_folder_target(folder)
    try:
        folder.mkdir(exist_ok=True)
    except FileExistsError:
        raise InvalidInput(f"{folder} exists and is not a folder.") from None
    except OSError as exc:
        raise InvalidInput(f"Cannot create the folder {folder}: {exc.strerror}.") from None
    if not folder.is_dir():
        raise InvalidInput(f"{folder} exists and is not a folder.")
    return folder


def _same_content(path: Path, data: bytes) -> bool:
    try:
        if path.stat().st_size != len(data):
            return False
        return path.read_bytes() == data
    except OSError:
        return False


def write_atomic(
    path: str | os.PathLike[str], data: bytes | str, *, force: bool = False
) -> Written:
    """Write ``data`` to ``path`` atomically (UTF-8 for text).

    Raises InvalidInput if the folder is missing or not writable, if the path is a
    folder, or if a different file is already there and ``force`` is not given.
    """
    target = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    folder = target.parent
    if target.is_dir():
        raise InvalidInput(f"{target} is a folder: give a file name.")
    if not folder.is_dir():
        raise InvalidInput(f"The folder {folder} does not exist: create it first.")
    exists = target.exists()
    if exists and _same_content(target, payload):
        return Written(target, changed=False)
    if exists and not force:
        raise FileClash(target)
    mode = (target.stat().st_mode & 0o777) if exists else 0o644
    try:
        fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise InvalidInput(f"Cannot write in the folder {folder}: {exc.strerror}.") from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        _into_place(tmp, target, replace=force or exists)
    except OSError as exc:
        raise InvalidInput(f"Cannot write {target}: {exc.strerror}.") from None
    finally:
        tmp.unlink(missing_ok=True)
    sync_folder(folder)
    return Written(target, changed=True)


def _into_place(tmp: Path, target: Path, *, replace: bool) -> None:
    """Give the written file its name: over the file there when ``replace``, else only if
    nothing has taken the name meanwhile (tracker/disk.py's rename_new)."""
    if replace:
        os.replace(tmp, target)
        return
    try:
        rename_new(tmp, target)
    except FileExistsError:
        raise InvalidInput(
            f"{target} was created by something else while writing; nothing was replaced."
        ) from None


def write_all(files: list[tuple[Path, bytes | str]], *, force: bool = False) -> list[Written]:
    """Write many files, each as write_atomic does (a temporary name in its folder,
    renamed into place; the same content left alone; a different file replaced only
    with ``force``), but with one sync of the file system for them all before the
    renames instead of one per file: a whole archive is hundreds of files. Nothing is
    renamed into place if any of them cannot be written."""
    done: list[Written] = []
    pending: list[tuple[Path, Path, bool]] = []
    try:
        for path, data in files:
            target = Path(path)
            payload = data.encode("utf-8") if isinstance(data, str) else data
            folder = target.parent
            if target.is_dir():
                raise InvalidInput(f"{target} is a folder: give a file name.")
            if not folder.is_dir():
                raise InvalidInput(f"The folder {folder} does not exist: create it first.")
            exists = target.exists()
            if exists and _same_content(target, payload):
                done.append(Written(target, changed=False))
                continue
            if exists and not force:
                raise FileClash(target)
            mode = (target.stat().st_mode & 0o777) if exists else 0o644
            try:
                fd, tmp_name = tempfile.mkstemp(
                    dir=folder, prefix=f".{target.name}.", suffix=".tmp"
                )
                pending.append((Path(tmp_name), target, exists))
                with os.fdopen(fd, "wb") as fh:
                    fh.write(payload)
                os.chmod(tmp_name, mode)
            except OSError as exc:
                raise InvalidInput(f"Cannot write {target}: {exc.strerror}.") from None
        os.sync()  # every file's data on disk before any is renamed into place
        for tmp, target, exists in pending:
            try:
                _into_place(tmp, target, replace=force or exists)
            except OSError as exc:
                raise InvalidInput(f"Cannot write {target}: {exc.strerror}.") from None
            done.append(Written(target, changed=True))
    finally:
        for tmp, _target, _exists in pending:
            tmp.unlink(missing_ok=True)
    for folder in {target.parent for _tmp, target, _exists in pending}:
        sync_folder(folder)
    return done
