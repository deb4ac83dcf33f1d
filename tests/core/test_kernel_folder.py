"""The kernel works in the learner's notes folder: never in a lesson pack's folder, never in the
current folder (often a cloned course) when the notes folder cannot be used. A real kernel."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from studytui.config import Settings
from studytui.core.kernel import kernel_session_for, kernel_workdir
from tests.outputs import text_of

pytestmark = pytest.mark.timeout(90)


async def kernel_folder(settings: Settings) -> str:
    session = kernel_session_for(settings)
    await asyncio.wait_for(session.start(), 30)
    try:
        outputs: list[object] = []
        await asyncio.wait_for(session.execute("import os; print(os.getcwd())", outputs.append), 30)
        return text_of(outputs).strip()
    finally:
        await session.shutdown()


async def test_the_kernel_runs_in_the_notes_folder(tmp_path):
    settings = Settings(lessons_dir=tmp_path / "lessons", notes_dir=tmp_path / "notes")
    assert await kernel_folder(settings) == str(tmp_path / "notes")


async def test_a_notes_folder_inside_the_pack_is_not_the_kernels_folder(tmp_path, monkeypatch):
    course = tmp_path / "cloned-course"
    (course / "lessons").mkdir(parents=True)
    monkeypatch.chdir(course)
    inside = Settings(lessons_dir=course / "lessons", notes_dir=course / "lessons" / "notes")
    folder = Path(await kernel_folder(inside))
    assert not folder.is_relative_to(course) and folder.name.startswith("studytui-kernel-")

    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    unusable = Settings(lessons_dir=course / "lessons", notes_dir=blocked / "notes")
    fallback = kernel_workdir(unusable)
    assert not fallback.is_relative_to(course) and fallback != Path.cwd()


async def test_the_kernel_spawned_at_launch_is_taken_when_the_notes_lie_inside_the_pack(tmp_path, monkeypatch):
    """The private folder is chosen once: the kernel the command line spawned there is the one the
    session runs cells in (not ended for a second folder), and no other folder is left behind."""
    from studytui.cli.launch import _kernel_booting, _kernel_spawned

    course = tmp_path / "cloned-course"
    (course / "lessons").mkdir(parents=True)
    private = tmp_path / "tmp"
    private.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(private))
    settings = Settings(lessons_dir=course / "lessons", notes_dir=course / "lessons" / "notes")
    spawned = _kernel_spawned(settings)
    assert spawned is not None
    session = _kernel_booting(settings, spawned)
    assert session is not None
    await asyncio.wait_for(session.start(), 30)
    try:
        outputs: list[object] = []
        await asyncio.wait_for(session.execute("import os; print(os.getpid(), os.getcwd())", outputs.append), 30)
        pid, folder = text_of(outputs).split()
    finally:
        await session.shutdown()
        spawned.end()
    assert int(pid) == spawned.process.pid, "the spawned kernel was taken"
    assert [p.name for p in private.iterdir()] == [Path(folder).name], "one private folder, the kernel's"
