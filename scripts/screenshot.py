"""Regenerate docs/screenshot.svg: the main screen with a note and a cell run, at 140x36.

    .venv/bin/python scripts/screenshot.py
"""

from __future__ import annotations

import asyncio
import os
import tempfile
from pathlib import Path

from studytui.config import Settings, bundled_lessons_dir
from studytui.ui.app import StudyApp

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshot.svg"


async def main() -> None:
    with tempfile.TemporaryDirectory() as home:
        os.environ["HOME"] = home
        app = StudyApp(Settings(lessons_dir=bundled_lessons_dir(), notes_dir=Path(home) / "notes"))
        async with app.run_test(size=(140, 36)) as pilot:
            app.open_lesson(app.library.find("zth-01-micrograd"))
            app.clock.seek(19 * 60 + 14)
            await pilot.press("ctrl+n", *"a Value remembers its children and the op that made it")
            app.clock.seek(21 * 60 + 40)
            await pilot.press("ctrl+n", *"grad starts at 0: nothing depends on it yet")
            await pilot.press("f4", *"a = 2.0; b = -3.0; c = 10.0", "enter")
            await pilot.press(*"d = a*b + c", "enter", *"print(d)", "enter")
            while "4.0" not in "".join(str(line.text) for line in app.code.log_widget.lines):
                await pilot.pause(0.05)
            await pilot.press(*"d.grad")
            await pilot.pause(0.3)
            OUT.write_text(app.export_screenshot(title="studytui"), encoding="utf-8")
            await app.action_quit()
    print(f"wrote {OUT}")


if __name__ == "__main__":
    asyncio.run(main())
