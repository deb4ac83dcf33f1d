"""The layout of the study screen's panes: one breakpoint for wide and narrow, f11, the outline's width."""

from studytui.ui.layout.pane_layout import BREAKPOINTS, NARROW_BELOW, OUTLINE_STEP, PaneLayout

__all__ = ["BREAKPOINTS", "NARROW_BELOW", "OUTLINE_STEP", "PaneLayout"]
