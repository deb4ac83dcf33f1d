"""Fixtures shared by the screen tests (defined beside the tests that introduced them).

The UI tests run the app over an in-process kernel (tests/fake_kernel.py) unless the kernel is what
they test: those are marked `real_kernel` and start a real ipykernel, as studytui does.
STUDYTUI_TEST_REAL_KERNEL=1 runs every UI test over a real ipykernel."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from studytui.config import Settings
from studytui.core.study import StudyLog, StudyState
from tests.fake_kernel import FakeKernel
from tests.ui.test_player import videos  # noqa: F401 (a pytest fixture: the ffmpeg-made videos, once a session)


@pytest.fixture(autouse=True)
def fake_kernel_unless_real(request, monkeypatch) -> None:
    if request.node.get_closest_marker("real_kernel") is None and not os.environ.get("STUDYTUI_TEST_REAL_KERNEL"):
        monkeypatch.setattr("studytui.ui.app.kernel_session", lambda settings, on_state=None: FakeKernel())


@pytest.fixture
def notes_dir(tmp_path):
    """The notes folder of a learner who left the sample lessons in pass 2 (notes and code shown),
    as most screen tests need; a lesson never opened is in pass 1 (see test_passes.py, which uses
    a notes folder of its own)."""
    folder = tmp_path / "notes"
    left_in_pass_two(folder, "sample-micrograd", "sample-bigrams")
    return folder


def left_in_pass_two(notes: Path, *lesson_ids: str) -> None:
    log = StudyLog(Settings(lessons_dir=notes, notes_dir=notes).study_log_path)
    state = StudyState.load(log)
    for lesson_id in lesson_ids:
        state.set_pass(lesson_id, 2)
    state.save()
    log.close()
