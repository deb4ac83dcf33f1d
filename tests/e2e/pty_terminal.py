"""The installed `studytui` on a pseudo-terminal of our own: every byte it writes is kept, so a
test can look for the escape sequences a terminal would receive (tmux would interpret them)."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import struct
import subprocess
import termios
import threading
from pathlib import Path

from tests.e2e.terminal import own_size
from tests.waiting import until_sync

F4 = "\x1bOS"
ENTER = "\r"
CTRL_Q = "\x11"


class PtyTerminal:
    """A pty `columns` x `rows` cells of `cell` pixels each (so nothing asks the terminal for it)."""

    def __init__(self, cwd: Path, env: dict[str, str], columns: int = 160, rows: int = 45,
                 cell: tuple[int, int] = (10, 20)) -> None:
        self.cwd, self.env = cwd, own_size(env)
        self.size = struct.pack("HHHH", rows, columns, columns * cell[0], rows * cell[1])
        self.output = bytearray()
        self._lock = threading.Lock()
        self.process: subprocess.Popen[bytes] | None = None
        self._master = -1

    def start(self, command: list[str]) -> None:
        master, child = pty.openpty()
        fcntl.ioctl(child, termios.TIOCSWINSZ, self.size)
        self._master = master
        def own_terminal() -> None:  # in the child: a session whose controlling terminal is the pty
            os.setsid()
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)

        self.process = subprocess.Popen(
            command, cwd=self.cwd, env=self.env, stdin=child, stdout=child, stderr=child, preexec_fn=own_terminal
        )
        os.close(child)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        while True:
            try:
                data = os.read(self._master, 65536)
            except OSError:
                return
            if not data:
                return
            with self._lock:
                self.output += data

    def written(self) -> bytes:
        with self._lock:
            return bytes(self.output)

    def text(self) -> str:
        """What was written, without escape sequences (to wait for words on the screen)."""
        plain = re.sub(rb"\x1b(\[[0-9;?<=>$]*[ -/]*[@-~]|[PX^_].*?\x1b\\|\][^\x07\x1b]*(\x07|\x1b\\)|.)", b"",
                       self.written(), flags=re.S)
        return plain.decode("utf-8", "replace")

    def wait_for(self, pattern: bytes, timeout: float = 30) -> None:
        try:
            until_sync(lambda: re.search(pattern, self.written(), re.S) is not None, timeout=timeout,
                       what=repr(pattern))
        except AssertionError:
            end = self.text()[-2000:]
            raise AssertionError(f"{pattern!r} never written; the end of the screen was:\n{end}") from None

    def wait_for_text(self, text: str, timeout: float = 30) -> None:
        until_sync(lambda: text in self.text(), timeout=timeout, what=repr(text))

    def type(self, text: str) -> None:
        os.write(self._master, text.encode())

    def close(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self._master >= 0:
            os.close(self._master)
            self._master = -1
