"""Stream text as a terminal shows it, with bounded memory; headless (no Textual).

A carriage return moves back to the start of the line and what follows overwrites it, so a
progress bar (tqdm) stays one line. A flood keeps only its first ``head`` and last ``tail`` lines
with a count of what is hidden between them, and lines longer than ``line_chars`` are cut; once
anything is cut, the full text goes to a spill file the learner can open. The spill file is capped
too (a cell may print forever): it keeps the first and the last characters and says how many it
dropped between them.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from studytui.core.files import open_regular

HEAD_LINES = 100
TAIL_LINES = 200
LINE_CHARS = 4_000
RAW_KEPT_CHARS = 1_000_000  # raw text kept in memory before anything is cut (then it is spilled)
SPILL_HEAD_CHARS = 16_000_000  # a spill file keeps its first characters as they come...
SPILL_TAIL_CHARS = 4_000_000  # ...and its last ones, held in memory and written when the cell ends


@dataclass(frozen=True)
class StreamView:
    """What to draw: first lines, how many are hidden, last lines (the open line included)."""

    head: tuple[str, ...]
    hidden: int
    tail: tuple[str, ...]
    spill_path: Path | None

    def lines(self) -> list[str]:
        return [*self.head, *([hidden_marker(self.hidden, self.spill_path)] if self.hidden else []), *self.tail]


def hidden_marker(hidden: int, spill_path: Path | None) -> str:
    where = f": full output in {spill_path}" if spill_path else ""
    return f"[... {hidden:,} lines hidden{where} ...]"


def _overwrite(line: str, part: str) -> str:
    """``line`` after writing ``part`` (which may hold carriage returns) at its end."""
    if "\r" not in part:
        return line + part
    first, *rewrites = part.split("\r")
    line += first
    for segment in rewrites:
        line = segment + line[len(segment):]
    return line


class TerminalText:
    """One output stream of one cell."""

    def __init__(
        self,
        spill_to: Callable[[], Path] | None = None,
        head: int = HEAD_LINES,
        tail: int = TAIL_LINES,
        line_chars: int = LINE_CHARS,
        spill_head: int = SPILL_HEAD_CHARS,
        spill_tail: int = SPILL_TAIL_CHARS,
    ) -> None:
        self._spill_to = spill_to
        self._spill_head = spill_head
        self._spill_tail = TailChars(spill_tail)
        self._spilled = 0  # characters written to the spill file
        self._head_limit = head
        self._line_chars = line_chars
        self._head: list[str] = []
        self._tail: deque[str] = deque(maxlen=tail)
        self._committed = 0
        self._current = ""
        self._cut = False  # some line was shortened or hidden: the full text is in the spill file
        self._raw: list[str] | None = []  # raw text until it is spilled
        self._raw_chars = 0
        self._spill: IO[str] | None = None
        self.spill_path: Path | None = None

    @property
    def hidden(self) -> int:
        return self._committed - len(self._head) - len(self._tail)

    def write(self, text: str) -> None:
        if not text:
            return
        self._keep_raw(text)
        first, *rest = text.split("\n")
        self._current = self._cap(_overwrite(self._current, first))
        if not rest:
            self._spill_if_cut()
            return
        *complete, last = rest
        self._commit([self._current])
        if "\r" in text:
            complete = [self._cap(_overwrite("", line)) for line in complete]
        elif any(len(line) > self._line_chars for line in complete):
            complete = [self._cap(line) for line in complete]
        self._commit(complete)
        self._current = self._cap(_overwrite("", last))
        self._spill_if_cut()

    def _cap(self, line: str) -> str:
        if len(line) <= self._line_chars:
            return line
        self._cut = True
        extra = len(line) - self._line_chars
        return f"{line[: self._line_chars]}[... {extra:,} more characters]"

    def _commit(self, lines: list[str]) -> None:
        self._committed += len(lines)
        room = self._head_limit - len(self._head)
        if room > 0:
            self._head.extend(lines[:room])
            lines = lines[room:]
        self._tail.extend(lines)
        if self.hidden > 0:
            self._cut = True

    def _keep_raw(self, text: str) -> None:
        if self._spill is not None:
            self._write_spill(text)
            return
        if self._raw is not None:
            self._raw.append(text)
            self._raw_chars += len(text)
            if self._raw_chars > RAW_KEPT_CHARS:
                self._cut = True

    def _spill_if_cut(self) -> None:
        if not self._cut or self._spill is not None or self._spill_to is None or self._raw is None:
            return
        try:
            path = self._spill_to()
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = open_regular(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)  # never through a link
            self._spill = open(fd, "w", encoding="utf-8", errors="replace")  # noqa: SIM115
        except OSError:
            self._raw = None  # nowhere to spill: stop keeping raw text, memory stays bounded
            return
        self.spill_path = path
        self._write_spill("".join(self._raw))
        self._raw = None

    def _write_spill(self, text: str) -> None:
        assert self._spill is not None
        room = self._spill_head - self._spilled
        if room > 0:
            self._spill.write(text[:room])
            self._spilled += min(room, len(text))
            text = text[room:]
        if text:
            self._spill_tail.add(text)

    def view(self, tail: int | None = None) -> StreamView:
        """The lines to draw; ``tail`` limits the last lines (the live view of a running cell)."""
        last = list(self._tail)
        if self._current:
            last.append(self._current)
        hidden = self.hidden
        head: list[str] = list(self._head)
        if tail is not None and len(head) + len(last) > tail:
            hidden += len(head) + len(last) - tail
            both = head + last
            head, last = [], both[-tail:] if tail else []
        return StreamView(tuple(head), hidden, tuple(last), self.spill_path)

    def text(self) -> str:
        """The kept text as one string (with the hidden-lines marker), for the notebook."""
        view = self.view()
        joined = "\n".join(view.lines())
        return joined + "\n" if self._current == "" and self._committed else joined

    def close(self) -> None:
        """End of the cell: the spill file is complete."""
        if self._spill is not None:
            tail = self._spill_tail
            if tail.dropped:
                self._spill.write(
                    f"\n[... {tail.dropped:,} characters dropped here: this file keeps the first "
                    f"{self._spill_head:,} and the last {tail.limit:,} characters of the output ...]\n"
                )
            self._spill.write(tail.text())
            self._spill.close()
            self._spill = None


class TailChars:
    """The last `limit` characters of a stream of text, and how many came before them."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.dropped = 0
        self._chunks: deque[str] = deque()
        self._chars = 0

    def add(self, text: str) -> None:
        self._chunks.append(text)
        self._chars += len(text)
        excess = self._chars - self.limit
        while excess > 0:
            first = self._chunks[0]
            if len(first) <= excess:
                self._chunks.popleft()
                cut = len(first)
            else:
                self._chunks[0] = first[excess:]
                cut = excess
            self._chars -= cut
            self.dropped += cut
            excess -= cut

    def text(self) -> str:
        return "".join(self._chunks)
