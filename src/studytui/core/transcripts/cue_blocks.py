"""The cues of a WebVTT or SRT file as the WebVTT rules cut them: blocks, identifiers, timings, text.

A file is blocks of lines separated by empty lines (a line holding only a space is text: YouTube's
rolling captions have them). A cue block is an optional identifier line (any text, numeric or not:
an SRT cue's number is one), a timing line `start --> end [settings]`, and the cue's text up to the
next empty line or the next timing line. The identifier is never text. NOTE, STYLE and REGION
blocks and the `WEBVTT` header block are not cues. A block with no timing line where one must be,
and a timing line that cannot be read, are problems located at their line; the other cues load.

This is the structure browsers and webvtt-py read (tests/core/test_transcript_reading.py judges it
against webvtt-py); the cue text is returned as written, tags and character references included.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_LINE_BREAK = re.compile(r"\r\n|\r|\n")  # WebVTT's line terminators (U+2028 and the others are text)
_STAMP = r"(?:(\d+):)?(\d{1,2}):(\d{2})[.,](\d{1,3})"
_TIMING = re.compile(rf"^\s*{_STAMP}\s*-->\s*{_STAMP}(?:[ \t].*)?$")
_NOT_CUES = re.compile(r"^(?:NOTE|STYLE|REGION)(?:[ \t].*)?$")
_CUE_NUMBER = re.compile(r"^\s*\d+\s*$")


@dataclass(frozen=True)
class RawCue:
    line: int  # 1-based line of the timing line
    start: float  # seconds
    end: float
    text: tuple[str, ...]  # the text lines as written


@dataclass(frozen=True)
class BlockProblem:
    line: int
    message: str


def cue_blocks(text: str) -> tuple[list[RawCue], list[BlockProblem]]:
    """Every readable cue of `text` (WebVTT or SRT) in file order, and the problems found cutting it."""
    lines = _LINE_BREAK.split(text)
    cues: list[RawCue] = []
    problems: list[BlockProblem] = []
    blocks = _blocks(lines)
    webvtt = bool(lines) and lines[0].startswith("WEBVTT")
    if webvtt:
        # The header: `WEBVTT`, YouTube's `Kind:` and `Language:` lines; a cue written right under
        # it, with no empty line between, is read as webvtt-py reads it.
        header = next(blocks, (0, 0))
        timings = [row for row in range(header[0] + 1, header[1] + 1) if "-->" in lines[row]]
        if timings:
            _cues_of_block(lines, timings[0], header[1], cues, problems, webvtt)
    for first, last in blocks:
        if _NOT_CUES.match(lines[first]):
            continue
        if "-->" in lines[first]:
            timing = first
        elif first < last and "-->" in lines[first + 1]:
            timing = first + 1  # lines[first] is the cue's identifier
        else:
            problems.append(BlockProblem(first + 1, "text outside any cue (no timing line above it): not shown"))
            continue
        _cues_of_block(lines, timing, last, cues, problems, webvtt)
    return cues, problems


def _blocks(lines: list[str]) -> Iterator[tuple[int, int]]:
    """(first, last) line indexes of each run of non-empty lines."""
    first: int | None = None
    for index, line in enumerate(lines):
        if line:
            if first is None:
                first = index
        elif first is not None:
            yield first, index - 1
            first = None
    if first is not None:
        yield first, len(lines) - 1


def _cues_of_block(
    lines: list[str], timing: int, last: int, cues: list[RawCue], problems: list[BlockProblem], webvtt: bool
) -> None:
    """A cue block from its timing line; a later timing line in the same block starts another cue."""
    while timing <= last:
        end = timing + 1
        while end <= last and "-->" not in lines[end]:
            end += 1
        text = lines[timing + 1 : end]
        if not webvtt and end <= last and text and _CUE_NUMBER.match(text[-1]):
            text = text[:-1]  # SRT: the number of the cue that follows with no empty line before it
        match = _TIMING.match(lines[timing])
        times = _seconds(match) if match else None
        if times is None:
            problems.append(BlockProblem(timing + 1, f"bad cue timing {lines[timing].strip()[:80]!r}: cue skipped"))
        else:
            cues.append(RawCue(timing + 1, times[0], times[1], tuple(text)))
        timing = end


def _seconds(match: re.Match[str]) -> tuple[float, float] | None:
    groups = match.groups()
    times = []
    for hours, minutes, seconds, fraction in (groups[:4], groups[4:]):
        if int(minutes) >= 60 or int(seconds) >= 60:
            return None
        times.append(int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + int(fraction.ljust(3, "0")) / 1000)
    return times[0], times[1]
