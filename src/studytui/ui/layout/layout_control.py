"""Which panes show, and how wide: driven by the terminal's width, f11 and the outline commands.

The layout is CSS classes on the screen (studytui.tcss has the rules); this object only decides
them. Below `NARROW_BELOW` columns, or with a pane maximised (f11), one pane shows at a time, the
focused one, like tabs: f2 / f3 / f4 switch, and the tab strip says which is which.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from rich.text import Text
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

NARROW_BELOW = 120  # columns: below this, three panes leave the code cell too narrow to type in
OUTLINE_WIDTH = 36  # default columns of the outline beside notes and code
OUTLINE_STEP = 4
OUTLINE_LIMITS = (20, 80)
PANE_CLASSES = {"outline": "tab-outline", "notes": "tab-notes", "code": "tab-code", "watch": "tab-outline"}
TABS = (("f2", "outline"), ("f3", "notes"), ("f4", "code"))


@dataclass
class LayoutController:
    screen: Callable[[], Screen]
    panes: dict[str, Widget]  # "outline", "notes", "code", "watch" -> the pane widget
    tab_strip: Static
    outline_width: int = OUTLINE_WIDTH
    maximised: bool = False
    outline_hidden: bool = False
    narrow: bool = False
    current: str = "notes"
    leave_outline: Callable[[], None] = lambda: None  # where focus goes when the outline is hidden
    _applied: dict[str, bool] = field(default_factory=dict)

    def resized(self, width: int) -> None:
        self.narrow = width < NARROW_BELOW
        self._apply()

    def focus_moved(self, widget: Widget) -> None:
        for name, pane in self.panes.items():
            if widget is pane or pane in widget.ancestors:
                self.current = "outline" if name == "watch" else name
                if name == "outline":
                    self.outline_hidden = False  # f2 brings a hidden outline back
                self._apply()
                return

    # The App's actions for the layout (forward_to("pane_layout")).

    def action_maximise_pane(self) -> None:
        self.toggle_maximised()

    def action_toggle_outline(self) -> None:
        if not self.toggle_outline() and self.current == "outline":
            self.leave_outline()

    def action_wider_outline(self) -> None:
        self.resize_outline(OUTLINE_STEP)

    def action_narrower_outline(self) -> None:
        self.resize_outline(-OUTLINE_STEP)

    def toggle_maximised(self) -> bool:
        """f11: the focused pane alone, or all panes again; returns whether one is maximised now."""
        self.maximised = not self.maximised
        self._apply()
        return self.maximised

    def toggle_outline(self) -> bool:
        self.outline_hidden = not self.outline_hidden
        self._apply()
        return not self.outline_hidden

    def resize_outline(self, step: int) -> int:
        low, high = OUTLINE_LIMITS
        self.outline_width = max(low, min(high, self.outline_width + step))
        self.outline_hidden = False
        self._apply()
        return self.outline_width

    @property
    def one_pane(self) -> bool:
        return self.narrow or self.maximised

    def _apply(self) -> None:
        screen = self.screen()
        wanted = {
            "one-pane": self.one_pane,
            "no-outline": self.outline_hidden and not self.one_pane,
            **{css: self.one_pane and PANE_CLASSES[self.current] == css for css in set(PANE_CLASSES.values())},
        }
        for css, on in wanted.items():
            if self._applied.get(css) != on:
                screen.set_class(on, css)
        self._applied = wanted
        # One pane: the stylesheet's width (the whole screen); else the learner's outline width.
        self.panes["outline"].styles.width = None if self.one_pane else self.outline_width
        self.tab_strip.update(self._tabs())

    def _tabs(self) -> Text:
        strip = Text()
        for key, name in TABS:
            style = "bold reverse" if name == self.current else "dim"
            strip.append(f" {key} {name} ", style=style)
            strip.append(" ")
        if self.maximised:
            strip.append("f11 all panes", style="dim")
        elif self.narrow:
            strip.append(f"one pane at a time below {NARROW_BELOW} columns", style="dim")
        return strip
