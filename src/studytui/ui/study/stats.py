"""Study statistics: pass-2 time against the video (the method's 2-3x), notes per minute, streak."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from studytui.core.lessons import LessonLibrary
from studytui.core.study import StudyLog
from studytui.core.timecode import format_clock
from studytui.ui.widgets.safe_text import data_text

COLUMNS = ("lesson", "video", "pass 1", "pass 2", "pass 2 / video", "notes/min", "cells", "exercises",
           "pastes refused", "passes done")


class StatsScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q", "dismiss", "Close")]

    def __init__(self, library: LessonLibrary, log: StudyLog) -> None:
        super().__init__()
        self.library, self.study_log = library, log

    def compose(self) -> ComposeResult:
        streak = self.study_log.days_in_a_row()
        with Vertical(id="stats-box"):
            yield Static(
                Text.assemble(
                    ("Study statistics", "bold"),
                    f"   days studied in a row: {streak}   ",
                    ("the method: pass 2 takes 2-3x the video", "dim"),
                )
            )
            yield DataTable(id="stats-table", zebra_stripes=True, cursor_type="row")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(*COLUMNS)
        for course in self.library.courses():
            totals = [0.0, 0.0, 0.0]
            for lesson in course.lessons:
                stats = self.study_log.lesson_stats(lesson.id)
                totals[0] += lesson.duration
                totals[1] += stats.watch_seconds
                totals[2] += stats.study_seconds
                ratio = stats.study_ratio(lesson.duration)
                table.add_row(
                    data_text(lesson.title[:48]),
                    format_clock(lesson.duration),
                    format_clock(stats.watch_seconds),
                    format_clock(stats.study_seconds),
                    Text(f"{ratio:.2f}x", style="green" if 2 <= ratio <= 3 else ""),
                    f"{stats.notes_per_minute(lesson.duration):.2f}",
                    str(stats.cells),
                    f"{stats.exercises_passed}/{stats.exercises_tried}",
                    str(stats.pastes_refused),
                    " ".join(f"✓{p}" for p in sorted(stats.passes_done)) or "-",
                )
            ratio = totals[2] / totals[0] if totals[0] else 0.0
            table.add_row(
                data_text(f"{course.title} (course)", style="bold"),
                format_clock(totals[0]),
                format_clock(totals[1]),
                format_clock(totals[2]),
                Text(f"{ratio:.2f}x", style="bold"),
                "", "", "", "", "",
            )
