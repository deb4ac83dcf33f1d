"""The headless core: nothing here imports Textual.

Each domain is a package whose `__init__` is its public face: `kernel`, `lessons`, `notes`,
`player`, `review`, `study`, `transcripts`. Small primitives shared by all of them live beside the packages:
`files` (atomic writes), `timecode` (video times), `watch` (saved-file events) and `problems`
(a problem located at a line of a file).
"""
