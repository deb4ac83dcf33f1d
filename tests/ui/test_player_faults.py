"""The lesson clock with a broken mpv socket: the stopwatch with a notice, never a stuck clock."""

from __future__ import annotations

import pytest

from studytui.core.player import Stopwatch
from tests.core.test_mpv_socket_faults import drops_after_first_command, never_answers, socket_server
from tests.ui.test_app import SIZE, header_text
from tests.ui.test_study import make_app, notified, quit_app
from tests.waiting import until

pytestmark = pytest.mark.timeout(60)


@pytest.mark.parametrize(
    ("handler", "says"),
    [(never_answers, "does not answer"), (drops_after_first_command, "closed the connection")],
)
async def test_a_broken_mpv_socket_falls_back_to_the_stopwatch_with_a_notice(
    lessons_dir, notes_dir, tmp_path, handler, says
):
    async with socket_server(tmp_path / "mpv.sock", handler) as path:
        app = make_app(lessons_dir, notes_dir, mpv_socket=path, start_pass=2)
        async with app.run_test(size=SIZE) as pilot:
            await until(lambda: notified(app, says), 15, "the notice")
            assert notified(app, "stopwatch")
            assert isinstance(app.session.clock, Stopwatch)
            await pilot.press("ctrl+t")
            await until(lambda: "playing" in header_text(app), 3, "the clock runs on ctrl+t")
            await quit_app(app, pilot)
