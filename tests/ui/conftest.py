"""Fixtures shared by the screen tests (defined beside the tests that introduced them)."""

from tests.ui.test_player import videos  # noqa: F401 (a pytest fixture: the ffmpeg-made videos, once a session)
