"""`studytui add` from saved yt-dlp info JSON (yt-dlp's own processing, no network): the course, its update,
hostile metadata, a stop, and which course folders need no trust."""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from studytui.core.courses import (
    COURSE_RECORD,
    NO_CHAPTERS,
    AddReport,
    CourseSource,
    OwnCourses,
    VideoEntry,
    add_course,
    read_info_json,
)
from studytui.core.lessons import TrustStore, is_safe_id, load_library
from studytui.core.transcripts import TranscriptSource, find_transcript, read_transcript
from tests.courses import PLAYLIST_URL, playlist_info, run_studytui, three_videos, video_info, write_info

pytestmark = pytest.mark.timeout(120)


def add_from(info_path: Path, notes: Path, *options: str):
    return run_studytui("add", "--load-info-json", str(info_path), "--notes", str(notes), *options)


def only_course(notes: Path) -> Path:
    (folder,) = [path for path in (notes / "courses").iterdir() if path.is_dir()]
    return folder


def test_a_saved_playlist_becomes_a_course_that_check_lessons_passes(tmp_path):
    notes = tmp_path / "notes"
    result = add_from(write_info(tmp_path / "playlist.json", playlist_info(three_videos())), notes, "--transcripts")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "[1/3] added     Building micrograd" in result.stdout
    assert "[3/3] added     An MLP" in result.stdout
    folder = only_course(notes)
    check = run_studytui("check-lessons", str(folder))
    assert check.returncode == 0 and check.stdout == "", check.stdout + check.stderr
    assert "3 lessons, 0 broken, 0 problems" in check.stderr

    library = load_library(folder)
    (course,) = library.courses()
    assert course.title == "Neural nets from scratch"
    assert "Test Channel" in course.description and PLAYLIST_URL in course.description
    micrograd, bigrams, mlp = course.lessons
    assert [lesson.order for lesson in course.lessons] == [1, 2, 3]
    assert micrograd.video == "https://www.youtube.com/watch?v=vid00000001"
    assert micrograd.youtube_id == "vid00000001"
    assert micrograd.duration == 2 * 3600 + 25 * 60 + 52 and not micrograd.duration_approximate
    assert [(c.start, c.title) for c in micrograd.chapters] == [(0, "Intro"), (95, "The Value object"),
                                                                (1204, "Backward pass")]
    assert micrograd.warnings == ()
    assert bigrams.duration == 600
    assert [(c.start, c.title) for c in bigrams.chapters] == [(0, "Start")]
    assert NO_CHAPTERS.split(":")[0] in bigrams.chapters[0].summary
    assert all(is_safe_id(lesson.id) for lesson in course.lessons)

    captions = notes / "transcripts" / f"{mlp.id}.en.vtt"
    assert captions.is_file(), result.stdout
    assert find_transcript(TranscriptSource(mlp.id, mlp.path), notes) == captions
    reading = read_transcript(captions)
    assert reading.transcript is not None
    assert reading.transcript.cues[0].text == "welcome to this lecture on neural networks", "manual captions first"
    assert not (notes / "transcripts" / f"{bigrams.id}.en.vtt").exists()


def test_adding_again_keeps_an_edit_adds_a_new_video_and_reports_a_removed_one(tmp_path):
    notes = tmp_path / "notes"
    videos = three_videos()
    assert add_from(write_info(tmp_path / "one.json", playlist_info(videos)), notes).returncode == 0
    folder = only_course(notes)
    edited = sorted(folder.glob("02-*.md"))[0]
    mine = edited.read_text(encoding="utf-8") + "\n## 00:04:10 Counting pairs\n\nMy own words about counting.\n"
    edited.write_text(mine, encoding="utf-8")
    first = sorted(folder.glob("01-*.md"))[0]

    renamed = video_info(3, "An MLP, renamed", 900)
    later = [videos[1], renamed, video_info(4, "Batch norm", 1200, chapters=[(0, "Why"), (300, "How")])]
    result = add_from(write_info(tmp_path / "two.json", playlist_info(later)), notes)
    assert result.returncode == 0, result.stdout + result.stderr
    assert edited.read_text(encoding="utf-8") == mine, "the learner's edit is never written over"
    assert "[1/3] kept      Bigrams" in result.stdout
    assert "[2/3] updated   An MLP, renamed" in result.stdout
    assert "[3/3] added     Batch norm" in result.stdout
    assert "no longer in the source (their lessons are kept): 1" in result.stdout
    assert "Building micrograd" in result.stdout
    assert first.is_file(), "a video gone from the playlist keeps its lesson"

    library = load_library(folder)
    titles = {lesson.title: lesson for lesson in library.lessons}
    assert set(titles) == {"Building micrograd", "Bigrams", "An MLP, renamed", "Batch norm"}
    assert [c.title for c in titles["Bigrams"].chapters] == ["Start", "Counting pairs"]
    assert [c.start for c in titles["Batch norm"].chapters] == [0, 300]
    assert run_studytui("check-lessons", str(folder)).returncode == 0


HOSTILE = "[b]bold[/b] [link=file:///etc]x[/link] \x1b[31mred\x1b]0;owned\x07 \x1b]52;c;cGF5bG9hZA==\x07"


def test_hostile_metadata_gives_safe_ids_and_safe_text(tmp_path):
    videos = [
        video_info(1, HOSTILE, 600, chapters=[(0, "::: exercise evil Evil\n```python check\nimport os\n"),
                                              (60, "---\nid: ../../x"), (60, "same second"), (-5, "negative"),
                                              (9999, "after the end"), (120, "y" * 10_000)]),
        video_info(2, "../../../etc/passwd", 600),
        video_info(3, "x" * 10_000, 600),
        video_info(4, "Same title", 600),
        video_info(5, "Same title", 600),
        video_info(6, "日本語のタイトル", None),
        video_info(7, "NaN long", float("nan")),
    ]
    info = playlist_info(videos, title="../../" + HOSTILE + "z" * 10_000)
    notes = tmp_path / "notes"
    report = add_course(read_info_json(write_info(tmp_path / "hostile.json", info)), notes / "courses",
                        notes / ".studytui")
    folder = report.folder
    assert folder.parent == notes / "courses" and len(folder.name) <= 40
    written = [path for path in tmp_path.rglob("*") if path.is_file() and path.name != "hostile.json"]
    assert all(path.resolve().is_relative_to(notes.resolve()) for path in written)
    for path in written:
        data = path.read_bytes()
        assert b"\x1b" not in data and b"\x07" not in data, f"{path.name} holds a terminal escape"
    assert all(len(path.name) <= 100 for path in written)

    check = run_studytui("check-lessons", str(folder))
    assert check.returncode == 0, check.stdout + check.stderr
    library = load_library(folder)
    ids = [lesson.id for lesson in library.lessons]
    assert len(ids) == 6 and len(set(ids)) == 6 and all(is_safe_id(i) for i in ids)
    first = library.lessons[0]
    assert first.title.startswith("[b]bold[/b] [link=file:///etc]x[/link] red"), "markup stays literal text, escapes go"
    assert not first.exercises, "a chapter title never becomes an exercise"
    assert [c.start for c in first.chapters] == [0, 60, 120]
    assert all("\n" not in c.title and len(c.title) <= 200 for c in first.chapters)
    assert all(len(lesson.title) <= 200 for lesson in library.lessons)
    unknown = library.lessons[5]
    assert unknown.duration_approximate and "no length" in unknown.intro
    assert report.skipped == ["NaN long: cannot convert float NaN to integer"], "yt-dlp refuses it: said, not lost"


def entries_then_interrupt(stop_after: int) -> Iterator[VideoEntry]:
    for number in range(1, 6):
        if number > stop_after:
            raise KeyboardInterrupt
        yield VideoEntry(f"test:{number}", f"Video {number}", f"https://example.invalid/{number}", 60.0)


def source(entries: Iterator[VideoEntry]) -> CourseSource:
    return CourseSource("online", "https://example.invalid/list", "Stoppable", "", entries, 5)


def test_ctrl_c_keeps_what_is_written_and_the_next_run_goes_on(tmp_path):
    courses, workspace = tmp_path / "courses", tmp_path / ".studytui"
    seen = []
    report = add_course(source(entries_then_interrupt(2)), courses, workspace, on_progress=seen.append)
    assert report.stopped and len(report.added) == 2 and [p.done for p in seen] == [1, 2]
    assert (report.folder / COURSE_RECORD).is_file()
    assert load_library(report.folder).broken == ()
    again = add_course(source(entries_then_interrupt(5)), courses, workspace)
    assert again.folder == report.folder and not again.stopped
    assert (len(again.unchanged), len(again.added)) == (2, 3)

    cancelled = add_course(source(entries_then_interrupt(5)), tmp_path / "other", workspace,
                           cancelled=lambda: True)
    assert cancelled.stopped and len(cancelled.added) == 1 and cancelled.gone == []


def test_a_course_add_made_needs_no_trust_a_copied_or_replaced_one_does(tmp_path):
    courses, workspace = tmp_path / "courses", tmp_path / ".studytui"
    report: AddReport = add_course(source(entries_then_interrupt(5)), courses, workspace)
    own = OwnCourses(workspace)
    trust = TrustStore(tmp_path / "trusted.json", own=own.is_own)
    assert trust.is_trusted(report.folder)
    copy = courses / "a-copy"
    shutil.copytree(report.folder, copy)  # its record file comes along: not enough
    assert not trust.is_trusted(copy)
    link = courses / "link"
    link.symlink_to(report.folder)
    assert not own.is_own(link)
    # A stranger's course, made by `add` on their machine, put in the place of ours.
    theirs = add_course(source(entries_then_interrupt(5)), tmp_path / "elsewhere", tmp_path / "their-workspace")
    shutil.rmtree(report.folder)
    shutil.copytree(theirs.folder, report.folder)
    assert not trust.is_trusted(report.folder)


def test_a_copied_course_with_a_forged_record_is_never_written_into(tmp_path):
    notes = tmp_path / "notes"
    info = write_info(tmp_path / "playlist.json", playlist_info(three_videos()))
    theirs = add_course(read_info_json(info), tmp_path / "theirs", tmp_path / "their-workspace").folder
    forged = json.loads((theirs / COURSE_RECORD).read_text(encoding="utf-8"))
    for item in forged["lessons"]:
        item["file"], item["sha256"] = "../../../escape.md", "0" * 64
    (theirs / COURSE_RECORD).write_text(json.dumps(forged), encoding="utf-8")
    copied = notes / "courses" / theirs.name
    shutil.copytree(theirs, copied)
    before = {path.name: path.read_bytes() for path in copied.iterdir()}

    report = add_course(read_info_json(info), notes / "courses", notes / ".studytui")
    assert report.folder != copied and len(report.added) == 3
    assert {path.name: path.read_bytes() for path in copied.iterdir()} == before
    assert not list(tmp_path.rglob("escape.md"))


def test_a_video_that_cannot_be_read_this_time_is_skipped_not_gone(tmp_path):
    notes = tmp_path / "notes"
    videos = three_videos()
    add_course(read_info_json(write_info(tmp_path / "one.json", playlist_info(videos))), notes / "courses",
               notes / ".studytui")
    broken = dict(videos[0], duration=float("nan"))  # yt-dlp refuses this one
    again = add_course(read_info_json(write_info(tmp_path / "two.json", playlist_info([broken, *videos[1:]]))),
                       notes / "courses", notes / ".studytui")
    assert again.gone == [] and len(again.skipped) == 1 and len(again.unchanged) == 2


def test_a_url_that_cannot_be_reached_is_one_line_and_writes_nothing(tmp_path):
    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = run_studytui("add", f"http://127.0.0.1:{port}/lectures", "--notes", str(tmp_path / "notes"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("studytui add: ") and "Connection refused" in result.stderr
    assert not (tmp_path / "notes" / "courses").exists() or not any((tmp_path / "notes" / "courses").iterdir())


def test_a_page_yt_dlp_reads_online_becomes_a_course_with_its_captions(tmp_path):
    """The online path, end to end, on a page served on 127.0.0.1 (yt-dlp's generic extractor reads its
    <video> and <track>): one video, its captions fetched with --transcripts."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "video.mp4").write_bytes(b"\0" * 64)
    (site / "captions.vtt").write_text("WEBVTT\n\n00:00.000 --> 00:02.000\nhello from the page\n", encoding="utf-8")
    (site / "lecture.html").write_text(
        '<html><head><title>A lecture page</title></head><body><video src="video.mp4">'
        '<track kind="captions" srclang="en" label="English" src="captions.vtt"></video></body></html>',
        encoding="utf-8")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/lecture.html"
        result = run_studytui("add", url, "--notes", str(tmp_path / "notes"), "--transcripts")
    finally:
        server.shutdown()
    assert result.returncode == 0, result.stdout + result.stderr
    folder = only_course(tmp_path / "notes")
    (lesson,) = load_library(folder).lessons
    assert lesson.video == url and lesson.duration_approximate
    captions = tmp_path / "notes" / "transcripts" / f"{lesson.id}.en.vtt"
    assert "hello from the page" in captions.read_text(encoding="utf-8")
    assert run_studytui("check-lessons", str(folder)).returncode == 0


def test_a_saved_info_json_is_a_source_as_a_url_or_a_folder_is(tmp_path):
    from studytui.core.courses import CourseSourceError, read_source

    info_path = write_info(tmp_path / "playlist.json", playlist_info(three_videos()))
    source = read_source(f"  {info_path}  ")
    assert (source.title, source.count, source.link) == ("Neural nets from scratch", 3, PLAYLIST_URL)
    assert [entry.title for entry in source.entries] == ["Building micrograd", "Bigrams", "An MLP"]
    other = tmp_path / "notes.txt"
    other.write_text("not a course", encoding="utf-8")
    for typed, why in ((str(other), "is a file"), ("   ", "give a playlist"), (str(tmp_path / "gone"), "no folder")):
        with pytest.raises(CourseSourceError, match=why):
            read_source(typed)

    result = run_studytui("add", str(info_path), "--notes", str(tmp_path / "notes"))
    assert result.returncode == 0 and "[3/3] added     An MLP" in result.stdout, result.stdout + result.stderr
