"""Writing the learner's files so that a crash, a full disk or a power cut never leaves half a file."""

from __future__ import annotations

import os
import stat
import tempfile
import time
from pathlib import Path

# Read once at import (os.umask can only be read by setting it): new files get 0o666 minus this.
_UMASK = os.umask(0o022)
os.umask(_UMASK)


def unused_path(folder: Path, stem: str, suffix: str) -> Path:
    """`folder/<stem>-<date>-<time><suffix>`, with `-2`, `-3`... when that name is taken: never overwrites."""
    stamped = f"{stem}-{time.strftime('%Y%m%d-%H%M%S')}"
    path = folder / f"{stamped}{suffix}"
    counter = 2
    while path.exists() or path.is_symlink():
        path = folder / f"{stamped}-{counter}{suffix}"
        counter += 1
    return path


def write_text_atomic(path: Path, text: str, *, durable: bool = True) -> None:
    """Replace `path` with `text` in one step: temp file in the same folder, fsync, rename.

    `durable=False` skips the fsyncs, for a file that only saves time (a cache): a reader still
    sees the old text or the new, never half of one.

    The file keeps its permission bits (a new one gets the umask's). A symlink at `path` is
    replaced by the file: callers that mean to write through a link pass its checked target
    (see `studytui.config.path_inside`). On any failure the temp file is removed, the old file is untouched
    and the error propagates.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = _mode_of(path)
    fd, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, mode)  # mkstemp makes 0600; the learner's file keeps what it had
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(temp_name, path)
    except BaseException:
        try:
            os.unlink(temp_name)
        except FileNotFoundError:
            pass
        raise
    if durable:
        _fsync_folder(path.parent)


def _mode_of(path: Path) -> int:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return 0o666 & ~_UMASK


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (best effort: not every filesystem allows it)."""
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
