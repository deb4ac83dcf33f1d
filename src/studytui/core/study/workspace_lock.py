"""One studytui per notes folder: a second one on the same workspace is told so instead of racing."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from studytui.core.files import open_regular


class WorkspaceBusy(Exception):
    def __init__(self, path: Path, holder: str) -> None:
        super().__init__(f"another studytui ({holder}) is already using {path.parent.parent}")
        self.path = path
        self.holder = holder


class WorkspaceLock:
    """An advisory lock (flock) on `<workspace>/lock`, released when the process ends, however it ends.

    The lock file is never a link or anything but a regular file (RefusedFile, an OSError, says
    which): a link planted there would have its target truncated at every start.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = open_regular(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 100, 0).decode(errors="replace").strip() or "unknown process"
            os.close(fd)
            raise WorkspaceBusy(self.path, holder) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()}".encode(), 0)
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> WorkspaceLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
