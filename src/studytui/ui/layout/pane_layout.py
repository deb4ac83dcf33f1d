"""Which panes show, and how wide: the terminal's width, f11 and the outline commands.

The wide/narrow rule is one breakpoint (`NARROW_BELOW`, the study screen's `HORIZONTAL_BREAKPOINTS`):
Textual gives the screen the class `-narrow` below it, and the stylesheet (studytui.tcss) shows one
pane at a time there, the focused one, like tabs, as it does with a pane maximised (f11, the class
`maximised`). From `ROOMY_FROM` columns (the class `-roomy`) the code pane is wide enough for an
80-character line, and the notes take what is left. This object only keeps the classes that say
which pane is in front (`tab-*`) and whether the outline is hidden, the learner's outline width, and
the tab strip's words.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.text import Text
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

NARROW_BELOW = 120  # columns: below this, three panes leave the code cell too narrow to type in
ROOMY_FROM = 160  # columns: from here the code pane keeps 80 columns of text (the stylesheet's `-roomy`)
BREAKPOINTS = [(0, "-narrow"), (NARROW_BELOW, "-wide"), (ROOMY_FROM, "-roomy")]
OUTLINE_WIDTH = 30  # default columns of the outline beside notes and code
OUTLINE_STEP = 4
OUTLINE_LIMITS = (20, 80)
PANE_CLASSES = {"outline": "tab-outline", "notes": "tab-notes", "code": "tab-code", "watch": "tab-outline"}
TABS = (("f2", "outline"), ("f3", "notes"), ("f4", "code"))
TRANSCRIPT_SHOWN = "transcript-shown"  # the screen's class while the transcript takes the outline's place


@dataclass
class PaneLayout:
    screen: Screen[None]
    panes: dict[str, Widget]  # "outline", "notes", "code", "watch" -> the pane widget
    tab_strip: Static
    outline_width: int = OUTLINE_WIDTH
    maximised: bool = False
    outline_hidden: bool = False
    current: str = "notes"
    _applied: dict[str, bool] = field(default_factory=dict)

    @property
    def narrow(self) -> bool:
        return self.screen.has_class("-narrow")

    @property
    def one_pane(self) -> bool:
        return self.narrow or self.maximised

    @property
    def front_pane_matters(self) -> bool:
        return self.one_pane or self.screen.has_class(TRANSCRIPT_SHOWN)

    def first_classes(self) -> str:
        """The screen's classes before it is mounted (set later, each would restyle every widget)."""
        return PANE_CLASSES[self.current]

    def focus_moved(self, widget: Widget) -> None:
        for name, pane in self.panes.items():
            if widget is pane or pane in widget.ancestors:
                self.current = "outline" if name == "watch" else name
                if name == "outline":
                    self.outline_hidden = False  # f2 brings a hidden outline back
                self.apply()
                return

    def toggle_maximised(self) -> bool:
        """f11: the focused pane alone, or all panes again; returns whether one is maximised now."""
        self.maximised = not self.maximised
        self.apply()
        return self.maximised

    def toggle_outline(self) -> bool:
        """Returns whether the outline shows now."""
        self.outline_hidden = not self.outline_hidden
        self.apply()
        return not self.outline_hidden

    def resize_outline(self, step: int) -> int:
        low, high = OUTLINE_LIMITS
        self.outline_width = max(low, min(high, self.outline_width + step))
        self.outline_hidden = False
        self.apply()
        return self.outline_width

    def apply(self) -> None:
        front = {css: PANE_CLASSES[self.current] == css for css in set(PANE_CLASSES.values())}
        if self._applied and not self.front_pane_matters:
            # Which pane is in front is read by the stylesheet only with one pane on screen or the
            # transcript in the outline's place; a class changed on the screen restyles every widget
            # (~50 ms), so f4 between side-by-side panes changes none.
            front = {css: self._applied[css] for css in front}
        wanted = {"maximised": self.maximised, "no-outline": self.outline_hidden, **front}
        changed = {css: on for css, on in wanted.items() if self._applied.get(css) != on}
        if changed:
            self.screen.update_classes(changed)
        self._applied = wanted
        self.panes["outline"].styles.width = self.outline_width  # one pane: the stylesheet's min-width fills
        self.tab_strip.update(self.tabs())

    def tabs(self) -> Text:
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
