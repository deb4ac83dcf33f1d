"""The palette's "Add a course": a line for the URL or folder, then the adding's progress, then what it did.

The dialog only shows; the adding runs in the course adder (see `course_adder.py`), which outlives
it: Enter while it runs closes the dialog and the learner keeps studying, and the palette command
shows it again. Escape or ctrl+c stops the adding (what is written stays) or, before and after it,
closes the dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from studytui.core.courses import AddReport
from studytui.ui.screens.line_screen import LineScreen
from studytui.ui.widgets.ordered_keys import OrderedInput
from studytui.ui.widgets.safe_text import data_text

LINES_SHOWN = 8  # progress lines in the dialog: the last ones


@dataclass
class Adding:
    """One adding: what was typed, then what the adder heard from it (drawn by the dialog)."""

    typed: str
    title: str = ""  # the course's title, once its source is read
    count: int | None = None
    lines: list[str] = field(default_factory=list)  # `[12/40] added  Lecture 12`, the last LINES_SHOWN
    stopping: bool = False
    report: AddReport | None = None
    error: str | None = None

    @property
    def running(self) -> bool:
        return self.report is None and self.error is None

    def heard(self, line: str) -> None:
        self.lines = [*self.lines[-(LINES_SHOWN - 1):], line]


def keys_line(*pairs: tuple[str, str]) -> Text:
    text = Text()
    for index, (key, what) in enumerate(pairs):
        if index:
            text.append("   ")
        text.append(key, style="bold reverse")
        text.append(f" {what} ")
    return text


class AddCourseDialog(LineScreen[None]):
    DEFAULT_CSS = """
    AddCourseDialog { align: center middle; }
    AddCourseDialog > Vertical {
        width: 100; max-width: 100%; height: auto; max-height: 90%;
        border: thick $accent; background: $surface; padding: 0 1;
    }
    AddCourseDialog #add-course-source { margin: 1 0; }
    AddCourseDialog #add-course-progress { height: auto; margin: 1 0; }
    """
    BINDINGS = [
        Binding("escape,ctrl+c", "escape", "Stop / close", show=False, priority=True),
    ]

    def __init__(
        self, about: str, adding: Adding | None, start: Callable[[str], None], stop: Callable[[], None]
    ) -> None:
        """`about`: what can be typed and where the course goes; `adding`: the one running, if any."""
        super().__init__()
        self.about, self.adding = about, adding
        self.start, self.stop = start, stop

    def compose(self) -> ComposeResult:
        with Vertical(id="add-course-box") as box:
            box.border_title = "Add a course"
            yield Static(data_text(self.about), id="add-course-about")
            yield OrderedInput(placeholder="https://www.youtube.com/playlist?list=...   or   ~/Videos/lectures",
                               id="add-course-source")
            yield Static(id="add-course-progress")
            yield Static(id="add-course-keys")

    def on_mount(self) -> None:
        super().on_mount()
        self.show(self.adding)

    def takes_typing(self) -> bool:
        return self.adding is None

    def show(self, adding: Adding | None) -> None:
        """Draw the stage the adding is at: the line to type in, its progress, or what it did."""
        self.adding = adding
        if not self.is_mounted:
            return
        line = self.query_one(OrderedInput)
        progress = self.query_one("#add-course-progress", Static)
        keys = self.query_one("#add-course-keys", Static)
        line.display = adding is None
        self.query_one("#add-course-about").display = adding is None
        progress.display = adding is not None
        if adding is None:
            keys.update(keys_line(("enter", "adds it"), ("escape", "closes")))
            return
        progress.update(self.progress_text(adding))
        if adding.running:
            keys.update(keys_line(("escape", "stops (what is written stays)"),
                                  ("enter", "keep studying while it is added")))
        else:
            closes = keys_line(("enter", "or"))
            closes.append_text(keys_line(("escape", "closes")))
            keys.update(closes)

    @staticmethod
    def progress_text(adding: Adding) -> Text:
        text = Text()
        if adding.title:
            count = "its videos" if adding.count is None else f"{adding.count} video{'s' if adding.count != 1 else ''}"
            text.append_text(data_text(f"Adding {adding.title}: {count}", style="bold"))
        else:
            text.append_text(data_text(f"Reading {adding.typed}...", style="bold"))
        for line in adding.lines:
            text.append("\n")
            text.append_text(data_text(line))
        if adding.error is not None:
            text.append("\n")
            text.append_text(data_text(f"Not added: {adding.error}", style="bold red"))
        elif adding.report is not None:
            text.append("\n\n")
            text.append_text(data_text("\n".join(adding.report.summary())))
            text.append("\n")
            if adding.report.stopped:
                text.append("Stopped: what is written stays; add the same again to go on.", style="yellow")
            else:
                text.append("It is in the outline (f2), with your own courses.", style="green")
        elif adding.stopping:
            text.append("\nStopping after this video...", style="yellow")
        return text

    def enter(self) -> None:
        """Add what was typed; while it is added or once it is, close the dialog."""
        if self.adding is None:
            typed = self.typed.strip()
            if typed:
                self.start(typed)  # the adder shows its adding here
            return
        self.dismiss(None)  # running: it goes on, the learner keeps studying; finished: closed

    def action_escape(self) -> None:
        """Stop the adding while it runs (what is written stays), else close the dialog."""
        if self.adding is not None and self.adding.running:
            self.stop()
            return
        self.dismiss(None)
