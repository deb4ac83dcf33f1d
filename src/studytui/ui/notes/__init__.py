"""The notes feature: the markdown notes editor with stamps, its rendered preview and the revisit list."""

from studytui.ui.notes.notes_pane import NotesPane, NotesSaved
from studytui.ui.notes.notes_preview import SeekRequested
from studytui.ui.notes.revisit import RevisitScreen

__all__ = ["NotesPane", "NotesSaved", "RevisitScreen", "SeekRequested"]
