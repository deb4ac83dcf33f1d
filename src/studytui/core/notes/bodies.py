"""The words of each note: what the own-words check reads (quotes of the lecture left out)."""

from __future__ import annotations

from studytui.core.notes.document import read_stamp


def note_bodies(document: str) -> list[tuple[int, str]]:
    """(row, words) of each stamped note: its text after the stamp and kind, and its indented lines.

    Quotes of the lecture (`> [12:34] "..."`) are no stamped note, so they are never here.
    """
    notes: list[tuple[int, list[str]]] = []
    for row, line in enumerate(document.split("\n")):
        stamp = read_stamp(line, row)
        if stamp is not None:
            notes.append((row, [stamp.text]))
        elif notes and line.startswith((" ", "\t")) and line.strip() and not line.lstrip().startswith(">"):
            notes[-1][1].append(line.strip())
        elif not line.startswith((" ", "\t")) or not line.strip():
            notes.append((-1, []))  # the note ended
    return [(row, " ".join(parts)) for row, parts in notes if row >= 0 and any(parts)]
