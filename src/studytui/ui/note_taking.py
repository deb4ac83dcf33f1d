"""ctrl+n and alt+n: a note at the lecture's time, the one key that means something else in each pass.

In pass 2 ctrl+n starts a stamped note in the notes pane (pausing the video when the settings say
so) and alt+n puts the last cell and its output there under a stamp; in pass 1, which is for
watching, ctrl+n drops a bookmark instead. Both cross three features (the clock of the session,
the pass of the study feature, the notes and code panes), so they sit beside the study screen
that owns those features rather than in any one of them. So does the word a pass-2 key (f3, f4,
alt+o, alt+n) says in pass 1 instead of acting.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.widget import Widget

from studytui.config import Settings
from studytui.ui.code import CodePane
from studytui.ui.notes import NotesPane
from studytui.ui.session import StudySession
from studytui.ui.study import Study

NO_LESSON = "Open a lesson first: pick one in the outline (f2)."


@dataclass
class NoteTaking:
    settings: Settings
    session: StudySession
    study: Study
    notes: NotesPane
    code: CodePane
    notifier: Widget  # the screen: where the notices show

    def stamp_seconds(self) -> float:
        return max(0.0, self.session.clock.position - self.settings.stamp_offset)

    def pass_two_needed(self, what: str) -> bool:
        """True in pass 2; in pass 1, a notice that `what` (its verb included: "Notes are") waits for pass 2."""
        if self.study.current_pass() == 1:
            self.notifier.notify(f"{what} for pass 2; pass 1 is for watching. ctrl+o switches passes.")
            return False
        return True

    def new_note(self) -> None:
        lesson = self.session.lesson
        if lesson is None:
            self.notifier.notify(NO_LESSON, severity="warning")
            return
        seconds = self.stamp_seconds()
        if self.study.current_pass() == 1:
            self.study.drop_bookmark(lesson, seconds)  # pass 1 is for watching
            return
        if self.settings.pause_on_note:
            self.session.pause()
        self.notes.add_stamped_note(lesson, seconds)

    def note_cell(self) -> None:
        """The last cell (or the one in view in the output log) and its output into the notes, under
        a note at the current time: the learner's own code, kept with its moment of the lecture."""
        lesson, cell = self.session.lesson, self.code.cell_to_note()
        if lesson is None:
            self.notifier.notify(NO_LESSON, severity="warning")
            return
        if cell is None:
            self.notifier.notify("No cell to note yet: run one in the code pane (f4) first.", severity="warning")
            return
        if not self.pass_two_needed("Notes are"):
            return
        if self.notes.add_cell_at_time(lesson, self.stamp_seconds(), cell.code, cell.output):
            self.notifier.notify("The cell and its output are in your notes: say what it shows.", title="Noted")
