"""What a course source gives (a title, a channel, a link and its videos in order) and what adding it did."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class VideoChapter:
    start: float  # seconds from the video start
    title: str


@dataclass(frozen=True)
class VideoEntry:
    """One video of a course, whatever it came from (a playlist entry, a file in a folder)."""

    key: str  # what identifies it across runs: "Youtube:VMj-3S1tku0", or the file's path in the folder
    title: str
    video: str  # its URL, or the absolute path of the local file
    duration: float | None  # seconds; None when the source does not say
    chapters: tuple[VideoChapter, ...] = ()
    transcript: Path | None = None  # a subtitle file beside a local video
    position: int = 0  # its place in the source (1 = first), counting videos that could not be read; 0: unknown


@dataclass(frozen=True)
class CourseSource:
    """A course to add: its metadata, and its videos read one at a time (the slow part, online)."""

    kind: str  # "online" or "folder"
    link: str  # the playlist or video URL, or the folder
    title: str
    channel: str
    entries: Iterator[VideoEntry]
    count: int | None = None  # how many videos, when known before reading them
    # Writes the video's captions as `<folder>/<lesson id>.<language>.vtt`; the files written.
    write_captions: Callable[[VideoEntry, str], tuple[Path, ...]] | None = None
    skipped: list[str] = field(default_factory=list)  # videos the source could not read, said why
    unread: set[str] = field(default_factory=set)  # the keys of those videos, when known


@dataclass(frozen=True)
class AddProgress:
    """Said after each video: how far adding has come."""

    done: int
    total: int | None
    title: str  # the video just handled
    outcome: str  # "added", "updated", "unchanged", "kept" (edited by the learner), "skipped"

    def line(self) -> str:
        """`[12/40] added     Lecture 12`, as the command line and the app show it."""
        total = f"/{self.total}" if self.total is not None else ""
        return f"[{self.done}{total}] {self.outcome:<9} {self.title}"


@dataclass
class AddReport:
    """What `add_course` did."""

    folder: Path
    course_id: str = ""
    title: str = ""
    added: list[Path] = field(default_factory=list)
    updated: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    kept_edited: list[Path] = field(default_factory=list)  # the learner's edits: never written over
    gone: list[str] = field(default_factory=list)  # titles no longer in the source; their lessons stay
    skipped: list[str] = field(default_factory=list)  # videos that could not be read, each with why
    captions: list[Path] = field(default_factory=list)
    stopped: bool = False  # cancelled (ctrl+c): what was written is kept

    @property
    def lessons(self) -> int:
        return len(self.added) + len(self.updated) + len(self.unchanged) + len(self.kept_edited)

    def summary(self, shown: int = 5) -> list[str]:
        """What adding did, a line each (titles from the source as they are: clean them to show them),
        `shown` titles listed per kind of news and the rest counted."""
        counts = [f"{len(self.added)} added", f"{len(self.updated)} updated", f"{len(self.unchanged)} unchanged"]
        if self.kept_edited:
            counts.append(f"{len(self.kept_edited)} kept as you edited them")
        lines = [f"{self.title}: {self.folder}", f"  lessons: {', '.join(counts)}"]
        for what, items in (("no longer in the source (their lessons are kept)", self.gone), ("skipped", self.skipped)):
            if items:
                lines.append(f"  {what}: {len(items)}")
                lines += [f"    {item}" for item in items[:shown]]
                if len(items) > shown:
                    lines.append(f"    ... and {len(items) - shown} more")
        if self.captions:
            lines.append(f"  captions: {len(self.captions)} file(s) in {self.captions[0].parent}")
        return lines


class CourseSourceError(Exception):
    """A source that gives no course: not found, not a playlist or video, offline, a tool missing."""
