"""What studytui knows of an mpv's playback, and the pause, seek and speed commands that change it.

`MpvPlayback` keeps a local copy of what mpv reports (observed `time-pos`, `pause`, `speed`,
`duration`, `chapter-list`, `core-idle`, and the load and seek events), so `position` and `playing`
are plain reads; between `time-pos` events the position is extrapolated while mpv plays. Commands go
out through the `send` it is given, without blocking the caller, and until mpv answers them the
events that still describe the state before them are not trusted. The connection itself, and
starting, attaching and closing, belong to `MpvPlayer`.

Every value is checked where it arrives: a time or speed is a finite number within reason (`seconds`),
a pause a bool; anything else (`Infinity`, NaN, a string, a list) is ignored, never a crash later.
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import Callable
from typing import Any

SEEK_SETTLE = 1.0  # seconds after a seek's reply at most before time-pos is trusted again
EXTRAPOLATE_AT_MOST = 1.0  # seconds past the last time-pos event (a stalled stream stops the clock)
LONGEST = 1e7  # seconds (about 116 days): no video is longer; a time past it is not one

# Observed properties, by the id mpv echoes back in `property-change` events.
OBSERVED = ("time-pos", "pause", "speed", "duration", "chapter-list", "core-idle")

VideoChapter = tuple[float, str]  # (start in seconds, title)

# Sends a command to mpv and returns the future of its reply (None when not connected).
SendCommand = Callable[..., asyncio.Future[Any] | None]


def seconds(value: object, longest: float = LONGEST) -> float | None:
    """`value` as a time or a speed from mpv: a finite number from 0 to `longest`, else None."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        number = float(value)
    except OverflowError:  # an integer of hundreds of digits
        return None
    return number if math.isfinite(number) and 0 <= number <= longest else None


class MpvPlayback:
    def __init__(
        self,
        send: SendCommand,
        connected: Callable[[], bool],
        on_change: Callable[[], None] | None,
        now: Callable[[], float],
    ) -> None:
        self._send = send
        self._connected = connected
        self._on_change = on_change
        self._now = now
        self.loaded = asyncio.Event()
        self.last_file_error: str | None = None
        # The local copy of mpv's state.
        self._base = 0.0  # time-pos at `_base_at`
        self._base_at = now()
        self._paused = True
        self._core_idle = True
        self._speed = 1.0
        self._duration: float | None = None
        self._chapters: tuple[VideoChapter, ...] = ()
        # Commands sent but not yet answered: events until then describe the state before them.
        self._seeks_in_flight = 0
        self._pauses_in_flight = 0
        # A seek is done when mpv restarts playback after it; time-pos before that is the old one.
        self.seek_done = asyncio.Event()
        self.seek_done.set()
        self._seek_count = 0
        # An mpv we attached to shows whatever it was playing: its position is the lesson's only once
        # it moved while we watched (it played, or it was sought, from mpv or from studytui).
        self.moved = False
        self._first_time: float | None = None

    # ----- reading ------------------------------------------------------------------------------

    @property
    def position(self) -> float:
        position = self._base
        if self._connected() and not self._paused and not self._core_idle:
            elapsed = min(max(0.0, self._now() - self._base_at), EXTRAPOLATE_AT_MOST)
            position += elapsed * self._speed
        if self._duration is not None:
            position = min(position, self._duration)
        return max(0.0, position)

    @property
    def playing(self) -> bool:
        return self._connected() and not self._paused

    @property
    def speed(self) -> float:
        return self._speed

    @property
    def duration(self) -> float | None:
        return self._duration

    @property
    def chapters(self) -> tuple[VideoChapter, ...]:
        return self._chapters

    # ----- sending ------------------------------------------------------------------------------

    def play(self) -> None:
        self._set_pause(False)

    def pause(self) -> None:
        self._set_pause(True)

    def toggle(self) -> None:
        self._set_pause(not self._paused)

    def seek(self, seconds: float) -> None:
        self._seek(max(0.0, seconds), "seek", max(0.0, seconds), "absolute+exact")

    def seek_by(self, seconds: float) -> None:
        self._seek(max(0.0, self.position + seconds), "seek", seconds, "relative+exact")

    def set_speed(self, speed: float) -> None:
        self._speed = speed
        self.set_base(self.position)
        self._send("set_property", "speed", speed)

    def _set_pause(self, paused: bool) -> None:
        if not self._connected():
            return
        self.moved = True
        self.set_base(self.position)
        self._paused = paused
        reply = self._send("set_property", "pause", paused)
        if reply is not None:
            self._pauses_in_flight += 1
            reply.add_done_callback(self._pause_answered)
        self._changed()

    def _pause_answered(self, reply: asyncio.Future[Any]) -> None:
        self._pauses_in_flight -= 1
        if self._paused and self._connected():
            # The frame mpv stopped on is the true position: fetch it once.
            self._send("get_property", "time-pos").add_done_callback(self._resync)  # type: ignore[union-attr]

    def _resync(self, reply: asyncio.Future[Any]) -> None:
        if reply.cancelled() or reply.exception() is not None or not self.seek_done.is_set():
            return
        value = seconds(reply.result())
        if value is not None and self._paused:
            self.set_base(value)
            self._changed()

    def _seek(self, target: float, *command: Any) -> None:
        if not self._connected():
            return
        self.moved = True
        if self._duration is not None:
            target = min(target, self._duration)
        self.set_base(target)
        reply = self._send(*command)
        if reply is not None:
            self._seeks_in_flight += 1
            self._seek_count += 1
            self.seek_done.clear()
            reply.add_done_callback(self._seek_answered)
        self._changed()

    def _seek_answered(self, reply: asyncio.Future[Any]) -> None:
        self._seeks_in_flight -= 1
        if self._seeks_in_flight:
            return
        if reply.cancelled() or reply.exception() is not None:
            self.seek_done.set()  # no restart follows a refused seek
        else:
            # mpv merges queued seeks into one restart; never wait on one that was merged away.
            asyncio.get_running_loop().call_later(SEEK_SETTLE, self._seek_settled, self._seek_count)

    def _seek_settled(self, seek_count: int) -> None:
        if seek_count == self._seek_count:  # no later seek is still on its way
            self.seek_done.set()

    # ----- what mpv reports ---------------------------------------------------------------------

    def apply_event(self, message: dict[str, Any]) -> None:
        event = message.get("event")
        if event == "property-change":
            self.apply_property(str(message.get("name")), message.get("data"))
            self._changed()
        elif event == "end-file" and message.get("reason") == "error":
            self.last_file_error = str(message.get("file_error") or "it could not be played")
        elif event == "file-loaded":
            self.loaded.set()
        elif event == "seek":
            self._core_idle = True  # the clock waits for the new frame
        elif event == "playback-restart":
            self._core_idle = self._paused
            if not self._seeks_in_flight:
                self.seek_done.set()

    def apply_property(self, name: str, value: Any) -> None:
        if name == "time-pos" and (time := seconds(value)) is not None:
            self.loaded.set()  # also when the load happened before we connected
            if self._first_time is None:
                self._first_time = time
            elif abs(time - self._first_time) > 0.5:
                self.moved = True
            if self.seek_done.is_set():
                self.set_base(time)
        elif name == "pause" and isinstance(value, bool):
            if not self._pauses_in_flight:
                self.set_base(self.position)
                self._paused = value
        elif name == "core-idle" and isinstance(value, bool):
            self.set_base(self.position)
            self._core_idle = value
        elif name == "speed" and (speed := seconds(value, longest=100.0)):
            self.set_base(self.position)
            self._speed = speed
        elif name == "duration":
            self._duration = seconds(value) or None
        elif name == "chapter-list":
            chapters = []
            for index, item in enumerate(value if isinstance(value, list) else []):
                start = seconds(item.get("time")) if isinstance(item, dict) else None
                if start is not None:
                    title = item.get("title")
                    chapters.append((start, title if isinstance(title, str) and title else f"Chapter {index + 1}"))
            self._chapters = tuple(chapters)

    def starting_at(self, position: float, paused: bool) -> None:
        """What an mpv started with this position and pause state shows before it reports."""
        self._base, self._base_at, self._paused = max(0.0, position), self._now(), paused
        self.moved = True  # started at the lesson's own position

    def set_base(self, position: float) -> None:
        self._base, self._base_at = max(0.0, position), self._now()

    def stopped(self) -> None:
        """The connection is gone: hold the position, paused, and wait on no seek."""
        self.set_base(self.position)
        self._paused = True
        self.seek_done.set()

    def _changed(self) -> None:
        if self._on_change is not None:
            self._on_change()
