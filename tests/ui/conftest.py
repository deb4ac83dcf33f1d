"""Fixtures shared by the screen tests (defined beside the tests that introduced them).

The UI tests run the app over an in-process kernel (tests/fake_kernel.py) unless the kernel is what
they test: those are marked `real_kernel` and start a real ipykernel, as studytui does.
STUDYTUI_TEST_REAL_KERNEL=1 runs every UI test over a real ipykernel."""

from __future__ import annotations

import os

import pytest

from tests.fake_kernel import FakeKernel
from tests.ui.test_player import videos  # noqa: F401 (a pytest fixture: the ffmpeg-made videos, once a session)


@pytest.fixture(autouse=True)
def fake_kernel_unless_real(request, monkeypatch) -> None:
    if request.node.get_closest_marker("real_kernel") is None and not os.environ.get("STUDYTUI_TEST_REAL_KERNEL"):
        monkeypatch.setattr("studytui.ui.app.kernel_session", lambda settings, on_state=None: FakeKernel())
