"""Run inside a terminal: how many cells the terminal gives each string (the cursor's column after it).

    python cell_widths.py STRINGS.json WIDTHS.json

Each string is written at the start of a cleared line, then the cursor position is asked for
(CSI 6n); the column in the reply is the string's width as this terminal draws it.
"""

from __future__ import annotations

import json
import os
import sys
import termios
import tty
from pathlib import Path


def width(text: str, terminal: int) -> int:
    os.write(1, ("\r\x1b[2K" + text + "\x1b[6n").encode())
    reply = b""
    while not reply.endswith(b"R"):
        reply += os.read(terminal, 64)
    return int(reply[reply.rindex(b";") + 1 : -1]) - 1


def main() -> None:
    strings = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    terminal = sys.stdin.fileno()
    saved = termios.tcgetattr(terminal)
    tty.setraw(terminal)
    try:
        widths = [width(text, terminal) for text in strings]
    finally:
        termios.tcsetattr(terminal, termios.TCSADRAIN, saved)
    partial = Path(sys.argv[2] + ".partial")
    partial.write_text(json.dumps(widths), encoding="utf-8")
    partial.rename(sys.argv[2])


if __name__ == "__main__":
    main()
