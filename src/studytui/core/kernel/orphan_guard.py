"""A kernel started by studytui never outlives it, and never leaves its connection file behind.

Two guards, because a kernel stuck in C code holding the GIL (`sum(range(10**13))`) runs no Python
at all, so its own parent poller cannot notice that studytui died:
- the kernel gets SIGKILL from Linux when studytui dies (a parent-death signal set before exec);
- a tiny `sh` watcher, in its own session, holds the read end of a pipe that only studytui can
  write. When studytui ends without saying "done" (SIGKILL, a crash), the pipe closes: the watcher
  kills the kernel's process group (the kernel's own children too) and removes the connection
  files (the kernel manager's, and the one a kernel spawned at launch was given).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess

_WATCH = (
    'read -r word; if [ "$word" != done ]; then kill -s KILL -- "-$1" 2>/dev/null; fi; shift; rm -f -- "$@"'
)


class OrphanGuard:
    def __init__(self, process_group: int, *connection_files: str) -> None:
        self._write_fd: int | None = None
        self._watcher: subprocess.Popen[bytes] | None = None
        shell = shutil.which("sh")
        if shell is None or not process_group:
            return
        read_fd, write_fd = os.pipe()  # both ends close-on-exec: no other child inherits them
        try:
            self._watcher = subprocess.Popen(
                [shell, "-c", _WATCH, "studytui-kernel-guard", str(process_group), *connection_files],
                stdin=read_fd,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,  # a hang-up of the terminal must not end the watcher first
            )
        except OSError:
            os.close(write_fd)
            return
        finally:
            os.close(read_fd)
        self._write_fd = write_fd

    def release(self) -> None:
        """The kernel was stopped by studytui: the watcher only removes a leftover connection file."""
        fd, self._write_fd = self._write_fd, None
        if fd is None:
            return
        with contextlib.suppress(OSError):
            os.write(fd, b"done\n")
        os.close(fd)
        if self._watcher is not None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                self._watcher.wait(timeout=0.5)  # reaped here, not left a zombie
