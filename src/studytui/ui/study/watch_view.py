"""Pass 1, just watching: the clock large, the chapter in progress and what comes next.

Pass 2 never shows it, and pass 2 is the daily case: its children are composed the first time pass 1
shows it (`build`); `show` before then keeps what to show, and `build` shows it.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.containers import Vertical
from textual.widgets import Digits, Static

from studytui.core.lessons import Lesson
from studytui.core.timecode import format_clock, format_time
from studytui.ui.widgets.safe_text import data_text

HINT = (
    "Pass 1: just watch, start to finish. Get the shape of the material; don't take notes or code.\n"
    "ctrl+t pauses with the video · ctrl+n drops a bookmark to revisit · ctrl+o switches to pass 2"
)


class WatchView(Vertical):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._shown: tuple[Lesson | None, float, bool] = (None, 0.0, False)
        self._built = False

    def build(self) -> None:
        """Its children, the first time it shows. A widget mounted into it before (the transcript's
        caption) keeps its place: under the chapters, above the hint."""
        if self._built:
            return
        self._built = True
        top = (Static("", id="watch-lesson"), Digits("0:00:00", id="watch-clock"), Static("", id="watch-chapter"),
               Static("", id="watch-next"))
        if self.children:
            self.mount(*top, before=0)
        else:
            self.mount(*top)
        self.mount(Static(HINT, id="watch-hint"))
        self.show(*self._shown)

    def show(self, lesson: Lesson | None, position: float, playing: bool) -> None:
        if lesson is None:
            return
        self._shown = (lesson, position, playing)
        if not self._built:
            return
        self.query_one("#watch-lesson", Static).update(data_text(lesson.title, style="bold"))
        self.query_one(Digits).update(format_clock(position))
        index = lesson.chapter_index_at(position)
        chapter_text = Text()
        if index is not None:
            chapter = lesson.chapters[index]
            chapter_text.append(data_text(f"{format_time(chapter.start)}  {chapter.title}\n", style="bold cyan"))
            chapter_text.append(data_text(chapter.summary))
        chapter_text.append("\n\n" + ("▶ playing" if playing else "‖ paused"), style="dim")
        self.query_one("#watch-chapter", Static).update(chapter_text)
        following = index + 1 if index is not None else 0
        upcoming = Text()
        if following < len(lesson.chapters):
            chapter = lesson.chapters[following]
            upcoming.append("next: ", style="dim")
            upcoming.append(data_text(f"{format_time(chapter.start)} {chapter.title}"))
        self.query_one("#watch-next", Static).update(upcoming)
