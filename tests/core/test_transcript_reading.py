"""Transcripts read as a captions player shows them, judged by webvtt-py (cue identifiers, tags, the
WebVTT block rules) and pysubs2 (timings), with character references decoded as a browser's cue text
parser does; and every file check-lessons cannot read cleanly is reported at its line."""

from __future__ import annotations

import html
import os
from pathlib import Path

import pysubs2
import pytest
import webvtt

from studytui.core.lessons import check_lessons
from studytui.core.transcripts import LARGEST_TRANSCRIPT, read_transcript
from tests.hostile import unsafe_characters
from tests.subtitles import (
    LECTURE,
    SPOKEN,
    lesson_with_transcript,
    write_srt,
    write_whisper,
    write_youtube_auto_vtt,
)


def shown(path: Path) -> list[tuple[float, str]]:
    reading = read_transcript(path)
    assert reading.transcript is not None, reading.problems
    return [(round(cue.start, 3), cue.text) for cue in reading.transcript.cues]


def player(path: Path) -> list[tuple[float, str]]:
    """What a captions player shows, each line once, when it first appears: webvtt-py's cues (no
    identifiers, no tags), character references decoded, and a line still on screen from the cue
    before (a rolling caption, a highlighted word) not shown again."""
    captions = webvtt.from_srt(str(path)) if path.suffix == ".srt" else webvtt.read(str(path))
    lines_shown, on_screen = [], set()
    for caption in captions:
        lines = [" ".join(html.unescape(line).split()) for line in caption.text.split("\n")]
        lines = [line for line in lines if line]
        new = [line for line in lines if line not in on_screen]
        if new:
            start = webvtt.models.Timestamp.from_string(caption.start).in_milliseconds() / 1000
            lines_shown.append((start, " ".join(new)))
        on_screen = set(lines)
    return lines_shown


def pysubs2_starts(path: Path) -> set[float]:
    return {event.start / 1000 for event in pysubs2.load(str(path))}


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_youtube_automatic_captions_read_as_the_player_shows_them(tmp_path):
    path = write_youtube_auto_vtt(tmp_path / "auto.en.vtt")
    text = path.read_text()
    assert "&gt;&gt;" in text and "&#39;" in text and "<c.colorE5E5E5>" in text and "\ncue-1\n" in text
    assert shown(path) == player(path) == SPOKEN
    assert {start for start, _ in shown(path)} <= pysubs2_starts(path)


@pytest.mark.parametrize("name", ["whisper.vtt", "whisper.srt"])
@pytest.mark.parametrize("highlight_words", [False, True])
def test_whisper_output_reads_as_the_player_shows_it(tmp_path, name, highlight_words):
    path = write_whisper(tmp_path / name, highlight_words=highlight_words)
    assert ("<u>" in path.read_text()) == highlight_words
    assert [(round(start, 1), words) for start, words in shown(path)] == LECTURE
    assert shown(path) == [(round(start, 3), words) for start, words in player(path)]


def test_character_references_are_decoded_after_the_tags_are_stripped(tmp_path):
    path = write(tmp_path / "refs.vtt", (
        "WEBVTT\n\n"
        "00:00:01.000 --> 00:00:04.000\n&gt;&gt; so the derivative of x &lt; y\nIt&#39;s &amp; fine&nbsp;here\n\n"
        "00:00:04.000 --> 00:00:08.000\n<v Andrej>with a voice</v> and <i>italics</i> &lt;b&gt;not a tag&lt;/b&gt;\n\n"
        "00:00:08.000 --> 00:00:09.000\n&#x263A; &eacute;t&eacute; &amp;lt; stays one level\n"
    ))
    assert shown(path) == player(path) == [
        (1.0, ">> so the derivative of x < y It's & fine here"),
        (4.0, "with a voice and italics <b>not a tag</b>"),
        (8.0, "☺ été &lt; stays one level"),
    ]


def test_cue_identifiers_numeric_or_not_and_notes_are_never_text(tmp_path):
    path = write(tmp_path / "ids.vtt", (
        "WEBVTT\n\nSTYLE\n::cue { color: lime }\n\n"
        "intro-1\n00:00:01.000 --> 00:00:04.000\ntoday we build micrograd.\n\n"
        "NOTE the next cue has a name, not a number\n\n"
        "intro-2\n00:00:04.000 --> 00:00:08.000 align:start\nthe derivative\n\n"
        "3\n00:00:08.000 --> 00:00:09.000\nthree\n"
    ))
    assert shown(path) == player(path) == [(1.0, "today we build micrograd."), (4.0, "the derivative"), (8.0, "three")]
    assert read_transcript(path).problems == ()


def test_text_a_subtitle_converter_would_change_is_kept(tmp_path):
    """pysubs2 reads `{...}` as styling and a last line of digits as the next cue's number."""
    path = write(tmp_path / "code.srt", (
        "1\n00:00:01,000 --> 00:00:03,000\nd = {'a': 1}\nand \\N stays\n\n"
        "2\n00:00:03,000 --> 00:00:05,000\nno empty line before the next\n"
        "3\n00:00:05,000 --> 00:00:06,000\nthree\n\n"
        "4\n00:00:06,000 --> 00:00:07,000\nthe answer is\n42\n"
    ))
    assert shown(path) == player(path) == [
        (1.0, "d = {'a': 1} and \\N stays"), (3.0, "no empty line before the next"), (5.0, "three"),
        (6.0, "the answer is 42"),
    ]
    converted = [event.plaintext for event in pysubs2.load(str(path))]
    assert converted[0] == "d = \nand \n stays" and converted[-1] == "the answer is"


def test_escapes_written_as_references_are_taken_out_and_reported(tmp_path):
    path = write(tmp_path / "hostile.vtt", (
        "WEBVTT\n\n"
        "00:00:01.000 --> 00:00:02.000\nfirst &#27;]0;PWNED&#7;ok &#x202e;txt.exe\n\n"
        "00:00:02.000 --> 00:00:03.000\nraw \x1b]52;c;cHduZWQ=\x07 \x1b[2J\x00end [b]markup[/b]\n"
    ))
    reading = read_transcript(path)
    assert reading.transcript is not None
    # HTML decodes a reference to a control character to nothing: the OSC's words stay, as words.
    assert [cue.text for cue in reading.transcript.cues] == ["first ]0;PWNEDok txt.exe", "raw end [b]markup[/b]"]
    assert [str(problem) for problem in reading.problems] == [
        f"{path}:3: cue text holds control or bidi characters: left out (and 1 more cue)"
    ]


def test_srt_and_webvtt_of_the_same_lecture_read_alike(tmp_path):
    assert shown(write_srt(tmp_path / "a.srt")) == shown(write_whisper(tmp_path / "a.vtt"))


# ----- what check-lessons reports -------------------------------------------------------------------------


def reported(lessons_dir: Path) -> list[str]:
    return [str(problem) for problem in check_lessons(lessons_dir)]


def test_check_lessons_reports_what_cannot_be_read_cleanly(lessons_dir):
    lesson_with_transcript(lessons_dir, "messy.vtt")
    path = write(lessons_dir / "messy.vtt", (
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nfine\n\n"
        "stray words with no timing\n\n"
        "00:00:03.000 --> 00:00:04.000\nbell\x07 here\n\n"
        f"00:00:05.000 --> 00:00:06.000\n{'word ' * 500}\n"
    ))
    problems = reported(lessons_dir)
    for line, message in [
        (6, "text outside any cue (no timing line above it): not shown"),
        (8, "cue text holds control or bidi characters: left out"),
        (11, "cue text longer than 2000 characters: cut there"),
    ]:
        assert f"{path}:{line}: {message}" in problems, problems
    reading = read_transcript(path)
    assert reading.transcript is not None and len(reading.transcript.cues[-1].text) == 2000


def test_a_vtt_file_without_its_header_is_reported_and_still_read(tmp_path):
    path = write(tmp_path / "bare.vtt", "00:00:01.000 --> 00:00:02.000\nhello\n")
    reading = read_transcript(path)
    assert reading.transcript is not None and reading.transcript.cues[0].text == "hello"
    assert str(reading.problems[0]) == f"{path}:1: a WebVTT file starts with a WEBVTT line: players refuse this one"


def test_a_transcript_over_the_size_limit_is_refused_unread(tmp_path):
    path = tmp_path / "huge.vtt"
    with path.open("w", encoding="utf-8") as file:
        file.write("WEBVTT\n\n00:00:00.000 --> 00:00:05.000\n")
        file.write("word " * (LARGEST_TRANSCRIPT // 5 + 10))
    reading = read_transcript(path)
    assert reading.transcript is None
    assert [str(problem) for problem in reading.problems] == [
        f"{path}:1: transcript is 10.0 MB, larger than the 10 MB (10,000,000 bytes) a transcript may be: not read"
    ]


def test_a_fifo_or_a_folder_named_as_the_transcript_is_refused_without_waiting(lessons_dir):
    lesson = lesson_with_transcript(lessons_dir, "pipe.vtt")
    (lessons_dir / "pipe.vtt").unlink()
    os.mkfifo(lessons_dir / "pipe.vtt")  # nobody writes: a read would wait for ever
    message = "not a regular file (a FIFO, a device or a folder): transcripts are files"
    assert f"{lessons_dir / 'pipe.vtt'}:1: {message}" in reported(lessons_dir)
    (lessons_dir / "pipe.vtt").unlink()
    (lessons_dir / "pipe.vtt").mkdir()
    assert f"{lessons_dir / 'pipe.vtt'}:1: {message}" in reported(lessons_dir)
    assert lesson.exists()


@pytest.mark.parametrize("named", ["../../../../../../../../etc/passwd", "/proc/self/environ", "~/.bashrc"])
def test_a_transcript_path_outside_the_lessons_folder_is_refused(lessons_dir, named):
    lesson = lesson_with_transcript(lessons_dir, "micrograd.vtt")
    lesson.write_text(lesson.read_text().replace("transcript: micrograd.vtt", f"transcript: {named}"))
    (Path.home() / ".bashrc").write_text("export SECRET=1\n")
    problems = reported(lessons_dir)
    refused = [problem for problem in problems if problem.startswith(f"{lesson}:8: transcript {named!r} leads outside")]
    assert refused, problems
    assert not any("root:" in problem or "SECRET" in problem for problem in problems)


def test_a_symlink_inside_the_lessons_folder_that_leads_out_is_refused(lessons_dir, tmp_path):
    lesson = lesson_with_transcript(lessons_dir, "linked.vtt")
    outside = write(tmp_path / "secret.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nsecret words\n")
    (lessons_dir / "linked.vtt").unlink()
    (lessons_dir / "linked.vtt").symlink_to(outside)
    refused = f"{lesson}:8: transcript 'linked.vtt' leads outside"
    assert any(problem.startswith(refused) for problem in reported(lessons_dir))


def test_nothing_unsafe_is_left_in_any_cue_of_any_file(tmp_path):
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=60, deadline=None)
    @given(st.text(st.characters(codec="utf-8"), max_size=300))
    def any_cue(words: str) -> None:
        path = tmp_path / "any.vtt"
        path.write_text(f"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n{words}\n", encoding="utf-8")
        reading = read_transcript(path)
        for cue in reading.transcript.cues if reading.transcript else ():
            assert not unsafe_characters(cue.text) and "\n" not in cue.text

    any_cue()
