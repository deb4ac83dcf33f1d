"""OrderedKeys and after_typed_keys with Pilot: a burst of keys queued at once for the focused
input applies in order (as when the terminal delivers them in one read), for a TextArea and an
Input, and an app action waits for the keys queued before it."""

from __future__ import annotations

import pytest
from textual import events
from textual.app import App, ComposeResult
from textual.widgets import Input, TextArea

from studytui.ui.widgets.ordered_keys import OrderedKeys, after_typed_keys
from tests.waiting import until

pytestmark = pytest.mark.timeout(30)


class OrderedArea(OrderedKeys, TextArea):
    pass


class OrderedInput(OrderedKeys, Input):
    pass


class Burst(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []

    def compose(self) -> ComposeResult:
        yield OrderedArea(id="area")
        yield OrderedInput(id="line")

    def burst(self, *keys: str) -> None:
        """Queue every key for the focused widget at once, as one read of the terminal does."""
        target = self.focused
        assert target is not None
        for key in keys:
            character = " " if key == "space" else key if len(key) == 1 else None
            target.post_message(events.Key(key, character))


@pytest.mark.parametrize("widget_id", ["area", "line"])
async def test_backspace_in_a_burst_applies_before_the_next_character(widget_id):
    app = Burst()
    async with app.run_test() as pilot:
        widget = app.query_one(f"#{widget_id}")
        widget.focus()
        await pilot.pause()
        for _ in range(20):
            app.burst("a", "b", "backspace", "c", "left", "x", "end", "space")
        expected = "axc " * 20
        await until(lambda: getattr(widget, "text", None) == expected or getattr(widget, "value", None) == expected,
                    what="the burst applied in order")


async def test_an_app_action_waits_for_the_keys_queued_before_it():
    app = Burst()
    async with app.run_test() as pilot:
        area = app.query_one(OrderedArea)
        area.focus()
        await pilot.pause()
        app.burst(*"print(1234)")
        after_typed_keys(app, lambda: app.seen.append(area.text))
        app.burst(*"next")
        await until(lambda: area.text.endswith("next"), what="the keys after it")
        assert app.seen == ["print(1234)"]
