"""The player domain: the lesson clock that follows the video.

It owns the `Player` protocol (where the learner is in the video; pause, seek, speed), the
`Stopwatch` that stands in for a video, and `MpvPlayer`, a real mpv driven over its JSON IPC
socket, with the process it starts and the fallback when mpv goes away.
"""

from __future__ import annotations

from studytui.core.player.clock import Player, Stopwatch, next_speed
from studytui.core.player.mpv import MpvError, MpvNotFound, MpvPlayer
from studytui.core.player.mpv_process import MpvProcess
from studytui.core.player.resume import played_through_end, resume_position

__all__ = [
    "MpvError",
    "MpvNotFound",
    "MpvPlayer",
    "MpvProcess",
    "Player",
    "Stopwatch",
    "next_speed",
    "played_through_end",
    "resume_position",
]
