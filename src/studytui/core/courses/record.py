"""What `add` wrote, remembered twice.

- In the course folder, `.studytui-course.json`: the source, and for each video its lesson file,
  id and the SHA-256 of the text written. A lesson file whose bytes still hash to that is `add`'s
  own and may be refreshed; any other is the learner's and is never written over.
- In the workspace (`<notes>/.studytui/own-courses.json`): the course folders `add` made, each with
  the hash of a random token that only its own record holds. A course folder there needs no trust
  step: studytui wrote it. A folder copied in from elsewhere (a stranger's, record file and all) is
  not listed, and a folder put in the place of one that is holds no token that hashes right (nobody
  outside this machine ever saw it), so both still ask.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from studytui.core.files import write_text_atomic
from studytui.core.lessons import is_safe_id

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
    token: str = field(default_factory=lambda: secrets.token_hex(16))  # see OwnCourses

    @classmethod
    def read(cls, folder: Path) -> CourseRecord | None:
        """The folder's record; None when there is none or it cannot be read (then nothing is `add`'s)."""
        try:
            raw = json.loads((folder / COURSE_RECORD).read_text(encoding="utf-8"))
            lessons = {
                str(item["key"]): WrittenLesson(str(item["key"]), str(item["file"]), str(item["id"]),
                                                str(item.get("title", "")), str(item["sha256"]))
                for item in raw["lessons"]
                if _plain_name(str(item["file"])) and is_safe_id(str(item["id"]))  # never a path out
            }
            return cls(str(raw["source"]), str(raw["kind"]), str(raw["course_id"]), str(raw.get("course_sha256", "")),
                       lessons, str(raw["token"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def save(self, folder: Path, *, durable: bool = True) -> None:
        data = {
            "format": FORMAT,
            "source": self.source,
            "kind": self.kind,
            "course_id": self.course_id,
            "course_sha256": self.course_sha256,
            "token": self.token,
            "lessons": [
                {"key": item.key, "file": item.file, "id": item.lesson_id, "title": item.title, "sha256": item.sha256}
                for item in self.lessons.values()
            ],
        }
        write_text_atomic(folder / COURSE_RECORD, json.dumps(data, ensure_ascii=False) + "\n", durable=durable)


class OwnCourses:
    """The course folders `add` made for this workspace (see the module docstring)."""

    def __init__(self, workspace_dir: Path) -> None:
        self.path = workspace_dir / OWN_COURSES

    def _load(self) -> dict[str, str]:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        folders = raw.get("folders") if isinstance(raw, dict) else None
        return {str(k): str(v) for k, v in folders.items()} if isinstance(folders, dict) else {}

    def remember(self, folder: Path, record: CourseRecord) -> None:
        folders = self._load()
        folders[str(folder.resolve())] = _token_hash(record.token)
        write_text_atomic(self.path, json.dumps({"folders": folders}, indent=1) + "\n")

    def is_own(self, folder: Path) -> bool:
        """True for a course folder `add` made here whose record still holds the token it was given."""
        if folder.is_symlink() or not folder.is_dir():
            return False
        wanted = self._load().get(str(folder.resolve()))
        record = CourseRecord.read(folder) if wanted is not None else None
        return record is not None and secrets.compare_digest(_token_hash(record.token), wanted or "")


def _plain_name(name: str) -> bool:
    """A lesson file name `add` could have written: a markdown file right in the course folder."""
    return name.endswith(".md") and Path(name).name == name and not name.startswith(".") and "\x00" not in name


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
