"""The restart offer after ctrl+c is for a cell the kernel is still running. A cell the kernel has
finished (it went idle) whose reply is late (replies to interrupted cells can come late or not at
all; the session waits a few seconds for them) is not "ignoring the interrupt": no dialog comes up
to take the keys the learner types next. The kernel is an in-process fake whose reply comes late."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from studytui.core.kernel import ExecutionResult
from studytui.ui.code.kernel_lifecycle import ESCALATE_AFTER
from studytui.ui.screens.confirm import ConfirmScreen
from tests.fake_kernel import FakeKernel
from tests.ui.test_app import SIZE, log_text
from tests.ui.test_code_pane import make_app
from tests.waiting import until

pytestmark = pytest.mark.timeout(60)


class LateReplyKernel(FakeKernel):
    """After an interrupt, the cell's result comes ESCALATE_AFTER + 2 s after the kernel went idle."""

    def __init__(self) -> None:
        super().__init__()
        self.interrupted = False
        self.replied = asyncio.Event()

    async def interrupt(self) -> None:
        self.interrupted = True
        await super().interrupt()

    async def execute(self, code: str, on_output: Any, *args: Any, **kwargs: Any) -> ExecutionResult:
        result = await super().execute(code, on_output, *args, **kwargs)  # idle once the cell stopped
        if self.interrupted:
            self.interrupted = False
            await asyncio.sleep(ESCALATE_AFTER + 2)  # the late reply (what the fake does, not a wait)
            self.replied.set()
        return result


async def test_no_restart_offer_for_an_interrupted_cell_whose_reply_is_late(lessons_dir, notes_dir, monkeypatch):
    kernel = LateReplyKernel()
    monkeypatch.setattr("studytui.ui.app.kernel_session", lambda settings, on_state=None: kernel)
    app = make_app(lessons_dir, notes_dir)
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: kernel.state.value == "idle", what="kernel idle")
        await pilot.press("f4")
        cell = app.study_screen.code.input_widget
        cell.load_text("import time\nwhile True: time.sleep(0.01)")
        await pilot.press("ctrl+r")
        await until(lambda: kernel.state.value == "busy", what="cell running")
        await pilot.press("ctrl+c")
        await until(lambda: "KeyboardInterrupt" in log_text(app), what="the cell stopped")
        await asyncio.wait_for(kernel.replied.wait(), ESCALATE_AFTER + 20)
        await pilot.press(*"x = 1")
        await until(lambda: cell.text == "x = 1", what="the keys in the cell", seen=lambda: cell.text)
        assert not isinstance(app.screen, ConfirmScreen)
        assert "ignores the interrupt" not in log_text(app)
        await app.action_quit()
