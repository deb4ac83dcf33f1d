"""Reading a subtitle file (WebVTT or SRT) with pysubs2 into plain, deduplicated cues.

YouTube's automatic captions roll: each cue repeats the line before it and carries word timings
(`so<00:00:00.320><c> today</c>`). Both are removed, so a cue holds only the words first said in it.
A file that cannot be read gives located problems and no transcript; the lesson works without one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from studytui.core.transcripts.model import Cue, Transcript, TranscriptProblem

_TAG = re.compile(r"<[^>]*>")  # inline timings and styling left by the subtitle parser
_SPACES = re.compile(r"\s+")
_TIMING = re.compile(
    r"^\s*(?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3}\s+-->\s+(?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3}(?:\s.*)?$"
)
SHORTEST_CUE = 0.05  # seconds: YouTube's 10 ms "bridge" cues only repeat the line before


@dataclass(frozen=True)
class TranscriptReading:
    transcript: Transcript | None
    problems: tuple[TranscriptProblem, ...]


def read_transcript(path: Path) -> TranscriptReading:
    """Read `path`; never raises. Problems are `file:line` warnings, for the app and check-lessons."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        return _failed(path, 1, f"cannot read the transcript: {error.strerror or error}")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return _failed(path, 1, f"transcript is not UTF-8 text (bad byte at offset {error.start})")
    if not text.strip():
        return _failed(path, 1, "transcript is empty")
    problems = list(_bad_timing_lines(path, text))
    import pysubs2  # here, not at launch: the lessons feature imports this module (8 ms)

    try:
        subtitles = pysubs2.SSAFile.from_string(text, format_=_format_of(path, text))
    except Exception as error:  # pysubs2 raises several kinds; any of them means "not readable"
        return _failed(path, 1, f"not a WebVTT or SRT transcript ({error})", problems)
    cues = clean_cues((event.start / 1000, event.end / 1000, event.plaintext) for event in subtitles)
    if not cues:
        return _failed(path, 1, "transcript has no cues with text", problems)
    return TranscriptReading(Transcript(path, tuple(cues), tuple(problems)), tuple(problems))


def clean_cues(raw: object) -> list[Cue]:
    """Plain one-line cues in time order, without rolling repeats or empty and bridge cues."""
    cues: list[Cue] = []
    shown: set[str] = set()  # the lines of the cue before: what a rolling caption repeats
    timed = cast(Iterable[tuple[float, float, str]], raw)  # (start, end, text) triples, as the readers make them
    for start, end, text in sorted(timed, key=lambda item: item[0]):
        lines = [_SPACES.sub(" ", _TAG.sub("", line)).strip() for line in text.split("\n")]
        lines = [line for line in lines if line]
        if not lines:
            continue
        new = [line for line in lines if line not in shown]
        if end - start < SHORTEST_CUE and not new:
            continue
        shown = set(lines)
        if new:
            cues.append(Cue(start, max(start, end), " ".join(new)))
    return cues


def _format_of(path: Path, text: str) -> str | None:
    if text.lstrip().startswith("WEBVTT"):
        return "vtt"
    if path.suffix.lower() == ".srt":
        return "srt"
    if path.suffix.lower() == ".vtt":
        return "vtt"
    return None  # let pysubs2 detect it


def _bad_timing_lines(path: Path, text: str) -> list[TranscriptProblem]:
    """A timing line pysubs2 skips silently: say where it is, so the author can fix it."""
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        if "-->" in line and not _TIMING.match(line):
            problems.append(TranscriptProblem(path, number, f"bad cue timing {line.strip()!r}: cue skipped"))
    return problems


def _failed(
    path: Path, line: int, message: str, earlier: list[TranscriptProblem] | None = None
) -> TranscriptReading:
    return TranscriptReading(None, (*(earlier or ()), TranscriptProblem(path, line, message)))
