"""Making what was written stay written: a file's bytes, and a folder's new names; and
giving a written file its name without replacing a file that took it meanwhile."""

from __future__ import annotations

import errno
import os
from pathlib import Path

#: What a file system that cannot make this hard link says (none at all, or not here).
_NO_HARD_LINKS = frozenset({errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV})


def sync_file(path: Path) -> None:
    """Flush a file's content to disk (before it is renamed into place)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def sync_folder(folder: Path) -> None:
    """Flush a folder's entries to disk, so a file renamed into it is there after a crash.

    A folder that cannot be opened or synced (some file systems) is left as it is: the
    rename itself is still atomic.
    """
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def rename_new(temp: Path, target: Path) -> None:
    """Give the file at `temp` the name `target` only if nothing has that name: a file
    that appeared there since the caller looked is never replaced.

    A hard link fails if the name exists: then FileExistsError, and `temp` is left as it
    is (the caller's to remove). Once linked, `temp` is removed. On a file system without
    hard links (EPERM, ENOTSUP, EOPNOTSUPP, EXDEV) it is a plain rename, which cannot
    tell. Any other OSError is raised as it comes.
    """
    try:
        os.link(temp, target)
    except OSError as exc:
        if exc.errno not in _NO_HARD_LINKS:  # FileExistsError too: the name is taken
            raise
        os.replace(temp, target)
        return
    temp.unlink(missing_ok=True)
