"""The transcript feature: the lecture's words beside the notes, searchable, quotable, and the own-words marks.

Widgets: the transcript pane (f8), which drives the feature, the search across lessons (palette),
the pass-1 caption. This package is the feature's public face: the screen imports from here only.
"""

from studytui.ui.transcript.transcript_pane import TranscriptPane

__all__ = ["TranscriptPane"]
