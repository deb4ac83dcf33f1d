"""No write follows a link studytui did not make: every file it writes in the workspace, with a
symbolic link planted at its path (or at its temp file's path) leading to a file outside. The
file outside must stay byte for byte as it was."""

from __future__ import annotations

import base64
import hashlib
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from studytui.config import OutsideWorkspace, Settings, check_own_folders
from studytui.core.crash_report import write_crash_report
from studytui.core.files import RefusedFile, open_log, open_regular, write_text_atomic
from studytui.core.kernel import InputHistory, KernelSession, TerminalText
from studytui.core.kernel.rich_output import save_image
from studytui.core.notes import NotesFile, NotesJournal
from studytui.core.player import MpvError, MpvPlayer
from studytui.core.study import StudyLog, WorkspaceLock, open_study_log
from tests.videos import HEADLESS, needs_mpv

PRECIOUS = b"precious: never written by studytui\n"


@pytest.fixture
def outside(tmp_path) -> Path:
    target = tmp_path / "outside" / "precious.txt"
    target.parent.mkdir()
    target.write_bytes(PRECIOUS)
    return target


@pytest.fixture
def workspace(tmp_path) -> Path:
    folder = tmp_path / "notes" / ".studytui"
    folder.mkdir(parents=True)
    return folder


def untouched(target: Path) -> bool:
    return target.read_bytes() == PRECIOUS and not [p for p in target.parent.iterdir() if p != target]


def test_the_primitives_refuse_a_link_as_last_component(tmp_path, outside):
    link = tmp_path / "log"
    link.symlink_to(outside)
    with pytest.raises(RefusedFile, match="symbolic link"):
        open_log(link)
    with pytest.raises(RefusedFile, match="symbolic link"):
        open_regular(link, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    write_text_atomic(link, "replaced")  # the link itself is replaced, never followed
    assert not link.is_symlink() and link.read_text() == "replaced"
    assert untouched(outside)


def test_a_log_is_created_private_and_appended(tmp_path):
    path = tmp_path / "logs" / "kernel.log"
    with open_log(path) as log:
        log.write(b"one\n")
    with open_log(path) as log:
        log.write(b"two\n")
    assert path.read_bytes() == b"one\ntwo\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_linked_lock_is_refused_and_its_target_untouched(workspace, outside):
    (workspace / "lock").symlink_to(outside)
    lock = WorkspaceLock(workspace / "lock")
    with pytest.raises(OSError) as refused:
        lock.acquire()
    assert untouched(outside)
    assert "symbolic link" in str(refused.value)


def test_a_lock_that_is_a_fifo_is_refused(workspace):
    os.mkfifo(workspace / "lock")
    with pytest.raises(OSError, match="FIFO"):
        WorkspaceLock(workspace / "lock").acquire()


def test_a_linked_workspace_folder_is_refused(tmp_path, outside):
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / ".studytui").symlink_to(outside.parent)
    with pytest.raises(OutsideWorkspace):
        check_own_folders(Settings(lessons_dir=tmp_path, notes_dir=notes))
    assert untouched(outside)


def test_the_journal_never_writes_through_a_planted_link(workspace, outside):
    journal = NotesJournal(workspace / "unsaved", "a-lesson")
    journal.path.parent.mkdir()
    # Yesterday's fixed temp name, and the journal's own name.
    digest = hashlib.sha256(b"a-lesson").hexdigest()[:24]
    (journal.path.parent / f"{digest}.json.tmp").symlink_to(outside)
    assert journal.write("typed text", None)
    assert journal.read() is not None and journal.read().text == "typed text"
    journal.path.unlink()
    journal.path.symlink_to(outside)
    assert journal.read() is None  # a link there is not the journal studytui wrote
    assert journal.write("typed again", None)
    assert not journal.path.is_symlink() and journal.read().text == "typed again"
    assert untouched(outside)


@pytest.mark.parametrize("companion", ["", "-wal", "-shm", "-journal"])
def test_a_linked_study_log_file_is_refused(workspace, tmp_path, companion):
    other = tmp_path / "outside" / "other.sqlite"
    other.parent.mkdir()
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE mine (x)")
    before = other.read_bytes()
    path = workspace / "study-log.sqlite"
    if companion:
        StudyLog(path).close()
    Path(f"{path}{companion}").symlink_to(other)
    try:
        opened = open_study_log(path)
        opened.log.record_exercise("lesson", "exercise", passed=True)
        opened.log.close()
    except (OSError, sqlite3.Error) as error:
        refusal = str(error)
    else:
        refusal = f"opened: {opened.notice}"
    assert other.read_bytes() == before
    assert sorted(p.name for p in other.parent.iterdir()) == ["other.sqlite"]
    assert "symbolic link" in refusal


async def test_the_kernel_log_never_goes_through_a_link(workspace, outside):
    log = workspace / "kernel.log"
    log.symlink_to(outside)
    session = KernelSession(log_path=log, cwd=workspace)
    await session.start()
    try:
        result = await session.execute("import os; os.write(2, b'to the kernel log\\n')", lambda output: None)
        assert result.status == "ok"
    finally:
        await session.shutdown()
    session._log.warning("a line from the client's logger")
    assert untouched(outside)


@needs_mpv
async def test_the_mpv_log_never_goes_through_a_link(workspace, outside, tmp_path):
    log = workspace / "mpv.log"
    log.symlink_to(outside)
    exits: list[str] = []
    player = MpvPlayer(on_exit=exits.append)
    # A file that is not there: mpv says so in its log, then exits.
    with pytest.raises(MpvError):
        await player.start(str(tmp_path / "missing.mkv"), extra_args=(*HEADLESS, "--keep-open=no", "--idle=no"),
                           log_path=log)
    assert untouched(outside)


def test_crash_reports_are_private_and_never_go_through_a_link(workspace, outside):
    report = write_crash_report(workspace, RuntimeError("boom"))
    assert report is not None and "boom" in report.read_text()
    assert stat.S_IMODE(report.stat().st_mode) == 0o600
    assert untouched(outside)


def test_a_cell_image_never_goes_through_a_link(tmp_path, outside):
    folder = tmp_path / "notes" / "outputs" / "lesson"
    folder.mkdir(parents=True)
    png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
    name = f"image-{hashlib.sha256(base64.b64decode(png)).hexdigest()[:16]}.png"  # images are named by content
    (folder / name).symlink_to(outside)
    path = save_image({"image/png": png}, folder)
    assert path == folder / name and not path.is_symlink() and path.read_bytes().startswith(b"\x89PNG")
    assert untouched(outside)


def test_a_spilled_output_never_goes_through_a_link(tmp_path, outside):
    spill = tmp_path / "notes" / "outputs" / "cell-1-stdout.txt"
    spill.parent.mkdir(parents=True)
    spill.symlink_to(outside)
    text = TerminalText(spill_to=lambda: spill, head=2, tail=2)
    text.write("".join(f"{i}\n" for i in range(100)))
    text.close()
    assert untouched(outside)


def test_history_and_conflict_copies_replace_a_link_instead_of_following_it(tmp_path, outside):
    history_path = tmp_path / "history.json"
    history_path.symlink_to(outside)
    history = InputHistory(history_path)
    history.add("print(1)")
    assert InputHistory(history_path).entries == ["print(1)"]

    notes = tmp_path / "notes"
    notes.mkdir()
    path = notes / "lesson.md"
    path.write_text("mine\n")
    file = NotesFile(path, "", root=notes)
    file.read()
    path.write_text("theirs\n")
    outcome = file.save("mine, edited\n")
    assert outcome.kept_other_version is not None and not outcome.kept_other_version.is_symlink()
    assert untouched(outside)
