"""The courses domain: a learner's own course, made from a playlist, a video or a folder of videos.

`studytui add` (and the app) read a source (online with yt-dlp's Python API, metadata only; a
saved yt-dlp info JSON; a folder of videos read with ffprobe) and write a course folder in the lesson
format: a course.md and one lesson file per video with its chapters. Running it again updates the
folder without writing over what the learner edited (record.py). The course folders `add` made are
remembered in the workspace, so they need no trust step. `insert_chapter` adds a chapter heading to
a lesson file while watching (`retitle_chapter` gives it the title typed, `remove_chapter` takes it
out again). Headless; other packages import from here only.
"""

from __future__ import annotations

from studytui.core.courses.adding import add_course, read_source
from studytui.core.courses.chapters import ChapterGone, ChapterPlace, insert_chapter, remove_chapter, retitle_chapter
from studytui.core.courses.lesson_text import NO_CHAPTERS, heading_time
from studytui.core.courses.local import FFPROBE_MISSING, read_folder, video_files
from studytui.core.courses.model import (
    AddProgress,
    AddReport,
    CourseSource,
    CourseSourceError,
    VideoChapter,
    VideoEntry,
)
from studytui.core.courses.online import read_info_json, read_online, video_entry, yt_dlp_options
from studytui.core.courses.record import COURSE_RECORD, OWN_COURSES, CourseRecord, OwnCourses
from studytui.core.courses.slugs import natural_key, one_line

__all__ = [
    "COURSE_RECORD",
    "FFPROBE_MISSING",
    "NO_CHAPTERS",
    "OWN_COURSES",
    "AddProgress",
    "AddReport",
    "ChapterGone",
    "ChapterPlace",
    "CourseRecord",
    "CourseSource",
    "CourseSourceError",
    "OwnCourses",
    "VideoChapter",
    "VideoEntry",
    "add_course",
    "heading_time",
    "insert_chapter",
    "natural_key",
    "one_line",
    "read_folder",
    "read_info_json",
    "read_online",
    "read_source",
    "remove_chapter",
    "retitle_chapter",
    "video_entry",
    "video_files",
    "yt_dlp_options",
]
