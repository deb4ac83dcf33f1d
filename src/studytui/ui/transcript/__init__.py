"""The transcript feature: the lecture's words beside the notes, searchable, quotable, and the own-words marks.

Widgets: the transcript pane (f8), the search across lessons (palette), the pass-1 caption. The
`TranscriptController` gets its dependencies passed in and is driven by the App's keys and messages.
"""
