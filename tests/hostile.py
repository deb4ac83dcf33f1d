"""A hostile lesson pack: markup, control characters and OSC sequences in every text field, bad
ids of each kind, YAML bombs and impossible durations. Shared by core, Pilot and terminal tests.

`write_hostile_pack(folder)` writes it and returns what a loader must make of it: the one lesson
that loads (with hostile text everywhere) and, for every other file, the line its error is at.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

# What a pack author could put in a title to act on the app or the terminal.
CLICK = "[@click=app.trust_lessons]Welcome! click to close[/]"
CLOSE_TAG = "[/]"
OSC_TITLE = "\x1b]0;PWNED-BY-LESSON\x07"  # renames the terminal (tmux pane title)
OSC_CLIPBOARD = "\x1b]52;c;cHduZWQtY2xpcGJvYXJk\x07"  # writes the clipboard (tmux paste buffer)
CLEAR_SCREEN = "\x1b[2J\x1b[H"
BELL_AND_NUL = "\x07\x00\x9b31m\u202e\u2066"  # and a bidi override and isolate
HOSTILE = f"{CLICK} {CLOSE_TAG}{OSC_TITLE}{OSC_CLIPBOARD}{CLEAR_SCREEN}{BELL_AND_NUL} [bold red]end"
MARKERS = ("PWNED", "cHduZWQ")  # OSC payloads: must never be drawn, not even as text

# One string for every path outside text takes (drawn, written to a file, printed): a clipboard
# write, a title, a clear screen, a bidi override, a NUL, markup and an action link.
BIDI_OVERRIDE = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: what follows reads backwards
QUIT_LINK = "[@click=app.quit]quit[/]"
HOSTILE_LINE = f"{OSC_CLIPBOARD}{OSC_TITLE}{CLEAR_SCREEN}{BIDI_OVERRIDE}evil\x00 [b]markup[/b] {QUIT_LINK}"
HOSTILE_LINE_SHOWN = "evil [b]markup[/b] [@click=app.quit]quit[/]"  # what is left of it
# Emoji and scripts whose width Rich and terminals measured differently (see core/text.py).
WIDE = "👨\u200d👩\u200d👧 🇫🇷 👍🏽 ☀\ufe0f 1\ufe0f\u20e3 漢字 e\u0301"

FILE_NAME = f"file [@click=app.trust_lessons]click[b]{OSC_TITLE}.md"  # no '/': it is a file name
LESSON_ID = "hostile-lesson"
EXERCISE_ID = "echo"
CHECK_FAILURE = "got '[/]'"  # the check's failure message is data too


def _yaml(text: str) -> str:
    """`text` as a YAML double-quoted scalar (JSON strings are YAML), control characters escaped."""
    return json.dumps(text)


def _hostile_lesson() -> str:
    return f"""\
---
id: {LESSON_ID}
title: {_yaml("Title " + HOSTILE)}
course: {_yaml("Course " + HOSTILE)}
duration: "10:00"
prerequisites: [{_yaml("pre " + HOSTILE)}]
resources: [{_yaml("res " + HOSTILE)}]
---
Intro {HOSTILE}

## 00:00 Chapter {HOSTILE}

Summary {HOSTILE}

::: exercise {EXERCISE_ID} Exercise {HOSTILE}
Task {HOSTILE}

> hint: Hint {HOSTILE}

```python check
assert False, "{CHECK_FAILURE}" + " \\x1b]0;PWNED-BY-CHECK\\x07"
```
:::

## 05:00 Second chapter
"""


@dataclass(frozen=True)
class BadFile:
    name: str
    text: str
    line: int  # where the error must be reported
    words: str  # a part of the message


def _front(extra: str, duration: str = '"10:00"') -> str:
    return f"---\ntitle: T\ncourse: C\nduration: {duration}\n{extra}---\n## 00:00 Start\n"


def _alias_bomb(levels: int = 9) -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, levels):
        previous = chr(ord("a") + level - 1)
        name = chr(ord("a") + level)
        lines.append(f"{name}: &{name} [{', '.join(['*' + previous] * 9)}]")
    return "---\ntitle: T\ncourse: C\nduration: '10:00'\n" + "\n".join(lines) + "\n---\n"


def bad_files(outside: Path) -> tuple[BadFile, ...]:
    """Files that must not load, each with the line of its error. `outside` is a path an absolute
    id points at (a test checks nothing appears there)."""
    return (
        BadFile("absolute-id.md", _front(f"id: {outside}/evil\n"), 5, "may hold only"),
        BadFile("dotdot-id.md", _front("id: ../escaped/evil\n"), 5, "may hold only"),
        BadFile("slash-id.md", _front("id: one/notes\n"), 5, "may hold only"),
        BadFile("nul-id.md", _front('id: "evil\\0id"\n'), 5, "may hold only"),
        BadFile("long-id.md", _front(f"id: {'x' * 5000}\n"), 5, "5000 characters long"),
        BadFile("markup-id.md", _front(f"id: {_yaml(CLICK)}\n"), 5, "may hold only"),
        BadFile("infinite.md", _front("id: infinite\n", ".inf"), 4, "longer than"),
        BadFile("huge.md", _front("id: huge\n", "1" + "0" * 400), 4, "longer than"),
        BadFile("negative.md", _front("id: negative\n", "-5"), 4, "more than zero"),
        BadFile("late-chapter.md", _front("id: late\n") + "## 9999:00:00 Far away\n", 8, "after 24:00:00"),
        BadFile("alias-bomb.md", _alias_bomb(), 6, "aliases"),
        BadFile("deep.md", "---\ntitle: T\ncourse: C\nduration: '10:00'\nx: " + "[" * 5000 + "]" * 5000 + "\n---\n",
                5, "nested more than"),
        BadFile(FILE_NAME, "no front matter at all\n", 1, "missing front matter"),
    )


@dataclass(frozen=True)
class HostilePack:
    root: Path
    lesson_path: Path
    bad: tuple[BadFile, ...]


def write_hostile_pack(folder: Path, outside: Path | None = None) -> HostilePack:
    """Write the pack into `folder` (created); `outside` defaults to a sibling folder."""
    folder.mkdir(parents=True, exist_ok=True)
    outside = outside or folder.parent / "outside-the-workspace"
    lesson_path = folder / "hostile.md"
    lesson_path.write_text(_hostile_lesson(), encoding="utf-8")
    bad = bad_files(outside)
    for item in bad:
        (folder / item.name).write_text(item.text, encoding="utf-8")
    return HostilePack(folder, lesson_path, bad)


def control_characters(text: str) -> list[str]:
    """The control characters (other than newline and tab) in `text`, for assertion messages."""
    return [char for char in text if (ord(char) < 0x20 and char not in "\n\t") or 0x7F <= ord(char) < 0xA0]


BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def unsafe_characters(text: str) -> list[str]:
    """Control and bidi characters in `text` (what no outside text may bring to a screen or a file)."""
    return control_characters(text) + [char for char in text if char in BIDI_CONTROLS]
