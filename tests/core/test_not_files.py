"""A FIFO, a device or a socket where studytui expects a file: refused with a message, never a
hang (opening or reading a FIFO with no writer blocks for ever) and never a crash."""

from __future__ import annotations

import os
import socket
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from studytui.config import Settings, same_lesson_files
from studytui.core.files import RefusedFile, read_json, read_regular_bytes
from studytui.core.kernel import InputHistory
from studytui.core.lessons import load_library
from studytui.core.notes import NotesFile, NotesJournal, NotesReadOnly, write_digest
from studytui.core.study import StudyLog, open_study_log
from studytui.user_config import load_user_config

pytestmark = pytest.mark.timeout(60)

HANG = 10.0  # seconds: anything that has not returned by then is blocked on the FIFO


class Fifos:
    """FIFOs made by a test, opened for writing at its end so that a reader stuck on one lets go."""

    def __init__(self) -> None:
        self.paths: list[Path] = []

    def make(self, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        os.mkfifo(path)
        self.paths.append(path)
        return path

    def release(self) -> None:
        for path in self.paths:
            try:
                os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))
            except OSError:
                pass  # no reader is stuck on it


@pytest.fixture
def fifos():
    made = Fifos()
    yield made
    made.release()


def without_hanging(call: Callable[[], Any]) -> Any:
    """`call()`'s result (or its exception, raised here); fails when it is still blocked after HANG s."""
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = call()
        except BaseException as error:  # handed to the test
            outcome["error"] = error

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(HANG)
    assert not thread.is_alive(), f"{call} hung on a FIFO"
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def test_the_primitives_name_what_they_refuse(tmp_path, fifos):
    fifo = fifos.make(tmp_path / "pipe")
    with pytest.raises(RefusedFile, match="FIFO"):
        without_hanging(lambda: read_regular_bytes(fifo))
    with pytest.raises(RefusedFile, match="character device"):
        read_regular_bytes(Path("/dev/zero"))
    with pytest.raises(RefusedFile, match="folder"):
        read_regular_bytes(tmp_path)
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(tmp_path / "sock"))
    try:
        with pytest.raises(RefusedFile, match="socket"):
            read_regular_bytes(tmp_path / "sock")
    finally:
        server.close()
    (tmp_path / "big.json").write_text("[" + "0," * 100 + "0]")
    with pytest.raises(RefusedFile, match="more than the 100 bytes"):
        read_json(tmp_path / "big.json", limit=100)
    (tmp_path / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(ValueError, match="nested too deeply"):
        read_json(tmp_path / "deep.json")


def test_a_fifo_at_the_notes_path_is_read_only_with_a_reason(tmp_path, fifos):
    notes = tmp_path / "notes"
    path = fifos.make(notes / "lesson.md")
    with pytest.raises(NotesReadOnly) as refused:
        without_hanging(lambda: NotesFile(path, "# template\n", root=notes).read())
    assert "FIFO" in refused.value.reason
    assert without_hanging(lambda: NotesFile(path, "", root=notes).disk_version()) is None


def test_a_device_linked_as_notes_inside_a_linked_notes_folder_is_read_only(tmp_path):
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "lesson.md").symlink_to("/dev/zero")
    with pytest.raises(NotesReadOnly):
        without_hanging(lambda: NotesFile(notes / "lesson.md", "", root=None).read())


def test_journal_history_and_study_log_are_never_read_from_a_fifo(tmp_path, fifos):
    journal = NotesJournal(tmp_path / "unsaved", "lesson")
    fifos.make(journal.path)
    assert without_hanging(journal.read) is None
    history = fifos.make(tmp_path / "history" / "lesson.json")
    assert without_hanging(lambda: InputHistory(history).entries) == []
    log = fifos.make(tmp_path / "study-log.sqlite")
    with pytest.raises(OSError, match="FIFO"):
        without_hanging(lambda: open_study_log(log))


def test_a_config_file_that_is_a_fifo_or_a_device_gives_defaults_and_says_why(tmp_path, fifos):
    config = without_hanging(lambda: load_user_config(fifos.make(tmp_path / "config.toml")))
    assert config.get("pause_on_note") is True
    assert len(config.problems) == 1 and "FIFO" in config.problems[0] and "using defaults" in config.problems[0]
    (tmp_path / "linked.toml").symlink_to("/dev/zero")
    config = without_hanging(lambda: load_user_config(tmp_path / "linked.toml"))
    assert "character device" in config.problems[0]


def test_a_fifo_among_the_lessons_is_skipped(tmp_path, fifos, lessons_dir):
    fifos.make(lessons_dir / "zz-pipe.md")
    fifos.make(lessons_dir / "course" / "course.md")
    library = without_hanging(lambda: load_library(lessons_dir))
    assert {lesson.id for lesson in library.lessons} == {"sample-micrograd", "sample-bigrams"}
    copy = tmp_path / "copy"
    copy.mkdir()
    for path in lessons_dir.glob("*.md"):
        if path.is_file():
            (copy / path.name).write_bytes(path.read_bytes())
    fifos.make(copy / "zz-pipe.md")
    fifos.make(copy / "course" / "course.md")
    assert without_hanging(lambda: same_lesson_files(lessons_dir, copy)) is False


def test_the_digest_of_notes_that_are_a_fifo_is_refused_with_a_reason(tmp_path, fifos, lessons_dir):
    settings = Settings(lessons_dir=lessons_dir, notes_dir=tmp_path / "notes")
    lesson = load_library(lessons_dir).lessons[0]
    fifos.make(settings.notes_path(lesson.id))
    with pytest.raises(RefusedFile, match="FIFO"):
        without_hanging(lambda: write_digest(settings, lesson, StudyLog(Path(":memory:"))))
