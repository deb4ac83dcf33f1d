"""Reading and writing the learner's files safely.

Writes never go through a link studytui did not make and never leave half a file: a new file is
a temp file from `mkstemp` beside the target (O_CREAT|O_EXCL: never an existing name), fsynced
and renamed over the target, which replaces a link instead of following it; a log or a lock is
opened with O_NOFOLLOW and refused unless it is a regular file.

Reads of a path a learner or a lesson pack controls never hang or blow up: a FIFO, a device, a
socket or a folder is refused before it is read (`RefusedFile`, with a reason to show), a file
past a stated size is refused (`FileTooLarge`), and JSON nested too deeply is a ValueError like
any other bad JSON.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import stat
import tempfile
import time
from pathlib import Path
from typing import BinaryIO

# Read once at import (os.umask can only be read by setting it): new files get 0o666 minus this.
_UMASK = os.umask(0o022)
os.umask(_UMASK)

# Files that only studytui writes (its state, logs, journal) are never this large; past it,
# something else put a file there.
OWN_FILE_LIMIT = 64 * 1024 * 1024
_READ_CHUNK = 1024 * 1024


class RefusedFile(OSError):
    """A path studytui will not read or write: a link it did not make, a FIFO, a device, a socket,
    a folder, or a file past a stated size. An OSError, so every place that reports a failed read
    or write reports this too; `reason` says why in words for the learner."""

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(errno.EPERM, reason, str(path))
        self.path = Path(path)
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


class FileTooLarge(RefusedFile):
    def __init__(self, path: Path | str, size: int, limit: int) -> None:
        super().__init__(path, f"it is {describe_size(size)}, more than the {describe_size(limit)} studytui reads")
        self.size = size
        self.limit = limit


def describe_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB".replace(".0 MB", " MB")
    if size >= 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size} bytes"


def describe_kind(mode: int) -> str:
    """What a file that is not a regular file is, in words."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    return "not a regular file"


def _not_regular(path: Path | str, mode: int) -> RefusedFile:
    if stat.S_ISLNK(mode):
        return RefusedFile(path, "it is a symbolic link, which studytui does not write through")
    return RefusedFile(path, f"it is {describe_kind(mode)}, not a file")


def check_regular(path: Path, *, follow_links: bool = True) -> None:
    """Raise RefusedFile unless `path` is a regular file (or does not exist: FileNotFoundError is
    left to the open that follows). Looks without opening: opening a FIFO or a device can block
    or do something."""
    try:
        mode = os.stat(path, follow_symlinks=follow_links).st_mode
    except FileNotFoundError:
        return
    if not stat.S_ISREG(mode):
        raise _not_regular(path, mode)


def open_regular(path: Path, flags: int, mode: int = 0o666, *, follow_links: bool = False) -> int:
    """`os.open` that only ever returns a descriptor of a regular file.

    Unless `follow_links`, a symbolic link as the last component is refused (O_NOFOLLOW), so
    O_CREAT never creates or truncates a file elsewhere through a planted link. The file is opened
    non-blocking (a FIFO with no writer cannot hang the open), checked with fstat, then set back
    to blocking. Raises RefusedFile, or the OSError of the open.
    """
    check_regular(path, follow_links=follow_links)
    extra = os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC | (0 if follow_links else os.O_NOFOLLOW)
    try:
        fd = os.open(path, flags | extra, mode)
    except OSError as error:
        if error.errno == errno.ELOOP and not follow_links:
            raise RefusedFile(path, "it is a symbolic link, which studytui does not write through") from None
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise _not_regular(path, info.st_mode)
        fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) & ~os.O_NONBLOCK)
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_regular_bytes(path: Path, *, limit: int | None = None, follow_links: bool = True) -> bytes:
    """The bytes of a regular file; RefusedFile for anything else, FileTooLarge past `limit` bytes.

    `follow_links=False` for files only studytui writes (its state, journal, history): a link
    there is not one it made.
    """
    fd = open_regular(path, os.O_RDONLY, follow_links=follow_links)
    with os.fdopen(fd, "rb") as handle:
        size = os.fstat(fd).st_size
        if limit is not None and size > limit:
            raise FileTooLarge(path, size, limit)
        if limit is None:
            return handle.read()
        data = handle.read(limit + 1)  # the file may have grown since the fstat
        if len(data) > limit:
            raise FileTooLarge(path, len(data), limit)
        return data


def read_regular_head(path: Path, size: int, *, follow_links: bool = True) -> bytes:
    """The first `size` bytes of a regular file (RefusedFile for anything else)."""
    fd = open_regular(path, os.O_RDONLY, follow_links=follow_links)
    with os.fdopen(fd, "rb") as handle:
        return handle.read(size)


def read_regular_text(path: Path, *, limit: int | None = None, follow_links: bool = True) -> str:
    """`read_regular_bytes` decoded as UTF-8 (UnicodeDecodeError for other bytes)."""
    return read_regular_bytes(path, limit=limit, follow_links=follow_links).decode("utf-8")


def read_json(path: Path, *, limit: int = OWN_FILE_LIMIT, follow_links: bool = False) -> object:
    """A JSON file studytui wrote. FileNotFoundError when there is none; RefusedFile for a link,
    a FIFO, a device or a file past `limit`; ValueError for bytes that are not JSON, including
    JSON nested too deeply to read (which would otherwise be a RecursionError)."""
    data = read_regular_bytes(path, limit=limit, follow_links=follow_links)
    return loads_json(data)


def loads_json(data: str | bytes) -> object:
    """`json.loads`, with nesting too deep for the parser turned into a ValueError."""
    try:
        return json.loads(data)
    except RecursionError:
        raise ValueError("JSON nested too deeply to read") from None


def open_log(path: Path) -> BinaryIO:
    """Open a log for appending: created (mode 0600) if missing, never through a symbolic link,
    never anything but a regular file (RefusedFile otherwise)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = open_regular(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    return os.fdopen(fd, "ab")


def unused_path(folder: Path, stem: str, suffix: str) -> Path:
    """`folder/<stem>-<date>-<time><suffix>`, with `-2`, `-3`... when that name is taken: never overwrites."""
    stamped = f"{stem}-{time.strftime('%Y%m%d-%H%M%S')}"
    path = folder / f"{stamped}{suffix}"
    counter = 2
    while path.exists() or path.is_symlink():
        path = folder / f"{stamped}-{counter}{suffix}"
        counter += 1
    return path


def write_text_atomic(path: Path, text: str, *, durable: bool = True, mode: int | None = None) -> None:
    """Replace `path` with `text` (UTF-8) in one step: see `write_bytes_atomic`."""
    write_bytes_atomic(path, text.encode("utf-8"), durable=durable, mode=mode)


def write_bytes_atomic(path: Path, data: bytes, *, durable: bool = True, mode: int | None = None) -> None:
    """Replace `path` with `data` in one step: temp file in the same folder, fsync, rename.

    `durable=False` skips the fsyncs, for a file that only saves time (a cache, the journal): a
    reader still sees the old bytes or the new, never half of them.

    The file gets `mode`, else keeps its permission bits (a new one gets the umask's). A symlink
    at `path` is replaced by the file, never followed: callers that mean to write through a link
    pass its checked target (see `studytui.config.path_inside`). On any failure the temp file is
    removed, the old file is untouched and the error propagates.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = _mode_of(path) if mode is None else mode
    fd, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, mode)  # mkstemp makes 0600; the learner's file keeps what it had
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
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
        info = os.stat(path, follow_symlinks=False)
    except OSError:
        return 0o666 & ~_UMASK
    return stat.S_IMODE(info.st_mode) if stat.S_ISREG(info.st_mode) else 0o666 & ~_UMASK


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
