"""Searching the lectures' words: one in-memory SQLite FTS5 index over every loaded transcript.

Indexed once per transcript; a query is a few milliseconds even over many hours of lectures
(bench/bench_transcripts.py). Safe to fill from a worker thread while the screen queries it.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from dataclasses import dataclass

from studytui.core.transcripts.model import Transcript

_WORD = re.compile(r"\w+", re.UNICODE)
DEFAULT_LIMIT = 200


@dataclass(frozen=True)
class TranscriptMatch:
    lesson_id: str
    cue_index: int
    start: float
    text: str


class TranscriptIndex:
    def __init__(self) -> None:
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        self._db.execute(
            "CREATE VIRTUAL TABLE cues USING fts5("
            "text, lesson UNINDEXED, cue UNINDEXED, start UNINDEXED, tokenize='unicode61 remove_diacritics 2')"
        )
        self._lock = threading.Lock()
        self._lessons: set[str] = set()

    def has(self, lesson_id: str) -> bool:
        return lesson_id in self._lessons

    @property
    def lesson_ids(self) -> frozenset[str]:
        return frozenset(self._lessons)

    def add(self, lesson_id: str, transcript: Transcript) -> None:
        """Index (or re-index) one lesson's transcript."""
        rows = [(cue.text, lesson_id, index, cue.start) for index, cue in enumerate(transcript.cues)]
        with self._lock:
            self._db.execute("DELETE FROM cues WHERE lesson = ?", (lesson_id,))
            self._db.executemany("INSERT INTO cues (text, lesson, cue, start) VALUES (?, ?, ?, ?)", rows)
            self._db.commit()
            self._lessons.add(lesson_id)

    def search(self, query: str, lesson_id: str | None = None, limit: int = DEFAULT_LIMIT) -> list[TranscriptMatch]:
        """Cues with every word of `query` (the last word as a prefix, as it is being typed).

        In indexing order: each lesson's matches in time order, lessons in the order they were added.
        """
        expression = match_expression(query)
        if expression is None:
            return []
        sql = "SELECT lesson, cue, start, text FROM cues WHERE cues MATCH ?"
        parameters: tuple = (expression,)
        if lesson_id is not None:
            sql += " AND lesson = ?"
            parameters += (lesson_id,)
        sql += " ORDER BY rowid LIMIT ?"  # rowids follow each lesson's cues in time order: no sort
        with self._lock:
            rows = self._db.execute(sql, (*parameters, limit)).fetchall()
        return [TranscriptMatch(lesson, int(cue), float(start), text) for lesson, cue, start, text in rows]

    def close(self) -> None:
        with self._lock:
            self._db.close()


def match_expression(query: str) -> str | None:
    """An FTS5 query from what the learner typed: words only (no FTS syntax), the last one a prefix."""
    words = _WORD.findall(query)
    if not words:
        return None
    quoted = [f'"{word}"' for word in words]
    if not query[-1:].isspace():
        quoted[-1] += "*"
    return " ".join(quoted)
