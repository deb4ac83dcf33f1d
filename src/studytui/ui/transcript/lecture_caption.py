"""Pass 1 with captions: the line being spoken, large, under the clock (an option)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from studytui.core.transcripts import Transcript


class LectureCaption(Static):
    def show_at(self, transcript: Transcript | None, position: float) -> None:
        cue = transcript.cue_at(position) if transcript is not None else None
        self.update(Text(cue.text if cue is not None else "", style="bold"))
