"""A course from a folder of video files: natural order, duration and chapters from ffprobe,
subtitles beside each video as its transcript.

ffprobe (part of ffmpeg) runs once per video, in a folder of its own, with no input and a time limit.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

from studytui.core.courses.model import CourseSource, CourseSourceError, VideoChapter, VideoEntry
from studytui.core.courses.slugs import natural_key, one_line
from studytui.core.files import write_text_atomic

VIDEO_SUFFIXES = frozenset({
    ".mp4", ".mkv", ".webm", ".mov", ".avi", ".m4v", ".mpg", ".mpeg", ".wmv", ".flv", ".ogv", ".ts", ".3gp",
})
SUBTITLE_SUFFIXES = (".vtt", ".srt")
PROBE_TIMEOUT = 60.0  # seconds for one file
_LEADING_NUMBER = re.compile(r"^\d+(?:\s*[-.):]\s*|\s+)(?=\S)")
FFPROBE_MISSING = (
    "ffprobe is not installed: it comes with ffmpeg (`sudo apt-get install ffmpeg`, `brew install ffmpeg`)"
)


def video_files(folder: Path) -> list[Path]:
    """The video files under `folder` (hidden folders skipped), in natural order of their paths."""
    found = []
    for path in folder.rglob("*"):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if path.suffix.lower() in VIDEO_SUFFIXES and path.is_file():
            found.append(path)
    return sorted(found, key=lambda path: tuple(natural_key(part) for part in path.relative_to(folder).parts))


def subtitles_beside(video: Path, language: str) -> Path | None:
    """`VIDEO.<language>.vtt`, `VIDEO.vtt`, `VIDEO.srt`..., else any `VIDEO.<x>.vtt` beside it."""
    for name in (f"{video.stem}.{language}", video.stem):
        for suffix in SUBTITLE_SUFFIXES:
            candidate = video.with_name(name + suffix)
            if candidate.is_file():
                return candidate
    others = sorted(
        path for path in video.parent.glob("*") if path.suffix in SUBTITLE_SUFFIXES and path.is_file()
        and path.name.startswith(video.stem + ".") and path.stem.count(".") == video.stem.count(".") + 1
    )
    return others[0] if others else None


def lesson_title(video: Path) -> str:
    """The file name without its suffix, and without a leading number (`02 - Intro` is `Intro`)."""
    stem = video.stem.replace("_", " ").strip()
    return _LEADING_NUMBER.sub("", stem, count=1) or stem


def read_folder(folder: Path, language: str = "en", captions_dir: Path | None = None) -> CourseSource:
    """The course of the videos under `folder`; with `captions_dir`, the subtitles beside each video
    are copied there as `<lesson id>.<language>.vtt` (or `.srt`), where the app finds a lesson's
    transcript (a transcript is read only from the lessons folder or the learner's transcripts folder)."""
    folder = folder.expanduser().resolve()
    if not folder.is_dir():
        raise CourseSourceError(f"{folder} is not a folder")
    files = video_files(folder)
    if not files:
        raise CourseSourceError(f"no video files in {folder} ({', '.join(sorted(VIDEO_SUFFIXES))})")
    ffprobe = shutil.which("ffprobe")
    if ffprobe is None:
        raise CourseSourceError(FFPROBE_MISSING)
    skipped: list[str] = []
    unread: set[str] = set()
    entries = _entries(ffprobe, folder, files, language, skipped, unread)
    copy = partial(copy_subtitles, captions_dir) if captions_dir is not None else None
    return CourseSource("folder", str(folder), folder.name, "", entries, len(files), copy, skipped, unread)


def copy_subtitles(captions_dir: Path, entry: VideoEntry, lesson_id: str) -> tuple[Path, ...]:
    """The subtitle file beside a video, copied into the transcripts folder under the lesson's id
    (the language part of its name kept); nothing when there is none or the copy is the same."""
    from studytui.core.transcripts import LARGEST_TRANSCRIPT

    source = entry.transcript
    if source is None:
        return ()
    try:
        if source.stat().st_size > LARGEST_TRANSCRIPT:
            raise CourseSourceError(f"{one_line(source.name)} is over {LARGEST_TRANSCRIPT // 1_000_000} MB: not copied")
        text = source.read_text(encoding="utf-8-sig", errors="replace")
    except OSError as error:
        raise CourseSourceError(f"{one_line(source.name)} cannot be read: {error}") from None
    video_stem = Path(entry.video).stem
    language = source.name[len(video_stem):-len(source.suffix)] if source.name.startswith(video_stem) else ""
    target = captions_dir / f"{lesson_id}{language}{source.suffix}"
    try:
        if target.is_file() and target.read_text(encoding="utf-8", errors="replace") == text:
            return ()
    except OSError:
        pass
    write_text_atomic(target, text)
    return (target,)


def _entries(ffprobe: str, folder: Path, files: list[Path], language: str, skipped: list[str],
             unread: set[str]) -> Iterator[VideoEntry]:
    with tempfile.TemporaryDirectory(prefix="studytui-ffprobe-") as workdir:
        for position, video in enumerate(files, start=1):
            try:
                probe = probe_video(ffprobe, video, Path(workdir))
            except CourseSourceError as error:
                skipped.append(f"{one_line(video.name)}: {error}")
                unread.add(video.relative_to(folder).as_posix())
                continue
            yield VideoEntry(
                key=video.relative_to(folder).as_posix(),
                title=lesson_title(video),
                video=str(video),
                duration=probe[0],
                chapters=probe[1],
                transcript=subtitles_beside(video, language),
                position=position,
            )


def probe_video(ffprobe: str, video: Path, workdir: Path) -> tuple[float | None, tuple[VideoChapter, ...]]:
    """The duration and chapters ffprobe reads from the file."""
    try:
        result = subprocess.run(
            [ffprobe, "-v", "error", "-print_format", "json", "-show_format", "-show_chapters", "--", str(video)],
            capture_output=True, text=True, timeout=PROBE_TIMEOUT, stdin=subprocess.DEVNULL, cwd=workdir,
        )
    except subprocess.TimeoutExpired:
        raise CourseSourceError(f"ffprobe took longer than {PROBE_TIMEOUT:.0f} s") from None
    except OSError as error:
        raise CourseSourceError(f"ffprobe could not run: {error}") from None
    if result.returncode != 0:
        last = (result.stderr.strip().splitlines() or ["not a video ffprobe can read"])[-1]
        raise CourseSourceError(one_line(last, 300))
    try:
        data: Any = json.loads(result.stdout)
    except ValueError:
        raise CourseSourceError("ffprobe gave no readable answer") from None
    return _duration(data), _chapters(data)


def _number(value: object) -> float | None:
    try:
        return float(value) if isinstance(value, (str, int, float)) else None
    except ValueError:
        return None


def _duration(data: Any) -> float | None:
    form = data.get("format") if isinstance(data, dict) else None
    return _number(form.get("duration")) if isinstance(form, dict) else None


def _chapters(data: Any) -> tuple[VideoChapter, ...]:
    chapters = data.get("chapters") if isinstance(data, dict) else None
    found = []
    for chapter in chapters if isinstance(chapters, list) else []:
        if not isinstance(chapter, dict):
            continue
        start = _number(chapter.get("start_time"))
        tags = chapter.get("tags")
        title = tags.get("title") if isinstance(tags, dict) else None
        if start is not None:
            found.append(VideoChapter(start, str(title or "")))
    return tuple(found)
