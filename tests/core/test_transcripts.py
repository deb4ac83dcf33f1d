"""Reading, finding and searching transcripts (generated WebVTT and SRT files, no network)."""

from __future__ import annotations

from pathlib import Path

from studytui.core.lessons import check_lessons, load_library
from studytui.core.transcripts import TranscriptIndex, TranscriptSource, find_transcript, read_transcript
from tests.subtitles import LECTURE, lesson_with_transcript, write_rolling_vtt, write_srt, write_vtt


def texts(path: Path) -> list[tuple[float, str]]:
    reading = read_transcript(path)
    assert reading.transcript is not None, reading.problems
    return [(round(cue.start, 2), cue.text) for cue in reading.transcript.cues]


def test_webvtt_and_srt_read_into_the_same_cues(tmp_path):
    assert texts(write_vtt(tmp_path / "a.vtt")) == LECTURE
    assert texts(write_srt(tmp_path / "a.srt")) == LECTURE


def test_youtube_rolling_captions_lose_their_repeats_and_inline_timings(tmp_path):
    path = write_rolling_vtt(tmp_path / "auto.en.vtt")
    assert "<c>" in path.read_text() and "<00:00:04.300>" in path.read_text()
    assert texts(path) == LECTURE  # each line once, at the time it is first said, no tags


def test_a_cue_with_two_lines_becomes_one_line(tmp_path):
    path = tmp_path / "two.srt"
    path.write_text("1\n00:00:01,000 --> 00:00:04,000\nHello <i>world</i>\nand more\n", encoding="utf-8")
    assert texts(path) == [(1.0, "Hello world and more")]


def test_a_broken_timing_line_is_located_and_the_rest_still_loads(tmp_path):
    path = tmp_path / "broken.vtt"
    path.write_text("WEBVTT\n\n00:00:01.000 --> soon\nlost\n\n00:00:03.000 --> 00:00:04.000\nkept\n", encoding="utf-8")
    reading = read_transcript(path)
    assert [str(problem) for problem in reading.problems] == [
        f"{path}:3: bad cue timing '00:00:01.000 --> soon': cue skipped"
    ]
    assert reading.transcript is not None and [cue.text for cue in reading.transcript.cues] == ["kept"]


def test_empty_garbage_and_undecodable_files_give_a_warning_and_no_transcript(tmp_path):
    empty = tmp_path / "empty.vtt"
    empty.write_text("\n", encoding="utf-8")
    garbage = tmp_path / "garbage.srt"
    garbage.write_text("this is no subtitle file\n", encoding="utf-8")
    binary = tmp_path / "binary.vtt"
    binary.write_bytes(b"WEBVTT\n\xff\xfe")
    for path, message in ((empty, "transcript is empty"), (garbage, "has no cues"), (binary, "not UTF-8")):
        reading = read_transcript(path)
        assert reading.transcript is None
        assert str(reading.problems[-1]).startswith(f"{path}:1: ") and message in str(reading.problems[-1])


def test_check_lessons_reports_a_missing_and_a_broken_transcript_file_and_line(lessons_dir):
    lesson = lesson_with_transcript(lessons_dir, "gone.vtt")
    (lessons_dir / "gone.vtt").unlink()
    assert f"{lesson}:8: transcript file 'gone.vtt' does not exist" in map(str, check_lessons(lessons_dir))
    (lessons_dir / "gone.vtt").write_text("WEBVTT\n\n00:00:01.000 --> nope\nx\n", encoding="utf-8")
    problems = [str(problem) for problem in check_lessons(lessons_dir)]
    assert f"{lessons_dir / 'gone.vtt'}:3: bad cue timing '00:00:01.000 --> nope': cue skipped" in problems
    assert load_library(lessons_dir).find("sample-micrograd").transcript == "gone.vtt"


def test_transcript_found_by_lesson_key_beside_the_video_then_in_the_workspace(tmp_path):
    lesson_path = tmp_path / "lessons" / "l.md"
    lesson_path.parent.mkdir()
    notes = tmp_path / "notes"
    video = tmp_path / "videos" / "lecture one.mp4"
    video.parent.mkdir()
    source = TranscriptSource("l-1", lesson_path, named=None, local_video=video, learner_video=True)
    assert find_transcript(source, notes) is None
    (notes / "transcripts").mkdir(parents=True)
    fetched = write_vtt(notes / "transcripts" / "l-1.de.vtt")
    assert find_transcript(source, notes) == fetched  # any language yt-dlp wrote
    workspace = write_srt(notes / "transcripts" / "l-1.srt")
    assert find_transcript(source, notes) == workspace
    beside = write_vtt(video.with_name("lecture one.en.vtt"))
    assert find_transcript(source, notes) == beside
    named = write_srt(tmp_path / "lessons" / "mine.srt")
    named_source = TranscriptSource("l-1", lesson_path, named="mine.srt", local_video=video, learner_video=True)
    assert find_transcript(named_source, notes) == named


def test_search_within_a_lesson_and_across_lessons(tmp_path):
    index = TranscriptIndex()
    index.add("one", read_transcript(write_vtt(tmp_path / "one.vtt")).transcript)
    other = [(0.0, "Broadcasting, again"), (60.0, "counting pairs")]
    index.add("two", read_transcript(write_srt(tmp_path / "two.srt", other)).transcript)
    assert [(m.lesson_id, m.start) for m in index.search("broadcasting")] == [("one", 27.0), ("two", 0.0)]
    assert [(m.lesson_id, m.start) for m in index.search("BROADC", "two")] == [("two", 0.0)]
    assert [m.text for m in index.search("column row")] == ["so a column can be added to every row at once"]
    assert index.search('"unbalanced (quote* OR') == []  # typed text is words, never query syntax
    assert index.search("   ") == []


def test_the_transcript_key_must_be_a_file_path(lessons_dir):
    lesson = lessons_dir / "01-micrograd.md"
    lesson.write_text(lesson.read_text().replace("order: 1\n", "order: 1\ntranscript: [a, b]\n"), encoding="utf-8")
    problems = [str(problem) for problem in check_lessons(lessons_dir)]
    assert f"{lesson}:8: 'transcript' must be a subtitle file path (.vtt or .srt)" in problems
    assert load_library(lessons_dir).find("sample-micrograd").transcript is None


def test_transcript_options_in_the_config_file_are_checked(tmp_path):
    from studytui.user_config import load_user_config

    path = tmp_path / "config.toml"
    path.write_text('own_words_run = 2\ntranscript_language = "en; rm"\nown_words_check = false\n', encoding="utf-8")
    config = load_user_config(path)
    assert config.get("own_words_run") == 8 and config.get("transcript_language") == "en"
    assert config.get("own_words_check") is False
    assert [problem.split(": ")[1] for problem in config.problems] == ["own_words_run", "transcript_language"]
