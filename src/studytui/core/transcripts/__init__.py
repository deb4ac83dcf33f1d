"""The transcripts domain: what the lecturer said, beside the learner's notes.

It finds a lesson's subtitle file (named by the lesson, beside its local video, or fetched into the
notes folder's `transcripts/`), reads WebVTT and SRT into the plain lines a captions player shows
(identifiers, tags and YouTube's rolling repeats out, character references decoded, outside text
cleaned), searches every loaded transcript (SQLite FTS5 in memory), checks notes for runs of words
copied from the lecture, and fetches captions with yt-dlp. Headless: no Textual here. Other
packages import from this package only.
"""

from __future__ import annotations

from studytui.core.transcripts.fetch import (
    INSTALL_HINT,
    FetchOutcome,
    fetch_arguments,
    fetch_captions,
    host_of,
    yt_dlp_command,
)
from studytui.core.transcripts.locate import (
    TRANSCRIPTS_FOLDER,
    TranscriptRefused,
    TranscriptSource,
    find_transcript,
    named_transcript,
    transcript_named_in,
    transcript_refusal,
    transcripts_dir,
)
from studytui.core.transcripts.model import Cue, Transcript, TranscriptProblem
from studytui.core.transcripts.own_words import DEFAULT_RUN, CopiedNote, OwnWordsCheck, fold_words
from studytui.core.transcripts.reader import LARGEST_TRANSCRIPT, TranscriptReading, clean_cues, read_transcript
from studytui.core.transcripts.search_index import TranscriptIndex, TranscriptMatch, match_expression

__all__ = [
    "DEFAULT_RUN",
    "INSTALL_HINT",
    "LARGEST_TRANSCRIPT",
    "TRANSCRIPTS_FOLDER",
    "CopiedNote",
    "Cue",
    "FetchOutcome",
    "OwnWordsCheck",
    "Transcript",
    "TranscriptIndex",
    "TranscriptMatch",
    "TranscriptProblem",
    "TranscriptReading",
    "TranscriptRefused",
    "TranscriptSource",
    "clean_cues",
    "fetch_arguments",
    "fetch_captions",
    "find_transcript",
    "fold_words",
    "host_of",
    "match_expression",
    "named_transcript",
    "read_transcript",
    "transcript_named_in",
    "transcript_refusal",
    "transcripts_dir",
    "yt_dlp_command",
]
