"""Generated subtitle files for the tests (no network): WebVTT, SRT and YouTube-style rolling captions."""

from __future__ import annotations

from pathlib import Path

LECTURE = [
    (0.0, "welcome to this lecture on neural networks"),
    (4.0, "today we build a tiny autograd engine from scratch"),
    (9.5, "first we look at what a derivative really measures"),
    (15.0, "if you nudge the input a little the output moves"),
    (21.0, "and the ratio of the two nudges is the slope"),
    (27.0, "now broadcasting lets a tensor stretch along a dimension"),
    (33.0, "so a column can be added to every row at once"),
    (40.0, "that is all for the derivative part of the lecture"),
]


def vtt_time(seconds: float) -> str:
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{int(hours):02d}:{int(minutes):02d}:{secs:06.3f}"


def srt_time(seconds: float) -> str:
    return vtt_time(seconds).replace(".", ",")


def cue_end(index: int, lines: list[tuple[float, str]]) -> float:
    return lines[index + 1][0] if index + 1 < len(lines) else lines[index][0] + 5


def write_vtt(path: Path, lines: list[tuple[float, str]] = LECTURE) -> Path:
    blocks = ["WEBVTT", ""]
    for index, (start, text) in enumerate(lines):
        blocks += [f"{vtt_time(start)} --> {vtt_time(cue_end(index, lines))}", text, ""]
    path.write_text("\n".join(blocks), encoding="utf-8")
    return path


def write_srt(path: Path, lines: list[tuple[float, str]] = LECTURE) -> Path:
    blocks = []
    for index, (start, text) in enumerate(lines):
        blocks += [str(index + 1), f"{srt_time(start)} --> {srt_time(cue_end(index, lines))}", text, ""]
    path.write_text("\n".join(blocks), encoding="utf-8")
    return path


def write_rolling_vtt(path: Path, lines: list[tuple[float, str]] = LECTURE) -> Path:
    """As YouTube's automatic captions: each cue repeats the line before, words carry inline timings,
    and a 10 ms cue bridges every pair."""
    blocks = ["WEBVTT", "Kind: captions", "Language: en", ""]
    previous = ""
    for index, (start, text) in enumerate(lines):
        end = cue_end(index, lines)
        first, *rest = text.split(" ")
        timed = first + "".join(
            f"<{vtt_time(start + 0.3 * (n + 1))}><c> {word}</c>" for n, word in enumerate(rest)
        )
        blocks += [f"{vtt_time(start)} --> {vtt_time(end - 0.01)} align:start position:0%"]
        blocks += [previous or " ", timed, ""]
        blocks += [f"{vtt_time(end - 0.01)} --> {vtt_time(end)} align:start position:0%", text, " ", ""]
        previous = text
    path.write_text("\n".join(blocks), encoding="utf-8")
    return path


def lesson_with_transcript(lessons_dir: Path, transcript: str = "micrograd.vtt") -> Path:
    """The sample lesson, with `transcript:` naming a generated WebVTT file beside it."""
    lesson = lessons_dir / "01-micrograd.md"
    text = lesson.read_text(encoding="utf-8")
    lesson.write_text(text.replace("order: 1\n", f"order: 1\ntranscript: {transcript}\n", 1), encoding="utf-8")
    write_vtt(lessons_dir / transcript)
    return lesson
