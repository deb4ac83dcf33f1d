"""Where a lesson's transcript is: named in the lesson, beside its local video, or in the workspace.

A lesson's `transcript:` is a path a pack chose, so it is read only where it resolves (symlinks
followed) inside the pack's lessons folder, the learner's `transcripts/` folder or the folder of a
video the learner set in the config: `../../../../etc/passwd` and `/proc/self/environ` are refused
with a message. Files beside a local video are looked for only beside a video in one of those places.
"""

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
    pack_root: Path | None = None  # the lessons folder the lesson is in (None: the lesson file's folder)
    learner_video: bool = False  # local_video is the learner's own ([videos] in the config), not the pack's

    def allowed_folders(self, notes_dir: Path | None) -> list[Path]:
        """Where a file this lesson names may be read from."""
        folders = [self.pack_root or self.lesson_path.parent]
        if notes_dir is not None:
            folders.append(transcripts_dir(notes_dir))
        if self.local_video is not None and self.learner_video:
            folders.append(self.local_video.parent)
        return folders


class TranscriptRefused(ValueError):
    """A lesson's `transcript:` leads outside the places a transcript may be read from."""


def transcripts_dir(notes_dir: Path) -> Path:
    return notes_dir / TRANSCRIPTS_FOLDER


def find_transcript(source: TranscriptSource, notes_dir: Path, language: str = "en") -> Path | None:
    """The first subtitle file that exists, in this order:

    1. the file named by `transcript:` (relative to the lesson file), when it is in an allowed place
       (`transcript_refusal` says why not);
    2. beside a local video, with yt-dlp's names: `VIDEO.<language>.vtt`, `VIDEO.vtt`, `VIDEO.srt`
       (and `.srt` for the language);
    3. `<notes>/transcripts/<lesson id>.<language>.vtt`, `<lesson id>.vtt`, `<lesson id>.srt`, or any
       other language yt-dlp wrote there.

    The named file is returned whenever something is there (a FIFO or a folder too: the reader
    refuses it with a message); the others only when they are regular files.
    """
    try:
        named = named_transcript(source, notes_dir)
    except TranscriptRefused:
        named = None
    if named is not None and named.exists():
        return named
    for candidate in candidates(source, notes_dir, language):
        if candidate.is_file():
            return candidate
    folder = transcripts_dir(notes_dir)
    others = sorted(folder.glob(f"{_glob_safe(source.lesson_id)}.*.vtt")) if folder.is_dir() else []
    return others[0] if others else None


def transcript_refusal(source: TranscriptSource, notes_dir: Path | None) -> str | None:
    """Why the lesson's `transcript:` is not read, or None when it is allowed (or there is none)."""
    try:
        named_transcript(source, notes_dir)
    except TranscriptRefused as refusal:
        return str(refusal)
    return None


def named_transcript(source: TranscriptSource, notes_dir: Path | None = None) -> Path | None:
    """The file `transcript:` names, resolved; TranscriptRefused when it leads outside the allowed places."""
    if not source.named:
        return None
    path = transcript_named_in(source.lesson_path, source.named)
    try:
        resolved = path.resolve()
        inside = _inside(resolved, source.allowed_folders(notes_dir))
    except (OSError, RuntimeError, ValueError) as error:  # a symlink loop, a NUL, a path too long
        raise TranscriptRefused(f"transcript {source.named!r} cannot be resolved ({error}): not read") from None
    if not inside:
        raise TranscriptRefused(
            f"transcript {source.named!r} leads outside the lessons folder (to {resolved}): not read; "
            "a transcript must be in the lessons folder or in the notes folder's transcripts/"
        )
    return resolved


def transcript_named_in(lesson_path: Path, named: str) -> Path:
    """The file a lesson's `transcript:` names: relative to the lesson file, `~` expanded (not yet checked)."""
    path = Path(named).expanduser()
    return path if path.is_absolute() else lesson_path.parent / path


def candidates(source: TranscriptSource, notes_dir: Path, language: str) -> list[Path]:
    """Where to look after the named file, in order: beside the local video, then in the workspace."""
    found: list[Path] = []
    if source.local_video is not None and _beside_allowed(source, notes_dir):
        video = source.local_video
        found += [video.with_name(f"{video.stem}.{language}{suffix}") for suffix in SUBTITLE_SUFFIXES]
        found += [video.with_suffix(suffix) for suffix in SUBTITLE_SUFFIXES]
    folder = transcripts_dir(notes_dir)
    found += [folder / f"{source.lesson_id}.{language}{suffix}" for suffix in SUBTITLE_SUFFIXES]
    found += [folder / f"{source.lesson_id}{suffix}" for suffix in SUBTITLE_SUFFIXES]
    return found


def _beside_allowed(source: TranscriptSource, notes_dir: Path) -> bool:
    if source.learner_video or source.local_video is None:
        return source.learner_video
    try:
        return _inside(source.local_video.resolve(), source.allowed_folders(notes_dir))
    except (OSError, RuntimeError, ValueError):
        return False


def _inside(resolved: Path, folders: list[Path]) -> bool:
    return any(resolved.is_relative_to(folder.resolve()) for folder in folders)


def _glob_safe(text: str) -> str:
    return "".join(f"[{char}]" if char in "*?[]" else char for char in text)
