"""The files beside the lesson notebook, read and replaced only when they are plain files; headless.

A FIFO opened for reading waits for a writer, and one opened for writing waits for a reader: a
FIFO (or a device) where the notebook or an output file goes would hang the thread that opens it,
and the quit that waits for that thread. Nothing here opens anything but a regular file: the path
is checked with `lstat` first, opened with `O_NONBLOCK | O_NOFOLLOW` (a FIFO swapped in meanwhile
opens at once, a symlink not at all) and checked again with `fstat`. Errors are one line each.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from studytui.core.files import describe_kind

_READ_FLAGS = os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_NOCTTY | os.O_CLOEXEC
ONE_LINE = 240  # characters of an error kept in a message


class NotAFile(OSError):
    """Something other than a regular file (a FIFO, a device, a folder, a symlink) is at the path."""

    def __init__(self, path: Path, what: str) -> None:
        super().__init__(errno.EINVAL, f"{path} is {what}, not a file")
        self.path = path
        self.what = what

    def __str__(self) -> str:
        return str(self.strerror)


def kind_of(mode: int) -> str:
    """What a file's mode says it is, in words (the files domain's wording, shared by every refusal)."""
    return describe_kind(mode)


def check_file_or_absent(path: Path) -> bool:
    """True when a regular file is at `path`, False when nothing is; raises NotAFile otherwise."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return False
    if not stat.S_ISREG(mode):
        raise NotAFile(path, kind_of(mode))
    return True


def read_regular_file(path: Path) -> bytes | None:
    """The bytes of the regular file at `path`; None when nothing is there. Raises NotAFile for
    anything else, without waiting on it; other OSErrors as they come."""
    if not check_file_or_absent(path):
        return None
    try:
        fd = os.open(path, _READ_FLAGS)
    except FileNotFoundError:
        return None
    except OSError as error:
        if error.errno == errno.ELOOP:  # O_NOFOLLOW: it became a symlink since the check
            raise NotAFile(path, "a symbolic link") from None
        raise
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotAFile(path, kind_of(mode))
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def one_line(error: BaseException) -> str:
    """An error as one short line: a schema error's own message, not its dump of the schema."""
    message = getattr(error, "message", None)  # jsonschema's ValidationError: the message alone
    if not isinstance(message, str) or not message:
        message = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        message = message or type(error).__name__
    message = " ".join(str(message).split())
    return message if len(message) <= ONE_LINE else message[: ONE_LINE - 1] + "…"

