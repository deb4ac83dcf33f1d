"""The subcommands: each one's module and a line saying what it does.

This table is all a launch reads of them: a command's module is imported only when it runs (its own
argparse parser then answers `studytui COMMAND --help`), so launching imports none of them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Command:
    module: str  # studytui.cli.<module>
    function: str  # called with the arguments after the command's name; returns the exit status
    summary: str  # its line in `studytui --help`


COMMANDS: dict[str, Command] = {
    "add": Command("add", "add", "make a course of a playlist, a video, any page yt-dlp reads, or a folder of videos"),
    "review": Command("launch", "review", "open on the review of the cards due (the same options as a launch)"),
    "export": Command(
        "export", "export", "a lesson as a markdown digest (--anki: an Anki deck; --notebook: a clean notebook)"
    ),
    "transcript": Command("transcript", "transcript", "fetch lessons' captions with yt-dlp (transcript fetch ...)"),
    "check-lessons": Command("check_lessons", "check_lessons", "report every problem in a lessons folder as file:line"),
}
