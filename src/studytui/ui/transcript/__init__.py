"""The transcript feature: the lecture's words beside the notes, searchable, quotable, and the own-words marks.

Widgets: the transcript pane (f8), the search across lessons (palette), the pass-1 caption. The
`TranscriptController` gets its dependencies passed in and is driven by the App's keys and messages.
This package is the feature's public face: the App imports from here only.
"""

from studytui.ui.transcript.transcript_control import NotesTarget, TranscriptController
from studytui.ui.transcript.transcript_pane import TranscriptPane, TranscriptSeek

__all__ = ["NotesTarget", "TranscriptController", "TranscriptPane", "TranscriptSeek"]
