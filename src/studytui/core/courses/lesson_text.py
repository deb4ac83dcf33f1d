"""The markdown `add` writes: a course.md and one lesson file per video, in the lesson format.

Every value that came from the source (titles, channel, chapter names) is data: YAML-quoted in the
front matter, one line of clean text in a heading, never markup the loader would act on.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from studytui.core.courses.model import VideoChapter, VideoEntry
from studytui.core.courses.slugs import one_line

UNKNOWN_DURATION = 3 * 3600.0  # a bound for a video whose length the source does not give
LONGEST = 24 * 3600.0  # the lesson format's limit
NO_CHAPTERS = (
    "This video lists no chapters of its own. Add them as you watch: a heading `## 12:34 What starts here` "
    "at the video time each part starts, in time order; the outline follows the file."
)


@dataclass(frozen=True)
class LessonPlan:
    """Where and as what a video is written."""

    file_name: str
    lesson_id: str
    order: int


def heading_time(seconds: float) -> str:
    """`00:19:09`: the chapter time as the bundled lessons write it."""
    total = max(0, int(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}"


def _clock(seconds: float) -> str:
    total = max(0, math.ceil(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"


def front_matter(values: dict[str, object]) -> str:
    """A YAML mapping between `---` lines; strings always quoted by the YAML library itself."""
    import yaml  # loaded when a course is written, not with the app's first screen

    text = yaml.safe_dump(values, sort_keys=False, allow_unicode=True, width=10**9, default_style=None)
    return f"---\n{text}---\n"


def usable_duration(duration: float | None) -> float | None:
    """The duration when it is one the lesson format takes; None when unknown or absurd."""
    if duration is None or not math.isfinite(duration) or duration <= 0:
        return None
    return min(duration, LONGEST)


def usable_chapters(chapters: tuple[VideoChapter, ...], duration: float | None) -> list[VideoChapter]:
    """Chapters in time order, inside the video, one per second; titles as safe single lines."""
    kept: list[VideoChapter] = []
    seen: set[int] = set()
    for chapter in sorted(chapters, key=lambda c: c.start if math.isfinite(c.start) else -1.0):
        if not math.isfinite(chapter.start) or chapter.start < 0 or chapter.start >= LONGEST:
            continue
        if duration is not None and chapter.start >= duration:
            continue
        second = int(chapter.start)
        if second in seen:
            continue
        seen.add(second)
        kept.append(VideoChapter(float(second), one_line(chapter.title) or f"Chapter {len(kept) + 1}"))
    return kept


def lesson_markdown(entry: VideoEntry, plan: LessonPlan, course_title: str) -> str:
    """The lesson file for one video."""
    duration = usable_duration(entry.duration)
    values: dict[str, object] = {
        "id": plan.lesson_id,
        "title": one_line(entry.title) or f"Video {plan.order}",
        "course": course_title,
        "order": plan.order,
        "video": entry.video,
        "duration": _clock(duration) if duration is not None else f"~{_clock(UNKNOWN_DURATION)}",
    }
    body: list[str] = []
    if duration is None:
        body.append(
            f"The source gives no length for this video: the duration above is a bound ({_clock(UNKNOWN_DURATION)}), "
            "not its length. Write the real one when you know it."
        )
    chapters = usable_chapters(entry.chapters, duration)
    if chapters:
        for chapter in chapters:
            body.append(f"## {heading_time(chapter.start)} {chapter.title}")
    else:
        body += [f"## {heading_time(0)} Start", NO_CHAPTERS]
    return front_matter(values) + "\n" + "\n\n".join(body) + "\n"


def course_markdown(course_id: str, title: str, channel: str, link: str, kind: str) -> str:
    """The course.md: its id and title, and where it came from."""
    lines = []
    if kind == "folder":
        lines.append(f"Videos from the folder {one_line(link, 1000)}.")
    else:
        by = f" by {one_line(channel)}" if channel else ""
        lines.append(f"A course{by}: {one_line(link, 1000)}")
    lines.append("Added with `studytui add`: run it again to add new videos; lessons you have edited are never "
                 "written over.")
    return front_matter({"id": course_id, "title": title}) + "\n" + "\n\n".join(lines) + "\n"
