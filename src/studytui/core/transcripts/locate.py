"""Where a lesson's transcript is: named in the lesson, beside its local video, or in the workspace."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from studytui.config import TRANSCRIPTS_FOLDER

SUBTITLE_SUFFIXES = (".vtt", ".srt")


@dataclass(frozen=True)
class TranscriptSource:
    """What the finder needs to know of a lesson (kept apart from the lessons domain on purpose)."""

    lesson_id: str
    lesson_path: Path
    named: str | None = None  # front matter `transcript:`, relative to the lesson file
    local_video: Path | None = None  # the lesson's video when it is a file on this machine


def transcripts_dir(notes_dir: Path) -> Path:
    return notes_dir / TRANSCRIPTS_FOLDER


def find_transcript(source: TranscriptSource, notes_dir: Path, language: str = "en") -> Path | None:
    """The first subtitle file that exists, in this order:

    1. the file named by `transcript:` (relative to the lesson file);
    2. beside a local video, with yt-dlp's names: `VIDEO.<language>.vtt`, `VIDEO.vtt`, `VIDEO.srt`
       (and `.srt` for the language);
    3. `<notes>/transcripts/<lesson id>.<language>.vtt`, `<lesson id>.vtt`, `<lesson id>.srt`, or any
       other language yt-dlp wrote there.
    """
    for candidate in candidates(source, notes_dir, language):
        if candidate.is_file():
            return candidate
    folder = transcripts_dir(notes_dir)
    others = sorted(folder.glob(f"{_glob_safe(source.lesson_id)}.*.vtt")) if folder.is_dir() else []
    return others[0] if others else None


def named_transcript(source: TranscriptSource) -> Path | None:
    return transcript_named_in(source.lesson_path, source.named) if source.named else None


def transcript_named_in(lesson_path: Path, named: str) -> Path:
    """The file a lesson's `transcript:` names: relative to the lesson file, `~` expanded."""
    path = Path(named).expanduser()
    return path if path.is_absolute() else lesson_path.parent / path


def candidates(source: TranscriptSource, notes_dir: Path, language: str) -> list[Path]:
    found: list[Path] = []
    if (named := named_transcript(source)) is not None:
        found.append(named)
    if source.local_video is not None:
        video = source.local_video
        found += [video.with_name(f"{video.stem}.{language}{suffix}") for suffix in SUBTITLE_SUFFIXES]
        found += [video.with_suffix(suffix) for suffix in SUBTITLE_SUFFIXES]
    folder = transcripts_dir(notes_dir)
    found += [folder / f"{source.lesson_id}.{language}{suffix}" for suffix in SUBTITLE_SUFFIXES]
    found += [folder / f"{source.lesson_id}{suffix}" for suffix in SUBTITLE_SUFFIXES]
    return found


def _glob_safe(text: str) -> str:
    return "".join(f"[{char}]" if char in "*?[]" else char for char in text)
