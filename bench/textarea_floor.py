"""The floor for the terminal bench: a bare Textual app with one TextArea and one Static.

Enter evaluates the TextArea's text as a Python expression and shows ``Out[n]: value`` in the Static,
with no kernel and nothing else on screen: what Textual itself costs for a key and a redraw.

    .venv/bin/python bench/textarea_floor.py
"""

from __future__ import annotations

import ast

from textual import events
from textual.app import App, ComposeResult
from textual.widgets import Static, TextArea


class FloorInput(TextArea):
    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.prevent_default()
            event.stop()
            self.app.answer(self.text)  # type: ignore[attr-defined]
            self.clear()
            return
        await super()._on_key(event)


class FloorApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def compose(self) -> ComposeResult:
        yield Static("In [1]: ready", id="out")
        yield FloorInput(id="in")

    def answer(self, code: str) -> None:
        self.count += 1
        try:
            value = repr(ast.literal_eval(code)) if "+" not in code else str(sum(map(int, code.split("+"))))
        except (ValueError, SyntaxError):
            value = "?"
        self.query_one(Static).update(f"Out[{self.count}]: {value}")


if __name__ == "__main__":
    FloorApp().run()
