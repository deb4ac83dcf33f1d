"""A pager over the code pane for the kernel's help (``obj?``, ``obj??``, ``%pinfo``, every ``page``
payload, and all of a name's docs): it opens at the top, scrolls with the usual keys (and less's
space, b, g, G, j, k), ``/`` searches (n the next match, N the previous one), q or Escape closes.

The text is the kernel's, so data: its ANSI colours and every other sequence are taken out before it
is shown, and a read-only ``TextArea`` draws it literally (no markup). q, Escape and ``/`` are
priority bindings: they act as the App reads the key, so the keys typed right after q reach the cell
below once the pager is gone, and those typed right after ``/`` are the search.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.geometry import Region
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from studytui.core.kernel import strip_ansi
from studytui.ui.widgets.ordered_keys import OrderedKeys
from studytui.ui.widgets.safe_text import data_text

KEYS_LINE = "q close · / search, n next · space/b page · g/G top/end"


def pager_text(text: str) -> str:
    """The kernel's page as the pager shows it: colours and controls out, tabs as spaces."""
    return strip_ansi(text).replace("\r\n", "\n").expandtabs(8).strip("\n")


class PagerText(OrderedKeys, TextArea):
    """The page: read-only, the cursor moves through it; the pager's own keys are handled here, in
    the order they were typed (the search typed after ``/`` too)."""

    def __init__(self, text: str, pager: HelpPager) -> None:
        super().__init__(text, read_only=True, soft_wrap=True, show_line_numbers=False, id="pager-text")
        self.pager = pager

    async def _on_key(self, event: events.Key) -> None:
        if self.pager.key_typed(event):
            event.stop()
            event.prevent_default()
            return
        await super()._on_key(event)

    def page(self, down: bool) -> None:
        if down:
            self.action_cursor_page_down()
        else:
            self.action_cursor_page_up()

    def go_to(self, start: tuple[int, int], end: tuple[int, int] | None = None) -> None:
        """The cursor at `start` (selecting to `end`), scrolled into the middle of the view."""
        self.move_cursor(start, center=True)
        if end is not None:
            self.move_cursor(end, select=True)


class HelpPager(ModalScreen[None]):
    """The page over the code pane; ``area`` gives the region to cover (the pane's, as it is now)."""

    BINDINGS = [
        Binding("q", "close", "Close", priority=True),
        Binding("escape", "close", "Close", priority=True),
        Binding("slash", "search", "Search", priority=True),
    ]
    DEFAULT_CSS = """
    HelpPager { align: left top; background: $background 40%; }
    HelpPager #pager-box { border: thick $accent; background: $surface; width: 100%; height: 100%; }
    HelpPager #pager-text { height: 1fr; border: none; padding: 0 1; }
    HelpPager #pager-status { height: 1; padding: 0 1; color: $text-muted; }
    """

    def __init__(self, title: str, text: str, area: Callable[[], Region | None]) -> None:
        super().__init__()
        self.title_text = title
        self.page_text = pager_text(text)
        self.area = area
        self.typed_search: str | None = None  # the search being typed after `/`
        self.last_search = ""
        self.note = ""  # a line for the status bar ("not found: ...")

    def compose(self) -> ComposeResult:
        # The title and the status are there from the first frame, before the page takes the focus.
        with Vertical(id="pager-box") as box:
            box.border_title = data_text(self.title_text)
            yield PagerText(self.page_text, self)
            lines = self.page_text.count("\n") + 1
            yield Static(data_text(f"line 1 of {lines} · {KEYS_LINE}"), id="pager-status")

    def on_mount(self) -> None:
        self.place()
        self.show_status()
        self.query_one(PagerText).focus()

    def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self.place)  # the screen below lays its panes out first

    def place(self) -> None:
        """Cover the code pane's region (the whole screen when it is not on screen)."""
        region = self.area()
        box = self.query_one("#pager-box")
        if region is None or not region.area:
            region = Region(0, 0, self.size.width, self.size.height)
        box.styles.offset = (region.x, region.y)
        box.styles.width = region.width
        box.styles.height = region.height

    @property
    def searching(self) -> bool:
        return self.typed_search is not None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # While a search is typed, q and / are letters of it, and Escape is handled in typing order.
        return not (self.searching and action in ("close", "search"))

    def action_close(self) -> None:
        self.dismiss(None)

    def action_search(self) -> None:
        self.typed_search = ""
        self.note = ""
        self.show_status()

    def key_typed(self, event: events.Key) -> bool:
        """A key that reached the page, in typing order; True when the pager used it."""
        text = self.query_one(PagerText)
        if self.typed_search is not None:
            return self.search_key(event)
        character = event.character if event.is_printable else None
        if event.key in ("q", "escape"):
            self.action_close()  # typed right after a search: it came this way
        elif character == "/":
            self.action_search()
        elif character in ("n", "N"):
            self.find(self.last_search, forward=character == "n")
        elif event.key == "space" or character == "b":
            text.page(down=event.key == "space")
        elif character in ("g", "G"):
            text.go_to((0, 0) if character == "g" else text.document.end)
        elif character in ("j", "k"):
            (text.action_cursor_down if character == "j" else text.action_cursor_up)()
        else:
            return False
        return True

    def search_key(self, event: events.Key) -> bool:
        query = self.typed_search or ""
        if event.key == "escape":
            self.typed_search = None
        elif event.key == "enter":
            self.typed_search = None
            self.last_search = query or self.last_search
            self.find(self.last_search, forward=True)
            return True
        elif event.key == "backspace":
            self.typed_search = query[:-1]
        elif event.is_printable and event.character:
            self.typed_search = query + event.character
        else:
            return True  # other keys wait for the search to be typed
        self.show_status()
        return True

    def find(self, needle: str, forward: bool) -> None:
        """Select the next (or previous) match of `needle` after the cursor, around the end; any
        case unless `needle` has a capital (as less's -i)."""
        if not needle:
            return
        text = self.query_one(PagerText)
        fold = needle == needle.lower()
        haystack = self.page_text.lower() if fold else self.page_text
        row, column = text.selection.start
        cursor = sum(len(line) + 1 for line in self.page_text.split("\n")[:row]) + column
        if forward:
            index = haystack.find(needle, cursor + 1)
            index = haystack.find(needle) if index < 0 else index
        else:
            index = haystack.rfind(needle, 0, max(cursor, 0))
            index = haystack.rfind(needle) if index < 0 else index
        if index < 0:
            self.note = f"not found: {needle}"
        else:
            self.note = ""
            text.go_to(self.location(index), self.location(index + len(needle)))
        self.show_status()

    def location(self, index: int) -> tuple[int, int]:
        """(row, column) of a character of the page."""
        row = self.page_text.count("\n", 0, index)
        return row, index - (self.page_text.rfind("\n", 0, index) + 1)

    @on(TextArea.SelectionChanged)
    def cursor_moved(self) -> None:
        if not self.searching:
            self.show_status()

    def show_status(self) -> None:
        status = self.query_one("#pager-status", Static)
        if self.typed_search is not None:
            status.update(data_text(f"/{self.typed_search}", style="bold"))
            return
        text = self.query_one(PagerText)
        where = f"line {text.cursor_location[0] + 1} of {text.document.line_count}"
        status.update(data_text(f"{self.note + ' · ' if self.note else ''}{where} · {KEYS_LINE}"))
