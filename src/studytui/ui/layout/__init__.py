"""The main screen's layout at any terminal size: panes as tabs when narrow, f11 maximise, the outline's width.

Shared, not a feature: it is given the panes and knows none of them.
"""

from studytui.ui.layout.layout_control import NARROW_BELOW, OUTLINE_STEP, LayoutController

__all__ = ["NARROW_BELOW", "OUTLINE_STEP", "LayoutController"]
