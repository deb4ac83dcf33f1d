"""Colours for one line of notes in the editor: the stamp styled as a link, its URL dimmed, the kind.

Called by the editor for each line it draws (only visible lines, cached by the editor until the
text changes), so a key costs one regex match on a line or two, never a pass over the document.
The colours are the preview's (notes_preview.KIND_LOOK), so a kind looks the same in both.
"""

from __future__ import annotations

import re

from rich.text import Text

from studytui.core.notes import NOTE_KINDS
from studytui.ui.notes.notes_preview import KIND_LOOK

_NOTE = re.compile(
    r"^(?P<bullet>\s*[-*+]\s+)(?P<stamp>\[\d+(?::\d{2}){1,2}\])?(?P<link>\([^)\s]*\))?[ \t]?(?P<kind>[!?~](?= |$))?"
)
STAMP_STYLE = "underline cyan"
LINK_STYLE = "dim"


def mark_note_line(line: Text) -> Text:
    """`line` (one line of the notes as the editor has it) with its stamp and kind styled in place."""
    plain = line.plain
    if not plain or plain.lstrip()[:1] not in "-*+":
        return line
    match = _NOTE.match(plain)
    if match is None:
        return line
    if match["stamp"]:
        line.stylize(STAMP_STYLE, *match.span("stamp"))
    if match["link"]:
        line.stylize(LINK_STYLE, *match.span("link"))
    if match["kind"]:
        style = KIND_LOOK[NOTE_KINDS[match["kind"]]][1]
        line.stylize(style.replace("bold ", ""), match.start("kind"), len(plain))  # the words: the colour
        line.stylize("bold", match.start("kind"), match.end("kind"))  # the mark: bold too
    return line
