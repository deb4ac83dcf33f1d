"""Video times as learners and video sites write them: `12:34`, `1:02:03`, `00:19:09`."""

from __future__ import annotations

import re

_TIME = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{2})$")


def parse_time(text: str) -> float:
    """Seconds from `m:ss`, `mm:ss` or `h:mm:ss`. Raises ValueError on anything else."""
    match = _TIME.match(text.strip())
    if match is None:
        raise ValueError(f"not a video time (expected mm:ss or h:mm:ss): {text!r}")
    hours, minutes, seconds = match.groups()
    if int(seconds) >= 60 or (hours is not None and int(minutes) >= 60):
        raise ValueError(f"minutes and seconds must be below 60: {text!r}")
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds)


def format_time(seconds: float) -> str:
    """`12:34` below an hour, `1:02:03` from an hour on (the form video sites show)."""
    total = max(0, int(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes:02d}:{secs:02d}"


def format_clock(seconds: float) -> str:
    """Always `h:mm:ss`, for the header clock, so its width never jumps."""
    total = max(0, int(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"
