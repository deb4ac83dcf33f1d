"""Adding a course: each video of a source becomes a lesson file in a course folder, as it is read.

Run again on the same source, it updates the folder: new videos are added, lessons `add` wrote and
the learner never touched are refreshed, lessons the learner edited are kept as they are, and videos
gone from the source are reported (their lessons stay). Each lesson is written as soon as its video
is read, and the record after it, so a stop (ctrl+c, a cancel from the app) keeps what is written.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from studytui.core.courses.lesson_text import LessonPlan, course_markdown, lesson_markdown
from studytui.core.courses.model import AddProgress, AddReport, CourseSource, CourseSourceError, VideoEntry
from studytui.core.courses.record import CourseRecord, OwnCourses, WrittenLesson, file_hash, text_hash
from studytui.core.courses.slugs import COURSE_SLUG_LENGTH, LESSON_SLUG_LENGTH, one_line, slug
from studytui.core.files import write_text_atomic
from studytui.core.lessons import COURSE_FILE, is_safe_id

MAX_ID = 100
RECORD_EVERY = 1.0  # seconds between saves of the course record while adding (a lesson written meanwhile
# and lost from the record by a crash is recognised by its text on the next run)


def read_source(text: str, language: str = "en", captions_dir: Path | None = None) -> CourseSource:
    """What the learner typed: a folder of videos (read with ffprobe), an info JSON saved by
    `yt-dlp -J URL` (no network), else a URL (read with yt-dlp). Raises CourseSourceError for another
    file or nothing typed, and as the readers do."""
    from studytui.core.courses.local import read_folder
    from studytui.core.courses.online import read_info_json, read_online

    text = text.strip()
    if not text:
        raise CourseSourceError("give a playlist or video URL, or a folder of videos")
    path = Path(text).expanduser()
    if "://" not in text and path.is_dir():
        return read_folder(path, language, captions_dir)
    if "://" not in text and path.suffix.lower() == ".json" and path.is_file():
        return read_info_json(path, language, captions_dir)
    if "://" not in text and path.exists():
        raise CourseSourceError(f"{text} is a file: give the folder its videos are in, a URL, "
                                "or an info JSON saved by `yt-dlp -J URL`")
    if "://" not in text and text.startswith(("/", "~", "./", "../")):
        raise CourseSourceError(f"there is no folder or file at {text}")
    return read_online(text, language, captions_dir)


def course_folder_for(source: CourseSource, courses_dir: Path, own: OwnCourses) -> tuple[Path, CourseRecord | None]:
    """The folder `add` made for this source before (found by its record, and one of this workspace's
    own courses: a folder copied in with a record of its own is never written into), else a new one."""
    if courses_dir.is_dir():
        for record_folder in sorted(path for path in courses_dir.iterdir() if path.is_dir() and not path.is_symlink()):
            record = CourseRecord.read(record_folder)
            if record is not None and record.source == source.link and own.is_own(record_folder):
                return record_folder, record
    base = slug(one_line(source.title), COURSE_SLUG_LENGTH, "course")
    candidate, number = base, 2
    while (courses_dir / candidate).exists() or (courses_dir / candidate).is_symlink():
        candidate = f"{base}-{number}"
        number += 1
    return courses_dir / candidate, None


def add_course(
    source: CourseSource,
    courses_dir: Path,
    workspace_dir: Path,
    *,
    transcripts_dir: Path | None = None,
    on_progress: Callable[[AddProgress], None] | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> AddReport:
    """Write (or update) the course of `source` in `courses_dir`; see the module docstring.

    `on_progress` is called after each video; `cancelled` is asked before each one, and ctrl+c
    (KeyboardInterrupt) stops the same way: the report says `stopped`, and what is written stays.
    With `transcripts_dir`, each video's captions are fetched there too.
    Raises CourseSourceError or OSError when the course folder cannot be made.
    """
    own = OwnCourses(workspace_dir)
    folder, record = course_folder_for(source, courses_dir, own)
    title = one_line(source.title) or folder.name
    report = AddReport(folder=folder, title=title)
    if record is None:
        folder.mkdir(parents=True)
        record = CourseRecord(source.link, source.kind, folder.name)
        record.save(folder)
        own.remember(folder, record)
    report.course_id = record.course_id
    if not is_safe_id(record.course_id):
        raise CourseSourceError(f"{folder / COURSE_FILE}: the course id {record.course_id!r} is no safe id")
    _write_course_file(folder, record, title, source)
    writer = _LessonWriter(folder, record, title, report, transcripts_dir, source)
    seen: set[str] = set()
    try:
        for done, entry in enumerate(source.entries, start=1):
            seen.add(entry.key)
            outcome = writer.write(entry, entry.position or done, source.count)
            if on_progress is not None:
                on_progress(AddProgress(entry.position or done, source.count, one_line(entry.title), outcome))
            if cancelled():
                report.stopped = True
                break
    except KeyboardInterrupt:
        report.stopped = True
    finally:
        record.save(folder)
    report.skipped += source.skipped
    if not report.stopped:  # a video the source could not read this time is skipped, not gone
        report.gone = [item.title or item.file for key, item in record.lessons.items()
                       if key not in seen and key not in source.unread]
    return report


def _write_course_file(folder: Path, record: CourseRecord, title: str, source: CourseSource) -> None:
    path = folder / COURSE_FILE
    current = file_hash(path)
    if path.exists() and current != record.course_sha256:
        return  # the learner's course.md (or not add's): never written over
    text = course_markdown(record.course_id, title, source.channel, source.link, source.kind)
    if current != text_hash(text):
        write_text_atomic(path, text)
    record.course_sha256 = text_hash(text)


class _LessonWriter:
    def __init__(self, folder: Path, record: CourseRecord, course_title: str, report: AddReport,
                 transcripts_dir: Path | None, source: CourseSource) -> None:
        self.folder = folder
        self.record = record
        self.course_title = course_title
        self.report = report
        self.transcripts_dir = transcripts_dir
        self.source = source
        self.ids = {item.lesson_id for item in record.lessons.values()}
        self.files = {item.file for item in record.lessons.values()}
        self.saved = time.monotonic()

    def write(self, entry: VideoEntry, position: int, total: int | None) -> str:
        earlier = self.record.lessons.get(entry.key) or self._written_before_a_crash(entry, position, total)
        plan = self._plan(entry, position, total, earlier)
        text = lesson_markdown(entry, plan, self.course_title)
        path = self.folder / plan.file_name
        outcome = self._put(path, text, earlier)
        if outcome in ("added", "updated") or entry.key not in self.record.lessons:
            self.record.lessons[entry.key] = WrittenLesson(entry.key, plan.file_name, plan.lesson_id,
                                                           one_line(entry.title), text_hash(text))
            if time.monotonic() - self.saved >= RECORD_EVERY:  # and durably once, at the end
                self.record.save(self.folder, durable=False)
                self.saved = time.monotonic()
        if self.transcripts_dir is not None and self.source.write_captions is not None:
            try:
                self.report.captions += self.source.write_captions(entry, plan.lesson_id)
            except CourseSourceError as error:
                self.report.skipped.append(f"captions of {one_line(entry.title)}: {error}")
        return outcome

    def _put(self, path: Path, text: str, earlier: WrittenLesson | None) -> str:
        # Lesson files are written without an fsync each (200 of them took a second): one lost in a
        # crash, missing or empty, is simply written again by the next run.
        if earlier is None or _missing_or_empty(path):
            write_text_atomic(path, text, durable=False)
            self.report.added.append(path)
            return "added"
        current = file_hash(path)
        if current != earlier.sha256:
            self.report.kept_edited.append(path)
            return "kept"
        if current == text_hash(text):
            self.report.unchanged.append(path)
            return "unchanged"
        write_text_atomic(path, text, durable=False)
        self.report.updated.append(path)
        return "updated"

    def _names(self, entry: VideoEntry, position: int, total: int | None) -> tuple[str, str]:
        """The file name (without .md) and lesson id a new video is given, before making them unique."""
        words = slug(one_line(entry.title), LESSON_SLUG_LENGTH, "video")
        width = max(2, len(str(total or 0)), len(str(position)))
        number = f"{position:0{width}d}"
        return f"{number}-{words}", f"{self.record.course_id}-{number}-{words}"[:MAX_ID].rstrip("-._")

    def _written_before_a_crash(self, entry: VideoEntry, position: int, total: int | None) -> WrittenLesson | None:
        """A lesson file written for this video by a run that stopped before its record was saved."""
        name, lesson_id = self._names(entry, position, total)
        if f"{name}.md" in self.files or lesson_id in self.ids:
            return None
        text = lesson_markdown(entry, LessonPlan(f"{name}.md", lesson_id, position), self.course_title)
        if file_hash(self.folder / f"{name}.md") != text_hash(text):
            return None
        self.files.add(f"{name}.md")
        self.ids.add(lesson_id)
        return WrittenLesson(entry.key, f"{name}.md", lesson_id, one_line(entry.title), text_hash(text))

    def _plan(self, entry: VideoEntry, position: int, total: int | None, earlier: WrittenLesson | None) -> LessonPlan:
        if earlier is not None:
            return LessonPlan(earlier.file, earlier.lesson_id, position)
        number_words, wanted_id = self._names(entry, position, total)
        lesson_id = self._unique(self.ids, wanted_id, lambda name: False)
        self.ids.add(lesson_id)
        file_name = self._unique(self.files, number_words, lambda name: (self.folder / f"{name}.md").exists()) + ".md"
        self.files.add(file_name.removesuffix(".md"))
        self.files.add(file_name)
        return LessonPlan(file_name, lesson_id, position)

    @staticmethod
    def _unique(taken: set[str], wanted: str, exists: Callable[[str], bool]) -> str:
        candidate, number = wanted, 2
        while candidate in taken or f"{candidate}.md" in taken or exists(candidate):
            suffix = f"-{number}"
            candidate = wanted[: MAX_ID - len(suffix)] + suffix
            number += 1
        return candidate


def _missing_or_empty(path: Path) -> bool:
    try:
        return not path.is_symlink() and path.stat().st_size == 0
    except FileNotFoundError:
        return True
