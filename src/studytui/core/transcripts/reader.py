"""Reading a subtitle file (WebVTT or SRT) into the plain lines a captions player shows, once each.

The cues are cut by the WebVTT rules (cue_blocks.py: identifiers and notes are never text). Each
cue's text then reads as a player shows it: tags stripped (YouTube's word timings
`so<00:00:00.320><c> today</c>`, `<v Speaker>`, `<i>`), then character references decoded (`&gt;&gt;`,
`It&#39;s`, `&amp;`, `&nbsp;`: after the tags, so `&lt;b&gt;` stays the text `<b>`), then cleaned by
the one rule for outside text (core/text.py: an escape or a bidi override written as `&#27;` or
`&#x202e;` goes too). YouTube's automatic captions roll: each cue repeats the line before it, and
Whisper's word-highlighting output repeats its line once per word; a line is kept only the first time
it is shown, so each appears once, at the time it is first said.

A file larger than LARGEST_TRANSCRIPT is refused unread, and a cue's text is cut at LONGEST_CUE
characters, so a transcript's memory stays a small multiple of its size. A file that cannot be read
gives located problems and no transcript; the lesson works without one.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from studytui.core.text import clean_text, holds_controls, one_line
from studytui.core.transcripts.cue_blocks import RawCue, cue_blocks
from studytui.core.transcripts.model import Cue, Transcript, TranscriptProblem

LARGEST_TRANSCRIPT = 10_000_000  # bytes: a 24 h stream's automatic captions with word timings are about 8 MB
LONGEST_CUE = 2_000  # characters: a caption is a line or two; Whisper's longest segments are a few hundred
SHORTEST_CUE = 0.05  # seconds: YouTube's 10 ms "bridge" cues only repeat the line before


@dataclass(frozen=True)
class TranscriptReading:
    transcript: Transcript | None
    problems: tuple[TranscriptProblem, ...]


def read_transcript(path: Path) -> TranscriptReading:
    """Read `path`; never raises. Problems are `file:line` warnings, for the app and check-lessons."""
    try:
        raw = _read_bounded(path)
    except _Refused as refusal:
        return _failed(path, 1, str(refusal))
    except OSError as error:
        return _failed(path, 1, f"cannot read the transcript: {error.strerror or error}")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return _failed(path, 1, f"transcript is not UTF-8 text (bad byte at offset {error.start})")
    del raw
    if not text.strip():
        return _failed(path, 1, "transcript is empty")
    problems: list[TranscriptProblem] = []
    if path.suffix.lower() == ".vtt" and not text.startswith("WEBVTT"):
        problems.append(TranscriptProblem(path, 1, "a WebVTT file starts with a WEBVTT line: players refuse this one"))
    raw_cues, block_problems = cue_blocks(text)
    del text
    problems += [TranscriptProblem(path, problem.line, problem.message) for problem in block_problems]
    cues = clean_cues(_plain_cues(path, raw_cues, problems))
    problems.sort(key=lambda problem: problem.line)
    if not cues:
        return _failed(path, 1, "transcript has no cues with text", problems)
    return TranscriptReading(Transcript(path, tuple(cues), tuple(problems)), tuple(problems))


def clean_cues(raw: Iterable[tuple[float, float, str]]) -> list[Cue]:
    """Cues in time order, each holding only the lines not shown in the cue before (rolling captions)."""
    cues: list[Cue] = []
    shown: set[str] = set()  # the lines of the cue before: what a rolling caption repeats
    for start, end, text in sorted(raw, key=lambda item: item[0]):
        lines = [line for line in text.split("\n") if line]
        if not lines:
            continue
        new = [line for line in lines if line not in shown]
        if end - start < SHORTEST_CUE and not new:
            continue
        shown = set(lines)
        if new:
            cues.append(Cue(start, max(start, end), " ".join(new)))
    return cues


class _Refused(Exception):
    pass


def _read_bounded(path: Path) -> bytes:
    """The file's bytes, or _Refused for a file that is not a regular file or is too large."""
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise _Refused("not a regular file (a FIFO, a device or a folder): transcripts are files")
        with os.fdopen(descriptor, "rb", closefd=False) as file:
            raw = file.read(LARGEST_TRANSCRIPT + 1)
    finally:
        os.close(descriptor)
    if len(raw) > LARGEST_TRANSCRIPT:
        size = max(info.st_size, len(raw)) / 1e6
        largest = f"{LARGEST_TRANSCRIPT / 1e6:.0f} MB ({LARGEST_TRANSCRIPT:,} bytes)"
        raise _Refused(f"transcript is {size:.1f} MB, larger than the {largest} a transcript may be: not read")
    return raw


def _plain_cues(
    path: Path, raw_cues: list[RawCue], problems: list[TranscriptProblem]
) -> list[tuple[float, float, str]]:
    """Each cue's lines as shown (a line per text line, one line each), with a problem for text that was
    cut or held characters no screen shows; one problem of each kind, at its first cue, with a count."""
    import html  # here, not at launch: the lessons feature imports this module, html.entities is 2,000 names

    plain: list[tuple[float, float, str]] = []
    unclean: list[int] = []
    long: list[int] = []
    for cue in raw_cues:
        if sum(len(line) for line in cue.text) > LONGEST_CUE * 4:
            cue = RawCue(cue.line, cue.start, cue.end, _cut_lines(cue.text, LONGEST_CUE * 4))
        lines = []
        for line in cue.text:
            decoded = html.unescape(_without_tags(line))
            if holds_controls(decoded):
                unclean.append(cue.line)
            lines.append(one_line(clean_text(decoded)))
        if sum(len(line) for line in lines) > LONGEST_CUE:
            long.append(cue.line)
            lines = list(_cut_lines(tuple(lines), LONGEST_CUE))
        plain.append((cue.start, cue.end, "\n".join(line for line in lines if line)))
    if unclean:
        problems.append(_counted(path, unclean, "cue text holds control or bidi characters: left out"))
    if long:
        problems.append(_counted(path, long, f"cue text longer than {LONGEST_CUE} characters: cut there"))
    return plain


def _counted(path: Path, lines: list[int], message: str) -> TranscriptProblem:
    more = f" (and {len(lines) - 1} more cue{'s' if len(lines) > 2 else ''})" if len(lines) > 1 else ""
    return TranscriptProblem(path, lines[0], message + more)


def _cut_lines(lines: tuple[str, ...], limit: int) -> tuple[str, ...]:
    kept: list[str] = []
    room = limit
    for line in lines:
        if room <= 0:
            break
        kept.append(line[:room])
        room -= len(kept[-1])
    return tuple(kept)


def _without_tags(line: str) -> str:
    """`line` without cue tags (`<c>`, `<00:00:01.234>`, `<v Name>`): a `<` with no `>` after it is text.

    Linear in the line's length, as webvtt-py does it: a regex would rescan the rest of the line from
    every `<` that has no `>` after it.
    """
    if "<" not in line:
        return line
    parts: list[str] = []
    position = 0
    while (start := line.find("<", position)) >= 0:
        end = line.find(">", start + 1)
        if end < 0:
            break
        parts.append(line[position:start])
        position = end + 1
    parts.append(line[position:])
    return "".join(parts)


def _failed(
    path: Path, line: int, message: str, earlier: list[TranscriptProblem] | None = None
) -> TranscriptReading:
    return TranscriptReading(None, (*(earlier or ()), TranscriptProblem(path, line, message)))
