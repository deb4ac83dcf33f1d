"""The own-words check: a run of 8 of the lecture's words is a copy; 7 is not; quotes never are."""

from __future__ import annotations

from studytui.core.notes import format_quote, note_bodies, read_quote
from studytui.core.transcripts import OwnWordsCheck, read_transcript
from tests.subtitles import write_vtt

NOTES = """\
# Lesson

## 00:00 intro

- [00:10] Today, we build a tiny AUTOGRAD engine from... scratch!
- [00:12] we build a tiny autograd engine from my head
- [00:15] ? why does it nudge the input a little
> [00:15] "if you nudge the input a little the output moves"
- [00:30] he says "now broadcasting lets a tensor stretch along a dimension"
- [00:33] my words first
  then: a column can be added to every row at once
"""


def check(tmp_path, run: int = 8) -> OwnWordsCheck:
    transcript = read_transcript(write_vtt(tmp_path / "l.vtt")).transcript
    assert transcript is not None
    return OwnWordsCheck(transcript, run)


def test_eight_words_in_a_row_are_flagged_seven_are_not(tmp_path):
    copied = check(tmp_path).check(note_bodies(NOTES))
    rows = {note.line: note for note in copied}
    assert 4 in rows, "8 words of the lecture, case and punctuation folded"
    assert rows[4].seconds == 4.0
    assert rows[4].message == "copied from the lecture at 00:04: say it in your own words"
    assert 5 not in rows, "7 words in a row are not a copy"


def test_quotes_are_never_flagged(tmp_path):
    copied = {note.line for note in check(tmp_path).check(note_bodies(NOTES))}
    assert 7 not in copied, "a quote line is the lecture's words, said so"
    assert 8 not in copied, "words in quotation marks inside a note are a quote too"
    assert 6 not in copied


def test_continuation_lines_belong_to_their_note(tmp_path):
    copied = {note.line: note.seconds for note in check(tmp_path).check(note_bodies(NOTES))}
    assert copied.get(9) == 33.0


def test_the_mark_goes_away_when_the_note_is_rewritten(tmp_path):
    checker = check(tmp_path)
    assert [n.line for n in checker.check(note_bodies(NOTES))] == [4, 9]
    rewritten = NOTES.replace("Today, we build a tiny AUTOGRAD engine from... scratch!", "an autograd engine, built by hand")
    assert [n.line for n in checker.check(note_bodies(rewritten))] == [9]


def test_the_run_length_is_a_setting(tmp_path):
    assert 5 in {n.line for n in check(tmp_path, run=7).check(note_bodies(NOTES))}


def test_a_quote_reads_back_and_is_no_note():
    line = format_quote(754, 'he said "hi"  there')
    assert line == "> [12:34] \"he said 'hi' there\""
    quote = read_quote(line, 3)
    assert quote is not None and (quote.line, quote.seconds, quote.text) == (3, 754, "he said 'hi' there")
    assert note_bodies(f"# T\n\n{line}\n") == []
