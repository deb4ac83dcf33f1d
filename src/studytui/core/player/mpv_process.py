"""An mpv process started by studytui: its command line, its control socket, and its end.

The socket lives in a private temporary folder, which is also mpv's working folder: its ytdl hook
runs yt-dlp there, and yt-dlp reads `./yt-dlp.conf` from its working folder (a cloned course is
often studytui's); it also gets `--ignore-config` through `--ytdl-raw-options`. The learner's extra
options (`mpv_options` in the config file) come before studytui's own socket and ytdl options, so
they cannot take those away. mpv's messages go to a log file (never to
studytui's terminal), and an mpv still running when the interpreter exits is killed then. On Linux
mpv also gets SIGTERM from the kernel when studytui dies without exiting (SIGKILL, a crash).
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import IO

from studytui.core.files import open_log
from studytui.core.parent_death import end_with_parent
from studytui.core.player.mpv_ipc import MpvError

INSTALL_HINT = (
    "Install mpv with your package manager: `sudo apt-get install mpv` (Debian, Ubuntu), "
    "`sudo dnf install mpv` (Fedora), `sudo pacman -S mpv` (Arch), `brew install mpv` (macOS). "
    "Online videos also need yt-dlp (`pipx install yt-dlp`)."
)
QUIT_GRACE = 2.0  # seconds for mpv to end before it is killed


class MpvNotFound(MpvError):
    def __init__(self, binary: str) -> None:
        super().__init__(f"The video player mpv was not found (looked for `{binary}`). {INSTALL_HINT}")


class MpvProcess:
    def __init__(
        self,
        source: str,
        *,
        position: float,
        paused: bool,
        binary: str = "mpv",
        extra_args: Sequence[str] = (),
        log_path: Path | None = None,
    ) -> None:
        """Launch mpv on `source` (URL or file), paused or playing from `position`."""
        executable = shutil.which(binary)
        if executable is None:
            raise MpvNotFound(binary)
        self._socket_dir: Path | None = Path(tempfile.mkdtemp(prefix="studytui-mpv-"))
        self.socket_path = self._socket_dir / "mpv.sock"
        args = [
            executable,
            "--quiet",
            "--msg-level=all=warn",
            "--keep-open=yes",  # stay on the last frame at the end instead of quitting
            "--force-window=immediate",
            f"--start={max(0.0, position):.3f}",
            "--pause" if paused else "--no-pause",
            *extra_args,
            f"--input-ipc-server={self.socket_path}",
            "--ytdl-raw-options-append=ignore-config=",  # yt-dlp reads no ./yt-dlp.conf
            "--",
            source,
        ]
        log = _open_log(log_path)
        try:
            self.popen = subprocess.Popen(
                args,
                stdin=subprocess.DEVNULL,
                stdout=log or subprocess.DEVNULL,  # mpv prints its messages on stdout
                stderr=log or subprocess.DEVNULL,
                start_new_session=True,  # no terminal: ctrl+c and hang-ups are studytui's to handle
                preexec_fn=end_with_parent(signal.SIGTERM),
                cwd=self._socket_dir,  # nothing from the current folder (see above)
            )
        except OSError as error:
            shutil.rmtree(self._socket_dir, ignore_errors=True)
            raise MpvError(f"mpv could not be started: {error}") from error
        finally:
            if log is not None:
                log.close()
        atexit.register(self.kill_now)

    @property
    def pid(self) -> int:
        return self.popen.pid

    def running(self) -> bool:
        return self.popen.poll() is None

    async def ended(self, timeout: float = QUIT_GRACE) -> bool:
        """Wait up to `timeout` for the process to end (it follows its socket closing by milliseconds)."""
        with contextlib.suppress(subprocess.TimeoutExpired):
            await asyncio.to_thread(self.popen.wait, timeout)
        return not self.running()

    def exit_reason(self, file_error: str | None) -> str:
        code = self.popen.returncode
        if code is None:
            reason = "The video player stopped answering"
        elif code < 0:
            reason = f"The video player was stopped by signal {signal.Signals(-code).name}"
        elif code == 0:
            reason = "The video player was closed"
        elif code in (2, 3) and not file_error:  # mpv's codes for files it could not play
            reason = "The video player exited (it could not play the video)"
        else:
            reason = f"The video player exited with code {code}"
        if file_error:
            reason += f" (it could not play the video: {file_error})"
        return reason

    def kill_now(self) -> None:
        """Kill mpv if it still runs and remove its socket folder; safe to call twice, and at exit."""
        if self.running():
            try:
                self.popen.kill()
                self.popen.wait(timeout=QUIT_GRACE)
            except (OSError, subprocess.TimeoutExpired):
                pass
        atexit.unregister(self.kill_now)
        if self._socket_dir is not None:
            shutil.rmtree(self._socket_dir, ignore_errors=True)
            self._socket_dir = None


def _open_log(path: Path | None) -> IO[bytes] | None:
    if path is None:
        return None
    try:
        return open_log(path)  # never through a link, never into a FIFO
    except OSError:
        return None
