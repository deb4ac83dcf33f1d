"""A private tmux server running the installed `studytui`: type keys, read the screen."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from pathlib import Path

from tests.waiting import until_sync

STUDYTUI = Path(sys.executable).with_name("studytui")
# A terminal's size is its window's: COLUMNS and LINES left by the test runner (pytest-xdist's
# workers have COLUMNS=80 LINES=24) would override it for Textual, and the screen would not be
# the one a test asks for.
RUNNER_SIZE = ("COLUMNS", "LINES")


def own_size(env: dict[str, str]) -> dict[str, str]:
    """`env` without the size variables a terminal's program would take over its window's."""
    return {name: value for name, value in env.items() if name not in RUNNER_SIZE}


class Terminal:
    """One tmux server of our own, with one window running a command."""

    def __init__(self, cwd: Path, env: dict[str, str], width: int = 160, height: int = 45) -> None:
        self.socket = f"studytui-test-{uuid.uuid4().hex[:8]}"
        self.cwd, self.env, self.size = cwd, own_size(env), (width, height)

    def tmux(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=check, env=self.env
        )

    def start(self, command: list[str], config: Path | None = None) -> None:
        """Run `command` in the window; `config` is a tmux configuration read before it starts."""
        width, height = self.size
        self.tmux(
            "-f", str(config or "/dev/null"), "new-session", "-d", "-s", "main", "-x", str(width), "-y", str(height),
            "-c", str(self.cwd), *command,
        )
        self.tmux("set-option", "-t", "main", "remain-on-exit", "on")

    def widths(self, strings: list[str], folder: Path) -> list[int]:
        """The cells this terminal gives each string, measured by a program in a session of its own."""
        name = f"widths-{uuid.uuid4().hex[:8]}"
        asked, answered = folder / f"{name}.json", folder / f"{name}.out.json"
        asked.write_text(json.dumps(strings), encoding="utf-8")
        self.tmux("new-session", "-d", "-s", name, "-x", "400", "-y", "5",
                  sys.executable, str(Path(__file__).with_name("cell_widths.py")), str(asked), str(answered))
        until_sync(answered.exists, timeout=20, what="the widths measured")
        return json.loads(answered.read_text(encoding="utf-8"))

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "main").stdout

    def wait_for(self, text: str, timeout: float = 20) -> None:
        try:
            until_sync(lambda: text in self.screen(), timeout=timeout, what=repr(text))
        except AssertionError:
            raise AssertionError(f"{text!r} never appeared; the screen was:\n{self.screen()}") from None

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "main", *keys)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", "main", "-l", text)

    def exited(self) -> bool:
        result = self.tmux("list-panes", "-t", "main", "-F", "#{pane_dead}", check=False)
        return result.returncode != 0 or result.stdout.strip() == "1"

    def close(self) -> None:
        self.tmux("kill-server", check=False)
