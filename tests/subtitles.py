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


# What YouTube's automatic captions hold: the speaker change `>>` and apostrophes as character
# references, a `&` and a `<` escaped, and a word with no timing before it.
SPOKEN = [
    (0.0, ">> so the derivative of x < y"),
    (3.0, "it's the slope & nothing else"),
    (6.5, "we write <b> in html, not here"),
    (9.0, "and that's the chain rule"),
]


def youtube_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;")


def write_youtube_auto_vtt(path: Path, lines: list[tuple[float, str]] = SPOKEN) -> Path:
    """As yt-dlp writes YouTube's automatic captions: a `Kind:`/`Language:` header, cues that roll
    (the line before on top, the new one with a timing tag and `<c>` around each word), a 10 ms cue
    between each pair, character references in the words, and a non-numeric identifier on some cues."""
    blocks = ["WEBVTT", "Kind: captions", "Language: en", ""]
    previous = ""
    for index, (start, text) in enumerate(lines):
        end = cue_end(index, lines)
        first, *rest = youtube_escape(text).split(" ")
        timed = first + "".join(
            f"<{vtt_time(start + 0.2 * (n + 1))}><c.colorE5E5E5> {word}</c>" for n, word in enumerate(rest)
        )
        if index % 2:
            blocks.append(f"cue-{index}")
        blocks += [f"{vtt_time(start)} --> {vtt_time(end - 0.01)} align:start position:0%"]
        blocks += [youtube_escape(previous) or " ", timed, ""]
        blocks += [f"{vtt_time(end - 0.01)} --> {vtt_time(end)} align:start position:0%", youtube_escape(text), " ", ""]
        previous = text
    path.write_text("\n".join(blocks), encoding="utf-8")
    return path


def whisper_time(seconds: float, hours: bool, marker: str) -> str:
    """openai-whisper's format_timestamp: hours only when asked (SRT) or needed."""
    milliseconds = round(seconds * 1000)
    hour, milliseconds = divmod(milliseconds, 3_600_000)
    minute, milliseconds = divmod(milliseconds, 60_000)
    second, milliseconds = divmod(milliseconds, 1000)
    head = f"{hour:02d}:" if hours or hour else ""
    return f"{head}{minute:02d}:{second:02d}{marker}{milliseconds:03d}"


def write_whisper(path: Path, lines: list[tuple[float, str]] = LECTURE, highlight_words: bool = False) -> Path:
    """As the whisper command line writes .vtt (no hours, `.`) and .srt (numbered, hours, `,`); with
    --highlight_words the segment's line is written once per word, that word underlined."""
    srt = path.suffix == ".srt"
    cues: list[tuple[float, float, str]] = []
    for index, (start, text) in enumerate(lines):
        end = cue_end(index, lines)
        if not highlight_words:
            cues.append((start, end, text))
            continue
        words = text.split(" ")
        step = (end - start) / len(words)
        for number in range(len(words)):
            underlined = [f"<u>{word}</u>" if n == number else word for n, word in enumerate(words)]
            cues.append((start + step * number, start + step * (number + 1), " ".join(underlined)))
    blocks = [] if srt else ["WEBVTT", ""]
    for number, (start, end, text) in enumerate(cues, start=1):
        timing = f"{whisper_time(start, srt, ',' if srt else '.')} --> {whisper_time(end, srt, ',' if srt else '.')}"
        blocks += [*([str(number)] if srt else []), timing, text, ""]
    path.write_text("\n".join(blocks), encoding="utf-8")
    return path
