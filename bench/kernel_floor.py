"""A second floor for the terminal bench: studytui's kernel session behind a bare Textual code cell.

The kernel is spawned first and adopted by the session exactly as `studytui` does it; the screen is
one TextArea and one Static. Enter runs the cell in the kernel and shows its last printed line and
``Out[n]: value``. Nothing else of studytui is imported: what a first screen of the code cell alone
would cost at launch.

    .venv/bin/python bench/kernel_floor.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from studytui.config import Settings, default_lessons_dir
from studytui.core.kernel_spawn import spawn_kernel

os.environ.setdefault("TEXTUAL_FPS", "120")
HOME = Path(tempfile.mkdtemp(prefix="kernel-floor-"))
SETTINGS = Settings(lessons_dir=default_lessons_dir(), notes_dir=HOME)
SPAWNED = spawn_kernel(SETTINGS.kernel_name, HOME, SETTINGS.kernel_log_path)

from textual import work  # noqa: E402 (imported after the spawn, as studytui does)
from textual.app import App, ComposeResult  # noqa: E402
from textual.widgets import Static  # noqa: E402

from studytui.core.kernel import KernelSession, Output, RichResult, StreamText, kernel_session_for  # noqa: E402
from textarea_floor import FloorInput  # noqa: E402 (the bare app's cell: Enter calls the app's answer)


class KernelFloorApp(App[None]):
    def __init__(self, kernel: KernelSession) -> None:
        super().__init__()
        self.kernel = kernel

    def compose(self) -> ComposeResult:
        yield Static("In [1]: ready", id="out")
        yield FloorInput(id="in")

    def on_mount(self) -> None:
        self.start_kernel()

    @work(exclusive=True, group="start")
    async def start_kernel(self) -> None:
        await self.kernel.start()

    @work(group="cells")
    async def answer(self, code: str) -> None:
        """Called by the cell on Enter (``textarea_floor.FloorInput``): run it in the kernel."""
        outputs: list[Output] = []
        result = await self.kernel.execute(code, outputs.append)
        values = [o.data.get("text/plain", "") for o in outputs if isinstance(o, RichResult)]
        printed = "".join(o.text for o in outputs if isinstance(o, StreamText)).splitlines()[-1:]
        self.query_one(Static).update("\n".join([*printed, f"Out[{result.execution_count}]: {' '.join(values)}"]))

    async def on_unmount(self) -> None:
        await self.kernel.shutdown()


if __name__ == "__main__":
    session = kernel_session_for(SETTINGS, cwd=HOME)
    session.launch_now(SPAWNED)
    KernelFloorApp(session).run()
    sys.exit(0)
