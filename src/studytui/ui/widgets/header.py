"""The top line: lesson title, lesson clock `h:mm:ss / duration`, playing or paused, kernel state."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from studytui.core.timecode import format_clock
from studytui.ui.widgets.safe_text import data_text

_KERNEL_STYLE = {
    "starting": "yellow", "idle": "green", "busy": "bold magenta", "dead": "bold red", "reconnecting": "bold yellow",
}


class LessonHeader(Static):
    title: reactive[str] = reactive("")
    position: reactive[int] = reactive(0)
    duration: reactive[int] = reactive(0)
    playing: reactive[bool] = reactive(False)
    kernel_state: reactive[str] = reactive("starting")
    kernel_where: reactive[str] = reactive("")  # "python3 @ gpu-box" for a kernel on a server
    study_pass: reactive[int] = reactive(2)
    speed: reactive[float] = reactive(1.0)
    video: reactive[bool] = reactive(False)  # the clock follows the video player (mpv)
    duration_approximate: reactive[bool] = reactive(False)  # shown as ~h:mm:ss
    no_video: reactive[bool] = reactive(False)  # a lesson of exercises only: no clock, no passes

    def render(self) -> Text:
        about = "~" if self.duration_approximate else ""
        clock = f"{format_clock(self.position)} / {about}{format_clock(self.duration)}"
        line = Text(" ")
        rest = Text("   ")
        if self.no_video:
            line.append(" exercises ", style="reverse magenta")
            rest.append("no video: no clock and no passes", style="dim")
        else:
            line.append(
                " pass 1: watch " if self.study_pass == 1 else " pass 2: study ",
                style="reverse blue" if self.study_pass == 1 else "reverse green",
            )
            rest.append(clock, style="bold")
            rest.append("  ")
            rest.append("▶ playing" if self.playing else "‖ paused", style="green" if self.playing else "yellow")
        line.append(" ")
        if self.speed != 1.0:
            rest.append(f" {self.speed:g}x", style="bold cyan")
        if self.video:
            rest.append(" mpv", style="dim")
        rest.append("   kernel: ")
        if self.kernel_where:
            rest.append(f"{self.kernel_where} ", style="cyan")
        rest.append(self.kernel_state, style=_KERNEL_STYLE.get(self.kernel_state, "red"))
        # The clock and the kernel state always show; a long title gives way.
        room = max(8, self.size.width - line.cell_len - rest.cell_len)
        title = data_text(self.title or "no lesson", style="bold")
        title.truncate(room, overflow="ellipsis")
        return line + title + rest
