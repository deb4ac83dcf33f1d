"""Stamps as the editor shows them (`[19:11]`) and as the file keeps them (`[19:11](video link)`).

In a 60-column pane a 45-character link before every note leaves no room for the note. The editor
holds the short form; the file keeps the link, so it opens the video at that second anywhere.
Only links to the lesson's own video at the stamp's second are shortened (any other link stays as
written), and a short stamp gets that link back when the notes are saved. Line by line, a regex each:
called on load and on save (about once a second), never per key.
"""

from __future__ import annotations

from typing import Callable

from studytui.core.notes.document import STAMP
from studytui.core.timecode import parse_time

LinkFor = Callable[[float], "str | None"]  # the video link for a second, or None (no online video)


def compact_stamps(document: str, link_for: LinkFor) -> str:
    """`[19:11](link)` -> `[19:11]` where the link is the lesson's own for that second."""
    if "](" not in document:
        return document
    lines = document.split("\n")
    for row, line in enumerate(lines):
        match = STAMP.match(line)
        if match is not None and match["link"] and match["link"] == link_for(parse_time(match["time"])):
            lines[row] = line[: match.start("link") - 1] + line[match.end("link") + 1 :]
    return "\n".join(lines)


def expand_stamps(document: str, link_for: LinkFor) -> str:
    """`[19:11]` -> `[19:11](link)`: what the file keeps."""
    lines = document.split("\n")
    for row, line in enumerate(lines):
        match = STAMP.match(line)
        if match is not None and not match["link"]:
            link = link_for(parse_time(match["time"]))
            if link:
                after = match.end("time") + 1  # past the closing bracket
                lines[row] = f"{line[:after]}({link}){line[after:]}"
    return "\n".join(lines)
