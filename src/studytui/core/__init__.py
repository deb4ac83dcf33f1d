"""The headless core: nothing here imports Textual.

Each domain is a package whose `__init__` is its public face: `kernel`, `lessons`, `notes`,
`player`, `review`, `study`, `transcripts`. Small primitives shared by all of them live beside the
packages: `files` (reads and writes that never follow a link studytui did not make, never hang on a
FIFO, never leave half a file), `redact` (tokens kept out of written files), `timecode` (video
times), `watch` (saved-file events) and `problems` (a problem located at a line of a file).
"""
