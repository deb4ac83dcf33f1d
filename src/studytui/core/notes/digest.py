"""One markdown digest of a lesson: notes, open questions, exercises, and the code that was run."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from studytui.config import DIGESTS_FOLDER, Settings
from studytui.core.files import read_regular_text, write_text_atomic
from studytui.core.lessons import Lesson
from studytui.core.notes.document import heading_words, parse_stamps
from studytui.core.study import StudyLog
from studytui.core.timecode import format_clock, format_time

# Which rows of the notes hold questions still open (review's rule: an answer written under a
# question makes it a card); passed in, since the review domain reads the notes, not the reverse.
OpenQuestions = Callable[[str], Iterable[int]]


def lesson_digest(
    lesson: Lesson, notes_text: str, log: StudyLog, notebook: Path | None, open_questions: OpenQuestions | None = None
) -> str:
    stats = log.lesson_stats(lesson.id)
    stamps = parse_stamps(notes_text)
    open_rows = set(open_questions(notes_text)) if open_questions is not None else None
    questions = [s for s in stamps if s.kind == "question" and (open_rows is None or s.line in open_rows)]
    bookmarks = [s for s in stamps if s.kind == "bookmark"]
    lines = [f"# Digest: {heading_words(lesson.title)}", ""]
    if lesson.video:
        lines.append(f"Video: {lesson.video} ({format_clock(lesson.duration)})")
    lines += [
        f"Passes done: {', '.join(str(p) for p in sorted(stats.passes_done)) or 'none yet'}. "
        f"Pass 2 time: {format_clock(stats.study_seconds)} "
        f"({stats.study_ratio(lesson.duration):.1f}x the video). "
        f"Notes: {stats.notes}. Cells run: {stats.cells}. "
        f"Exercises passed: {stats.exercises_passed} of {stats.exercises_tried} tried.",
        "",
        "## Open questions",
        "",
    ]
    lines += [_item(s.seconds, s.text, lesson) for s in questions] or ["None: every question answered."]
    if bookmarks:
        lines += ["", "## Bookmarks to revisit", ""]
        lines += [_item(s.seconds, "", lesson) for s in bookmarks]
    lines += ["", "## Code", ""]
    if notebook is not None and notebook.exists():
        lines.append(f"Every cell run in this lesson, with its output: [{notebook.name}]({notebook.as_uri()})")
    else:
        lines.append("No cells recorded for this lesson yet.")
    body = notes_text.strip()
    if body.startswith("# "):
        body = body.split("\n", 1)[1].strip() if "\n" in body else ""
    lines += ["", "## Notes", "", _demote_headings(body) or "No notes yet.", ""]
    return "\n".join(lines)


def _item(seconds: float, text: str, lesson: Lesson) -> str:
    link = lesson.video_link(seconds)
    stamp = f"[{format_time(seconds)}]({link})" if link else f"[{format_time(seconds)}]"
    return f"- {stamp} {text}".rstrip()


def _demote_headings(markdown: str) -> str:
    """Notes headings sit one level below the digest's own sections (code fences left alone)."""
    lines, in_fence = [], False
    for line in markdown.split("\n"):
        if line.lstrip().startswith("```"):
            in_fence = not in_fence
        lines.append("#" + line if line.startswith("#") and not in_fence else line)
    return "\n".join(lines)


def digest_path(settings: Settings, lesson: Lesson) -> Path:
    return settings.path_in_notes(DIGESTS_FOLDER, f"{lesson.id}.md")


def write_digest(
    settings: Settings,
    lesson: Lesson,
    log: StudyLog,
    out: Path | None = None,
    open_questions: OpenQuestions | None = None,
) -> Path:
    notes_path = settings.notes_path(lesson.id)
    try:
        notes_text = read_regular_text(notes_path)
    except FileNotFoundError:
        notes_text = ""
    notebook = notes_path.with_suffix(".ipynb")
    target = out or digest_path(settings, lesson)
    write_text_atomic(target, lesson_digest(lesson, notes_text, log, notebook, open_questions))
    return target
