"""The files a cell's outputs leave in ``<notes>/outputs/<lesson id>/``; headless.

Images are named by their content (``image-<sha256>.png``): a plot drawn again, by a replay or the
same cell run twice, is the file already there; anything else at its name (a link, a FIFO) is
replaced through a rename, never opened. Long streams spill to a file made new for them, beside
whatever holds the name. Opening a FIFO to write would wait for a reader; writing through a link
would change a file outside the folder: neither ever happens. The notebook links these files by their path
relative to itself, so the notes folder can move.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path
from typing import IO

from studytui.core.files import write_bytes_atomic
from studytui.core.kernel.notebook_file import kind_of

_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
HASH_CHARS = 16  # hex characters of the sha256 in an image's name
TRIES = 100  # names tried for a new spill file before giving up


def folder_problem(folder: Path) -> str | None:
    """Why outputs cannot be saved in `folder` (something there that is not a folder), or None."""
    try:
        mode = os.stat(folder).st_mode  # the notes folder's own links were checked on the way here
    except FileNotFoundError:
        return None
    except OSError as error:
        return f"{folder} cannot be used: {error.strerror}"
    return None if stat.S_ISDIR(mode) else f"{folder} is {kind_of(mode)}, not a folder"


def save_content(content: bytes, folder: Path, suffix: str) -> Path | None:
    """`content` as `folder/image-<hash><suffix>`, written only when not there already; None when
    it cannot be saved (the folder taken by something that is not a folder, a full disk).

    Whatever else holds the name (a link, a FIFO, a write cut short) is replaced by a new file
    through a rename, never opened or written through."""
    path = folder / f"image-{hashlib.sha256(content).hexdigest()[:HASH_CHARS]}{suffix}"
    try:
        existing = os.lstat(path)
    except FileNotFoundError:
        existing = None
    except OSError:
        return None
    if existing is not None and stat.S_ISREG(existing.st_mode) and existing.st_size == len(content):
        return path  # the same picture, saved before
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_bytes_atomic(path, content, durable=False)
    except OSError:
        return None
    return path


def open_new_text(path: Path) -> tuple[IO[str], Path]:
    """A file made new for writing text at `path` (or `<stem>-2<suffix>`... when that is taken),
    and its path; never an existing file, so never a FIFO. Raises OSError."""
    path.parent.mkdir(parents=True, exist_ok=True)
    for attempt in range(1, TRIES + 1):
        candidate = path if attempt == 1 else path.with_name(f"{path.stem}-{attempt}{path.suffix}")
        try:
            fd = os.open(candidate, _NEW_FILE, 0o666)
        except FileExistsError:
            continue
        return os.fdopen(fd, "w", encoding="utf-8", errors="replace"), candidate
    raise FileExistsError(f"{path}: {TRIES} names taken")


def relative_link(path: Path, base: Path) -> str:
    """`path` as the notebook in `base` links it: relative, with forward slashes."""
    return Path(os.path.relpath(path, base)).as_posix()
