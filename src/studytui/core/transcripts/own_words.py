"""The own-words check: a note that repeats a run of the lecture's words is a copy, not a note.

Words are folded (case and punctuation ignored). A stamped note, with its indented continuation
lines, is flagged when it shares `run` or more consecutive words with the transcript; quotes of
the lecture (`> [12:34] "..."`) and words in quotation marks inside a note say they are quotes and
are never flagged (the notes domain's `note_bodies` gives the notes to check). Results are cached by note text, so
a re-check only looks at changed notes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from studytui.core.timecode import format_time
from studytui.core.transcripts.model import Transcript

DEFAULT_RUN = 8  # consecutive words
SMALLEST_RUN = 3
_WORD = re.compile(r"\w+", re.UNICODE)
_QUOTED = re.compile(r"\"[^\"\n]*\"|“[^”\n]*”")  # words the learner marked as quoted


@dataclass(frozen=True)
class CopiedNote:
    line: int  # 0-based row of the note's bullet
    seconds: float  # where the lecture says these words

    @property
    def message(self) -> str:
        return f"copied from the lecture at {format_time(self.seconds)}: say it in your own words"


def fold_words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


class OwnWordsCheck:
    def __init__(self, transcript: Transcript, run: int = DEFAULT_RUN) -> None:
        self.run = max(SMALLEST_RUN, run)
        self._runs: dict[int, float] = {}  # hash of a run of words -> where it is first said
        words: list[str] = []
        times: list[float] = []
        for cue in transcript.cues:  # a sentence goes on across cues: runs may span them
            folded = fold_words(cue.text)
            words += folded
            times += [cue.start] * len(folded)
        for index in range(len(words) - self.run + 1):
            self._runs.setdefault(hash(tuple(words[index : index + self.run])), times[index])
        self._cache: dict[str, float | None] = {}

    def copied_at(self, note_text: str) -> float | None:
        """Where the lecture says a run of this text's words, or None when the text is the learner's own."""
        words = fold_words(_QUOTED.sub(" ", note_text))
        for index in range(len(words) - self.run + 1):
            seconds = self._runs.get(hash(tuple(words[index : index + self.run])))
            if seconds is not None:
                return seconds
        return None

    def check(self, notes: list[tuple[int, str]]) -> list[CopiedNote]:
        """The copied ones of (row, text) notes; only notes whose text changed are looked at again."""
        cache: dict[str, float | None] = {}
        copied = []
        for row, text in notes:
            if text not in cache:
                cache[text] = self._cache[text] if text in self._cache else self.copied_at(text)
            if cache[text] is not None:
                copied.append(CopiedNote(row, cache[text]))  # type: ignore[arg-type]
        self._cache = cache  # only the notes still there: the cache never grows past the document
        return copied
