"""A full disk or a read-only folder: a clear error, the text kept and copied aside, saving resumed."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from studytui.config import Settings
from studytui.ui.app import StudyApp
from tests.ui.test_app import SIZE
from tests.ui.test_study import notified, quit_app
from tests.waiting import until

pytestmark = pytest.mark.timeout(60)


def run(*command: str) -> bool:
    return subprocess.run(command, capture_output=True).returncode == 0


@pytest.fixture
def small_disk(tmp_path) -> Path:
    """A 256 KiB tmpfs: real ENOSPC when it fills up (needs root, as CI has)."""
    mount_point = tmp_path / "small-disk"
    mount_point.mkdir()
    if os.geteuid() != 0 or not run("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount_point)):
        pytest.skip("mounting a small tmpfs needs root")
    yield mount_point
    run("umount", "-l", str(mount_point))


async def test_disk_full_keeps_the_text_and_saving_resumes(lessons_dir, small_disk, isolated_home):
    notes_dir = small_disk / "notes"
    app = StudyApp(Settings(lessons_dir=lessons_dir, notes_dir=notes_dir, start_pass=2))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+n", *"first")
        notes_file = notes_dir / "sample-micrograd.md"
        await until(lambda: notes_file.exists() and "first" in notes_file.read_text(), 2, "first save")
        filler = small_disk / "filler"
        fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
        try:  # fill the disk to the last byte
            while os.write(fd, b"\0" * 4096):
                pass
        except OSError:
            pass
        finally:
            os.close(fd)
        await pilot.press(*" and then the disk filled up")
        await until(lambda: notified(app, f"Could not save {notes_dir / 'sample-micrograd.md'}"), 3, "the error")
        assert "and then the disk filled up" in app.study_screen.notes.editor.text
        assert "and then the disk filled up" not in notes_file.read_text()
        recovery = isolated_home / ".local" / "share" / "studytui" / "recovery" / "sample-micrograd.md"
        await until(lambda: recovery.exists() and "and then the disk filled up" in recovery.read_text(), 3, "recovery")
        filler.unlink()
        await until(lambda: "and then the disk filled up" in notes_file.read_text(), 3, "saving resumed")
        # notify() posts a message: the toast is registered a moment after the file is written.
        await until(lambda: notified(app, "Notes saved again"), 3, "the all-clear")
        await quit_app(app, pilot)


async def test_read_only_folder_is_reported_and_nothing_is_lost(lessons_dir, tmp_path, isolated_home):
    notes_dir = tmp_path / "notes"
    notes_dir.mkdir(exist_ok=True)
    if os.geteuid() != 0 or not (
        run("mount", "--bind", str(notes_dir), str(notes_dir))
        and run("mount", "-o", "remount,ro,bind", str(notes_dir))
    ):
        run("umount", "-l", str(notes_dir))
        pytest.skip("a read-only bind mount needs root")
    try:
        app = StudyApp(Settings(lessons_dir=lessons_dir, notes_dir=notes_dir, start_pass=2))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("ctrl+n", *"kept safe")
            await until(lambda: notified(app, f"Could not save {notes_dir / 'sample-micrograd.md'}"), 3, "the error")
            assert "kept safe" in app.study_screen.notes.editor.text
            recovery = isolated_home / ".local" / "share" / "studytui" / "recovery" / "sample-micrograd.md"
            await until(lambda: recovery.exists() and "kept safe" in recovery.read_text(), 3, "recovery copy")
            await quit_app(app, pilot)
    finally:
        run("umount", "-l", str(notes_dir))
