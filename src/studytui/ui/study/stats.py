"""Study statistics: pass-2 time against the video (the method's 2-3x), notes per minute, streak.

Fits 80 columns: the open lesson's course comes first with a row a lesson; every other course is
one folded row (enter unfolds it). Narrow screens drop the columns that matter least (pass 1 time,
cells, refused pastes); lesson titles are cut, never the figures. Exercises (ex.) are passed/total.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from studytui.core.lessons import Course, Lesson, LessonLibrary, distinct_titles, fit_title
from studytui.core.study import DEFAULT_IDLE_MINUTES, LessonStats, StudyLog
from studytui.core.timecode import format_clock
from studytui.ui.widgets.safe_text import data_text

WIDE = 110  # columns of the table from which every figure fits
NARROW_COLUMNS = ("lesson", "video", "pass 2", "×video", "notes/min", "ex.")
WIDE_COLUMNS = ("lesson", "video", "pass 1", "pass 2", "×video", "notes/min", "own words", "cells", "ex.",
                "pastes refused")
# Fixed widths: the table is laid out once, not re-measured as rows arrive.
FIXED_WIDTHS = {"video": 8, "pass 1": 8, "pass 2": 8, "×video": 6, "notes/min": 9, "own words": 9, "cells": 5, "ex.": 5,
                "pastes refused": 14}
CELL_PADDING = 2  # DataTable pads each cell by one column on each side
MIN_TITLE = 12


@dataclass(frozen=True)
class StatsRow:
    """The figures of one lesson, or of a course (lesson None) summed over its lessons."""

    title: str
    video: float
    watch: float
    study: float
    notes_per_minute: float
    cells: int
    passed: int
    exercises: int
    pastes: int
    done: str
    own_words: float | None = None  # share of notes not copied from the lecture
    distinct: str = ""  # the title without the words its course's other titles open with too

    def ratio(self) -> float:
        return self.study / self.video if self.video else 0.0


def lesson_row(lesson: Lesson, stats: LessonStats, distinct: str = "") -> StatsRow:
    done = "".join(f"✓{p}" for p in sorted(stats.passes_done))
    return StatsRow(lesson.title, lesson.duration, stats.watch_seconds, stats.study_seconds,
                    stats.notes_per_minute(lesson.duration), stats.cells,
                    min(stats.exercises_passed, len(lesson.exercises)), len(lesson.exercises),
                    stats.pastes_refused, done, stats.own_words_share, distinct)


def course_row(course: Course, rows: list[StatsRow], folded: bool) -> StatsRow:
    video = sum(row.video for row in rows)
    notes = sum(row.notes_per_minute * row.video / 60 for row in rows)
    mark = "▶ " if folded else "▼ "
    return StatsRow(f"{mark}{course.title} ({len(rows)})", video,
                    sum(r.watch for r in rows), sum(r.study for r in rows),
                    notes / (video / 60) if video else 0.0, sum(r.cells for r in rows), sum(r.passed for r in rows),
                    sum(r.exercises for r in rows), sum(r.pastes for r in rows), "")


def stats_cells(row: StatsRow, columns: tuple[str, ...], title_width: int, bold: bool = False) -> list[Text]:
    # Finished passes first, like the outline: a cut title never hides them.
    room = title_width - (len(row.done) + 1 if row.done else 0)
    title = fit_title(row.title, room, row.distinct or row.title)  # what tells it from its siblings
    title = title if len(title) <= room else title[: max(1, room - 1)] + "…"
    lesson = Text(f"{row.done} " if row.done else "", style="bold green")
    lesson.append_text(data_text(title, style="bold" if bold else ""))  # titles come from lesson files
    ratio = row.ratio()
    values = {
        "lesson": lesson,
        "video": Text(format_clock(row.video)),
        "pass 1": Text(format_clock(row.watch)),
        "pass 2": Text(format_clock(row.study)),
        "×video": Text(f"{ratio:.2f}x", style="green" if 2 <= ratio <= 3 else ""),
        "notes/min": Text(f"{row.notes_per_minute:.2f}"),
        "cells": Text(str(row.cells)),
        "ex.": Text(f"{row.passed}/{row.exercises}" if row.exercises else "-",
                          style="bold green" if row.exercises and row.passed == row.exercises else ""),
        "pastes refused": Text(str(row.pastes)),
        "own words": _share(row.own_words),
    }
    return [values[column] for column in columns]


def layout_for(width: int) -> tuple[tuple[str, ...], int]:
    """The columns that fit `width`, and how wide lesson titles may be."""
    columns = WIDE_COLUMNS if width >= WIDE else NARROW_COLUMNS
    used = sum(FIXED_WIDTHS.get(column, 0) + CELL_PADDING for column in columns) + CELL_PADDING
    return columns, max(MIN_TITLE, width - used - 2)  # 2: the table's scrollbar gutter


def minutes_words(minutes: float) -> str:
    """`5 minutes`, `1 minute`, `30 seconds`."""
    if minutes < 1:
        seconds = round(minutes * 60)
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    shown = f"{minutes:g}"
    return f"{shown} minute{'s' if shown != '1' else ''}"


def _share(share: float | None) -> Text:
    """Notes in the learner's own words, as a percentage; what is copied from the lecture shows."""
    if share is None:
        return Text("-")
    return Text(f"{share:.0%}", style="" if share >= 0.9 else "yellow")


class StatsScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q", "dismiss", "Close", priority=True)]

    def __init__(self, library: LessonLibrary, log: StudyLog, current_lesson: str | None = None,
                 idle_minutes: float = DEFAULT_IDLE_MINUTES) -> None:
        super().__init__()
        self.idle_words = minutes_words(idle_minutes)
        self.library, self.study_log = library, log
        current = library.find(current_lesson) if current_lesson else None
        courses = list(library.courses())
        self.courses = sorted(courses, key=lambda course: current is None or current not in course.lessons)
        self.unfolded = {self.courses[0].title} if self.courses else set()

    def compose(self) -> ComposeResult:
        streak = self.study_log.days_in_a_row()
        with Vertical(id="stats-box"):
            yield Static(Text.assemble(("Study statistics", "bold"), f"  days in a row: {streak}  ",
                                       ("pass 2: 2-3x the video", "dim")))
            yield Static(Text(f"Time counts while the video plays, and paused within {self.idle_words} of "
                              "your last key: idle time is not counted.", style="dim"), id="stats-active")
            yield DataTable(id="stats-table", zebra_stripes=True, cursor_type="row")
            yield Static(Text("enter on a course folds or unfolds it · escape closes", style="dim"))

    def on_mount(self) -> None:
        self.call_after_refresh(self.fill)  # the table's width is known once it is laid out

    def fill(self) -> None:
        table = self.query_one(DataTable)
        columns, title_width = layout_for(table.size.width or self.app.size.width)
        table.clear(columns=True)
        for column in columns:
            table.add_column(column, width=FIXED_WIDTHS.get(column, title_width))
        for course in self.courses:
            titles = distinct_titles([lesson.title for lesson in course.lessons])
            rows = [(lesson.id, lesson_row(lesson, self.study_log.lesson_stats(lesson.id), distinct))
                    for lesson, distinct in zip(course.lessons, titles, strict=True)]
            folded = course.title not in self.unfolded
            total = course_row(course, [row for _, row in rows], folded)
            table.add_row(*stats_cells(total, columns, title_width, bold=True), key=f"course:{course.title}")
            if not folded:
                for lesson_id, row in rows:
                    table.add_row(*stats_cells(row, columns, title_width), key=f"lesson:{lesson_id}")

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        key = str(event.row_key.value or "")
        if key.startswith("course:"):
            title = key.removeprefix("course:")
            self.unfolded ^= {title}
            self.fill()
            table = self.query_one(DataTable)
            row = table.get_row_index(key)
            table.move_cursor(row=row, scroll=False)  # stay on the course just unfolded, its lessons below it
            table.call_after_refresh(table.scroll_to, y=row, animate=False)
