"""--existing: a kernel that cannot be reached is explained with what really works, and f9 attaches again."""

from __future__ import annotations

import asyncio

import pytest
from jupyter_client.manager import AsyncKernelManager

from tests.ui.test_app import SIZE
from tests.ui.test_code_pane import log_text, ready, run
from tests.ui.test_study import make_app, quit_app
from tests.waiting import until

pytestmark = [pytest.mark.timeout(90), pytest.mark.real_kernel]  # the kernel is what these test


def notice(app) -> str:
    return log_text(app)


async def test_an_unreachable_kernel_offers_what_works_and_f9_attaches_again(lessons_dir, notes_dir, tmp_path):
    connection = tmp_path / "kernel-later.json"  # no kernel yet
    app = make_app(lessons_dir, notes_dir, existing_kernel=connection, start_pass=2)
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: "Could not attach" in notice(app), 15, "the failure notice")
        text = notice(app)
        assert "without --existing" in text and "try again." not in text
        km = AsyncKernelManager(kernel_name="python3")
        km.connection_file = str(connection)
        await km.start_kernel(stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL)
        try:
            await pilot.press("f9")
            await until(lambda: "attached again" in notice(app), 30, "attached again")
            await ready(app, pilot)
            await run(app, pilot, "6 * 7")
            await until(lambda: "Out[1]: 42" in log_text(app), 15, "a cell run in the kernel")
            await quit_app(app, pilot)
            assert await km.is_alive(), "quitting leaves an attached kernel running"
        finally:
            await km.shutdown_kernel(now=True)
