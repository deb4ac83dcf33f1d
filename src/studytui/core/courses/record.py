"""What `add` wrote, remembered twice.

- In the course folder, `.studytui-course.json`: the source, and for each video its lesson file,
  id and the SHA-256 of the text written. A lesson file whose bytes still hash to that is `add`'s
  own and may be refreshed; any other is the learner's and is never written over.
- In the workspace (`<notes>/.studytui/own-courses.json`): the course folders `add` made, with
  the device and inode of each. A course folder there needs no trust step: studytui wrote it. A
  folder copied from elsewhere (a stranger's, with a record file of its own inside) is not listed,
  and a folder put in the place of one that is has another inode, so both still ask.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from studytui.core.files import write_text_atomic

COURSE_RECORD = ".studytui-course.json"
OWN_COURSES = "own-courses.json"
FORMAT = 1


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def file_hash(path: Path) -> str | None:
    """The SHA-256 of a regular file's bytes; None when it is missing, unreadable or no regular file."""
    try:
        if not path.is_file() or path.is_symlink():
            return None
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


@dataclass
class WrittenLesson:
    key: str
    file: str  # name inside the course folder
    lesson_id: str
    title: str
    sha256: str


@dataclass
class CourseRecord:
    source: str
    kind: str
    course_id: str
    course_sha256: str = ""
    lessons: dict[str, WrittenLesson] = field(default_factory=dict)  # by video key

    @classmethod
    def read(cls, folder: Path) -> CourseRecord | None:
        """The folder's record; None when there is none or it cannot be read (then nothing is `add`'s)."""
        try:
            raw = json.loads((folder / COURSE_RECORD).read_text(encoding="utf-8"))
            lessons = {
                str(item["key"]): WrittenLesson(str(item["key"]), str(item["file"]), str(item["id"]),
                                                str(item.get("title", "")), str(item["sha256"]))
                for item in raw["lessons"]
            }
            return cls(str(raw["source"]), str(raw["kind"]), str(raw["course_id"]), str(raw.get("course_sha256", "")),
                       lessons)
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def save(self, folder: Path) -> None:
        data = {
            "format": FORMAT,
            "source": self.source,
            "kind": self.kind,
            "course_id": self.course_id,
            "course_sha256": self.course_sha256,
            "lessons": [
                {"key": item.key, "file": item.file, "id": item.lesson_id, "title": item.title, "sha256": item.sha256}
                for item in self.lessons.values()
            ],
        }
        write_text_atomic(folder / COURSE_RECORD, json.dumps(data, indent=1, ensure_ascii=False) + "\n")


class OwnCourses:
    """The course folders `add` made for this workspace (see the module docstring)."""

    def __init__(self, workspace_dir: Path) -> None:
        self.path = workspace_dir / OWN_COURSES

    def _load(self) -> list[dict[str, object]]:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return []
        folders = raw.get("folders") if isinstance(raw, dict) else None
        return [item for item in folders if isinstance(item, dict)] if isinstance(folders, list) else []

    def remember(self, folder: Path) -> None:
        identity = _identity(folder)
        if identity is None:
            return
        key = str(folder.resolve())
        kept = [item for item in self._load() if item.get("folder") != key]
        kept.append({"folder": key, "device": identity[0], "inode": identity[1]})
        write_text_atomic(self.path, json.dumps({"folders": kept}, indent=1) + "\n")

    def is_own(self, folder: Path) -> bool:
        """True for a folder `add` made here, still the same folder (not a link, not replaced)."""
        identity = _identity(folder)
        if identity is None:
            return False
        key = str(folder.resolve())
        return any(
            item.get("folder") == key and item.get("device") == identity[0] and item.get("inode") == identity[1]
            for item in self._load()
        )

    def owning(self, path: Path) -> Path | None:
        """The own course folder that holds `path`, if any."""
        resolved = path.resolve()
        for item in self._load():
            folder = Path(str(item.get("folder")))
            if resolved.is_relative_to(folder) and self.is_own(folder):
                return folder
        return None


def _identity(folder: Path) -> tuple[int, int] | None:
    try:
        status = os.lstat(folder)
    except OSError:
        return None
    if not os.path.isdir(folder) or os.path.islink(folder):
        return None
    return (status.st_dev, status.st_ino)
