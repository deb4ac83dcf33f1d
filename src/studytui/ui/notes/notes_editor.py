"""The notes editor: a TextArea that colours note kinds and says when its text is about to be drawn."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.document._edit import Edit
from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import TextArea
from textual.widgets.text_area import EditResult

from studytui.ui.notes.copied_marks import CopiedMarksGutter
from studytui.ui.notes.note_marks import mark_note_line
from studytui.ui.widgets.ordered_keys import OrderedKeys
from studytui.ui.widgets.paste_guard import PasteGuard
from studytui.ui.widgets.quick_height import QuickHeight
from studytui.ui.widgets.visible_controls import VisibleControls


class NotesEditor(OrderedKeys, QuickHeight, CopiedMarksGutter, VisibleControls, PasteGuard, TextArea):
    """``changes`` counts every change to the text (edits, undos, redos; loading a file is none).
    ``before_draw`` runs before any frame of the editor is drawn: what a frame shows can be
    written down before the learner sees it."""

    paste_area = "notes"
    changes = 0
    before_draw: Callable[[], None] | None = None

    def edit(self, edit: Edit) -> EditResult:
        result = super().edit(edit)
        self.changes += 1
        return result

    def undo(self) -> None:
        super().undo()
        self.changes += 1

    def redo(self) -> None:
        super().redo()
        self.changes += 1

    # While a frame is drawn, the text as it is for that frame: TextArea.render_line reads
    # `self.text` (the whole document joined) for every line it draws, 40 joins a frame, 3-4 ms
    # at 2,000 lines. Nothing edits the document during the synchronous draw.
    _drawing_text: str | None = None

    @property
    def text(self) -> str:
        if self._drawing_text is not None:
            return self._drawing_text
        return self.document.text

    @text.setter
    def text(self, value: str) -> None:
        self.load_text(value)

    def render_lines(self, crop: Region) -> list[Strip]:
        self._drawing_text = self.document.text  # joined once: before_draw reads it too
        try:
            if self.before_draw is not None:
                self.before_draw()
            return super().render_lines(crop)
        finally:
            self._drawing_text = None

    def get_line(self, line_index: int) -> Text:
        return mark_note_line(super().get_line(line_index))  # kinds coloured, stamps as links

    def move_to_last_note(self) -> None:
        """The cursor at the end of the last line with text: where the learner goes on writing."""
        document = self.document
        row = document.line_count - 1
        while row > 0 and not document.get_line(row).strip():
            row -= 1
        self.move_cursor((row, len(document.get_line(row))), center=True)
