"""Titles that tell lessons apart when there is no room for them whole.

A course's lectures often open with the same words ("Building makemore Part 2: MLP", "Building
makemore Part 3: ..."): cut at the end, a narrow outline shows the same prefix on every row.
`distinct_titles` shortens what a title shares with a sibling's to its last word, after an
ellipsis ("…Part 2: MLP"), so what is left is what tells it apart.
"""

from __future__ import annotations

from collections.abc import Sequence

ELLIPSIS = "…"
LEAST_SHARED = 12  # characters a shared opening must have to be shortened


def distinct_titles(titles: Sequence[str], least: int = LEAST_SHARED) -> list[str]:
    """Each title with the longest opening it shares with another title (whole words, at least
    `least` characters) cut down to its last word; a title sharing none stays as it is."""
    shortened = []
    for index, title in enumerate(titles):
        shared = max((_shared_words(title, other) for i, other in enumerate(titles) if i != index), default=0)
        if shared < least:
            shortened.append(title)
            continue
        kept_from = title.rfind(" ", 0, shared - 1) + 1  # the shared opening's last word stays
        shortened.append(ELLIPSIS + title[kept_from:] if kept_from > 0 else title)
    return shortened


def fit_title(title: str, room: int, distinct: str) -> str:
    """`title` when it fits in `room` characters (or the room is unknown, 0), else its distinct form."""
    return title if room <= 0 or len(title) <= room else distinct


def _shared_words(one: str, other: str) -> int:
    """The length of the opening of whole words (with the space after them) that `one` and `other` share."""
    length = 0
    for index, (a, b) in enumerate(zip(one, other, strict=False)):
        if a != b:
            break
        if a == " ":
            length = index + 1
    return length
