"""The real video player: mpv driven over its JSON IPC socket, behind the synchronous `Player` API.

`MpvPlayer` either starts `mpv --input-ipc-server=SOCKET` for a URL or a local file, or attaches to
an mpv already listening on a socket. Commands go out without blocking the caller; what mpv reports
(observed `time-pos`, `pause`, `speed`, `duration`, `chapter-list`) keeps a local copy current, so
`position` and `playing` are plain reads. Between `time-pos` events the position is extrapolated
while mpv plays, so a clock drawn from it moves smoothly even for a video with few frames a second.
That copy, and the pause, seek and speed commands, are kept by `MpvPlayback` (mpv_playback.py).

When mpv quits or crashes, `on_exit` is called once with a sentence saying what happened. An mpv
this object started is quit by `close()`, and killed at interpreter exit if still running.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from studytui.core.player.mpv_ipc import MpvConnection, MpvError, MpvGone
from studytui.core.player.mpv_playback import OBSERVED, MpvPlayback, VideoChapter, seconds
from studytui.core.player.mpv_process import INSTALL_HINT, QUIT_GRACE, MpvNotFound, MpvProcess

__all__ = ["INSTALL_HINT", "MpvError", "MpvGone", "MpvNotFound", "MpvPlayer", "VideoChapter"]

START_TIMEOUT = 10.0  # seconds for a started mpv to open its socket
LOAD_TIMEOUT = 60.0  # seconds for it to load the video (an online one goes through yt-dlp)
ANSWER_WAIT = 5.0  # seconds mpv has to answer its first commands


class MpvPlayer:
    def __init__(
        self,
        on_exit: Callable[[str], None] | None = None,
        on_change: Callable[[], None] | None = None,
        now: Callable[[], float] = time.monotonic,
    ) -> None:
        self._on_exit = on_exit
        self._now = now
        self._conn: MpvConnection | None = None
        self._process: MpvProcess | None = None
        self._closing = False
        self._starting = False
        self._gone = asyncio.Event()
        self._exit_reported = False
        self._playback = MpvPlayback(self._send, lambda: self.connected, on_change, now)

    # ----- connecting ---------------------------------------------------------------------------

    @property
    def started_by_us(self) -> bool:
        return self._process is not None

    @property
    def connected(self) -> bool:
        return self._conn is not None and not self._conn.closed

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    @property
    def socket_path(self) -> Path | None:
        """The IPC socket of the mpv this player started (None when attached or not started)."""
        return self._process.socket_path if self._process is not None else None

    async def start(
        self,
        source: str,
        *,
        position: float = 0.0,
        paused: bool = True,
        binary: str = "mpv",
        extra_args: Sequence[str] = (),
        log_path: Path | None = None,
        load_timeout: float = LOAD_TIMEOUT,
    ) -> None:
        """Start mpv on `source` (URL or file) at `position`; return once the video is loaded."""
        self._process = MpvProcess(
            source, position=position, paused=paused, binary=binary, extra_args=extra_args, log_path=log_path
        )
        self._playback.starting_at(position, paused)
        self._starting = True
        try:
            await self._connect_when_ready(self._process.socket_path, source, load_timeout)
        except BaseException:
            self._closing = True
            if self._conn is not None:
                await self._conn.close()
            self._process.kill_now()
            raise
        finally:
            self._starting = False

    async def _connect_when_ready(self, socket_path: Path, source: str, load_timeout: float) -> None:
        assert self._process is not None
        deadline = self._now() + START_TIMEOUT
        while True:
            if not self._process.running():
                raise MpvError(await self._exit_reason())
            try:
                await self._connect(socket_path)
                break
            except (FileNotFoundError, ConnectionRefusedError):
                if self._now() > deadline:
                    raise MpvError(f"mpv did not open its control socket within {START_TIMEOUT:.0f} s") from None
                await asyncio.sleep(0.02)  # waiting for the socket file mpv is about to create
        # Commands such as seek only work once the video is loaded (an online one takes a while).
        loaded = asyncio.ensure_future(self._playback.loaded.wait())
        gone = asyncio.ensure_future(self._gone.wait())
        try:
            await asyncio.wait({loaded, gone}, timeout=load_timeout, return_when=asyncio.FIRST_COMPLETED)
        finally:
            loaded.cancel()
            gone.cancel()
        if self._playback.loaded.is_set():
            return
        if self._gone.is_set():
            raise MpvError(await self._exit_reason())
        raise MpvError(f"mpv did not load {source} within {load_timeout:.0f} s")

    async def attach(self, socket_path: Path, answer_wait: float = ANSWER_WAIT) -> None:
        """Drive an mpv started elsewhere with `--input-ipc-server=socket_path`.

        MpvError when nothing listens there, when it does not answer within `answer_wait`, or
        when it closes the connection while attaching: never a player that is not really there.
        """
        self._starting = True  # a drop while attaching is this call's error, not a later exit
        try:
            await self._attach(socket_path, answer_wait)
        except BaseException:
            self._closing = True
            if self._conn is not None:
                await self._conn.close()
            raise
        finally:
            self._starting = False

    async def _attach(self, socket_path: Path, answer_wait: float) -> None:
        try:
            answered = await self._connect(socket_path, answer_wait)
        except OSError as error:
            raise MpvError(
                f"No mpv is listening on {socket_path} ({error.strerror or error}). Start one with "
                f"`mpv --input-ipc-server={socket_path} VIDEO`."
            ) from error
        position = None
        if answered and self.connected:
            try:
                position = await self._conn.request("get_property", "time-pos", timeout=answer_wait)  # type: ignore[union-attr]
            except TimeoutError:
                answered = False
            except MpvError:
                position = None  # nothing loaded yet: the observation fills it in later
        if not self.connected:
            raise MpvError(f"The mpv on {socket_path} closed the connection while studytui was attaching.")
        if not answered:
            raise MpvError(
                f"The program listening on {socket_path} does not answer as mpv does "
                f"(no reply within {answer_wait:.0f} s)."
            )
        if (time := seconds(position)) is not None:
            self._playback.set_base(time)
            self._playback.loaded.set()

    async def _connect(self, socket_path: Path, answer_wait: float = ANSWER_WAIT) -> bool:
        """Connect and observe; True once mpv answered its first commands within `answer_wait`."""
        self._conn = await MpvConnection.open(socket_path, self._playback.apply_event, self._connection_closed)
        for number, name in enumerate(OBSERVED, start=1):
            self._conn.send("observe_property", number, name)
        # Make sure the initial values are in before the caller reads them.
        replies = {name: self._conn.send("get_property", name) for name in ("pause", "speed")}
        done, _ = await asyncio.wait(replies.values(), timeout=answer_wait)
        answered = False
        for name, reply in replies.items():
            if reply not in done or isinstance(reply.exception(), MpvGone):
                continue
            answered = True  # an error reply is an answer too
            if reply.exception() is None:
                self._playback.apply_property(name, reply.result())
        return answered

    # ----- the Player protocol ------------------------------------------------------------------

    @property
    def position(self) -> float:
        return self._playback.position

    @property
    def playing(self) -> bool:
        return self._playback.playing

    @property
    def speed(self) -> float:
        return self._playback.speed

    @property
    def duration(self) -> float | None:
        return self._playback.duration

    @property
    def chapters(self) -> tuple[VideoChapter, ...]:
        return self._playback.chapters

    @property
    def position_reached(self) -> bool:
        """Whether `position` is one the learner reached in this lesson: always for an mpv we started
        at the lesson's position; for one we attached to, once it played or was sought while we
        watched (an mpv sitting at 0, or on another video, says nothing about where the lesson is)."""
        return self._playback.moved

    def play(self) -> None:
        self._playback.play()

    def pause(self) -> None:
        self._playback.pause()

    def toggle(self) -> None:
        self._playback.toggle()

    def seek(self, seconds: float) -> None:
        self._playback.seek(seconds)

    def seek_by(self, seconds: float) -> None:
        self._playback.seek_by(seconds)

    def set_speed(self, speed: float) -> None:
        self._playback.set_speed(speed)

    async def close(self) -> None:
        """Disconnect; quit mpv if this object started it (kill it if it does not quit)."""
        self._closing = True
        self._playback.set_base(self.position)
        conn, process = self._conn, self._process
        if conn is not None and not conn.closed and process is not None:
            try:
                await conn.request("quit", timeout=QUIT_GRACE)
            except (TimeoutError, MpvError):
                pass
        if conn is not None:
            await conn.close()
        if process is not None:
            await process.ended()  # mpv quits within milliseconds of its reply
            process.kill_now()

    async def settled_position(self) -> float:
        """mpv's own time-pos once the commands sent so far are done (for measurements and checks)."""
        if not self.connected:
            return self.position
        assert self._conn is not None
        await self._conn.request("get_property", "pause")  # replies come in order: earlier ones are in
        await asyncio.wait_for(self._playback.seek_done.wait(), 5.0)
        value = seconds(await self._conn.request("get_property", "time-pos"))
        if value is not None:
            self._playback.set_base(value)
        return self.position

    # ----- sending ------------------------------------------------------------------------------

    def _send(self, *command: Any) -> asyncio.Future[Any] | None:
        if not self.connected:
            return None
        assert self._conn is not None
        return self._conn.send(*command)

    # ----- when mpv goes away -------------------------------------------------------------------

    def _connection_closed(self) -> None:
        self._gone.set()
        self._playback.stopped()
        if self._closing or self._starting or self._exit_reported:
            return
        self._exit_reported = True
        asyncio.get_running_loop().create_task(self._report_exit(), name="mpv-exit-report")

    async def _report_exit(self) -> None:
        reason = await self._exit_reason()
        if self._on_exit is not None:
            self._on_exit(reason)

    async def _exit_reason(self) -> str:
        process = self._process
        if process is None:
            return "The video player closed its control connection"
        await process.ended()
        process.kill_now()
        return process.exit_reason(self._playback.last_file_error)
